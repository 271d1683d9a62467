import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { MessagingTables1763700000000 } from '../src/migration';
import { nextRetryInMs } from '../src/relay';

const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('when the outbox relay runs next', () => {
  const name = `gz_test_relay_${randomBytes(5).toString('hex')}`;
  let client: Client;
  const db = {
    query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
  } as unknown as Pick<DataSource, 'query'>;
  const insert = (id: string, dueInSeconds: number, published: boolean) =>
    client.query(
      `INSERT INTO outbox (id, type, envelope, next_attempt_at, published_at)
       VALUES ($1, 'org.area.created.v1', '{}', now() + make_interval(secs => $2), CASE WHEN $3 THEN now() END)`,
      [id, dueInSeconds, published],
    );

  beforeAll(async () => {
    await ensureDatabase(SERVER, name);
    client = new Client({ connectionString: databaseUrl(SERVER, name) });
    await client.connect();
    await new MessagingTables1763700000000().up({ query: (sql: string) => client.query(sql) } as unknown as QueryRunner);
  });
  afterAll(async () => {
    await client.end();
    await dropDatabase(SERVER, name);
  });

  it('is never when nothing waits, so an idle relay sleeps until NOTIFY wakes it', async () => {
    expect(await nextRetryInMs(db)).toBeNull();
    await insert('00000000-0000-4000-8000-000000000001', -5, true);
    expect(await nextRetryInMs(db)).toBeNull();
  });

  it('is when the earliest postponed event is due, and now for one already due', async () => {
    await insert('00000000-0000-4000-8000-000000000002', 60, false);
    const later = await nextRetryInMs(db);
    expect(later).toBeGreaterThan(50_000);
    expect(later).toBeLessThanOrEqual(60_000);
    await insert('00000000-0000-4000-8000-000000000003', -5, false);
    expect(await nextRetryInMs(db)).toBe(0);
  });
});
