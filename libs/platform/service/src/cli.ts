import { writeFileSync } from 'node:fs';
import type { ServiceConfig } from '@gongzhi/platform-config';
import { migrateSubgraph, printSubgraphSdl, startSubgraph } from './start-subgraph';
import type { SubgraphModule } from './subgraph-module';

/**
 * The entry point of every subgraph app: `serve` (default), `migrate`, or `print-schema <file>`.
 */
export async function runSubgraphCli<C extends ServiceConfig>(module: SubgraphModule<C>, loadConfig: () => C, argv = process.argv.slice(2)): Promise<void> {
  const [command = 'serve', target] = argv;
  if (command === 'print-schema') {
    const sdl = await printSubgraphSdl(module);
    if (target) writeFileSync(target, sdl);
    else process.stdout.write(sdl);
    return;
  }
  const config = loadConfig();
  if (command === 'migrate') {
    const applied = await migrateSubgraph(module, config);
    process.stdout.write(`${module.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`);
    return;
  }
  if (command !== 'serve') throw new Error(`unknown command "${command}": use serve, migrate or print-schema`);
  const service = await startSubgraph(module, config);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    service.logger.info('shutting down');
    // A stop that hangs (a dependency gone away mid-shutdown) must not leave the process behind.
    setTimeout(() => process.exit(1), 15_000).unref();
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
