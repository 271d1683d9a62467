import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ImportFormat, ImportKind, ImportService, loadImportConfig, orgModule, PersonalDataCipher } from '@gongzhi/app-org';
import { createDataSourceFor } from '@gongzhi/platform-service';
import { SCOPE_PATH } from '@gongzhi/platform-auth';

const USAGE = `usage: npm run import -- --kind DWELLINGS|OWNERS|RESIDENTS --file <path> [--format CSV|NDJSON] [--scope /510112/ ...] [--operator name]

Streams a file into the org database (DATABASE_URL) through the same checks and merge as the startImport
mutation, for files too large to send through the gateway. It acts as a district administrator of the given
scopes (default: the whole deployment) and records the operator as the importer.`;

function progressBar(done: number, total: number, startedAt: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * 30);
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = seconds > 0 ? done / seconds / 1_048_576 : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${(done / 1_048_576).toFixed(1)} / ${(total / 1_048_576).toFixed(1)} MB  ${rate.toFixed(1)} MB/s`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      file: { type: 'string' },
      format: { type: 'string' },
      scope: { type: 'string', multiple: true, default: ['/'] },
      operator: { type: 'string', default: process.env.USER ?? 'operator' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const problems: string[] = [];
  const kind = values.kind?.toUpperCase() as ImportKind | undefined;
  if (!kind || !Object.values(ImportKind).includes(kind)) problems.push(`--kind must be one of ${Object.values(ImportKind).join(', ')}`);
  if (!values.file) problems.push('--file is required');
  const format = (values.format?.toUpperCase() ?? (values.file?.toLowerCase().endsWith('.ndjson') ? 'NDJSON' : 'CSV')) as ImportFormat;
  if (!Object.values(ImportFormat).includes(format)) problems.push('--format must be CSV or NDJSON');
  const scopes = values.scope as string[];
  for (const scope of scopes) if (!SCOPE_PATH.test(scope)) problems.push(`--scope ${scope}: must be a slash-terminated path like /510112/`);
  let size = 0;
  try {
    if (values.file) size = statSync(values.file).size;
  } catch {
    problems.push(`--file ${values.file}: cannot be read`);
  }
  if (problems.length) throw new Error(`${problems.join('\n')}\n\n${USAGE}`);

  const config = loadImportConfig();
  const dataSource = createDataSourceFor(orgModule, config);
  await dataSource.initialize();
  const startedAt = Date.now();
  try {
    const service = new ImportService(dataSource, new PersonalDataCipher(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY));
    const user = { sub: `cli:${values.operator}`, roles: ['district_admin' as const], scopes };
    const job = await service.run(user, createReadStream(values.file!, { highWaterMark: 1 << 20 }), {
      kind: kind!,
      format,
      onProgress: process.stderr.isTTY ? (bytes) => process.stderr.write(progressBar(bytes, size, startedAt)) : undefined,
    });
    if (process.stderr.isTTY) process.stderr.write(`${progressBar(size, size, startedAt)}\n`);
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(
      `import ${job.id}: ${job.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(job.totalRows / seconds)} rows/s): ` +
        `${job.inserted} inserted, ${job.updated} updated, ${job.unchanged} unchanged, ${job.rejected} rejected\n`,
    );
    if (job.rejected > 0) {
      const rows = (await dataSource.query(`SELECT line, message FROM import_rejection WHERE import_id = $1 ORDER BY line LIMIT 20`, [job.id])) as { line: number; message: string }[];
      for (const row of rows) process.stdout.write(`  line ${row.line}: ${row.message}\n`);
      if (job.rejected > rows.length) process.stdout.write(`  … and ${job.rejected - rows.length} more (query importJob(id: "${job.id}") { rejections })\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
