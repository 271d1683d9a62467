import type { ObjectLiteral, Repository } from 'typeorm';
import { decodeCursor, isUuid, toConnection, type ConnectionShape } from '@gongzhi/platform-graphql';

export interface PagePerKeyOptions<T> {
  /** Table name and the column that groups rows (e.g. `matter`, `compound_id`). */
  table: string;
  keyColumn: string;
  keyOf: (row: T) => string;
  keys: readonly string[];
  /** Extra SQL conditions on alias `x` (scope, filters), with their named parameters. */
  conditions: string[];
  params: Record<string, unknown>;
  first: number;
  after?: string | null;
}

/**
 * The first page of rows for each of many keys in ONE statement (a row_number() window per key), so a nested
 * list under a list of entities (`compounds { matters }`) costs one query, not one per parent.
 */
export async function pagePerKey<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  options: PagePerKeyOptions<T>,
): Promise<Map<string, ConnectionShape<T>>> {
  const after = decodeCursor(options.after);
  const keys = options.keys.filter(isUuid);
  const conditions = [...options.conditions, `x.${options.keyColumn} = ANY(:__keys)`];
  if (after) conditions.push('x.id > :__after');
  const rows = keys.length
    ? await repository
        .createQueryBuilder('r')
        .where(
          `r.id IN (SELECT ranked.id FROM (
             SELECT x.id, row_number() OVER (PARTITION BY x.${options.keyColumn} ORDER BY x.id) AS rn
               FROM ${options.table} x WHERE ${conditions.join(' AND ')}) ranked
            WHERE ranked.rn <= :__limit)`,
          { ...options.params, __keys: keys, __after: after, __limit: options.first + 1 },
        )
        .orderBy('r.id', 'ASC')
        .getMany()
    : [];
  const grouped = new Map<string, T[]>(options.keys.map((key) => [key, []]));
  for (const row of rows) grouped.get(options.keyOf(row))?.push(row);
  return new Map([...grouped].map(([key, list]) => [key, toConnection(list, options.first)]));
}
