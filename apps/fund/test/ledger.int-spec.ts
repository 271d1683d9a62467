import fc from 'fast-check';
import { ConflictError } from '@gongzhi/platform-graphql';
import { tokenFor } from '@gongzhi/platform-testing';
import { JournalEntryKind, LedgerAccountCode } from '../src/modules/ledger/ledger-account';
import { LedgerService } from '../src/modules/ledger/ledger.service';
import { COMMUNITY_CODE, FundTestKit } from './fund-test-kit';

const POST = `mutation($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) { id seq hash prevHash postings { lineNo account debitFen creditFen } }
}`;
const REVERSE = `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) { id seq reversesEntryId postings { account debitFen creditFen } } }`;
const VERIFY = `query($fundId: ID!) { verifyLedger(fundId: $fundId) { intact entriesChecked brokenEntryId brokenEntrySeq problem } }`;
const TRIAL = `query($fundId: ID!, $from: String!, $to: String!) {
  trialBalance(fundId: $fundId, from: $from, to: $to) { totalDebitFen totalCreditFen accounts { account debitFen creditFen balanceFen } }
}`;

interface Entry {
  id: string;
  seq: string;
  hash: string;
  prevHash: string;
  postings: { lineNo: number; account: string; debitFen: string; creditFen: string }[];
}

const donation = (fundId: string, key: string, fen: string) => ({
  fundId,
  idempotencyKey: key,
  memo: 'Opening balance',
  effectiveDate: '2026-03-01',
  lines: [
    { account: 'CASH', side: 'DEBIT', amountFen: fen },
    { account: 'INCOME_DONATION_MERCHANT', side: 'CREDIT', amountFen: fen },
  ],
});

