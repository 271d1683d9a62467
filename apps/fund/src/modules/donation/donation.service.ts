import type { DataSource } from 'typeorm';
import { fundDonationReceivedV1 } from '@gongzhi/contracts-events';
import type { AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { fundInScope } from '../fund/fund-access';
import { FundKind } from '../fund/fund.entity';
import { JournalEntryKind, LedgerAccountCode } from '../ledger/ledger-account';
import { assertDate, type LedgerService } from '../ledger/ledger.service';
import { assertAmount } from '../ledger/money';
import { Donation, DonorKind, type ThankYou } from './donation.entity';
import type { RecordDonationInput } from './donation.inputs';

export class DonationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async record(user: AuthUser, input: RecordDonationInput): Promise<Donation> {
    const amount = assertAmount(input.amountFen, 'input.amountFen');
    const receivedOn = assertDate(input.receivedOn, 'input.receivedOn');
    const restrictedTo = input.restrictedTo?.trim() || null;
    const restrictedCategory = input.restrictedCategory ?? null;
    if (restrictedTo && !restrictedCategory) {
      throw new BadUserInputError('input.restrictedCategory', 'RESTRICTION_CATEGORY_REQUIRED', 'a restricted donation names the expense category it may be spent on');
    }
    if (restrictedCategory && !restrictedTo) {
      throw new BadUserInputError('input.restrictedTo', 'RESTRICTION_PURPOSE_REQUIRED', 'a restricted donation states its purpose');
    }
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      if (fund.kind !== FundKind.COMMUNITY_MICRO_FUND) throw new BadUserInputError('input.fundId', 'NOT_A_MICRO_FUND', 'donations are received by community micro-funds');
      const { entry, replayed } = await this.ledger.post(manager, {
        fundId: fund.id,
        idempotencyKey: input.idempotencyKey,
        kind: JournalEntryKind.DONATION,
        memo: `Donation (${input.donorKind.toLowerCase().replace(/_/g, ' ')}${restrictedTo ? `, restricted to ${restrictedTo}` : ''})`,
        effectiveDate: receivedOn,
        postedBy: user.sub,
        lines: [
          { account: LedgerAccountCode.CASH, amountFen: amount },
          { account: LedgerAccountCode[`INCOME_DONATION_${input.donorKind}`], amountFen: -amount },
        ],
      });
      if (replayed) return manager.findOneOrFail(Donation, { where: { entryId: entry.id } });

      // The chain head is locked, so counting this year's receipts cannot race another donation to the fund.
      const year = receivedOn.slice(0, 4);
      const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM donation WHERE fund_id = $1 AND receipt_number LIKE $2`, [fund.id, `${year}-%`])) as { n: number }[];
      const donation = manager.create(Donation, {
        id: uuidv7(),
        fundId: fund.id,
        entryId: entry.id,
        receiptNumber: `${year}-${String(n + 1).padStart(6, '0')}`,
        donorKind: input.donorKind,
        donorName: input.donorName.trim(),
        anonymous: input.anonymous,
        restrictedTo,
        restrictedCategory,
        amountFen: amount.toString(),
        receivedOn,
        recordedBy: user.sub,
      });
      await manager.insert(Donation, donation);
      await enqueueEvent(manager, {
        contract: fundDonationReceivedV1,
        subject: donation.id,
        scope: fund.ownerScopePath,
        data: {
          donationId: donation.id,
          fundId: fund.id,
          receiptNumber: donation.receiptNumber,
          donorKind: donation.donorKind,
          anonymous: donation.anonymous,
          restricted: donation.restrictedTo !== null,
          amountFen: Number(amount),
          receivedOn,
        },
      });
      return manager.findOneOrFail(Donation, { where: { id: donation.id } });
    });
  }

  /** Donations with donor names: for the fund's bookkeepers only. */
  async list(user: AuthUser, fundId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<Donation>> {
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'write');
    const after = decodeCursor(page.after);
    const query = this.dataSource.getRepository(Donation).createQueryBuilder('d').where('d.fund_id = :fundId', { fundId: fund.id }).orderBy('d.id', 'ASC').limit(page.first + 1);
    if (after) query.andWhere('d.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** The public thank-you list: the name is withheld in SQL for anonymous donors. */
  async thankYous(user: AuthUser, fundId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<ThankYou>> {
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'read');
    const after = decodeCursor(page.after);
    const rows = (await this.dataSource.query(
      `SELECT id, CASE WHEN anonymous THEN NULL ELSE donor_name END AS donor_name, donor_kind, amount_fen::text AS amount_fen, received_on::text AS received_on
         FROM donation WHERE fund_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [fund.id, after, page.first + 1],
    )) as { id: string; donor_name: string | null; donor_kind: DonorKind; amount_fen: string; received_on: string }[];
    return toConnection(
      rows.map((r) => ({ id: r.id, donorName: r.donor_name, donorKind: r.donor_kind, amountFen: r.amount_fen, receivedOn: r.received_on })),
      page.first,
    );
  }
}
