import { parseArgs } from 'node:util';
import { loadReencryptConfig, orgModule, PersonalDataCipher, PersonalDataReencryption } from '@gongzhi/app-org';
import { createDataSourceFor } from '@gongzhi/platform-service';

const USAGE = `usage: node tools/scripts/run-ts.mjs tools/org/reencrypt.ts [--check] [--batch-size 500]

Rewrites every encrypted ID and phone number of residents and owners in the org database (DATABASE_URL)
under the first key of PII_ENCRYPTION_KEYS, in batches that each commit on their own, while the service runs.
Run it after every org instance has the new key first; run it again if it stops or reports rows remaining.
--check only counts the ciphertexts of each key: a key may leave PII_ENCRYPTION_KEYS once it has none.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '500' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size must be a positive integer\n\n${USAGE}`);

  const config = loadReencryptConfig();
  const cipher = new PersonalDataCipher(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY);
  const dataSource = createDataSourceFor(orgModule, config);
  await dataSource.initialize();
  try {
    const reencryption = new PersonalDataReencryption(dataSource, cipher);
    const printByKey = async () => {
      for (const { kid, ciphertexts } of await reencryption.ciphertextsByKey()) {
        process.stdout.write(`  ${kid}${kid === cipher.currentKid ? ' (current)' : ''}: ${ciphertexts} ciphertexts\n`);
      }
    };
    process.stdout.write('ciphertexts by key:\n');
    await printByKey();
    if (values.check) return;

    let done = 0;
    const counts = await reencryption.run({
      batchSize,
      onBatch: process.stderr.isTTY ? (table, rows) => process.stderr.write(`\r${(done += rows)} rows re-encrypted (${table})`) : undefined,
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const count of counts) {
      process.stdout.write(`${count.table}: ${count.rows} rows, ${count.ciphertexts} ciphertexts re-encrypted under ${cipher.currentKid}; ${count.remaining} rows remaining\n`);
    }
    process.stdout.write('ciphertexts by key now:\n');
    await printByKey();
    const remaining = counts.reduce((sum, count) => sum + count.remaining, 0);
    if (remaining > 0) {
      process.stderr.write(`${remaining} rows still name an older key (locked during the run, or written by an instance without the new key first): run again\n`);
      process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
