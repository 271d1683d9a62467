import type { AuthUser } from './user';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; the least recently used is forgotten first. 0 turns the cache off. */
  maxEntries: number;
  /** Longest a verification is trusted without running it again, however late the token expires. */
  maxSeconds: number;
  /** Milliseconds since the epoch; tests pass a clock of their own. */
  now?: () => number;
}

interface Entry {
  user: AuthUser;
  /** When the entry stops counting, in milliseconds: the token's `exp`, or sooner by `maxSeconds`. */
  until: number;
}

/**
 * Callers whose tokens were verified, by the exact token string: a token presented again skips the signature
 * check (an ES256 verification is a measurable share of a small request's CPU). Only tokens that passed the
 * full check are remembered, and only until they expire, so a hit stands for the same answer jose would give.
 * Revocation is not the cache's business: the verifier asks the revocation list after every hit.
 *
 * A least-recently-used bound on a Map (whose iteration order is insertion order): a hit moves its entry to
 * the end, and the first entry is the one to forget.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string): AuthUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (this.now() >= entry.until) return undefined;
    this.entries.set(token, entry);
    return entry.user;
  }

  /** Remembers a verified caller until `expiresAt` (the token's `exp`, in seconds), at most `maxSeconds`. */
  set(token: string, user: AuthUser, expiresAt: number | undefined): void {
    if (this.options.maxEntries <= 0 || this.options.maxSeconds <= 0) return;
    const now = this.now();
    const until = Math.min(expiresAt === undefined ? Infinity : expiresAt * 1000, now + this.options.maxSeconds * 1000);
    if (until <= now) return;
    this.entries.delete(token);
    this.entries.set(token, { user, until });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(token: string): void {
    this.entries.delete(token);
  }
}