describe('fund ledger', () => {
  let kit: FundTestKit;
  const openMicroFund = (name: string) => kit.openFund({ name, kind: 'COMMUNITY_MICRO_FUND', communityCode: COMMUNITY_CODE });
  const post = async (input: unknown) => (await kit.ok<{ postJournalEntry: Entry }>(POST, { input })).postJournalEntry;

  beforeAll(async () => {
    kit = await FundTestKit.start();
  });

  afterAll(() => kit?.stop());

  it('refuses an unbalanced entry, naming the lines, and writes nothing', async () => {
    const fundId = await openMicroFund('不平衡测试基金');
    const result = await kit.request(POST, {
      input: { ...donation(fundId, 'unbalanced-1', '10000'), lines: [{ account: 'CASH', side: 'DEBIT', amountFen: '10000' }, { account: 'INCOME_OTHER', side: 'CREDIT', amountFen: '9999' }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNBALANCED', field: 'input.lines' });
    expect(result.errors?.[0]?.message).toContain('differ by 1 fen');
    expect(await kit.query(`SELECT id FROM journal_entry WHERE fund_id = $1`, [fundId])).toEqual([]);
  });

  it('refuses at commit an unbalanced entry written straight into the database', async () => {
    const fundId = await openMicroFund('直写测试基金');
    const runner = kit.fund.service.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO journal_entry (id, fund_id, seq, idempotency_key, kind, memo, effective_date, posted_by, posted_at, prev_hash, hash)
         VALUES (gen_random_uuid(), $1, 1, 'sql', 'MANUAL', 'bypassing the service', '2026-03-01', 'dba', now(), repeat('0', 64), repeat('1', 64))
         RETURNING id`,
        [fundId],
      ).then(([{ id }]: { id: string }[]) =>
        runner.query(`INSERT INTO posting (entry_id, line_no, fund_id, account_code, amount_fen) VALUES ($1, 1, $2, 'CASH', 500), ($1, 2, $2, 'INCOME_OTHER', -400)`, [id, fundId]),
      );
      await expect(runner.commitTransaction()).rejects.toThrow(/does not balance: 2 postings summing to 100 fen/);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await kit.query(`SELECT id FROM journal_entry WHERE fund_id = $1`, [fundId])).toEqual([]);
  });

  it('refuses an UPDATE or DELETE of a posting or an entry issued directly in SQL', async () => {
    const fundId = await openMicroFund('只增测试基金');
    const entry = await post(donation(fundId, 'append-only-1', '8800'));
    await expect(kit.query(`UPDATE posting SET amount_fen = 1 WHERE entry_id = $1 AND line_no = 1`, [entry.id])).rejects.toThrow(/posting is append-only/);
    await expect(kit.query(`DELETE FROM posting WHERE entry_id = $1`, [entry.id])).rejects.toThrow(/posting is append-only/);
    await expect(kit.query(`UPDATE journal_entry SET memo = 'changed' WHERE id = $1`, [entry.id])).rejects.toThrow(/journal_entry is append-only/);
    await expect(kit.query(`DELETE FROM journal_entry WHERE id = $1`, [entry.id])).rejects.toThrow(/journal_entry is append-only/);
    await expect(kit.query(`TRUNCATE posting`)).rejects.toThrow(/append-only/);
    const rows = await kit.query<{ amount_fen: string }>(`SELECT amount_fen::text FROM posting WHERE entry_id = $1 ORDER BY line_no`, [entry.id]);
    expect(rows.map((r) => r.amount_fen)).toEqual(['8800', '-8800']);
  });

  it('catches a posting changed behind the triggers’ back, naming the entry', async () => {
    const fundId = await openMicroFund('防篡改测试基金');
    const entries = [await post(donation(fundId, 'chain-1', '10000')), await post(donation(fundId, 'chain-2', '25000')), await post(donation(fundId, 'chain-3', '300'))];
    expect(entries.map((e) => e.seq)).toEqual(['1', '2', '3']);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect((await kit.ok<{ verifyLedger: unknown }>(VERIFY, { fundId })).verifyLedger).toEqual({
      intact: true,
      entriesChecked: 3,
      brokenEntryId: null,
      brokenEntrySeq: null,
      problem: null,
    });

    // A superuser disables the triggers, rewrites one amount on both sides (so the entry still balances) and
    // puts the triggers back: only the hash chain can tell.
    const runner = kit.fund.service.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`ALTER TABLE posting DISABLE TRIGGER ALL`);
      await runner.query(`UPDATE posting SET amount_fen = CASE WHEN amount_fen > 0 THEN 2500 ELSE -2500 END WHERE entry_id = $1`, [entries[1]!.id]);
    } finally {
      await runner.query(`ALTER TABLE posting ENABLE TRIGGER ALL`);
      await runner.release();
    }

    expect((await kit.ok<{ verifyLedger: unknown }>(VERIFY, { fundId })).verifyLedger).toEqual({
      intact: false,
      entriesChecked: 1,
      brokenEntryId: entries[1]!.id,
      brokenEntrySeq: '2',
      problem: 'HASH_MISMATCH',
    });
  });

  it('posts once per idempotency key, returns the first entry on a replay and refuses the key for other content', async () => {
    const fundId = await openMicroFund('幂等测试基金');
    const first = await post(donation(fundId, 'same-key', '5000'));
    const again = await post(donation(fundId, 'same-key', '5000'));
    expect(again).toEqual(first);
    const other = await kit.request(POST, { input: donation(fundId, 'same-key', '5001') });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', field: 'input.idempotencyKey' });
    expect(await kit.query(`SELECT id FROM journal_entry WHERE fund_id = $1`, [fundId])).toHaveLength(1);
  });

  it('corrects by a reversing entry, once, and keeps the original', async () => {
    const fundId = await openMicroFund('冲销测试基金');
    const original = await post(donation(fundId, 'to-reverse', '7700'));
    const reverse = (key: string) => kit.request<{ reverseJournalEntry: { reversesEntryId: string; postings: unknown[] } }>(REVERSE, { input: { fundId, entryId: original.id, idempotencyKey: key, memo: 'Posted to the wrong fund', effectiveDate: '2026-03-02' } });
    const reversal = await reverse('reverse-1');
    expect(reversal.data?.reverseJournalEntry).toEqual({
      id: expect.any(String),
      seq: '2',
      reversesEntryId: original.id,
      postings: [
        { account: 'CASH', debitFen: '0', creditFen: '7700' },
        { account: 'INCOME_DONATION_MERCHANT', debitFen: '7700', creditFen: '0' },
      ],
    });
    expect((await reverse('reverse-2')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVERSED' });
    const trial = await kit.ok<{ trialBalance: { accounts: { account: string; balanceFen: string }[] } }>(TRIAL, { fundId, from: '2026-03-01', to: '2026-03-31' });
    expect(trial.trialBalance.accounts.map((a) => [a.account, a.balanceFen])).toEqual([
      ['CASH', '0'],
      ['INCOME_DONATION_MERCHANT', '0'],
    ]);
  });

  it('keeps the chain gap-free and the balances exact under concurrent postings to one account', async () => {
    const fundId = await openMicroFund('并发测试基金');
    await Promise.all(Array.from({ length: 16 }, (_, i) => post(donation(fundId, `concurrent-${i}`, String(1_000_000_000_000 + i)))));
    const seqs = await kit.query<{ n: string }>(`SELECT seq::text AS n FROM journal_entry WHERE fund_id = $1 ORDER BY seq`, [fundId]);
    expect(seqs.map((r) => r.n)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    const trial = await kit.ok<{ trialBalance: { totalDebitFen: string; accounts: { account: string; balanceFen: string }[] } }>(TRIAL, { fundId, from: '2026-01-01', to: '2026-12-31' });
    expect(trial.trialBalance.accounts.find((a) => a.account === 'CASH')?.balanceFen).toBe(String(16_000_000_000_000 + 120));
    expect((await kit.ok<{ verifyLedger: { intact: boolean } }>(VERIFY, { fundId })).verifyLedger).toMatchObject({ intact: true, entriesChecked: 16 });
  });

  it('refuses a read of a fund outside the caller’s scopes', async () => {
    const fundId = await openMicroFund('范围测试基金');
    const outsider = await tokenFor('community_staff', '/510112/510112002/', 'outsider');
    const result = await kit.request(VERIFY, { fundId }, outsider);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
  });

  describe('property: random postings, reversals and replayed keys', () => {
    const accounts = [LedgerAccountCode.CASH, LedgerAccountCode.PAYABLES, LedgerAccountCode.INCOME_OTHER, LedgerAccountCode.EXPENSE_EVENTS, LedgerAccountCode.NET_ASSETS];
    const content = fc.record({
      debit: fc.constantFrom(...accounts),
      credit: fc.constantFrom(...accounts),
      fen: fc.bigInt({ min: 1n, max: 9_000_000_000_000_000n }),
    });
    const op = fc.oneof(
      fc.record({ type: fc.constant('post' as const), key: fc.nat({ max: 5 }) }),
      fc.record({ type: fc.constant('reverse' as const), target: fc.nat(), attempt: fc.nat({ max: 1 }) }),
    );

    it('keeps the trial balance at zero and never posts a key twice', async () => {
      const ledger = new LedgerService(kit.fund.service.dataSource);
      const dataSource = kit.fund.service.dataSource;
      await fc.assert(
        fc.asyncProperty(fc.array(content, { minLength: 6, maxLength: 6 }), fc.array(op, { minLength: 1, maxLength: 14 }), async (contents, ops) => {
          const fundId = await openMicroFund('性质测试基金');
          const model = new Map<string, bigint>();
          const posted: { key: string; id: string; lines: { account: LedgerAccountCode; amountFen: bigint }[] }[] = [];
          const reversedBy = new Map<string, string>();
          const keys = new Set<string>();
          const add = (lines: { account: LedgerAccountCode; amountFen: bigint }[]) => lines.forEach((l) => model.set(l.account, (model.get(l.account) ?? 0n) + l.amountFen));

          for (const step of ops) {
            if (step.type === 'post') {
              const c = contents[step.key]!;
              const key = `k${step.key}`;
              const lines = [
                { account: c.debit, amountFen: c.fen },
                { account: c.credit, amountFen: -c.fen },
              ];
              const result = await dataSource.transaction((m) =>
                ledger.post(m, { fundId, idempotencyKey: key, kind: JournalEntryKind.MANUAL, memo: 'property test', effectiveDate: '2026-05-01', postedBy: 'fc', lines }),
              );
              expect(result.replayed).toBe(keys.has(key));
              if (!result.replayed) {
                keys.add(key);
                add(lines);
                posted.push({ key, id: result.entry.id, lines });
              }
            } else if (posted.length > 0) {
              const target = posted[step.target % posted.length]!;
              const key = `r-${target.key}-${step.attempt}`;
              const attempt = dataSource.transaction((m) =>
                ledger.reverse(m, { fundId, entryId: target.id, idempotencyKey: key, memo: 'property test reversal', effectiveDate: '2026-05-02', postedBy: 'fc' }),
              );
              const earlier = reversedBy.get(target.id);
              if (earlier !== undefined && earlier !== key) {
                await expect(attempt).rejects.toBeInstanceOf(ConflictError);
              } else {
                const result = await attempt;
                expect(result.replayed).toBe(earlier === key);
                if (!result.replayed) {
                  reversedBy.set(target.id, key);
                  keys.add(key);
                  add(target.lines.map((l) => ({ account: l.account, amountFen: -l.amountFen })));
                }
              }
            }
          }

          const [{ entries, total }] = await kit.query<{ entries: number; total: string }>(
            `SELECT (SELECT count(*)::int FROM journal_entry WHERE fund_id = $1) AS entries, (SELECT coalesce(sum(amount_fen), 0)::text FROM posting WHERE fund_id = $1) AS total`,
            [fundId],
          );
          expect(total).toBe('0');
          expect(entries).toBe(keys.size);
          const balances = await ledger.accountTotals(dataSource.manager, fundId, null, null);
          for (const account of accounts) {
            expect(balances.find((b) => b.account === account)?.balanceFen ?? 0n).toBe(model.get(account) ?? 0n);
          }
          expect((await kit.ok<{ verifyLedger: { intact: boolean } }>(VERIFY, { fundId })).verifyLedger.intact).toBe(true);
        }),
        { numRuns: 20 },
      );
    }, 60_000);
  });
});
