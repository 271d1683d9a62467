import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { requireCapability, type AuthUser } from '@gongzhi/platform-auth';
import { decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { PersonalDataCipher } from '../resident/personal-data';
import { csvField, RowError, type Raw } from './import-fields';
import { KINDS, type Query } from './import-kinds';
import { ImportFormat, ImportJob, ImportKind, ImportRejection } from './import.entity';

export interface ImportOptions {
  kind: ImportKind;
  format: ImportFormat;
  /** Called as input is consumed, with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
}

interface Rejection {
  line: number;
  field: string;
  reason: string;
  message: string;
}

/** How many characters of staged CSV go to COPY in one chunk. */
const COPY_BATCH_CHARS = 64 * 1024;

function likePattern(scope: string): string {
  return `${scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Parsed records with their line numbers, from CSV (header row) or NDJSON. */
async function* records(source: Readable, format: ImportFormat): AsyncGenerator<{ line: number; raw: Raw | Error }> {
  if (format === ImportFormat.CSV) {
    const parser = source.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Raw; info: { lines: number } }>) yield { line: info.lines, raw: record };
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input: source, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    try {
      const parsed = JSON.parse(text) as unknown;
      yield { line, raw: parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Raw) : new Error('not a JSON object') };
    } catch {
      yield { line, raw: new Error('not valid JSON') };
    }
  }
}

/**
 * Bulk import: the input is streamed (never held whole in memory), each row is checked field by field and
 * COPY'd into a staging table; checks that need the database (unknown codes, scope, duplicates) reject rows in
 * SQL; the rest is merged with set-based upserts that change only what differs, so importing the same file
 * twice changes nothing the second time. Everything, the report included, commits in one transaction.
 */
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async run(user: AuthUser, source: Readable, options: ImportOptions): Promise<ImportJob> {
    requireCapability(user, 'registry:write');
    const kind = KINDS[options.kind];
    const startedAt = new Date();
    const importId = uuidv7();
    const scopes = user.scopes.map(likePattern);
    const rejections: Rejection[] = [];
    let totalRows = 0;

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const query: Query = async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[];
    try {
      await query('BEGIN');
      await query(`CREATE TEMP TABLE stage (line integer PRIMARY KEY, ${kind.columns.map(([name, type]) => `${name} ${type}`).join(', ')}) ON COMMIT DROP`);

      let bytes = 0;
      const counted = source.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            options.onProgress?.(bytes);
            done(null, chunk);
          },
        }),
      );
      const cipher = this.cipher;
      // Rows go to COPY in batches of about COPY_BATCH_CHARS: pg-copy-streams writes each chunk to the socket
      // on its own (two writes a chunk), so one chunk per row would cost two system calls per row.
      const rows = Readable.from(
        (async function* () {
          let batch = '';
          for await (const { line, raw } of records(counted, options.format)) {
            totalRows++;
            if (raw instanceof Error) {
              rejections.push({ line, field: '(row)', reason: 'MALFORMED_ROW', message: raw.message });
              continue;
            }
            try {
              batch += `${[line, ...kind.normalize(raw, cipher)].map(csvField).join(',')}\n`;
            } catch (error) {
              if (!(error instanceof RowError)) throw error;
              rejections.push({ line, field: error.field, reason: error.reason, message: `${error.field}: ${error.message}` });
            }
            if (batch.length >= COPY_BATCH_CHARS) {
              yield batch;
              batch = '';
            }
          }
          if (batch) yield batch;
        })(),
      );
      const copy = client.query(copyFrom(`COPY stage (line, ${kind.columns.map(([name]) => name).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(rows, copy as unknown as Writable);

      for (const check of kind.checks) {
        const bad = await query(`SELECT line, message FROM (${check.sql}) bad`, check.sql.includes('$1') ? [scopes] : []);
        for (const row of bad) rejections.push({ line: row.line as number, field: check.field, reason: check.reason, message: `${check.field}: ${row.message as string}` });
        if (bad.length) await query('DELETE FROM stage WHERE line = ANY($1)', [bad.map((row) => row.line)]);
      }
      const grouped = (await kind.groupCheck?.(query)) ?? [];
      rejections.push(...grouped.map((r) => ({ ...r, message: `${r.field}: ${r.message}` })));
      if (grouped.length) await query('DELETE FROM stage WHERE line = ANY($1)', [grouped.map((r) => r.line)]);

      const [{ valid }] = (await query('SELECT count(*)::int AS valid FROM stage')) as [{ valid: number }];
      const { inserted, updated } = await kind.merge(query);
      await query(
        `INSERT INTO import_job (id, kind, format, total_rows, inserted, updated, unchanged, rejected, started_by, scope_paths, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [importId, options.kind, options.format, totalRows, inserted, updated, valid - inserted - updated, rejections.length, user.sub, [...user.scopes], startedAt],
      );
      if (rejections.length) {
        rejections.sort((a, b) => a.line - b.line);
        await query(
          `INSERT INTO import_rejection (id, import_id, line, field, reason, message)
           SELECT uuid_v7(), $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
          [importId, rejections.map((r) => r.line), rejections.map((r) => r.field), rejections.map((r) => r.reason), rejections.map((r) => r.message)],
        );
      }
      await query('COMMIT');
    } catch (error) {
      await query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    return this.dataSource.getRepository(ImportJob).findOneByOrFail({ id: importId });
  }

  /** An import the caller started, or one inside the caller's scopes. */
  async get(user: AuthUser, id: string): Promise<ImportJob> {
    const job = await this.dataSource.getRepository(ImportJob).findOneBy({ id: parseId(id, 'id') });
    if (!job || (job.startedBy !== user.sub && !job.scopePaths.every((path) => user.scopes.some((scope) => path.startsWith(scope))))) {
      throw new NotFoundError('IMPORT_NOT_FOUND', `id: no import ${id} is visible to you`, 'id');
    }
    return job;
  }

  async rejections(importId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<ImportRejection>> {
    const after = decodeCursor(page.after);
    const query = this.dataSource
      .getRepository(ImportRejection)
      .createQueryBuilder('r')
      .where('r.import_id = :importId', { importId })
      .orderBy('r.line', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(page.first + 1);
    if (after) query.andWhere('(r.line, r.id) > (SELECT p.line, p.id FROM import_rejection p WHERE p.id = :after)', { after });
    return toConnection(await query.getMany(), page.first);
  }
}
