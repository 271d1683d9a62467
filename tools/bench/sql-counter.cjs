// Benchmark-only preload (`node -r ./tools/bench/sql-counter.cjs …`): counts the SQL statements a service
// process sends to PostgreSQL, by wrapping pg's Client#query (TypeORM's pool clients are pg Clients). The
// parent asks over the IPC channel: {sqlCount: 'read'} answers {sqlCount: n}; {sqlCount: 'reset'} zeroes it.
// Never loaded by the services themselves.
const pg = require('pg');

let count = 0;
// SQL_COUNTER_TEXTS=<file prefix> also tallies the statements by text (the first 120 characters) and writes the
// tally to <prefix>.<pid>.json at every read, to find who sends them.
const textsFile = process.env.SQL_COUNTER_TEXTS;
const texts = textsFile ? new Map() : null;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  count++;
  if (texts) {
    const text = String(typeof args[0] === 'string' ? args[0] : args[0]?.text).replace(/\s+/g, ' ').slice(0, 120);
    texts.set(text, (texts.get(text) ?? 0) + 1);
  }
  return query.apply(this, args);
};

if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || !('sqlCount' in message)) return;
    if (message.sqlCount === 'reset') {
      count = 0;
      texts?.clear();
    }
    if (texts) {
      const top = [...texts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
      require('node:fs').writeFileSync(`${textsFile}.${process.pid}.json`, JSON.stringify(top, null, 1));
    }
    process.send({ sqlCount: count });
  });
  // The IPC channel must not keep the service alive on its own.
  process.channel?.unref();
}
