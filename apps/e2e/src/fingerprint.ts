import type { DataSource } from 'typeorm';
import type { Graph } from './graph';

/**
 * Tables whose rows a refused call may legitimately add: the delivery machinery, migrations, and the
 * append-only access log that records refused reads of personal data on purpose.
 */
const NOT_GOVERNED = new Set(['migrations', 'outbox', 'inbox', 'personal_data_access']);

export type Fingerprint = Record<string, string>;

type Service = 'org' | 'deliberation' | 'property' | 'fund';
const SERVICES: Service[] = ['org', 'deliberation', 'property', 'fund'];

/**
 * How rows of a table are told apart as B's or C's: by their scope path, by the scopes an import ran under,
 * through their parent; tables with none of these are compared whole.
 */
function scopeCondition(table: string, columns: string[]): string | undefined {
  if (columns.includes('scope_path')) return 'x.scope_path LIKE ANY($1)';
  if (columns.includes('scope_paths')) return 'EXISTS (SELECT 1 FROM unnest(x.scope_paths) p WHERE p LIKE ANY($1))';
  if (table === 'import_rejection') return 'x.import_id IN (SELECT j.id FROM import_job j WHERE EXISTS (SELECT 1 FROM unnest(j.scope_paths) p WHERE p LIKE ANY($1)))';
  return undefined;
}

async function tablesOf(dataSource: DataSource): Promise<{ table: string; condition?: string }[]> {
  const rows: { table_name: string; columns: string[] }[] = await dataSource.query(
    `SELECT t.table_name, array(SELECT c.column_name::text FROM information_schema.columns c
              WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name) AS columns
       FROM information_schema.tables t
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY t.table_name`,
  );
  return rows.filter((row) => !NOT_GOVERNED.has(row.table_name)).map((row) => ({ table: row.table_name, condition: scopeCondition(row.table_name, row.columns) }));
}

/**
 * Row count and a digest of every row per table and service: rows under `scopePrefixes` or at exactly one of
 * `exactScopes` where a table tells (see `scopeCondition`), every row otherwise (such rows hang off scoped
 * parents, so any change there is suspect). One statement per service.
 */
export async function fingerprint(graph: Graph, scopePrefixes: string[], exactScopes: string[] = []): Promise<Fingerprint> {
  const result: Fingerprint = {};
  // Scope paths hold no % or _, so an exact path is a LIKE pattern matching only itself.
  const patterns = [...scopePrefixes.map((prefix) => `${prefix}%`), ...exactScopes];
  for (const service of SERVICES) {
    const dataSource = graph[service].service.dataSource;
    const tables = await tablesOf(dataSource);
    const sql = tables
      .map(
        ({ table, condition }) =>
          `SELECT '${table}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h
             FROM "${table}" x${condition ? ` WHERE ${condition}` : ''}`,
      )
      .join(' UNION ALL ');
    const rows: { t: string; n: number; h: string }[] = await dataSource.query(sql, tables.some((t) => t.condition) ? [patterns] : []);
    for (const row of rows) result[`${service}.${row.t}`] = `${row.n}:${row.h}`;
  }
  return result;
}

/** Every table whose fingerprint differs, with both values, for a readable failure. */
export function changedTables(before: Fingerprint, after: Fingerprint): Record<string, [string | undefined, string | undefined]> {
  const changed: Record<string, [string | undefined, string | undefined]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key]) changed[key] = [before[key], after[key]];
  }
  return changed;
}

/** Row counts of every table of every service (the fuzz spec's "no partial rows" check). */
export async function rowCounts(graph: Graph): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const service of SERVICES) {
    const dataSource = graph[service].service.dataSource;
    const tables = await tablesOf(dataSource);
    const rows: { t: string; n: number }[] = await dataSource.query(tables.map(({ table }) => `SELECT '${table}' AS t, count(*)::int AS n FROM "${table}"`).join(' UNION ALL '));
    for (const row of rows) counts[`${service}.${row.t}`] = row.n;
  }
  return counts;
}
