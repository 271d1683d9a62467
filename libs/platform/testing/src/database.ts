import { randomBytes } from 'node:crypto';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';

/** The PostgreSQL server tests create their databases on (trust auth on this project's machines). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test file (or one service inside it). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `gz_test_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(TEST_SERVER_URL, name);
  return { name, url: databaseUrl(TEST_SERVER_URL, name), drop: () => dropDatabase(TEST_SERVER_URL, name) };
}

/** A prefix that keeps this run's NATS subjects, streams and consumers apart from every other run's. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}
