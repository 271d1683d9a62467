import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { MessagingOutboxPendingOrder1763840000000, MessagingTables1763700000000 } from '../src/migration';
import { CLAIM_SQL, nextRetryInMs } from '../src/relay';

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
    const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
    await new MessagingTables1763700000000().up(runner);
    await new MessagingOutboxPendingOrder1763840000000().up(runner);
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

  it('claims the next batch through the pending index even when statistics still count a bulk load as pending', async () => {
    // A bulk import's events, analysed while pending and then all published: the statistics say most of the
    // outbox waits, as they do until the next ANALYZE.
    await client.query(
      `INSERT INTO outbox (id, type, envelope) SELECT gen_random_uuid(), 'org.dwelling.registered.v1', '{"a":1}' FROM generate_series(1, 20000)`,
    );
    await client.query('ANALYZE outbox');
    await client.query('UPDATE outbox SET published_at = now() WHERE published_at IS NULL');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${CLAIM_SQL.replace('$1', '100')}`);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('outbox_pending_seq_idx');
    expect(plan).not.toContain('Seq Scan');
  });
});
