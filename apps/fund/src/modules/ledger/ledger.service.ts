import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { groupByKey } from '@gongzhi/platform-service';
import { fundInScope } from '../fund/fund-access';
import { JournalEntryKind, LedgerAccountCode, LedgerAccountType } from './ledger-account';
import { PostingSide, type PostJournalEntryInput, type ReverseJournalEntryInput } from './ledger.inputs';
import { entryHash, GENESIS_HASH, type HashedEntry } from './ledger-hash';
import { LedgerProblem, type AccountBalance, type JournalEntry, type LedgerVerification, type Posting, type TrialBalance } from './ledger.types';

/** One posting of a new entry: debits positive, credits negative. */
export interface PostingLine {
  account: LedgerAccountCode;
  amountFen: bigint;
}

export interface NewJournalEntry {
  fundId: string;
  idempotencyKey: string;
  kind: JournalEntryKind;
  memo: string;
  effectiveDate: string;
  postedBy: string;
  lines: PostingLine[];
  reversesEntryId?: string | null;
}

export interface PostResult {
  entry: JournalEntry;
  /** True when the idempotency key had been used: nothing was posted and `entry` is the first result. */
  replayed: boolean;
}

interface EntryRow {
  id: string;
  fund_id: string;
  seq: string;
  idempotency_key: string;
  kind: JournalEntryKind;
  memo: string;
  effective_date: string;
  reverses_entry_id: string | null;
  posted_by: string;
  posted_at: Date;
  prev_hash: string;
  hash: string;
}

interface PostingRow {
  entry_id: string;
  line_no: number;
  account_code: LedgerAccountCode;
  amount_fen: string;
}

const ENTRY_COLUMNS = `id, fund_id, seq::text AS seq, idempotency_key, kind, memo, effective_date::text AS effective_date,
  reverses_entry_id, posted_by, posted_at, prev_hash, hash`;

/**
 * One entry in one statement, under the chain-head lock: the entry (skipped when its fund already has an entry
 * with this idempotency key), its postings and the new chain head, returning the entry — or no row when the
 * key was used. $1–$12: the entry's columns; $13–$15: the postings' line numbers, accounts and signed amounts.
 */
const POST_ENTRY_SQL = `
  WITH entry AS (
    INSERT INTO journal_entry (id, fund_id, seq, idempotency_key, kind, memo, effective_date, reverses_entry_id, posted_by, posted_at, prev_hash, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT ON CONSTRAINT journal_entry_idempotency_key_unique DO NOTHING
    RETURNING ${ENTRY_COLUMNS}
  ), lines AS (
    INSERT INTO posting (entry_id, line_no, fund_id, account_code, amount_fen)
    SELECT entry.id, l.line_no, entry.fund_id, l.account_code, l.amount_fen
      FROM entry, unnest($13::smallint[], $14::text[], $15::bigint[]) AS l(line_no, account_code, amount_fen)
  ), head AS (
    UPDATE ledger_head SET last_seq = $3, last_hash = $12 WHERE fund_id = $2 AND EXISTS (SELECT 1 FROM entry)
  )
  SELECT * FROM entry`;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const VERIFY_BATCH = 1000;

