import DataLoader from 'dataloader';
import type { AuthContext } from '@gongzhi/platform-auth';

/** Per-request DataLoaders, created on first use so every entity reference in one request batches. */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>, cacheKey?: (key: K) => unknown): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, { maxBatchSize: 1000, ...(cacheKey ? { cacheKeyFn: cacheKey } : {}) });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

export interface RequestContext extends AuthContext {
  loaders: Loaders;
  requestId: string;
}

/** Loads rows for many keys with one query and returns them in key order (null where missing). */
export function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const index = new Map<K, T>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups rows by key, in key order (an empty list where none). */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const index = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  }
  return keys.map((key) => index.get(key) ?? []);
}
