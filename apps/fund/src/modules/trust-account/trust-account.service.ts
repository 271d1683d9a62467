import type { DataSource, EntityManager } from 'typeorm';
import { can, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { byKey } from '@gongzhi/platform-service';
import { fundInScope, requireActingForFund } from '../fund/fund-access';
import { FundKind, type Fund } from '../fund/fund.entity';
import { expenseAccount, ExpenseCategory, JournalEntryKind, LedgerAccountCode } from '../ledger/ledger-account';
import { assertDate, type LedgerService } from '../ledger/ledger.service';
import type { JournalEntry } from '../ledger/ledger.types';
import { assertAmount } from '../ledger/money';
import type { IssueMonthlyBillsInput, PayCompanyRemunerationInput, RecordFeePaymentInput, RecordPropertyExpenseInput } from './trust-account.inputs';
import type { BillingRun, DwellingArrears, FeePayment } from './trust-account.types';

/** Expense categories a trust account books directly; remuneration has its own monthly operation. */
const PROPERTY_EXPENSES = new Set([ExpenseCategory.CLEANING, ExpenseCategory.SECURITY, ExpenseCategory.STAFF, ExpenseCategory.UTILITIES, ExpenseCategory.REPAIRS, ExpenseCategory.OTHER]);

/**
 * One month's fee for a dwelling: exclusive area (hundredths of a m²) × standard (fen per m² per month),
 * rounded half up to whole fen in integer arithmetic.
 */
export function monthlyFee(exclusiveAreaHundredths: bigint, fenPerSquareMetreMonth: bigint): bigint {
  return (exclusiveAreaHundredths * fenPerSquareMetreMonth + 50n) / 100n;
}

function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Trust-based property accounts (信托制物业): bills, payments, arrears, expenses and the company's remuneration. */
export class TrustAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  private async trustAccount(manager: EntityManager, user: AuthUser, fundId: string): Promise<Fund> {
    const fund = await fundInScope(manager, user, fundId, 'input.fundId', 'write');
    if (fund.kind !== FundKind.TRUST_PROPERTY_ACCOUNT) {
      throw new BadUserInputError('input.fundId', 'NOT_A_TRUST_ACCOUNT', 'this operation applies to a trust-based property account only');
    }
    await requireActingForFund(manager, user, fund, 'fund:bookkeep');
    return fund;
  }

  async issueMonthlyBills(user: AuthUser, input: IssueMonthlyBillsInput): Promise<BillingRun> {
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.trustAccount(manager, user, input.fundId);
      if (fund.feeFenPerSquareMetreMonth === null) {
        throw new BadUserInputError('input.fundId', 'FEE_STANDARD_MISSING', 'set the fund’s fee standard (configureFund) before billing');
      }
      const key = `bills:${input.period}`;
      await this.ledger.lockHead(manager, fund.id);
      if (!(await this.ledger.findByKey(manager, fund.id, key))) {
        const rate = BigInt(fund.feeFenPerSquareMetreMonth);
        const dwellings = (await manager.query(`SELECT id, exclusive_area::text AS area FROM fund_dwelling WHERE compound_id = $1 ORDER BY id`, [fund.compoundId])) as {
          id: string;
          area: string;
        }[];
        const bills = dwellings.map((d) => ({ id: uuidv7(), dwellingId: d.id, area: d.area, amount: monthlyFee(BigInt(d.area), rate) }));
        const total = bills.reduce((sum, bill) => sum + bill.amount, 0n);
        if (total === 0n) throw new BadUserInputError('input.fundId', 'NOTHING_TO_BILL', 'the compound has no dwellings with an area to bill yet');
        const { entry } = await this.ledger.post(manager, {
          fundId: fund.id,
          idempotencyKey: key,
          kind: JournalEntryKind.FEE_BILLING,
          memo: `Property fees billed for ${input.period} (${bills.length} dwellings)`,
          effectiveDate: `${input.period}-01`,
          postedBy: user.sub,
          lines: [
            { account: LedgerAccountCode.FEES_RECEIVABLE, amountFen: total },
            { account: LedgerAccountCode.INCOME_PROPERTY_FEES, amountFen: -total },
          ],
        });
        await manager.query(
          `INSERT INTO fee_bill (id, fund_id, dwelling_id, period, exclusive_area, fee_fen_per_square_metre_month, amount_fen, entry_id)
           SELECT b.id, $1, b.dwelling_id, $2, b.area, $3, b.amount, $4
             FROM unnest($5::uuid[], $6::uuid[], $7::bigint[], $8::bigint[]) AS b(id, dwelling_id, area, amount)`,
          [fund.id, input.period, rate.toString(), entry.id, bills.map((b) => b.id), bills.map((b) => b.dwellingId), bills.map((b) => b.area), bills.map((b) => b.amount.toString())],
        );
      }
      const [run] = (await manager.query(
        `SELECT count(*)::int AS bills, sum(amount_fen)::text AS total, min(entry_id::text) AS entry_id FROM fee_bill WHERE fund_id = $1 AND period = $2`,
        [fund.id, input.period],
      )) as { bills: number; total: string; entry_id: string }[];
      return { fundId: fund.id, period: input.period, bills: run!.bills, totalFen: BigInt(run!.total), entryId: run!.entry_id };
    });
  }

  async recordFeePayment(user: AuthUser, input: RecordFeePaymentInput): Promise<FeePayment> {
    const amount = assertAmount(input.amountFen, 'input.amountFen');
    const paidOn = assertDate(input.paidOn, 'input.paidOn');
    const dwellingId = parseId(input.dwellingId, 'input.dwellingId');
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.trustAccount(manager, user, input.fundId);
      const [dwelling] = (await manager.query(`SELECT room_number FROM fund_dwelling WHERE id = $1 AND compound_id = $2`, [dwellingId, fund.compoundId])) as { room_number: string }[];
      if (!dwelling) throw new BadUserInputError('input.dwellingId', 'UNKNOWN_DWELLING', `the fund’s compound has no dwelling ${dwellingId}`);
      const { entry, replayed } = await this.ledger.post(manager, {
        fundId: fund.id,
        idempotencyKey: input.idempotencyKey,
        kind: JournalEntryKind.FEE_PAYMENT,
        memo: 'Property fee payment',
        effectiveDate: paidOn,
        postedBy: user.sub,
        lines: [
          { account: LedgerAccountCode.CASH, amountFen: amount },
          { account: LedgerAccountCode.FEES_RECEIVABLE, amountFen: -amount },
        ],
      });
      if (!replayed) {
        await manager.query(`INSERT INTO fee_payment (id, fund_id, dwelling_id, amount_fen, paid_on, entry_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
          uuidv7(),
          fund.id,
          dwellingId,
          amount.toString(),
          paidOn,
          entry.id,
        ]);
      }
      const [payment] = (await manager.query(
        `SELECT id, dwelling_id, amount_fen::text AS amount_fen, paid_on::text AS paid_on, entry_id FROM fee_payment WHERE entry_id = $1`,
        [entry.id],
      )) as { id: string; dwelling_id: string; amount_fen: string; paid_on: string; entry_id: string }[];
      return { id: payment!.id, dwellingId: payment!.dwelling_id, amountFen: payment!.amount_fen, paidOn: payment!.paid_on, entryId: payment!.entry_id };
    });
  }

  async recordExpense(user: AuthUser, input: RecordPropertyExpenseInput): Promise<JournalEntry> {
    if (!PROPERTY_EXPENSES.has(input.category)) {
      throw new BadUserInputError('input.category', 'NOT_A_PROPERTY_EXPENSE', 'must be CLEANING, SECURITY, STAFF, UTILITIES, REPAIRS or OTHER');
    }
    const amount = assertAmount(input.amountFen, 'input.amountFen');
    const spentOn = assertDate(input.spentOn, 'input.spentOn');
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.trustAccount(manager, user, input.fundId);
      const { entry } = await this.ledger.post(manager, {
        fundId: fund.id,
        idempotencyKey: input.idempotencyKey,
        kind: JournalEntryKind.PROPERTY_EXPENSE,
        memo: input.memo.trim(),
        effectiveDate: spentOn,
        postedBy: user.sub,
        lines: [
          { account: expenseAccount(input.category), amountFen: amount },
          { account: LedgerAccountCode.CASH, amountFen: -amount },
        ],
      });
      return entry;
    });
  }

  async payRemuneration(user: AuthUser, input: PayCompanyRemunerationInput): Promise<JournalEntry> {
    const paidOn = input.paidOn ? assertDate(input.paidOn, 'input.paidOn') : lastDayOf(input.period);
    return this.dataSource.transaction(async (manager) => {
      const fund = await this.trustAccount(manager, user, input.fundId);
      if (!fund.remunerationFenPerMonth || fund.remunerationFenPerMonth === '0') {
        throw new BadUserInputError('input.fundId', 'REMUNERATION_MISSING', 'set the company’s fixed monthly remuneration (configureFund) first');
      }
      const amount = BigInt(fund.remunerationFenPerMonth);
      const { entry } = await this.ledger.post(manager, {
        fundId: fund.id,
        idempotencyKey: `remuneration:${input.period}`,
        kind: JournalEntryKind.PROPERTY_EXPENSE,
        memo: `Property company remuneration for ${input.period}`,
        effectiveDate: paidOn,
        postedBy: user.sub,
        lines: [
          { account: LedgerAccountCode.EXPENSE_COMPANY_REMUNERATION, amountFen: amount },
          { account: LedgerAccountCode.CASH, amountFen: -amount },
        ],
      });
      return entry;
    });
  }

  /** Dwellings that owe money, with what each was billed and paid; aggregated in SQL, paged by dwelling id. */
  async dwellingArrears(user: AuthUser, fundId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<DwellingArrears>> {
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'write');
    if (!can(user, 'fund:read-books')) await requireActingForFund(this.dataSource.manager, user, fund, 'fund:bookkeep');
    const after = decodeCursor(page.after);
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.room_number, b.billed::text AS billed, coalesce(p.paid, 0)::text AS paid
         FROM fund_dwelling d
         JOIN (SELECT dwelling_id, sum(amount_fen) AS billed FROM fee_bill WHERE fund_id = $1 GROUP BY dwelling_id) b ON b.dwelling_id = d.id
         LEFT JOIN (SELECT dwelling_id, sum(amount_fen) AS paid FROM fee_payment WHERE fund_id = $1 GROUP BY dwelling_id) p ON p.dwelling_id = d.id
        WHERE b.billed > coalesce(p.paid, 0) AND ($2::uuid IS NULL OR d.id > $2)
        ORDER BY d.id LIMIT $3`,
      [fund.id, after, page.first + 1],
    )) as { id: string; room_number: string; billed: string; paid: string }[];
    return toConnection(
      rows.map((r) => ({ id: r.id, roomNumber: r.room_number, billedFen: BigInt(r.billed), paidFen: BigInt(r.paid), arrearsFen: BigInt(r.billed) - BigInt(r.paid) })),
      page.first,
    );
  }

  /** A compound's total arrears per fund (the fees receivable balance), for many funds in one statement. */
  async arrearsOf(fundIds: readonly string[]): Promise<(bigint | null)[]> {
    const rows = (await this.dataSource.query(
      `SELECT f.id, coalesce((SELECT sum(p.amount_fen) FROM posting p WHERE p.fund_id = f.id AND p.account_code = 'FEES_RECEIVABLE'), 0)::text AS arrears
         FROM fund f WHERE f.id = ANY($1) AND f.kind = 'TRUST_PROPERTY_ACCOUNT'`,
      [fundIds],
    )) as { id: string; arrears: string }[];
    return byKey(fundIds, rows, (row) => row.id).map((row) => (row ? BigInt(row.arrears) : null));
  }
}
