import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '@gongzhi/platform-graphql';

/** A token request is a few form fields. */
const MAX_BODY_BYTES = 8 * 1024;
const FORWARDED_REQUEST_HEADERS = ['content-type', 'authorization', 'x-request-id'] as const;
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'retry-after'] as const;

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  const text = JSON.stringify({ error, error_description: description });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', pragma: 'no-cache' });
  res.end(text);
}

/**
 * `POST /oauth/token` on the gateway, passed to org's token endpoint as it came, so integrators use one host
 * for tokens and queries. Only the headers the endpoint reads go in, and only those of its answer come back.
 */
export function tokenProxy(target: URL, timeoutMs = 10_000): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return oauthError(res, 400, 'invalid_request', `the body exceeds ${MAX_BODY_BYTES} bytes`);
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      return oauthError(res, 503, 'temporarily_unavailable', 'the token service does not answer; try again shortly');
    }
    const text = await response.text();
    const answer: Record<string, string> = { 'content-length': String(Buffer.byteLength(text)) };
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) answer[name] = value;
    }
    res.writeHead(response.status, answer);
    res.end(text);
  };
}
