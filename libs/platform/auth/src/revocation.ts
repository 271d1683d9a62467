import type { AuthUser } from './user';

/**
 * Whether a machine client's token must be refused before it expires: its client was revoked, or the key it
 * was issued with. Asked for every token that names a client (`client_id`), after the signature is checked
 * or found in the verified-token cache.
 */
export interface RevocationCheck {
  isRevoked(user: AuthUser): boolean | Promise<boolean>;
}

/**
 * Revoked machine clients and client keys, in memory. Every service but org keeps one, filled from org's
 * `org.machine-client.*` events (libs/platform/service, revocation-feed.ts); it only grows, by one entry per
 * revocation, which is a handful a year.
 */
export class RevocationSet implements RevocationCheck {
  private readonly clients = new Set<string>();
  private readonly keys = new Set<string>();

  get size(): number {
    return this.clients.size + this.keys.size;
  }

  revokeClient(clientId: string): void {
    this.clients.add(clientId);
  }

  revokeKey(keyId: string): void {
    this.keys.add(keyId);
  }

  isRevoked(user: AuthUser): boolean {
    return (user.clientId !== undefined && this.clients.has(user.clientId)) || (user.keyId !== undefined && this.keys.has(user.keyId));
  }
}
