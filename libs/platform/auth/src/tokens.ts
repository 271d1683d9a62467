import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from '@gongzhi/platform-graphql';
import { isRole, type Role } from './roles';
import { SCOPE_PATH } from './scope';
import type { AuthUser } from './user';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  jwks?: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.string()).default([]),
  scopes: z.array(z.string().regex(SCOPE_PATH)).default([]),
  client_id: z.string().optional(),
});

/** Verifies signature, issuer, audience and expiry, then reads the Gongzhi claims. Unknown roles are dropped. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  let keys: JWTVerifyGetKey;
  if (options.jwksUrl) keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000 });
  else if (options.jwks) keys = createLocalJWKSet(JSON.parse(options.jwks) as { keys: JWK[] });
  else throw new Error('a token verifier needs jwksUrl or jwks');

  return {
    async verify(token: string): Promise<AuthUser> {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
          clockTolerance: 30,
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
      return {
        sub: claims.data.sub,
        roles: claims.data.roles.filter(isRole),
        scopes: claims.data.scopes,
        ...(claims.data.client_id ? { clientId: claims.data.client_id } : {}),
      };
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
}

export interface MintOptions {
  issuer: string;
  audience: string;
  expiresIn?: string;
}

/** Signs a token with a development key; production tokens come from the identity provider. */
export async function mintToken(privateJwk: JWK, claims: TokenClaims, options: MintOptions): Promise<string> {
  const key = await importJWK(privateJwk, 'ES256');
  return new SignJWT({ roles: claims.roles, scopes: claims.scopes, ...(claims.clientId ? { client_id: claims.clientId } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}
