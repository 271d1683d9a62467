import type { DataSource } from 'typeorm';
import { LEGACY_KEY_ID, type PersonalDataCipher } from './personal-data';

/** Every column that holds a sealed identifier, per table; a new one must be listed here or it keeps its old key. */
const SEALED_COLUMNS = [
  { table: 'resident', columns: ['id_number_cipher', 'phone_cipher'] },
  { table: 'owner', columns: ['id_number_cipher'] },
] as const;

type SealedTable = (typeof SEALED_COLUMNS)[number]['table'];

export interface ReencryptionCount {
  table: SealedTable;
  /** Rows whose ciphertexts were rewritten under the current key. */
  rows: number;
  /** Ciphertexts rewritten (a resident has up to two). */
  ciphertexts: number;
  /** Rows that still name another key when the run ends: locked by a writer at the time, or written since by an instance on an older keyring. */
  remaining: number;
}

export interface ReencryptionOptions {
  /** Rows per transaction: small enough to hold few locks for a short time. */
  batchSize?: number;
  /** Called after each committed batch. */
  onBatch?: (table: SealedTable, rows: number) => void;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Rewrites every ciphertext of residents and owners under the current key (密钥轮换), so the keys before it
 * can be retired. Each batch locks its rows `FOR UPDATE SKIP LOCKED`, decrypts and re-seals them and commits
 * on its own, so the service keeps running and an interrupted run resumes where it stopped: rows already under
 * the current key are never selected again. Lookup hashes are not touched (they are identity keys).
 */
export class PersonalDataReencryption {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async run(options: ReencryptionOptions = {}): Promise<ReencryptionCount[]> {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batch size must be a positive integer');
    const counts: ReencryptionCount[] = [];
    for (const { table, columns } of SEALED_COLUMNS) {
      const count: ReencryptionCount = { table, rows: 0, ciphertexts: 0, remaining: 0 };
      // Keyset order by id: each batch starts after the last, so skipped (locked) rows do not stall the run.
      let after = NO_ID;
      for (;;) {
        const batch = await this.dataSource.transaction(async (manager) => {
          const rows = (await manager.query(
            `SELECT id, ${columns.join(', ')} FROM ${table}
             WHERE id > $1 AND (${stale(columns, '$2')})
             ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
            [after, this.cipher.currentPrefix, batchSize],
          )) as Record<string, string | null>[];
          if (rows.length === 0) return { rows: 0, ciphertexts: 0, last: null };
          let ciphertexts = 0;
          const resealed = columns.map((column) =>
            rows.map((row) => {
              const sealed = row[column];
              if (sealed === null || sealed === undefined || sealed.startsWith(this.cipher.currentPrefix)) return sealed ?? null;
              ciphertexts += 1;
              try {
                return this.cipher.reseal(sealed);
              } catch (error) {
                throw new Error(`${table} ${row.id} ${column}: ${error instanceof Error ? error.message : String(error)}`);
              }
            }),
          );
          const ids = rows.map((row) => row.id);
          await manager.query(
            `UPDATE ${table} AS t SET ${columns.map((column) => `${column} = u.${column}`).join(', ')}
             FROM unnest($1::uuid[], ${columns.map((_, i) => `$${i + 2}::text[]`).join(', ')}) AS u(id, ${columns.join(', ')})
             WHERE t.id = u.id`,
            [ids, ...resealed],
          );
          return { rows: rows.length, ciphertexts, last: ids[ids.length - 1]! };
        });
        if (batch.last === null) break;
        count.rows += batch.rows;
        count.ciphertexts += batch.ciphertexts;
        after = batch.last;
        options.onBatch?.(table, batch.rows);
      }
      const [left] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${stale(columns, '$1')}`, [this.cipher.currentPrefix])) as { n: number }[];
      count.remaining = left!.n;
      counts.push(count);
    }
    return counts;
  }

  /** How many ciphertexts each key protects (`v1.` ones count as k1): a key may be retired once it has none. */
  async ciphertextsByKey(): Promise<{ kid: string; ciphertexts: number }[]> {
    const sealed = SEALED_COLUMNS.flatMap(({ table, columns }) => columns.map((column) => `SELECT ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL`));
    return (await this.dataSource.query(
      `SELECT CASE WHEN starts_with(sealed, 'v1.') THEN $1 ELSE split_part(sealed, '.', 2) END AS kid, count(*)::int AS ciphertexts
       FROM (${sealed.join(' UNION ALL ')}) AS s GROUP BY 1 ORDER BY 1`,
      [LEGACY_KEY_ID],
    )) as { kid: string; ciphertexts: number }[];
  }
}

/** A row with any ciphertext not sealed by the current key (`starts_with`, since `_` in a kid is a LIKE wildcard). */
function stale(columns: readonly string[], prefixParam: string): string {
  return columns.map((column) => `NOT starts_with(${column}, ${prefixParam})`).join(' OR ');
}
