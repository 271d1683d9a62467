/**
 * Counts per key in fixed windows of `windowMs`, in this process's memory (several processes each count their
 * own). Ended windows are forgotten once per window, so memory follows the keys counted recently, not every key
 * ever. The gateway's rate limits and org's failed-authentication limit are both built on it.
 */
export class FixedWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private nextSweep: number;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.nextSweep = now() + windowMs;
  }

  /** Seconds (at least 1) until `key`'s window ends when it has counted `limit` already, else undefined. */
  blockedFor(key: string, limit: number): number | undefined {
    const now = this.now();
    this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs || window.count < limit) return undefined;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  /** Counts one for `key`, in a new window when its last one has ended. */
  add(key: string): void {
    const now = this.now();
    this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) this.windows.set(key, { start: now, count: 1 });
    else window.count += 1;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    this.nextSweep = now + this.windowMs;
  }
}
