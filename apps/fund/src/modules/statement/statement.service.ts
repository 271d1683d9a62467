import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError } from '@gongzhi/platform-graphql';
import type { DonorKind } from '../donation/donation.entity';
import { fundInScope } from '../fund/fund-access';
import { FundKind } from '../fund/fund.entity';
import { LedgerAccountType } from '../ledger/ledger-account';
import { assertDate, type LedgerService } from '../ledger/ledger.service';
import type { AccountBalance } from '../ledger/ledger.types';
import type { BalanceSheet, DonationsBySource, IncomeStatement, PublicFundReport, StatementLine } from './statement.types';

function assertPeriod(from: string, to: string): void {
  assertDate(from, 'from');
  assertDate(to, 'to');
  if (from > to) throw new BadUserInputError('to', 'PERIOD_REVERSED', 'must not be before `from`');
}

/** Lines of one account type, with credit-natured types (income, liabilities, net assets) turned positive. */
function linesOf(accounts: AccountBalance[], type: LedgerAccountType): StatementLine[] {
  const creditNatured = type === LedgerAccountType.INCOME || type === LedgerAccountType.LIABILITY || type === LedgerAccountType.NET_ASSETS;
  return accounts.filter((a) => a.type === type).map((a) => ({ account: a.account, name: a.name, amountFen: creditNatured ? -a.balanceFen : a.balanceFen }));
}

const total = (lines: StatementLine[]): bigint => lines.reduce((sum, line) => sum + line.amountFen, 0n);

/**
 * Statements derived from the ledger (and the donation register for counts by source). Every figure comes
 * from grouped SQL over postings; nothing is stored, so a statement can never disagree with the ledger. All
 * of them are free of personal data, so anyone who may read the fund may read them.
 */
export class StatementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async incomeStatement(user: AuthUser, fundId: string, from: string, to: string): Promise<IncomeStatement> {
    assertPeriod(from, to);
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'books');
    return this.buildIncomeStatement(this.dataSource.manager, fund.id, from, to);
  }

  async balanceSheet(user: AuthUser, fundId: string, asOf: string): Promise<BalanceSheet> {
    assertDate(asOf, 'asOf');
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'books');
    const accounts = await this.ledger.accountTotals(this.dataSource.manager, fund.id, null, asOf);
    const assets = linesOf(accounts, LedgerAccountType.ASSET);
    const liabilities = linesOf(accounts, LedgerAccountType.LIABILITY);
    const contributed = total(linesOf(accounts, LedgerAccountType.NET_ASSETS));
    const surplus = total(linesOf(accounts, LedgerAccountType.INCOME)) - total(linesOf(accounts, LedgerAccountType.EXPENSE));
    return {
      fundId: fund.id,
      asOf,
      assets,
      liabilities,
      totalAssetsFen: total(assets),
      totalLiabilitiesFen: total(liabilities),
      contributedNetAssetsFen: contributed,
      accumulatedSurplusFen: surplus,
      netAssetsFen: contributed + surplus,
    };
  }

  async donationsBySource(user: AuthUser, fundId: string, from: string, to: string): Promise<DonationsBySource> {
    assertPeriod(from, to);
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'read');
    return this.buildDonationsBySource(this.dataSource.manager, fund.id, from, to);
  }

  /** The public report runs on one snapshot so its parts agree with each other. */
  async publicReport(user: AuthUser, fundId: string, from: string, to: string): Promise<PublicFundReport> {
    assertPeriod(from, to);
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'read');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [cash] = (await manager.query(
        `SELECT coalesce(sum(p.amount_fen) FILTER (WHERE p.account_code = 'CASH' AND e.effective_date < $2), 0)::text AS opening,
                coalesce(sum(p.amount_fen) FILTER (WHERE p.account_code = 'CASH'), 0)::text AS closing,
                coalesce(sum(p.amount_fen) FILTER (WHERE p.account_code = 'FEES_RECEIVABLE'), 0)::text AS receivable
           FROM posting p JOIN journal_entry e ON e.id = p.entry_id
          WHERE p.fund_id = $1 AND p.account_code IN ('CASH', 'FEES_RECEIVABLE') AND e.effective_date <= $3`,
        [fund.id, from, to],
      )) as { opening: string; closing: string; receivable: string }[];
      const [points] = (await manager.query(
        `SELECT count(*)::int AS redemptions, coalesce(sum(points), 0)::int AS points, coalesce(sum(amount_fen), 0)::text AS fen
           FROM points_redemption WHERE paying_fund_id = $1 AND redeemed_on BETWEEN $2 AND $3`,
        [fund.id, from, to],
      )) as { redemptions: number; points: number; fen: string }[];
      return {
        fundId: fund.id,
        fundName: fund.name,
        kind: fund.kind,
        hostName: fund.hostName,
        from,
        to,
        openingCashFen: BigInt(cash!.opening),
        closingCashFen: BigInt(cash!.closing),
        incomeStatement: await this.buildIncomeStatement(manager, fund.id, from, to),
        donationsBySource: await this.buildDonationsBySource(manager, fund.id, from, to),
        pointsRedemptions: { redemptions: points!.redemptions, points: points!.points, amountFen: BigInt(points!.fen) },
        arrearsFen: fund.kind === FundKind.TRUST_PROPERTY_ACCOUNT ? BigInt(cash!.receivable) : null,
      };
    });
  }

  private async buildIncomeStatement(manager: EntityManager, fundId: string, from: string, to: string): Promise<IncomeStatement> {
    const accounts = await this.ledger.accountTotals(manager, fundId, from, to);
    const income = linesOf(accounts, LedgerAccountType.INCOME);
    const expenses = linesOf(accounts, LedgerAccountType.EXPENSE);
    return { fundId, from, to, income, expenses, totalIncomeFen: total(income), totalExpenseFen: total(expenses), surplusFen: total(income) - total(expenses) };
  }

  /** A donation reversed by the end of the period (its receipt cancelled) is left out. */
  private async buildDonationsBySource(manager: EntityManager, fundId: string, from: string, to: string): Promise<DonationsBySource> {
    const rows = (await manager.query(
      `SELECT d.donor_kind, count(*)::int AS donations, sum(d.amount_fen)::text AS fen,
              coalesce(sum(d.amount_fen) FILTER (WHERE d.restricted_to IS NOT NULL), 0)::text AS restricted
         FROM donation d
        WHERE d.fund_id = $1 AND d.received_on BETWEEN $2 AND $3
          AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = d.entry_id AND r.effective_date <= $3)
        GROUP BY d.donor_kind ORDER BY d.donor_kind`,
      [fundId, from, to],
    )) as { donor_kind: DonorKind; donations: number; fen: string; restricted: string }[];
    const sources = rows.map((row) => ({ donorKind: row.donor_kind, donations: row.donations, amountFen: BigInt(row.fen), restrictedFen: BigInt(row.restricted) }));
    return { fundId, from, to, sources, totalFen: sources.reduce((sum, s) => sum + s.amountFen, 0n) };
  }
}
