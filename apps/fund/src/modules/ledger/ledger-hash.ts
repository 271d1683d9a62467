import { createHash } from 'node:crypto';

/** The `prev_hash` of a fund's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything an entry's hash covers: its own columns and its postings. */
export interface HashedEntry {
  id: string;
  fundId: string;
  seq: string;
  idempotencyKey: string;
  kind: string;
  memo: string;
  effectiveDate: string;
  reversesEntryId: string | null;
  postedBy: string;
  postedAt: Date;
  postings: { lineNo: number; accountCode: string; amountFen: string }[];
}

/**
 * A canonical serialisation: a JSON array in a fixed field order with amounts as decimal strings, postings by
 * line number, the time in UTC milliseconds. Any change to a covered value changes the bytes, and nothing
 * else (key order, number formatting) can.
 */
export function canonicalEntry(entry: HashedEntry): string {
  const postings = [...entry.postings].sort((a, b) => a.lineNo - b.lineNo).map((p) => [p.lineNo, p.accountCode, p.amountFen]);
  return JSON.stringify([
    'gongzhi.ledger.entry.v1',
    entry.id,
    entry.fundId,
    entry.seq,
    entry.idempotencyKey,
    entry.kind,
    entry.memo,
    entry.effectiveDate,
    entry.reversesEntryId,
    entry.postedBy,
    entry.postedAt.toISOString(),
    postings,
  ]);
}

/** sha256 over the previous hash and the entry, so changing any earlier entry breaks every later link. */
export function entryHash(prevHash: string, entry: HashedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(entry)).digest('hex');
}
