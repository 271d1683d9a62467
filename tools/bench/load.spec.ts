import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { medianRun, quantile, runLoad, summarize, type LoadResult } from './load';

describe('load statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([quantile(sorted, 0.5), quantile(sorted, 0.99), quantile(sorted, 1), quantile(sorted, 0)]).toEqual([50, 99, 100, 1]);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('summarizes unsorted latencies into throughput, p50, p99, mean and max', () => {
    const latencies = [5, 1, 4, 2, 3, 100, 6, 7, 8, 9];
    expect(summarize(latencies, 2, 2, '500: boom')).toEqual({ requests: 10, errors: 2, seconds: 2, rps: 5, p50: 5, p99: 100, mean: 14.5, max: 100, firstError: '500: boom' });
  });

  it('picks the median run by throughput', () => {
    const run = (rps: number) => ({ rps }) as LoadResult;
    expect(medianRun([run(30), run(10), run(20)]).rps).toBe(20);
    expect(medianRun([run(30), run(10)]).rps).toBe(10);
    expect(() => medianRun([])).toThrow('no runs');
  });
});

describe('runLoad', () => {
  const servers: Server[] = [];
  const serve = async (handler: (body: string) => [number, string]) => {
    const seen = { requests: 0, sockets: 0 };
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.requests++;
        const [status, text] = handler(body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(text);
      });
    });
    server.on('connection', () => seen.sockets++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen };
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
  });

  it('keeps each connection busy, spreads connections over the targets round-robin and counts only accepted answers', async () => {
    const ok = await serve((body) => [200, body]);
    const failing = await serve(() => [500, '{"errors":[{"message":"down"}]}']);
    const result = await runLoad(
      [
        { url: ok.url, headers: { authorization: 'Bearer t' }, body: '{"query":"{a}"}' },
        { url: failing.url, headers: {}, body: '{"query":"{a}"}' },
      ],
      { connections: 4, seconds: 0.3, warmupSeconds: 0.1 },
    );
    expect(ok.seen.sockets).toBe(2);
    expect(failing.seen.sockets).toBe(2);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors).toBeGreaterThan(0);
    expect(result.firstError).toBe('500: {"errors":[{"message":"down"}]}');
    // Answers to the warm-up and to requests still open at the end are not counted.
    expect(result.requests + result.errors).toBeLessThanOrEqual(ok.seen.requests + failing.seen.requests);
    expect(result.p50).toBeLessThanOrEqual(result.p99);
  });

  it('applies the acceptance rule and tells the window to the caller', async () => {
    const server = await serve(() => [200, '{"errors":[{"message":"FORBIDDEN"}]}']);
    const edges: string[] = [];
    const result = await runLoad([{ url: server.url, headers: {}, body: '{}' }], {
      connections: 1,
      seconds: 0.2,
      accept: (status, text) => status === 200 && !text.includes('"errors"'),
      onWindow: (edge) => edges.push(edge),
    });
    expect(result.requests).toBe(0);
    expect(result.errors).toBeGreaterThan(0);
    expect(edges).toEqual(['start', 'end']);
  });
});
