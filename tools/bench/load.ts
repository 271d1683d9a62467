import { Pool } from 'undici';

/**
 * A small closed-loop HTTP load generator on undici: `connections` workers, each with one keep-alive connection
 * of its own, send the same request back to back (the next only after the previous answer is read), for a
 * fixed duration after a warm-up. Latency is measured per request from send to the last byte of the answer.
 * Several targets (e.g. two gateway processes on two ports) share the workers round-robin: worker i sends to
 * target i mod n, so each target gets the same number of connections.
 */
export interface LoadTarget {
  /** Absolute URL, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds?: number;
  /** Decides whether an answer counts as a success; by default HTTP 200. */
  accept?: (status: number, body: string) => boolean;
  /** Called when the measured window opens and when it closes (to read CPU counters over the same window). */
  onWindow?: (edge: 'start' | 'end') => void;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  /** Successful answers per second. */
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** The first refused answer, to say what went wrong. */
  firstError?: string;
}

/** The value at quantile q (0..1) of ascending sorted values, nearest rank; NaN when there are none. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Latencies (ms) and the measured window → throughput and percentiles. */
export function summarize(latencies: ArrayLike<number>, errors: number, seconds: number, firstError?: string): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    requests: sorted.length,
    errors,
    seconds,
    rps: seconds > 0 ? sorted.length / seconds : 0,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    ...(firstError ? { firstError } : {}),
  };
}

/** The median run of several (by throughput), so one disturbed run does not decide the figure. */
export function medianRun(runs: LoadResult[]): LoadResult {
  if (runs.length === 0) throw new Error('medianRun: no runs');
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** A growable Float64Array: no per-sample allocation in the hot loop. */
class Samples {
  private values = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }
  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

export async function runLoad(targets: LoadTarget[], options: LoadOptions): Promise<LoadResult> {
  if (targets.length === 0) throw new Error('runLoad: no targets');
  const accept = options.accept ?? ((status) => status === 200);
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string, connections: number) => {
    let pool = pools.get(origin);
    if (!pool) pools.set(origin, (pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 })));
    return pool;
  };
  const perTarget = targets.map((_, i) => Math.ceil((options.connections - i) / targets.length));
  const workers = Array.from({ length: options.connections }, (_, i) => {
    const target = targets[i % targets.length]!;
    const url = new URL(target.url);
    return { pool: poolFor(url.origin, perTarget[i % targets.length]!), path: url.pathname + url.search, target };
  });

  const samples = new Samples();
  let errors = 0;
  let firstError: string | undefined;
  const warmupMs = (options.warmupSeconds ?? 0) * 1000;
  const started = performance.now();
  const measureFrom = started + warmupMs;
  const stopAt = measureFrom + options.seconds * 1000;
  const fired = new Set<'start' | 'end'>();
  const edge = (which: 'start' | 'end') => {
    if (fired.has(which)) return;
    fired.add(which);
    options.onWindow?.(which);
  };
  const timers = [setTimeout(() => edge('start'), warmupMs), setTimeout(() => edge('end'), warmupMs + options.seconds * 1000)];

  await Promise.all(
    workers.map(async ({ pool, path, target }) => {
      const headers = { 'content-type': 'application/json', ...target.headers };
      for (;;) {
        const sent = performance.now();
        if (sent >= stopAt) return;
        const inWindow = sent >= measureFrom;
        let status = 0;
        let text = '';
        try {
          const response = await pool.request({ method: 'POST', path, headers, body: target.body });
          status = response.statusCode;
          text = await response.body.text();
        } catch (error) {
          text = (error as Error).message;
        }
        const done = performance.now();
        if (!inWindow || done > stopAt) continue;
        if (accept(status, text)) samples.push(done - sent);
        else {
          errors++;
          firstError ??= `${status}: ${text.slice(0, 300)}`;
        }
      }
    }),
  );
  timers.forEach(clearTimeout);
  edge('start');
  edge('end');
  await Promise.all([...pools.values()].map((pool) => pool.close()));
  return summarize(samples.view(), errors, options.seconds, firstError);
}
