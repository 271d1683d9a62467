#!/usr/bin/env node
// The machine's ceiling for the gateway benchmark: a bare node:http server that reads the request body and
// answers a fixed JSON document of the size asked for in the path (POST /bytes/<n>), with keep-alive, as
// cheaply as Node can. No GraphQL, no database. Prints its port on stdout.
//   node tools/bench/ceiling-server.mjs [port]
import { createServer } from 'node:http';

const bodies = new Map();
function bodyOf(size) {
  let body = bodies.get(size);
  if (!body) {
    const filler = Math.max(0, size - '{"data":{"filler":""}}'.length);
    body = Buffer.from(JSON.stringify({ data: { filler: 'x'.repeat(filler) } }));
    bodies.set(size, body);
  }
  return body;
}

const server = createServer((req, res) => {
  const match = /^\/bytes\/(\d{1,7})$/.exec(req.url ?? '');
  req.resume();
  req.on('end', () => {
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const body = bodyOf(Number(match[1]));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
