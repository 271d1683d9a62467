import type { EntityManager } from 'typeorm';
import { ConflictError } from '@gongzhi/platform-graphql';
import type { ExpenseCategory } from '../ledger/ledger-account';

/** A fund's money as spending rules see it: cash, and what of it restricted donations reserve per category. */
export interface RestrictedPosition {
  cashFen: bigint;
  /** Per expense category: restricted donations not yet spent on it (reversed donations and payments excluded). */
  restrictedFen: Map<ExpenseCategory, bigint>;
}

/** Reads cash and the restricted balances in two statements; call it with the fund's chain head locked. */
export async function restrictedPosition(manager: EntityManager, fundId: string): Promise<RestrictedPosition> {
  const [cash] = (await manager.query(`SELECT coalesce(sum(amount_fen), 0)::text AS fen FROM posting WHERE fund_id = $1 AND account_code = 'CASH'`, [fundId])) as {
    fen: string;
  }[];
  const rows = (await manager.query(
    `WITH received AS (
       SELECT d.restricted_category AS category, sum(d.amount_fen) AS fen FROM donation d
        WHERE d.fund_id = $1 AND d.restricted_category IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = d.entry_id)
        GROUP BY d.restricted_category),
     released AS (
       SELECT x.category, sum(x.amount_fen) AS fen FROM restricted_release x
        WHERE x.fund_id = $1 AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = x.entry_id)
        GROUP BY x.category)
     SELECT received.category, greatest(received.fen - coalesce(released.fen, 0), 0)::text AS fen
       FROM received LEFT JOIN released USING (category)`,
    [fundId],
  )) as { category: ExpenseCategory; fen: string }[];
  return { cashFen: BigInt(cash!.fen), restrictedFen: new Map(rows.map((row) => [row.category, BigInt(row.fen)])) };
}

/**
 * Checks that a payment of `amount` for `category` leaves every other category's restricted money untouched,
 * and returns how much of the payment uses money restricted to `category` itself (spent first, since that is
 * what it was given for). Call it with the fund's chain head locked, then `recordRelease` after posting.
 */
export async function checkSpending(manager: EntityManager, fundId: string, category: ExpenseCategory, amount: bigint, field: string): Promise<bigint> {
  const { cashFen, restrictedFen } = await restrictedPosition(manager, fundId);
  if (cashFen < amount) throw new ConflictError('INSUFFICIENT_FUNDS', `${field}: the fund holds ${cashFen} fen, the payment needs ${amount}`, field);
  let reservedElsewhere = 0n;
  for (const [other, fen] of restrictedFen) if (other !== category) reservedElsewhere += fen;
  const free = cashFen - reservedElsewhere;
  if (free < amount) {
    throw new ConflictError(
      'RESTRICTED_FUNDS',
      `${field}: ${reservedElsewhere} of the fund's ${cashFen} fen are restricted donations for other purposes; ${free} fen may be spent on ${category}, the payment needs ${amount}`,
      field,
    );
  }
  const own = restrictedFen.get(category) ?? 0n;
  return own < amount ? own : amount;
}

/** Records the restricted money a posted payment used. */
export async function recordRelease(manager: EntityManager, fundId: string, entryId: string, category: ExpenseCategory, fen: bigint): Promise<void> {
  if (fen <= 0n) return;
  await manager.query(`INSERT INTO restricted_release (entry_id, fund_id, category, amount_fen) VALUES ($1, $2, $3, $4)`, [entryId, fundId, category, fen.toString()]);
}
