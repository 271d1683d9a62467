import 'reflect-metadata';
import { runSubgraphCli } from '@gongzhi/platform-service';
import { loadConfig } from './config';
import { deliberationModule } from './schema';

runSubgraphCli(deliberationModule, () => loadConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
