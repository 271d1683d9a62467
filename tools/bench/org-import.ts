import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DwellingService, ELECTORATE_SQL, ImportFormat, ImportKind, ImportService, loadImportConfig, orgModule, PersonalDataCipher } from '@gongzhi/app-org';
import type { AuthUser } from '@gongzhi/platform-auth';
import { databaseUrl, dropDatabase, ensureDatabase } from '@gongzhi/platform-db';
import { createDataSourceFor, migrateSubgraph } from '@gongzhi/platform-service';
import { compoundCode, communityCode, DISTRICT_CODE, idNumber, SIZES, streetCode, writeDistrictFiles } from '../seed/district';
import { machine, median, timed, writeSection } from './report';

/**
 * org at district scale: bulk import rows/s against plain `psql \copy` of the same rows into the same indexed
 * tables, and the art. 278 electorate of a 5,000-dwelling compound against the raw SQL that computes it.
 *   npm run bench:org -- [--size small|district]
 */
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin: AuthUser = { sub: 'bench', roles: ['platform_admin'], scopes: ['/'] };

function psql(url: string, command: string): void {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', command], { stdio: 'pipe' });
}

async function freshDatabase(name: string) {
  await dropDatabase(SERVER, name);
  await ensureDatabase(SERVER, name);
  const url = databaseUrl(SERVER, name);
  const config = loadImportConfig({ DATABASE_URL: url, NODE_ENV: 'development' });
  await migrateSubgraph(orgModule, config);
  const dataSource = createDataSourceFor(orgModule, config);
  await dataSource.initialize();
  return { url, dataSource, config };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'district' }, 'no-write': { type: 'boolean', default: false } } });
  const size = SIZES[values.size as keyof typeof SIZES];
  if (!size) throw new Error('--size must be small or district');
  const work = mkdtempSync(path.join(tmpdir(), 'gz-bench-org-'));
  const main = await freshDatabase('gz_bench_org');
  const baseline = await freshDatabase('gz_bench_org_copy');
  try {
    const cipher = new PersonalDataCipher(main.config.PII_ENCRYPTION_KEYS, main.config.PII_HASH_KEY);
    const imports = new ImportService(main.dataSource, cipher);

    process.stdout.write('seeding the administrative tree and compounds …\n');
    const areas: string[] = [];
    const compounds: string[] = [];
    for (let s = 0; s < size.streets; s++) {
      areas.push(streetCode(s));
      for (let c = 0; c < size.communitiesPerStreet; c++) {
        areas.push(communityCode(s, c));
        for (let k = 0; k < size.compoundsPerCommunity; k++) compounds.push(compoundCode(s, c, k));
      }
    }
    await main.dataSource.query(
      `INSERT INTO area (id, code, name, level, parent_id, scope_path) VALUES (uuid_v7(), $1, '龙泉驿区', 'DISTRICT', NULL, $2)`,
      [DISTRICT_CODE, `/${DISTRICT_CODE}/`],
    );
    for (const code of areas) {
      await main.dataSource.query(
        `INSERT INTO area (id, code, name, level, parent_id, scope_path)
         SELECT uuid_v7(), $1, '区域' || $1, CASE WHEN length($1) = 9 THEN 'STREET' ELSE 'COMMUNITY' END, p.id, p.scope_path || $1 || '/' FROM area p WHERE p.code = left($1, length($1) - 3)`,
        [code],
      );
    }
    await main.dataSource.query(
      `INSERT INTO compound (id, code, name, community_id, type, management_mode, scope_path)
       SELECT uuid_v7(), c.code, '小区' || c.code, a.id, 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', a.scope_path || c.code || '/'
         FROM unnest($1::text[]) AS c(code) JOIN area a ON a.code = left(c.code, 12)`,
      [[...compounds, `${communityCode(0, 0)}999`]],
    );

    process.stdout.write('generating files …\n');
    const files = await writeDistrictFiles(size, work);

    process.stdout.write(`importing ${files.dwellingRows} dwellings and ${files.residentRows} residents through the import service …\n`);
    const dwellingRun = await timed(() => imports.run(admin, createReadStream(files.dwellings, { highWaterMark: 1 << 20 }), { kind: ImportKind.DWELLINGS, format: ImportFormat.CSV }));
    const residentRun = await timed(() => imports.run(admin, createReadStream(files.residents, { highWaterMark: 1 << 20 }), { kind: ImportKind.RESIDENTS, format: ImportFormat.CSV }));
    if (dwellingRun.result.rejected || residentRun.result.rejected) throw new Error('the generated district should import without rejections');

    process.stdout.write('baseline: psql \\copy of the same rows into the same tables …\n');
    const export_ = (table: string) => {
      const file = path.join(work, `${table}.copy.csv`);
      psql(main.url, `\\copy ${table} TO '${file}' CSV`);
      return file;
    };
    for (const table of ['area', 'compound', 'building', 'unit']) psql(baseline.url, `\\copy ${table} FROM '${export_(table)}' CSV`);
    const dwellingFile = export_('dwelling');
    const residentFile = export_('resident');
    const residencyFile = export_('residency');
    const copyDwellings = await timed(async () => psql(baseline.url, `\\copy dwelling FROM '${dwellingFile}' CSV`));
    const copyResidents = await timed(async () => {
      psql(baseline.url, `\\copy resident FROM '${residentFile}' CSV`);
      psql(baseline.url, `\\copy residency FROM '${residencyFile}' CSV`);
    });

    process.stdout.write('electorate of a 5,000-dwelling compound …\n');
    const big = `${communityCode(0, 0)}999`;
    const bigFile = path.join(work, 'big.csv');
    const ownersFile = path.join(work, 'big-owners.csv');
    const out = createWriteStream(bigFile);
    const owners = createWriteStream(ownersFile);
    out.write('compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n');
    owners.write('compound_code,building,unit,room,owner_kind,owner_name,id_number,credit_code,is_developer,share\n');
    // One buyer holds every three dwellings; every fiftieth dwelling is still the developer's.
    for (let d = 0; d < 5_000; d++) {
      const building = String(1 + Math.floor(d / 100));
      const unit = String(1 + Math.floor((d % 100) / 25));
      const room = String(101 + (d % 25));
      const unsold = d % 50 === 0;
      out.write(`${big},${building},${unit},${room},${80 + (d % 40)}.${String(d % 100).padStart(2, '0')},REGISTER,${unsold}\n`);
      owners.write(
        unsold
          ? `${big},${building},${unit},${room},ORGANIZATION,龙泉置业,,91350100M000100Y43,true,\n`
          : `${big},${building},${unit},${room},PERSON,业主${Math.floor(d / 3)},${idNumber(2_000_000 + Math.floor(d / 3))},,,\n`,
      );
    }
    out.end();
    owners.end();
    await Promise.all([once(out, 'finish'), once(owners, 'finish')]);
    await imports.run(admin, createReadStream(bigFile), { kind: ImportKind.DWELLINGS, format: ImportFormat.CSV });
    const ownerJob = await imports.run(admin, createReadStream(ownersFile), { kind: ImportKind.OWNERS, format: ImportFormat.CSV });
    if (ownerJob.rejected) throw new Error(`owners of the 5,000-dwelling compound: ${ownerJob.rejected} rejected`);
    const [{ id: bigId }] = (await main.dataSource.query('SELECT id FROM compound WHERE code = $1', [big])) as { id: string }[];
    const dwellings = new DwellingService(main.dataSource, cipher);
    const serviceTimes: number[] = [];
    const rawTimes: number[] = [];
    let headcount = 0;
    for (let i = 0; i < 15; i++) {
      const service = await timed(() => dwellings.electorate(admin, bigId!));
      headcount = service.result.headcount;
      const raw = await timed(() => main.dataSource.query(`${ELECTORATE_SQL} WHERE d.compound_id = $1 GROUP BY d.id, b.number, u.number ORDER BY b.number, u.number, d.room_number`, [bigId]));
      if (i >= 3) {
        serviceTimes.push(service.ms);
        rawTimes.push(raw.ms);
      }
    }

    const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
    const importRows = files.dwellingRows + files.residentRows;
    const importMs = dwellingRun.ms + residentRun.ms;
    const copyMs = copyDwellings.ms + copyResidents.ms;
    const copyRows = files.dwellingRows + files.residentRows * 2;
    const lines = [
      `## org: bulk import and the art. 278 electorate (\`npm run bench:org -- --size ${values.size}\`)`,
      '',
      `Machine: ${machine()}; PostgreSQL on the same machine. Measured ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| measurement | ours | baseline (same run) | ratio |',
      '| --- | --- | --- | --- |',
      `| dwellings import (${files.dwellingRows} rows: parse, validate, stage, merge, events) | ${rate(files.dwellingRows, dwellingRun.ms)} rows/s | \`psql \\copy\` into the same indexed table: ${rate(files.dwellingRows, copyDwellings.ms)} rows/s | ${(copyDwellings.ms / dwellingRun.ms).toFixed(2)}× |`,
      `| residents import (${files.residentRows} rows, each with an encrypted ID and phone number, plus where they live) | ${rate(files.residentRows, residentRun.ms)} rows/s | \`psql \\copy\` of resident + residency rows: ${rate(files.residentRows, copyResidents.ms)} residents/s | ${(copyResidents.ms / residentRun.ms).toFixed(2)}× |`,
      `| whole import (${importRows} rows) | ${rate(importRows, importMs)} rows/s | ${rate(importRows, copyMs)} rows/s (${copyRows} table rows) | ${(copyMs / importMs).toFixed(2)}× |`,
      `| electorate of a 5,000-dwelling compound (${headcount} owners by art. 278 headcount), median of 12 | ${median(serviceTimes).toFixed(1)} ms | raw SQL: ${median(rawTimes).toFixed(1)} ms | ${(median(serviceTimes) / median(rawTimes)).toFixed(2)}× the raw time |`,
      '',
      'Ratios for imports are our throughput as a share of `\\copy` (higher is better; the targets of issue 8: ≥ 0.25×); the',
      'electorate ratio is our time over the raw query time (lower is better; target ≤ 2×).',
    ];
    if (!values['no-write']) writeSection('org-import', lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await main.dataSource.destroy();
    await baseline.dataSource.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
