import type { IncomingMessage, ServerResponse } from 'node:http';
import { covers, SCOPE_PATH } from '@gongzhi/platform-auth';
import { BodyTooLargeError, readBody } from '@gongzhi/platform-graphql';
import type { FailedAuthLimiter } from './failed-auth-limiter';
import type { MachineClientService } from './machine-client.service';
import type { MachineTokenSigner } from './machine-token';

/** A token request is a few form fields; anything larger is not one. */
const MAX_BODY_BYTES = 8 * 1024;
const REALM = 'Basic realm="gongzhi", charset="UTF-8"';

/** An error answer of RFC 6749 §5.2 (or a 429 / 503 in the same shape). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'temporarily_unavailable',
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const invalidClient = (description: string) => new OAuthError(401, 'invalid_client', description, { 'www-authenticate': REALM });

/** What a well-formed client-credentials request asks for. */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  /** Scope paths to narrow the token to; undefined for all the client's granted scopes. */
  scopes?: string[];
}

/** `application/x-www-form-urlencoded` decoding of one Basic credential part (RFC 6749 §2.3.1). */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function basicCredentials(authorization: string): { clientId: string; clientSecret: string } {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization)?.[1];
  if (!encoded) throw invalidClient('the Authorization header must be "Basic base64(client_id:client_secret)"');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient('the Basic credentials must be client_id:client_secret');
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw invalidClient('the Basic credentials are not form-encoded');
  }
}

/**
 * Reads a client-credentials token request (RFC 6749 §4.4.2) from its content type, Authorization header and
 * form body, refusing what is malformed before any credential is checked. Parameters sent without a value
 * count as not sent (§3.1); none may be repeated.
 */
export function parseTokenRequest(contentType: string | undefined, authorization: string | undefined, body: string): TokenRequest {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '')) {
    throw new OAuthError(400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(body);
  const values = new Map<string, string>();
  for (const name of new Set(form.keys())) {
    const [value, ...repeated] = form.getAll(name);
    if (repeated.length > 0) throw new OAuthError(400, 'invalid_request', `the parameter ${name.slice(0, 40)} is repeated`);
    if (value) values.set(name, value);
  }
  const grantType = values.get('grant_type');
  if (grantType === undefined) throw new OAuthError(400, 'invalid_request', 'grant_type is missing');
  if (grantType !== 'client_credentials') throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${grantType.slice(0, 40)} is not supported: use client_credentials`);

  let scopes: string[] | undefined;
  const scope = values.get('scope');
  if (scope !== undefined) {
    scopes = [...new Set(scope.split(' ').filter(Boolean))];
    const malformed = scopes.find((path) => !SCOPE_PATH.test(path));
    if (scopes.length === 0 || malformed !== undefined) {
      throw new OAuthError(400, 'invalid_scope', `scope must be space-separated scope paths like /510112/510112001/${malformed ? `; "${malformed.slice(0, 64)}" is not one` : ''}`);
    }
  }

  const inBody = { clientId: values.get('client_id'), clientSecret: values.get('client_secret') };
  if (authorization) {
    if (inBody.clientSecret !== undefined) throw new OAuthError(400, 'invalid_request', 'authenticate with the Authorization header or with client_secret in the body, not both');
    const basic = basicCredentials(authorization);
    if (inBody.clientId !== undefined && inBody.clientId !== basic.clientId) throw new OAuthError(400, 'invalid_request', 'client_id in the body differs from the one in the Authorization header');
    return { ...basic, ...(scopes ? { scopes } : {}) };
  }
  if (inBody.clientId === undefined || inBody.clientSecret === undefined) {
    throw invalidClient('send client_id and client_secret, in an HTTP Basic Authorization header or in the body');
  }
  return { clientId: inBody.clientId, clientSecret: inBody.clientSecret, ...(scopes ? { scopes } : {}) };
}

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    pragma: 'no-cache',
    ...headers,
  });
  res.end(text);
}

export interface TokenEndpointOptions {
  clients: MachineClientService;
  /** Absent when MACHINE_TOKEN_SIGNING_JWK is not configured: the endpoint then answers 503. */
  signer: MachineTokenSigner | undefined;
  limiter: FailedAuthLimiter;
}

const REFUSALS = {
  BAD_CREDENTIALS: 'client authentication failed',
  CLIENT_REVOKED: 'the client has been revoked',
  KEY_REVOKED: 'this key has been revoked: use another key of the client',
} as const;

/**
 * `POST /oauth/token`: the client-credentials grant (RFC 6749 §4.4) for machine clients. Answers
 * `{access_token, token_type: "Bearer", expires_in, scope}` or an RFC 6749 §5.2 error, never cached. A client id
 * that fails to authenticate too often is refused for the rest of the window (FailedAuthLimiter).
 */
export function tokenEndpoint(options: TokenEndpointOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      if (!options.signer) throw new OAuthError(503, 'temporarily_unavailable', 'machine tokens are not configured on this deployment (MACHINE_TOKEN_SIGNING_JWK)');
      let body: string;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) throw new OAuthError(400, 'invalid_request', `the body exceeds ${MAX_BODY_BYTES} bytes`);
        throw error;
      }
      const request = parseTokenRequest(req.headers['content-type'], req.headers.authorization, body);
      const wait = options.limiter.blockedFor(request.clientId);
      if (wait !== undefined) {
        throw new OAuthError(429, 'temporarily_unavailable', `too many failed authentications of this client: try again in ${wait} s`, { 'retry-after': String(wait) });
      }
      const client = await options.clients.authenticate(request.clientId, request.clientSecret);
      if (!client.ok) {
        options.limiter.fail(request.clientId);
        throw invalidClient(REFUSALS[client.reason]);
      }
      const scopes = request.scopes ?? client.grantedScopes;
      const outside = scopes.find((path) => !client.grantedScopes.some((granted) => covers(granted, path)));
      if (outside !== undefined) throw new OAuthError(400, 'invalid_scope', `${outside.slice(0, 64)} is outside the scopes granted to this client`);

      const issued = await options.signer.sign({ clientId: client.clientId, keyId: client.keyId, roles: client.roles, scopes });
      await options.clients.markUsed(client.keyId);
      answer(res, 200, { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope: scopes.join(' ') });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      answer(res, error.status, { error: error.error, error_description: error.description }, error.headers);
    }
  };
}
