import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { JetStreamClient } from '@nats-io/jetstream';
import { natsSubject, type EventEnvelope } from '@gongzhi/contracts-events';

export interface RelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  js: JetStreamClient;
  prefix: string;
  batchSize: number;
  maxBackoffMs: number;
  /** A sweep that also runs without NOTIFY, in case the LISTEN connection was lost. */
  safetySweepMs?: number;
  publishTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
}

interface OutboxRow {
  id: string;
  envelope: EventEnvelope;
  attempts: number;
}

/** The next batch of due events in production order ($1: batch size), locked against other relay instances. */
export const CLAIM_SQL = `SELECT id, envelope, attempts FROM outbox
  WHERE published_at IS NULL AND next_attempt_at <= now()
  ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`;

/** Capped exponential backoff with jitter: 250 ms, 500 ms, 1 s, … up to `maxBackoffMs`. */
export function backoffMs(attempts: number, maxBackoffMs: number): number {
  const exponential = Math.min(maxBackoffMs, 250 * 2 ** Math.min(attempts - 1, 16));
  return Math.round(exponential * (0.75 + Math.random() * 0.25));
}

/**
 * Publishes outbox rows to JetStream. Woken by NOTIFY at commit, it claims a batch with
 * `FOR UPDATE SKIP LOCKED` (several instances share the work), publishes each with `Nats-Msg-Id` = event id
 * (JetStream drops a re-publication inside its duplicate window) and marks what was acknowledged. Failures
 * are retried with capped exponential backoff; nothing is lost while NATS is down.
 */
export class OutboxRelay {
  private listener: Client | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RelayOptions) {}

  async start(): Promise<void> {
    await this.listen();
    this.sweepTimer = setInterval(() => this.wake(), this.options.safetySweepMs ?? 15_000);
    this.sweepTimer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.running;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Runs a relay pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.options.log?.('outbox relay pass failed', error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'outbox-relay' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      if (this.stopped) return;
      this.options.log?.('outbox LISTEN connection lost; reconnecting', error);
      client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      setTimeout(() => this.listen().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query('LISTEN outbox');
    this.listener = client;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const claimed = await this.pass();
      if (claimed < this.options.batchSize) break;
    }
    await this.scheduleRetry();
  }

  /** Publishes one batch; returns how many rows went out (0 when any failed, to end the drain). */
  private async pass(): Promise<number> {
    const { dataSource, js, prefix, batchSize, maxBackoffMs } = this.options;
    const timeout = this.options.publishTimeoutMs ?? 5_000;
    return dataSource.transaction(async (manager) => {
      const rows = (await manager.query(CLAIM_SQL, [batchSize])) as OutboxRow[];
      if (rows.length === 0) return 0;
      const results = await Promise.allSettled(
        rows.map((row) =>
          js.publish(natsSubject(prefix, row.envelope.type), JSON.stringify(row.envelope), { msgID: row.id, timeout }),
        ),
      );
      const published = rows.filter((_, i) => results[i]!.status === 'fulfilled').map((row) => row.id);
      if (published.length > 0) {
        await manager.query('UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = ANY($1)', [published]);
      }
      let failures = 0;
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') continue;
        failures++;
        const row = rows[i]!;
        const reason = result.reason as Error | undefined;
        await manager.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
            WHERE id = $1`,
          [row.id, String(reason?.message ?? reason).slice(0, 500), backoffMs(row.attempts + 1, maxBackoffMs)],
        );
      }
      if (failures > 0) this.options.log?.(`outbox relay: ${failures} event(s) not published yet, will retry`);
      return failures > 0 ? 0 : rows.length;
    });
  }

  /** Wakes the relay when the earliest postponed event is due. */
  private async scheduleRetry(): Promise<void> {
    if (this.stopped) return;
    const dueIn = await nextRetryInMs(this.options.dataSource);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (dueIn === null) return;
    this.retryTimer = setTimeout(() => this.wake(), dueIn + 5);
    this.retryTimer.unref();
  }
}

/**
 * Milliseconds until the earliest unpublished event is due (0 when one is due now), or null when nothing waits.
 * (GREATEST ignores NULL in PostgreSQL: clamping in SQL would turn "nothing waits" into "due now" and make an
 * idle relay poll without end.)
 */
export async function nextRetryInMs(dataSource: Pick<DataSource, 'query'>): Promise<number | null> {
  const [row] = (await dataSource.query(
    `SELECT (EXTRACT(EPOCH FROM (min(next_attempt_at) - now())) * 1000)::bigint AS due_in
       FROM outbox WHERE published_at IS NULL`,
  )) as { due_in: string | null }[];
  if (row?.due_in === null || row?.due_in === undefined) return null;
  return Math.max(0, Number(row.due_in));
}
