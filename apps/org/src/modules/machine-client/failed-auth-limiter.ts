/**
 * Failed client authentications per client id, in fixed windows kept in this process's memory: once a client
 * id has failed `limit` times in a window, its requests are refused until the window ends, right secret or not,
 * so a guessed secret cannot be tried at speed. With several org instances each counts its own failures.
 * Successful requests are not counted. Windows that have ended are forgotten once per window, so memory follows
 * the client ids that failed recently.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();
  private nextSweep: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.nextSweep = now() + windowMs;
  }

  /** Seconds until `clientId` may try again, or undefined when it may try now. */
  blockedFor(clientId: string): number | undefined {
    const now = this.now();
    const window = this.windows.get(clientId);
    if (!window || now - window.start >= this.windowMs || window.failures < this.limit) return undefined;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  /** Counts one failed authentication of `clientId`. */
  fail(clientId: string): void {
    const now = this.now();
    this.sweep(now);
    const window = this.windows.get(clientId);
    if (!window || now - window.start >= this.windowMs) this.windows.set(clientId, { start: now, failures: 1 });
    else window.failures += 1;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    this.nextSweep = now + this.windowMs;
  }
}
