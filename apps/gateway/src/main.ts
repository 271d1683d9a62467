import 'reflect-metadata';
import { loadConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const gateway = await startGateway(loadConfig());
  const shutdown = () => gateway.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
