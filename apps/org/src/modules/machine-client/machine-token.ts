import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';

export interface MachineTokenSettings {
  /** The private ES256 JWK (with `kid`) from MACHINE_TOKEN_SIGNING_JWK; its public half must be in every verifier's key set. */
  signingJwk: JWK;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface MachineTokenClaims {
  clientId: string;
  keyId: string;
  roles: readonly string[];
  scopes: readonly string[];
}

export interface IssuedMachineToken {
  token: string;
  expiresIn: number;
}

/**
 * Signs machine clients' access tokens (RFC 9068 `at+jwt`): `sub = client:<clientId>`, `client_id`, `key_id`
 * (which key authenticated the request, so revoking it refuses the token), `roles`, `scopes` and a `jti`.
 * Issuer and audience are those every service verifies (AUTH_ISSUER, AUTH_AUDIENCE).
 */
export class MachineTokenSigner {
  private key: ReturnType<typeof importJWK> | undefined;

  constructor(private readonly settings: MachineTokenSettings) {}

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  async sign(claims: MachineTokenClaims, now = Date.now()): Promise<IssuedMachineToken> {
    this.key ??= importJWK(this.settings.signingJwk, 'ES256');
    const issuedAt = Math.floor(now / 1000);
    const token = await new SignJWT({ client_id: claims.clientId, key_id: claims.keyId, roles: [...claims.roles], scopes: [...claims.scopes] })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...(this.settings.signingJwk.kid ? { kid: this.settings.signingJwk.kid } : {}) })
      .setSubject(`client:${claims.clientId}`)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.settings.ttlSeconds)
      .sign(await this.key);
    return { token, expiresIn: this.settings.ttlSeconds };
  }
}
