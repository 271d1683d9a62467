import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

export type ReadinessCheck = () => Promise<void>;

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (request: IncomingMessage) => Promise<C>;
  /** Named dependencies `/readyz` checks; each rejects when its dependency is unusable. */
  readiness: Record<string, ReadinessCheck>;
  maxBodyBytes?: number;
  readinessTimeoutMs?: number;
  /** Wraps the handling of each `/graphql` request (a benchmark counts its SQL statements with it). */
  around?: (req: IncomingMessage, handle: () => Promise<void>) => Promise<void>;
  /** Extra GET routes by path, for development and benchmark tools. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse, search: URLSearchParams) => void>;
  /** POST endpoints beside `/graphql` by path (org's OAuth token endpoint); each reads its own body. */
  postRoutes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
}

export interface RunningHttpServer {
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

export class BodyTooLargeError extends Error {}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function requestError(res: ServerResponse, status: number, reason: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason } }] });
}

/** The request body as text; BodyTooLargeError past `limit` bytes, declared or sent. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function withTimeout(check: ReadinessCheck, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return (error as Error).message || 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A small HTTP front for Apollo Server: `/graphql`, `/healthz` (the process is alive) and `/readyz` (every
 * dependency answers). Plain node:http keeps the hot path short and needs no web framework.
 */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpOptions<C>): Server {
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const readinessTimeout = options.readinessTimeoutMs ?? 2_000;

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBody);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          return requestError(res, 413, 'REQUEST_TOO_LARGE', `The request body exceeds ${maxBody} bytes`);
        }
        throw error;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          return requestError(res, 400, 'MALFORMED_JSON', 'The request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: () => options.context(req),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handleReady(res: ServerResponse): Promise<void> {
    const names = Object.keys(options.readiness);
    const results = await Promise.all(names.map((n) => withTimeout(options.readiness[n]!, readinessTimeout)));
    const checks = Object.fromEntries(names.map((n, i) => [n, results[i]]));
    const ready = results.every((r) => r === 'ok');
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const extra = req.method === 'GET' ? options.routes?.[url.pathname] : undefined;
    const post = req.method === 'POST' ? options.postRoutes?.[url.pathname] : undefined;
    const around = options.around ?? ((_: IncomingMessage, handle: () => Promise<void>) => handle());
    const route =
      url.pathname === '/graphql'
        ? around(req, () => handleGraphQL(req, res, url.search))
        : url.pathname === '/healthz'
          ? Promise.resolve(sendJson(res, 200, { status: 'ok' }))
          : url.pathname === '/readyz'
            ? handleReady(res)
            : extra
              ? Promise.resolve().then(() => extra(req, res, url.searchParams))
              : post
                ? Promise.resolve().then(() => post(req, res))
                : Promise.resolve(sendJson(res, 404, { error: 'not found' }));
    route.catch((error: unknown) => {
      console.error('http handler failed', error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
}

export async function listen(server: Server, port: number, host: string): Promise<RunningHttpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
