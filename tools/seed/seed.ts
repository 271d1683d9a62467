import { parseArgs } from 'node:util';
import { devToken, DEV_KEYS_PATH } from '../dev/dev-keys';
import { SIZES, type SizeName } from './district';
import { loadDistrict, type SeedTarget } from './load';
import { SERVICES, type ServiceName } from './operations';
import { planCounts, planDistrict } from './plan';

const USAGE = `usage: npm run seed -- [--size small|medium|district] [--seed N] [--gateway URL] [--database-url URL]
                        [--database-prefix gongzhi_] [--concurrency 8] [--keys FILE] [--<service>-url URL]

Loads a synthetic district (deterministic for --seed) into a running system: by default the one npm start runs
(gateway http://127.0.0.1:4000/graphql, subgraphs on the next four ports, the embedded PostgreSQL of .data/pg,
tokens signed with .data/dev-keys.json). Writes go to each subgraph's API; the databases
(<database-url>/<prefix><service>) are read to learn ids and to wait for events. A second run changes nothing.
  small     8 compounds, 192 dwellings (what npm start loads)
  medium    100 compounds, 30,000 dwellings, 102,000 residents (the benchmark's default)
  district  1,000 compounds, 300,000 dwellings, 1,020,000 residents (takes a long while)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '2026' },
      gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql' },
      'database-url': { type: 'string', default: process.env.SEED_DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.GONGZHI_PG_PORT ?? 54329}/postgres` },
      'database-prefix': { type: 'string', default: process.env.GONGZHI_DB_PREFIX ?? 'gongzhi_' },
      concurrency: { type: 'string', default: '8' },
      keys: { type: 'string', default: DEV_KEYS_PATH },
      'org-url': { type: 'string' },
      'deliberation-url': { type: 'string' },
      'property-url': { type: 'string' },
      'fund-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const problems: string[] = [];
  const size = values.size as SizeName;
  if (!(size in SIZES)) problems.push(`--size must be one of ${Object.keys(SIZES).join(', ')}, got "${values.size}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) problems.push(`--seed must be a whole number ≥ 0, got "${values.seed}"`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) problems.push(`--concurrency must be a whole number from 1 to 64, got "${values.concurrency}"`);
  let gateway: URL | null = null;
  try {
    gateway = new URL(values.gateway);
  } catch {
    problems.push(`--gateway must be a URL, got "${values.gateway}"`);
  }
  if (!/^postgres(ql)?:\/\//.test(values['database-url'])) problems.push('--database-url must be a postgres:// URL of the server holding the services’ databases');
  if (!/^[a-z_][a-z0-9_]*$/.test(values['database-prefix'])) problems.push('--database-prefix must be lower-case letters, digits and underscores');
  if (problems.length) throw new Error(`${problems.join('\n')}\n\n${USAGE}`);

  const serverUrl = new URL(values['database-url']);
  const services = Object.fromEntries(
    SERVICES.map((service, i) => {
      const given = values[`${service}-url` as `${ServiceName}-url`];
      const url = given ?? `${gateway!.protocol}//${gateway!.hostname}:${Number(gateway!.port || 80) + 1 + i}/graphql`;
      const databaseUrl = new URL(serverUrl);
      databaseUrl.pathname = `/${values['database-prefix']}${service}`;
      return [service, { url, databaseUrl: databaseUrl.toString() }];
    }),
  ) as SeedTarget['services'];

  const plan = planDistrict(size, seed);
  const counts = planCounts(plan);
  process.stdout.write(
    `[seed] ${size} district (seed ${seed}): ${counts.compounds} compounds, ${counts.dwellings} dwellings, ${counts.matters} matters, ${counts.votes} votes, ${counts.evidence} evidence records, ${counts.funds} funds\n`,
  );
  const result = await loadDistrict(
    plan,
    { services, token: (roles, scopes, sub) => devToken(roles, scopes, sub, '8h', values.keys) },
    { concurrency },
  );
  if (result.alreadyLoaded) process.stdout.write(`[seed] district ${plan.areas[0]!.code} already loaded: nothing to do\n`);
  else process.stdout.write(`[seed] district ${plan.areas[0]!.code} loaded: ${Object.entries(result.counts).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
