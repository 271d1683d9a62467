import { backoffMs } from './relay';

describe('relay backoff', () => {
  it('doubles from 250 ms and never exceeds the cap', () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const delay = backoffMs(attempt, 30_000);
      const nominal = Math.min(30_000, 250 * 2 ** (attempt - 1));
      expect(delay).toBeGreaterThanOrEqual(nominal * 0.75 - 1);
      expect(delay).toBeLessThanOrEqual(nominal);
    }
  });
});
