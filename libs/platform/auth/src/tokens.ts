import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from '@gongzhi/platform-graphql';
import type { RevocationCheck } from './revocation';
import { isRole, type Role } from './roles';
import { SCOPE_PATH } from './scope';
import type { AuthUser } from './user';
import { VerifiedTokenCache } from './verified-token-cache';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  /** An inline public key set; with `jwksUrl` too, its keys are tried first (the machine-token key beside an OIDC provider's). */
  jwks?: string;
  /** Remember verified tokens (see VerifiedTokenCache); absent or `maxEntries: 0`, every token is verified afresh. */
  cache?: { maxEntries: number; maxSeconds: number };
  /** Refuses tokens of revoked machine clients and keys, even when their signature is cached. */
  revocations?: RevocationCheck;
  /** Milliseconds since the epoch, for expiry and the cache; tests pass a clock of their own. */
  now?: () => number;
}

export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>;
  /** Tokens whose signature was checked, and tokens answered from the cache, since the verifier was made. */
  readonly stats: { signatureChecks: number; cacheHits: number };
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.string()).default([]),
  scopes: z.array(z.string().regex(SCOPE_PATH)).default([]),
  client_id: z.string().min(1).optional(),
  key_id: z.string().min(1).optional(),
  exp: z.number().optional(),
});

function keySet(options: VerifierOptions): JWTVerifyGetKey {
  const local = options.jwks ? createLocalJWKSet(JSON.parse(options.jwks) as { keys: JWK[] }) : undefined;
  const remote = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 }) : undefined;
  if (local && remote) {
    return async (header, token) => {
      try {
        return await local(header, token);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
        return remote(header, token);
      }
    };
  }
  const keys = local ?? remote;
  if (!keys) throw new Error('a token verifier needs jwksUrl or jwks');
  return keys;
}

/**
 * Verifies signature, issuer, audience and expiry, then reads the Gongzhi claims (unknown roles are dropped);
 * a token of a revoked machine client or key is refused with `TOKEN_REVOKED`. With `cache`, a token verified
 * before is taken from the cache instead of being verified again; the revocation check still runs.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys = keySet(options);
  const now = options.now ?? Date.now;
  const cache = options.cache && options.cache.maxEntries > 0 ? new VerifiedTokenCache({ ...options.cache, now }) : undefined;
  const stats = { signatureChecks: 0, cacheHits: 0 };

  async function verifySignature(token: string): Promise<AuthUser> {
    let payload: unknown;
    stats.signatureChecks++;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        clockTolerance: 30,
        ...(options.now ? { currentDate: new Date(now()) } : {}),
      }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(
        expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN',
        expired ? 'The token has expired' : 'The token could not be verified',
      );
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new UnauthenticatedError('INVALID_CLAIMS', 'The token lacks valid sub, roles or scopes claims');
    const user: AuthUser = {
      sub: claims.data.sub,
      roles: claims.data.roles.filter(isRole),
      scopes: claims.data.scopes,
      ...(claims.data.client_id ? { clientId: claims.data.client_id } : {}),
      ...(claims.data.key_id ? { keyId: claims.data.key_id } : {}),
    };
    cache?.set(token, user, claims.data.exp);
    return user;
  }

  return {
    stats,
    async verify(token: string): Promise<AuthUser> {
      const cached = cache?.get(token);
      if (cached) stats.cacheHits++;
      const user = cached ?? (await verifySignature(token));
      if (user.clientId !== undefined && options.revocations && (await options.revocations.isRevoked(user))) {
        cache?.delete(token);
        throw new UnauthenticatedError('TOKEN_REVOKED', 'The token was issued to a machine client or client key that has been revoked; request a new token with valid credentials');
      }
      return user;
    },
  };
}

/** A development signing key pair: the private JWK signs, the public JWKS goes into AUTH_JWKS. */
export interface DevKeyPair {
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

export async function generateDevKeyPair(): Promise<DevKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}

export interface TokenClaims {
  sub: string;
  roles: Role[];
  scopes: string[];
  clientId?: string;
  keyId?: string;
}

export interface MintOptions {
  issuer: string;
  audience: string;
  expiresIn?: string;
}

/** Signs a token with a development key; production tokens come from the identity provider. */
export async function mintToken(privateJwk: JWK, claims: TokenClaims, options: MintOptions): Promise<string> {
  const key = await importJWK(privateJwk, 'ES256');
  return new SignJWT({
    roles: claims.roles,
    scopes: claims.scopes,
    ...(claims.clientId ? { client_id: claims.clientId } : {}),
    ...(claims.keyId ? { key_id: claims.keyId } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}
