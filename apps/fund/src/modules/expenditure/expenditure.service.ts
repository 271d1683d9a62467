import type { DataSource, EntityManager } from 'typeorm';
import { fundExpenditurePaidV1, fundVoteRequestedV1 } from '@gongzhi/contracts-events';
import { withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { groupByKey } from '@gongzhi/platform-service';
import { findOrgNode } from '@gongzhi/org-mirror';
import { fundInScope } from '../fund/fund-access';
import type { Fund } from '../fund/fund.entity';
import { expenseAccount, JournalEntryKind, LedgerAccountCode } from '../ledger/ledger-account';
import { assertDate, todayInChina, type LedgerService } from '../ledger/ledger.service';
import { assertAmount } from '../ledger/money';
import { checkSpending, recordRelease } from '../donation/restricted-funds';
import { Expenditure, ExpenditureDecisionKind, ExpenditureStatus, type ExpenditureDecision } from './expenditure.entity';
import { expenditureEventData, settle } from './expenditure-settlement';
import type { AppointCommitteeMemberInput, DecideExpenditureInput, PayExpenditureInput, RequestExpenditureInput } from './expenditure.inputs';

/** How long deliberation should keep an expenditure vote open. */
const VOTE_OPEN_DAYS = 14;

export class ExpenditureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async appointCommitteeMember(user: AuthUser, input: AppointCommitteeMemberInput): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      await manager.query(`INSERT INTO fund_committee_member (fund_id, member, appointed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        fund.id,
        input.member.trim(),
        user.sub,
      ]);
      return (await this.committeesOf(manager, [fund.id]))[0]!;
    });
  }

  /** The committee members of many funds with one statement (a committee is a handful of people). */
  async committeesOf(manager: EntityManager, fundIds: readonly string[]): Promise<string[][]> {
    const rows = (await manager.query(`SELECT fund_id, member FROM fund_committee_member WHERE fund_id = ANY($1) ORDER BY fund_id, appointed_at, member`, [fundIds])) as {
      fund_id: string;
      member: string;
    }[];
    return groupByKey(fundIds, rows, (row) => row.fund_id).map((group) => group.map((row) => row.member));
  }

  async request(user: AuthUser, input: RequestExpenditureInput): Promise<Expenditure> {
    const amount = assertAmount(input.amountFen, 'input.amountFen');
    const voteCompoundId = input.voteCompoundId ? parseId(input.voteCompoundId, 'input.voteCompoundId') : null;
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      const replay = await manager.findOne(Expenditure, { where: { fundId: fund.id, idempotencyKey: input.idempotencyKey } });
      if (replay) return replay;

      const voteRequired = fund.voteThresholdFen !== null && amount >= BigInt(fund.voteThresholdFen);
      const compoundId = voteRequired ? await this.voteCompound(manager, fund, voteCompoundId) : null;
      const expenditure = manager.create(Expenditure, {
        id: uuidv7(),
        fundId: fund.id,
        idempotencyKey: input.idempotencyKey,
        title: input.title.trim(),
        category: input.category,
        amountFen: amount.toString(),
        payee: input.payee.trim(),
        attachments: input.attachments,
        requestedBy: user.sub,
        requestedAt: new Date(),
        approvalsRequired: fund.approvalsRequired,
        voteRequired,
        voteCompoundId: compoundId,
        voteOutcome: null,
        status: ExpenditureStatus.PENDING,
        decidedAt: null,
        paidEntryId: null,
        paidOn: null,
      });
      await manager.insert(Expenditure, expenditure);
      if (compoundId) {
        await enqueueEvent(manager, {
          contract: fundVoteRequestedV1,
          subject: expenditure.id,
          scope: fund.ownerScopePath,
          data: {
            requestId: expenditure.id,
            fundId: fund.id,
            compoundId,
            title: expenditure.title,
            amountFen: Number(amount),
            decisionClass: 'ORDINARY',
            openForDays: VOTE_OPEN_DAYS,
          },
        });
      }
      return expenditure;
    });
  }

  /** A trust account's owners are its compound's; a community fund names the compound whose owners decide. */
  private async voteCompound(manager: EntityManager, fund: Fund, given: string | null): Promise<string> {
    if (fund.compoundId) {
      if (given && given !== fund.compoundId) {
        throw new BadUserInputError('input.voteCompoundId', 'NOT_THE_FUND_COMPOUND', 'a trust-based property account is decided by its own compound’s owners');
      }
      return fund.compoundId;
    }
    if (!given) {
      throw new BadUserInputError('input.voteCompoundId', 'VOTE_COMPOUND_REQUIRED', 'the amount reaches the fund’s vote threshold: name the compound whose owners decide');
    }
    const compound = await findOrgNode(manager, given, 'COMPOUND');
    if (!compound || !compound.scopePath.startsWith(fund.ownerScopePath)) {
      throw new BadUserInputError('input.voteCompoundId', 'UNKNOWN_COMPOUND', `no compound of the fund’s community has the id ${given}`);
    }
    return compound.id;
  }

  async decide(user: AuthUser, input: DecideExpenditureInput): Promise<Expenditure> {
    const id = parseId(input.expenditureId, 'input.expenditureId');
    return this.dataSource.transaction(async (manager) => {
      const expenditure = await this.lockInScope(manager, user, id);
      if (expenditure.status !== ExpenditureStatus.PENDING) {
        throw new ConflictError('EXPENDITURE_DECIDED', `input.expenditureId: the expenditure is already ${expenditure.status}`, 'input.expenditureId');
      }
      if (expenditure.requestedBy === user.sub) {
        throw new ForbiddenError('OWN_REQUEST', 'A requester never decides on their own expenditure');
      }
      const [member] = (await manager.query(`SELECT 1 FROM fund_committee_member WHERE fund_id = $1 AND member = $2`, [expenditure.fundId, user.sub])) as unknown[];
      if (!member) throw new ForbiddenError('NOT_COMMITTEE_MEMBER', 'Only members of the fund committee decide on expenditures');
      const inserted = (await manager.query(
        `INSERT INTO expenditure_decision (expenditure_id, fund_id, requested_by, member, decision, comment)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING member`,
        [expenditure.id, expenditure.fundId, expenditure.requestedBy, user.sub, input.decision, input.comment?.trim() || null],
      )) as unknown[];
      if (inserted.length === 0) throw new ConflictError('ALREADY_DECIDED', 'input.expenditureId: you already decided on this expenditure', 'input.expenditureId');
      return settle(manager, expenditure);
    });
  }

  async pay(user: AuthUser, input: PayExpenditureInput): Promise<Expenditure> {
    const id = parseId(input.expenditureId, 'input.expenditureId');
    const paidOn = input.paidOn ? assertDate(input.paidOn, 'input.paidOn') : todayInChina();
    return this.dataSource.transaction(async (manager) => {
      const expenditure = await this.lockInScope(manager, user, id);
      if (expenditure.status === ExpenditureStatus.PAID) return expenditure;
      if (expenditure.status !== ExpenditureStatus.APPROVED) {
        throw new ConflictError('NOT_APPROVED', `input.expenditureId: only an approved expenditure can be paid; this one is ${expenditure.status}`, 'input.expenditureId');
      }
      const fund = await fundInScope(manager, user, expenditure.fundId, 'input.expenditureId', 'write');
      await this.ledger.lockHead(manager, fund.id);
      const amount = BigInt(expenditure.amountFen);
      const restrictedUsed = await checkSpending(manager, fund.id, expenditure.category, amount, 'input.expenditureId');
      const { entry } = await this.ledger.post(manager, {
        fundId: fund.id,
        idempotencyKey: `expenditure:${expenditure.id}`,
        kind: JournalEntryKind.EXPENDITURE_PAYMENT,
        memo: `Expenditure: ${expenditure.title}`,
        effectiveDate: paidOn,
        postedBy: user.sub,
        lines: [
          { account: expenseAccount(expenditure.category), amountFen: amount },
          { account: LedgerAccountCode.CASH, amountFen: -amount },
        ],
      });
      await recordRelease(manager, fund.id, entry.id, expenditure.category, restrictedUsed);
      await manager.update(Expenditure, { id: expenditure.id }, { status: ExpenditureStatus.PAID, paidEntryId: entry.id, paidOn });
      const paid = await manager.findOneOrFail(Expenditure, { where: { id: expenditure.id } });
      await enqueueEvent(manager, {
        contract: fundExpenditurePaidV1,
        subject: paid.id,
        scope: fund.ownerScopePath,
        data: { ...expenditureEventData(paid), entryId: entry.id, paidOn },
      });
      return paid;
    });
  }

  async list(user: AuthUser, fundId: string, page: { first: number; after?: string | null; status?: ExpenditureStatus | null }): Promise<ConnectionShape<Expenditure>> {
    const fund = await fundInScope(this.dataSource.manager, user, fundId, 'fundId', 'books');
    const after = decodeCursor(page.after);
    const query = this.dataSource.getRepository(Expenditure).createQueryBuilder('x').where('x.fund_id = :fundId', { fundId: fund.id }).orderBy('x.id', 'ASC').limit(page.first + 1);
    if (page.status) query.andWhere('x.status = :status', { status: page.status });
    if (after) query.andWhere('x.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  async decisionsOf(expenditureIds: readonly string[]): Promise<ExpenditureDecision[][]> {
    const rows = (await this.dataSource.query(
      `SELECT expenditure_id, member, decision, comment, decided_at FROM expenditure_decision WHERE expenditure_id = ANY($1) ORDER BY decided_at, member`,
      [expenditureIds],
    )) as { expenditure_id: string; member: string; decision: ExpenditureDecisionKind; comment: string | null; decided_at: Date }[];
    return groupByKey(expenditureIds, rows, (row) => row.expenditure_id).map((group) =>
      group.map((row) => ({ expenditureId: row.expenditure_id, member: row.member, decision: row.decision, comment: row.comment, decidedAt: row.decided_at })),
    );
  }

  /** Locks an expenditure of a fund the caller may act on; the scope test runs in SQL. */
  private async lockInScope(manager: EntityManager, user: AuthUser, id: string): Promise<Expenditure> {
    const scope = withinOrAboveScopes(user, 'f.owner_scope_path');
    const rows = (await manager
      .createQueryBuilder()
      .select(['x.id AS id', `CASE WHEN ${scope.sql} THEN true ELSE false END AS in_scope`])
      .from('expenditure', 'x')
      .innerJoin('fund', 'f', 'f.id = x.fund_id')
      .where('x.id = :id', { id })
      .setParameters(scope.params)
      .getRawMany()) as { id: string; in_scope: boolean }[];
    if (!rows[0]) throw new NotFoundError('EXPENDITURE_NOT_FOUND', `input.expenditureId: no expenditure has the id ${id}`, 'input.expenditureId');
    if (!rows[0].in_scope) throw new ForbiddenError('OUT_OF_SCOPE', 'Your scopes do not cover this expenditure’s fund');
    return manager.findOneOrFail(Expenditure, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
