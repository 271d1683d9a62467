import { canonicalEntry, entryHash, GENESIS_HASH, type HashedEntry } from './ledger-hash';

const entry: HashedEntry = {
  id: '01900000-0000-7000-8000-000000000001',
  fundId: '01900000-0000-7000-8000-0000000000f1',
  seq: '1',
  idempotencyKey: 'k1',
  kind: 'DONATION',
  memo: 'Donation',
  effectiveDate: '2026-04-01',
  reversesEntryId: null,
  postedBy: 'staff-1',
  postedAt: new Date('2026-04-01T08:00:00.123Z'),
  postings: [
    { lineNo: 2, accountCode: 'INCOME_OTHER', amountFen: '-100' },
    { lineNo: 1, accountCode: 'CASH', amountFen: '100' },
  ],
};

describe('ledger hash', () => {
  it('serialises postings by line number whatever order they come in', () => {
    expect(canonicalEntry(entry)).toBe(canonicalEntry({ ...entry, postings: [...entry.postings].reverse() }));
  });

  it('changes when an amount, the memo or the previous hash changes', () => {
    const hash = entryHash(GENESIS_HASH, entry);
    expect(entryHash(GENESIS_HASH, { ...entry, postings: [entry.postings[1]!, { ...entry.postings[0]!, amountFen: '-101' }] })).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, { ...entry, memo: 'Donation.' })).not.toBe(hash);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