function toEntry(row: EntryRow): JournalEntry {
  return {
    id: row.id,
    fundId: row.fund_id,
    seq: row.seq,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    memo: row.memo,
    effectiveDate: row.effective_date,
    reversesEntryId: row.reverses_entry_id,
    postedBy: row.posted_by,
    postedAt: row.posted_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function toPosting(row: PostingRow): Posting {
  const amount = BigInt(row.amount_fen);
  return { lineNo: row.line_no, account: row.account_code, debitFen: amount > 0n ? amount : 0n, creditFen: amount < 0n ? -amount : 0n };
}

export function assertDate(value: string, field: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new BadUserInputError(field, 'INVALID_DATE', `"${value.slice(0, 20)}" is not a calendar date (YYYY-MM-DD)`);
  }
  return value;
}

/** Today's date in China Standard Time, the accounting calendar of every fund. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The fund ledger: posting (balanced, idempotent, hash-chained), reversing, reading, and verifying. Posting
 * runs inside the caller's transaction so a business record, its entry and its event commit together.
 */
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the fund's chain head until the transaction ends: every posting to the fund waits here, so sequence
   * numbers have no gaps, each `prev_hash` is the hash of the entry before, and two requests with the same
   * idempotency key cannot both post.
   */
  async lockHead(manager: EntityManager, fundId: string): Promise<{ lastSeq: bigint; lastHash: string }> {
    const lock = async () =>
      ((await manager.query(`SELECT last_seq::text AS last_seq, last_hash FROM ledger_head WHERE fund_id = $1 FOR UPDATE`, [fundId])) as { last_seq: string; last_hash: string }[])[0];
    let head = await lock();
    if (!head) {
      // The fund's first entry creates its head; a concurrent first posting waits on the key, then locks that head.
      await manager.query(`INSERT INTO ledger_head (fund_id) VALUES ($1) ON CONFLICT DO NOTHING`, [fundId]);
      head = await lock();
    }
    return { lastSeq: BigInt(head!.last_seq), lastHash: head!.last_hash };
  }

  async findByKey(manager: EntityManager, fundId: string, idempotencyKey: string): Promise<JournalEntry | null> {
    const rows = (await manager.query(`SELECT ${ENTRY_COLUMNS} FROM journal_entry WHERE fund_id = $1 AND idempotency_key = $2`, [fundId, idempotencyKey])) as EntryRow[];
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /**
   * Posts a balanced entry once per idempotency key; a replay with the same content returns the first result.
   * Two round trips: the chain-head lock, then one statement that inserts the entry (unless its key was used
   * already), its postings and the new head, and returns the entry. The balance is checked again at COMMIT.
   */
  async post(manager: EntityManager, entry: NewJournalEntry): Promise<PostResult> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('LedgerService.post must run inside a transaction');
    validateLines(entry.lines);
    const head = await this.lockHead(manager, entry.fundId);
    const hashed: HashedEntry = {
      id: uuidv7(),
      fundId: entry.fundId,
      seq: (head.lastSeq + 1n).toString(),
      idempotencyKey: entry.idempotencyKey,
      kind: entry.kind,
      memo: entry.memo,
      effectiveDate: entry.effectiveDate,
      reversesEntryId: entry.reversesEntryId ?? null,
      postedBy: entry.postedBy,
      postedAt: new Date(),
      postings: entry.lines.map((line, index) => ({ lineNo: index + 1, accountCode: line.account, amountFen: line.amountFen.toString() })),
    };
    const hash = entryHash(head.lastHash, hashed);
    const [row] = (await manager.query(POST_ENTRY_SQL, [
      hashed.id,
      hashed.fundId,
      hashed.seq,
      hashed.idempotencyKey,
      hashed.kind,
      hashed.memo,
      hashed.effectiveDate,
      hashed.reversesEntryId,
      hashed.postedBy,
      hashed.postedAt,
      head.lastHash,
      hash,
      hashed.postings.map((p) => p.lineNo),
      hashed.postings.map((p) => p.accountCode),
      hashed.postings.map((p) => p.amountFen),
    ])) as EntryRow[];
    if (row) return { entry: toEntry(row), replayed: false };

    // The key was used before this transaction took the lock: the first entry answers, if it is the same entry.
    const existing = (await this.findByKey(manager, entry.fundId, entry.idempotencyKey))!;
    const postings = (await this.postingsOf(manager, [existing.id]))[0]!;
    if (existing.kind !== entry.kind || !sameLines(postings, entry.lines)) {
      throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'input.idempotencyKey: this key was already used for a different entry', 'input.idempotencyKey');
    }
    return { entry: existing, replayed: true };
  }

  /** Posts the mirror image of an entry (冲销). An entry is reversed at most once, and a reversal is final. */
  async reverse(manager: EntityManager, input: { fundId: string; entryId: string; idempotencyKey: string; memo: string; effectiveDate: string; postedBy: string }): Promise<PostResult> {
    await this.lockHead(manager, input.fundId);
    const replay = await this.findByKey(manager, input.fundId, input.idempotencyKey);
    const [original] = (await manager.query(`SELECT ${ENTRY_COLUMNS} FROM journal_entry WHERE id = $1 AND fund_id = $2`, [input.entryId, input.fundId])) as EntryRow[];
    if (!original) throw new NotFoundError('ENTRY_NOT_FOUND', `input.entryId: the fund has no entry ${input.entryId}`, 'input.entryId');
    if (original.kind === JournalEntryKind.REVERSAL) {
      throw new BadUserInputError('input.entryId', 'REVERSAL_IS_FINAL', 'a reversing entry cannot itself be reversed: post a new entry instead');
    }
    if (!replay) {
      const [already] = (await manager.query(`SELECT id FROM journal_entry WHERE reverses_entry_id = $1`, [original.id])) as { id: string }[];
      if (already) throw new ConflictError('ALREADY_REVERSED', `input.entryId: entry ${original.id} was already reversed by entry ${already.id}`, 'input.entryId');
    }
    const postings = (await this.postingsOf(manager, [original.id]))[0]!;
    return this.post(manager, {
      fundId: input.fundId,
      idempotencyKey: input.idempotencyKey,
      kind: JournalEntryKind.REVERSAL,
      memo: input.memo,
      effectiveDate: input.effectiveDate,
      postedBy: input.postedBy,
      reversesEntryId: original.id,
      lines: postings.map((p) => ({ account: p.account, amountFen: p.creditFen - p.debitFen })),
    });
  }

  /** A manual entry from an administrator of the fund's node. */
  postManual(user: AuthUser, input: PostJournalEntryInput): Promise<JournalEntry> {
    const lines = signedLines(input.lines);
    const effectiveDate = input.effectiveDate ? assertDate(input.effectiveDate, 'input.effectiveDate') : todayInChina();
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      const { entry } = await this.post(manager, {
        fundId: fund.id,
        idempotencyKey: input.idempotencyKey,
        kind: JournalEntryKind.MANUAL,
        memo: input.memo.trim(),
        effectiveDate,
        postedBy: user.sub,
        lines,
      });
      return entry;
    });
  }

  reverseManual(user: AuthUser, input: ReverseJournalEntryInput): Promise<JournalEntry> {
    const entryId = parseId(input.entryId, 'input.entryId');
    const effectiveDate = input.effectiveDate ? assertDate(input.effectiveDate, 'input.effectiveDate') : todayInChina();
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      const { entry } = await this.reverse(manager, { fundId: fund.id, entryId, idempotencyKey: input.idempotencyKey, memo: input.memo.trim(), effectiveDate, postedBy: user.sub });
      return entry;
    });
  }

  /** The postings of many entries with one statement, in entry order. */
  async postingsOf(manager: EntityManager, entryIds: readonly string[]): Promise<Posting[][]> {
    const rows = (await manager.query(
      `SELECT entry_id, line_no, account_code, amount_fen::text AS amount_fen FROM posting WHERE entry_id = ANY($1) ORDER BY entry_id, line_no`,
      [entryIds],
    )) as PostingRow[];
    return groupByKey(entryIds, rows, (row) => row.entry_id).map((group) => group.map(toPosting));
  }

  async entries(user: AuthUser, fundId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<JournalEntry>> {
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'books');
    const after = decodeCursor(page.after);
    const rows = (await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM journal_entry WHERE fund_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [fund.id, after, page.first + 1],
    )) as EntryRow[];
    return toConnection(rows.map(toEntry), page.first);
  }

  /** Debits and credits per account over [from, to] (effective dates), one grouped statement. */
  async trialBalance(user: AuthUser, fundId: string, from: string, to: string): Promise<TrialBalance> {
    assertDate(from, 'from');
    assertDate(to, 'to');
    if (from > to) throw new BadUserInputError('to', 'PERIOD_REVERSED', 'must not be before `from`');
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'books');
    const accounts = await this.accountTotals(this.dataSource.manager, fund.id, from, to);
    return {
      fundId: fund.id,
      from,
      to,
      accounts,
      totalDebitFen: accounts.reduce((sum, a) => sum + a.debitFen, 0n),
      totalCreditFen: accounts.reduce((sum, a) => sum + a.creditFen, 0n),
    };
  }

  /** Per-account totals of a fund's postings with effective dates in [from, to] (either end open when null). */
  async accountTotals(manager: EntityManager, fundId: string, from: string | null, to: string | null): Promise<AccountBalance[]> {
    const rows = (await manager.query(
      `SELECT a.code, a.type, a.name,
              coalesce(sum(p.amount_fen) FILTER (WHERE p.amount_fen > 0), 0)::text AS debit,
              coalesce(-sum(p.amount_fen) FILTER (WHERE p.amount_fen < 0), 0)::text AS credit
         FROM posting p
         JOIN journal_entry e ON e.id = p.entry_id
         JOIN ledger_account a ON a.code = p.account_code
        WHERE p.fund_id = $1 AND ($2::date IS NULL OR e.effective_date >= $2) AND ($3::date IS NULL OR e.effective_date <= $3)
        GROUP BY a.code, a.type, a.name
        ORDER BY a.code`,
      [fundId, from, to],
    )) as { code: LedgerAccountCode; type: LedgerAccountType; name: string; debit: string; credit: string }[];
    return rows.map((row) => {
      const debitFen = BigInt(row.debit);
      const creditFen = BigInt(row.credit);
      return { account: row.code, type: row.type, name: row.name, debitFen, creditFen, balanceFen: debitFen - creditFen };
    });
  }

  /**
   * Recomputes the fund's chain from the first entry, in batches, on one snapshot: sequence numbers, links,
   * hashes and balance; then the head. Names the first entry that fails.
   */
  async verify(user: AuthUser, fundId: string): Promise<LedgerVerification> {
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'books');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const result = (problem: LedgerProblem | null, checked: number, entry: { id: string; seq: string } | null): LedgerVerification => ({
        fundId: fund.id,
        intact: problem === null,
        entriesChecked: checked,
        brokenEntryId: entry?.id ?? null,
        brokenEntrySeq: entry?.seq ?? null,
        problem,
      });
      let previousHash = GENESIS_HASH;
      let expectedSeq = 1n;
      let checked = 0;
      let last: EntryRow | null = null;
      for (;;) {
        const rows = (await manager.query(`SELECT ${ENTRY_COLUMNS} FROM journal_entry WHERE fund_id = $1 AND seq >= $2 ORDER BY journal_entry.seq LIMIT $3`, [
          fund.id,
          expectedSeq.toString(),
          VERIFY_BATCH,
        ])) as EntryRow[];
        if (rows.length === 0) break;
        const postings = (await manager.query(
          `SELECT entry_id, line_no, account_code, amount_fen::text AS amount_fen FROM posting WHERE entry_id = ANY($1) ORDER BY entry_id, line_no`,
          [rows.map((r) => r.id)],
        )) as PostingRow[];
        const byEntry = groupByKey(
          rows.map((r) => r.id),
          postings,
          (p) => p.entry_id,
        );
        for (const [index, row] of rows.entries()) {
          const entry = { id: row.id, seq: row.seq };
          if (BigInt(row.seq) !== expectedSeq) return result(LedgerProblem.SEQUENCE_GAP, checked, entry);
          if (row.prev_hash !== previousHash) return result(LedgerProblem.BROKEN_LINK, checked, entry);
          const lines = byEntry[index]!;
          const recomputed = entryHash(previousHash, {
            id: row.id,
            fundId: row.fund_id,
            seq: row.seq,
            idempotencyKey: row.idempotency_key,
            kind: row.kind,
            memo: row.memo,
            effectiveDate: row.effective_date,
            reversesEntryId: row.reverses_entry_id,
            postedBy: row.posted_by,
            postedAt: row.posted_at,
            postings: lines.map((p) => ({ lineNo: p.line_no, accountCode: p.account_code, amountFen: p.amount_fen })),
          });
          if (recomputed !== row.hash) return result(LedgerProblem.HASH_MISMATCH, checked, entry);
          if (lines.length < 2 || lines.reduce((sum, p) => sum + BigInt(p.amount_fen), 0n) !== 0n) return result(LedgerProblem.UNBALANCED, checked, entry);
          previousHash = row.hash;
          expectedSeq += 1n;
          checked += 1;
          last = row;
        }
      }
      const [head] = (await manager.query(`SELECT last_seq::text AS last_seq, last_hash FROM ledger_head WHERE fund_id = $1`, [fund.id])) as {
        last_seq: string;
        last_hash: string;
      }[];
      if (head && (head.last_hash !== previousHash || BigInt(head.last_seq) !== expectedSeq - 1n)) {
        return result(LedgerProblem.HEAD_MISMATCH, checked, last ? { id: last.id, seq: last.seq } : null);
      }
      return result(null, checked, null);
    });
  }
}

