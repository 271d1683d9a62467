import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenProxy } from './token-proxy';

async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the gateway’s token route', () => {
  const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
  // org's token endpoint, as far as the proxy can tell: echoes what it got, with the headers an answer carries.
  const org = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(401, { 'content-type': 'application/json', 'cache-control': 'no-store', 'www-authenticate': 'Basic realm="gongzhi"', 'x-internal': 'org-only' });
      res.end('{"error":"invalid_client"}');
    });
  });
  let gateway: Server;
  let gatewayUrl: string;
  let unreachable: Server;
  let unreachableUrl: string;

  beforeAll(async () => {
    const orgUrl = await listenOn(org);
    gateway = createServer((req, res) => void tokenProxy(new URL('/oauth/token', orgUrl))(req, res));
    gatewayUrl = await listenOn(gateway);
    // A port nothing listens on any more.
    const closed = createServer();
    const closedUrl = await listenOn(closed);
    await new Promise((resolve) => closed.close(resolve));
    unreachable = createServer((req, res) => void tokenProxy(new URL('/oauth/token', closedUrl))(req, res));
    unreachableUrl = await listenOn(unreachable);
  });

  afterAll(async () => {
    for (const server of [org, gateway, unreachable]) await new Promise((resolve) => server.close(resolve));
  });

  it('passes the form and the credentials on, and answers with org’s status, body and OAuth headers only', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic YTpi', cookie: 'session=1' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid_client' });
    expect([response.headers.get('cache-control'), response.headers.get('www-authenticate'), response.headers.get('x-internal')]).toEqual(['no-store', 'Basic realm="gongzhi"', null]);
    const [forwarded] = seen.slice(-1);
    expect(forwarded).toMatchObject({ body: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic YTpi' } });
    expect(forwarded!.headers.cookie).toBeUndefined();
  });

  it('refuses an oversized body without asking org', async () => {
    const before = seen.length;
    const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&x=${'x'.repeat(9_000)}` });
    expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    expect(seen.length).toBe(before);
  });

  it('answers 503 temporarily_unavailable when org does not answer', async () => {
    const response = await fetch(unreachableUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect([response.status, response.headers.get('cache-control'), ((await response.json()) as { error: string }).error]).toEqual([503, 'no-store', 'temporarily_unavailable']);
  });
});
