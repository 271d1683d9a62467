import 'reflect-metadata';
import { runSubgraphCli } from '@gongzhi/platform-service';
import { loadConfig } from './config';
import { fundModule } from './schema';

runSubgraphCli(fundModule, () => loadConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
