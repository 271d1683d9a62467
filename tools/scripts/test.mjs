#!/usr/bin/env node
// `npm test`: unit, integration and end-to-end specs in one Jest run against real PostgreSQL and NATS.
// Results go to tmp/jest-results.json; the last line is the plain total. Extra arguments go to Jest
// (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'tmp/jest-results.json');

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || fallbackPort), hostname);
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const missing = [];
if (!(await reachable(pgUrl, 5432))) missing.push(`PostgreSQL at ${pgUrl} (start: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)`);
if (!(await reachable(natsUrl, 4222))) missing.push(`NATS at ${natsUrl} (start: nats-server -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server)`);
if (missing.length) {
  process.stderr.write(`The tests use real services, and these do not answer:\n${missing.map((m) => `  - ${m}`).join('\n')}\nSet TEST_DATABASE_URL / TEST_NATS_URL to use others.\n`);
  process.exit(1);
}

mkdirSync(path.dirname(results), { recursive: true });
rmSync(results, { force: true });
const jest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/jest/bin/jest.js'), '--maxWorkers=2', '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', APOLLO_TELEMETRY_DISABLED: 'true' },
  },
);
if (existsSync(results)) {
  const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(results, 'utf8'));
  process.stdout.write(`${numPassedTests} passed, ${numFailedTests} failed\n`);
}
process.exit(jest.status ?? 1);
