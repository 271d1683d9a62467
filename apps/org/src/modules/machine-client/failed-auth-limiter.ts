import { FixedWindows } from '@gongzhi/platform-graphql';

/**
 * Failed client authentications per client id, in fixed windows kept in this process's memory: once a client
 * id has failed `limit` times in a window, its requests are refused until the window ends, right secret or not,
 * so a guessed secret cannot be tried at speed. With several org instances each counts its own failures.
 * Successful requests are not counted.
 */
export class FailedAuthLimiter {
  private readonly windows: FixedWindows;

  constructor(
    private readonly limit: number,
    windowMs: number,
    now: () => number = Date.now,
  ) {
    this.windows = new FixedWindows(windowMs, now);
  }

  /** Seconds until `clientId` may try again, or undefined when it may try now. */
  blockedFor(clientId: string): number | undefined {
    return this.windows.blockedFor(clientId, this.limit);
  }

  /** Counts one failed authentication of `clientId`. */
  fail(clientId: string): void {
    this.windows.add(clientId);
  }
}
