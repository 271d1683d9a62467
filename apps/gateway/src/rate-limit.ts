import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { FixedWindows } from '@gongzhi/platform-graphql';

/**
 * Counts requests per key in fixed windows. State lives in this process only: with several gateways behind a
 * load balancer each keeps its own windows, so a client may reach (gateways × limit) per window in total.
 */
export class FixedWindowLimiter {
  private readonly windows: FixedWindows;

  constructor(
    private readonly limit: number,
    windowMs: number,
    now: () => number = Date.now,
  ) {
    this.windows = new FixedWindows(windowMs, now);
  }

  /** Counts one request for `key`; answers the seconds to wait when the key is over its limit, else undefined. */
  take(key: string): number | undefined {
    const wait = this.windows.blockedFor(key, this.limit);
    if (wait === undefined) this.windows.add(key);
    return wait;
  }
}

/**
 * The token subject (`sub`) of a bearer JWT, decoded without verifying it: the gateway does not verify tokens
 * (each subgraph does), and this only picks whose window to count. A forged subject gains nothing, because
 * every request also counts against its remote address. Anything that does not decode has no identity.
 */
export function tokenSubject(authorization: string | undefined): string | undefined {
  const token = /^Bearer ([\w-]+)\.([\w-]+)\.[\w-]*$/i.exec(authorization ?? '');
  if (!token) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(token[2]!, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof payload.sub === 'string' && payload.sub.length > 0 && payload.sub.length <= 256 ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

export interface RateLimits {
  windowSeconds: number;
  /** Requests per window per remote address; 0 = no limit. */
  perIp: number;
  /** Requests per window per token subject; 0 = no limit. */
  perIdentity: number;
}

/** Answers the seconds a request must wait, or undefined when it may proceed. */
export type RequestGate = (request: IncomingMessage) => number | undefined;

export function rateLimitGate(limits: RateLimits): RequestGate {
  const windowMs = limits.windowSeconds * 1000;
  const byIp = limits.perIp > 0 ? new FixedWindowLimiter(limits.perIp, windowMs) : undefined;
  const byIdentity = limits.perIdentity > 0 ? new FixedWindowLimiter(limits.perIdentity, windowMs) : undefined;
  return (request) => {
    // The socket's peer, not X-Forwarded-For: a header any client can write must not choose its own window.
    const wait = byIp?.take(request.socket.remoteAddress ?? 'unknown');
    if (wait !== undefined) return wait;
    const subject = tokenSubject(request.headers.authorization);
    return subject === undefined ? undefined : byIdentity?.take(subject);
  };
}

function tooManyRequests(res: ServerResponse, retryAfterSeconds: number): void {
  const body = JSON.stringify({
    errors: [
      {
        message: `Too many requests: try again in ${retryAfterSeconds} s`,
        extensions: { code: 'BAD_USER_INPUT', reason: 'RATE_LIMITED' },
      },
    ],
  });
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(retryAfterSeconds),
  });
  res.end(body);
}

/**
 * Puts the gate in front of the server's `/graphql` handler. It runs before the body is read or anything is
 * parsed, so a refused request costs next to nothing; `/healthz` and `/readyz` stay open for orchestrators.
 * The shared HTTP front (libs/platform/graphql) builds the server with its handler already attached, so the
 * handler is taken off and re-attached behind the gate rather than changing that library for one app.
 */
export function gateRequests(server: Server, gate: RequestGate): void {
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    // Token requests count against the remote address too: guessing client secrets is throttled before org sees it.
    const wait = path === '/graphql' || path === '/oauth/token' ? gate(req) : undefined;
    if (wait !== undefined) return tooManyRequests(res, wait);
    for (const handle of handlers) handle(req, res);
  });
}