function validateLines(lines: PostingLine[]): void {
  if (lines.length < 2) throw new BadUserInputError('input.lines', 'TOO_FEW_POSTINGS', 'a journal entry needs at least two postings');
  if (lines.length > 500) throw new BadUserInputError('input.lines', 'TOO_MANY_POSTINGS', 'a journal entry takes at most 500 postings');
  lines.forEach((line, index) => {
    if (line.amountFen === 0n) throw new BadUserInputError(`input.lines.${index}.amountFen`, 'ZERO_AMOUNT', 'a posting must move a non-zero amount');
  });
  const total = lines.reduce((sum, line) => sum + line.amountFen, 0n);
  if (total !== 0n) {
    throw new BadUserInputError('input.lines', 'UNBALANCED', `debits and credits must be equal: they differ by ${total < 0n ? -total : total} fen`);
  }
}

function sameLines(postings: Posting[], lines: PostingLine[]): boolean {
  return postings.length === lines.length && postings.every((p, i) => p.account === lines[i]!.account && p.debitFen - p.creditFen === lines[i]!.amountFen);
}

/** Turns debit/credit lines from an input into signed postings, naming the field of a non-positive amount. */
export function signedLines(lines: { account: LedgerAccountCode; side: PostingSide; amountFen: bigint }[]): PostingLine[] {
  return lines.map((line, index) => {
    if (line.amountFen <= 0n) throw new BadUserInputError(`input.lines.${index}.amountFen`, 'NOT_POSITIVE', 'must be a positive number of fen');
    return { account: line.account, amountFen: line.side === PostingSide.DEBIT ? line.amountFen : -line.amountFen };
  });
}
