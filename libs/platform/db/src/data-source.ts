import { DataSource, type EntityManager, type MixedList, type EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';
import { StatementCountingLogger } from './statement-count';

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  /** Count the SQL statements of each `countStatements` run (benchmarks and development only). */
  countStatements?: boolean;
}

/** A PostgreSQL DataSource that never touches the schema by itself: only reviewed migrations do. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName,
    extra: { max: options.poolSize ?? 10 },
    ...(options.countStatements ? { logger: new StatementCountingLogger() } : {}),
  });
}

/** Applies pending migrations and returns the names applied. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const wasInitialized = dataSource.isInitialized;
  if (!wasInitialized) await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (!wasInitialized) await dataSource.destroy();
  }
}

export type Tx = EntityManager;
