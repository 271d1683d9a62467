import { BadUserInputError } from '@gongzhi/platform-graphql';

/**
 * The largest amount one business operation may move: ¥10 trillion. Far above any community's money, and
 * below 2^53, so amounts in event payloads stay exact as JSON numbers.
 */
export const MAX_AMOUNT_FEN = 1_000_000_000_000_000n;

export function assertAmount(value: bigint, field: string, { allowZero = false } = {}): bigint {
  if (value < 0n || (value === 0n && !allowZero)) throw new BadUserInputError(field, 'NOT_POSITIVE', `must be a ${allowZero ? 'non-negative' : 'positive'} number of fen`);
  if (value > MAX_AMOUNT_FEN) throw new BadUserInputError(field, 'AMOUNT_TOO_LARGE', `must be at most ${MAX_AMOUNT_FEN} fen`);
  return value;
}
