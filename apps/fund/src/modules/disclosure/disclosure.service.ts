import type { DataSource } from 'typeorm';
import { fundDisclosurePublishedV1 } from '@gongzhi/contracts-events';
import { withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { pagePerKey } from '@gongzhi/platform-service';
import { fundInScope, requireActingForFund } from '../fund/fund-access';
import { FundKind } from '../fund/fund.entity';
import type { LedgerService } from '../ledger/ledger.service';
import { Disclosure, DisclosureDirection, DisclosureLine } from './disclosure.entity';
import type { PublishDisclosureInput } from './disclosure.inputs';

function monthBounds(period: string): { from: string; to: string } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return { from: `${period}-01`, to: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

/** Monthly disclosures (公示): published by the fund's bookkeepers, readable by everyone the fund concerns. */
export class DisclosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async publish(user: AuthUser, input: PublishDisclosureInput): Promise<Disclosure> {
    const { from, to } = monthBounds(input.period);
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      await requireActingForFund(manager, user, fund, 'fund:disclose');
      // The chain head lock makes the snapshot and the totals agree with each other: no entry lands between.
      await this.ledger.lockHead(manager, fund.id);
      const existing = await manager.findOne(Disclosure, { where: { fundId: fund.id, period: input.period } });
      if (existing) return existing;

      const rows = (await manager.query(
        `SELECT e.seq::text AS entry_seq, p.line_no, e.effective_date::text AS effective_date, a.type, p.account_code, e.memo, p.amount_fen::text AS amount_fen
           FROM posting p
           JOIN journal_entry e ON e.id = p.entry_id
           JOIN ledger_account a ON a.code = p.account_code
          WHERE p.fund_id = $1 AND e.effective_date BETWEEN $2 AND $3 AND a.type IN ('INCOME', 'EXPENSE')
          ORDER BY e.seq, p.line_no`,
        [fund.id, from, to],
      )) as { entry_seq: string; line_no: number; effective_date: string; type: 'INCOME' | 'EXPENSE'; account_code: string; memo: string; amount_fen: string }[];
      const publishedAt = new Date();
      // Line ids are UUIDv7 one millisecond apart, so id order (what cursors page by) is ledger order.
      const lines = rows.map((row, index) => {
        const posted = BigInt(row.amount_fen);
        return { ...row, id: uuidv7(publishedAt.getTime() + index), direction: row.type as DisclosureDirection, amount: row.type === 'INCOME' ? -posted : posted };
      });
      const income = lines.filter((l) => l.direction === DisclosureDirection.INCOME).reduce((sum, l) => sum + l.amount, 0n);
      const expense = lines.filter((l) => l.direction === DisclosureDirection.EXPENSE).reduce((sum, l) => sum + l.amount, 0n);
      const [closing] = (await manager.query(
        `SELECT coalesce(sum(p.amount_fen) FILTER (WHERE p.account_code = 'CASH'), 0)::text AS cash,
                coalesce(sum(p.amount_fen) FILTER (WHERE p.account_code = 'FEES_RECEIVABLE'), 0)::text AS receivable
           FROM posting p JOIN journal_entry e ON e.id = p.entry_id
          WHERE p.fund_id = $1 AND e.effective_date <= $2 AND p.account_code IN ('CASH', 'FEES_RECEIVABLE')`,
        [fund.id, to],
      )) as { cash: string; receivable: string }[];

      const disclosure = manager.create(Disclosure, {
        id: uuidv7(),
        fundId: fund.id,
        ownerScopePath: fund.ownerScopePath,
        period: input.period,
        incomeFen: income.toString(),
        expenseFen: expense.toString(),
        closingCashFen: closing!.cash,
        arrearsFen: fund.kind === FundKind.TRUST_PROPERTY_ACCOUNT ? closing!.receivable : null,
        publishedAt,
        publishedBy: user.sub,
      });
      await manager.insert(Disclosure, disclosure);
      await manager.query(
        `INSERT INTO disclosure_line (id, disclosure_id, entry_seq, line_no, effective_date, direction, account_code, description, amount_fen)
         SELECT l.id, $1, l.entry_seq, l.line_no, l.effective_date, l.direction, l.account_code, l.description, l.amount_fen
           FROM unnest($2::uuid[], $3::bigint[], $4::smallint[], $5::date[], $6::text[], $7::text[], $8::text[], $9::bigint[])
                AS l(id, entry_seq, line_no, effective_date, direction, account_code, description, amount_fen)`,
        [
          disclosure.id,
          lines.map((l) => l.id),
          lines.map((l) => l.entry_seq),
          lines.map((l) => l.line_no),
          lines.map((l) => l.effective_date),
          lines.map((l) => l.direction),
          lines.map((l) => l.account_code),
          lines.map((l) => l.memo),
          lines.map((l) => l.amount.toString()),
        ],
      );
      await enqueueEvent(manager, {
        contract: fundDisclosurePublishedV1,
        subject: disclosure.id,
        scope: fund.ownerScopePath,
        data: { disclosureId: disclosure.id, fundId: fund.id, period: input.period, incomeFen: Number(income), expenseFen: Number(expense), lines: lines.length },
      });
      return manager.findOneOrFail(Disclosure, { where: { id: disclosure.id } });
    });
  }

  /** Disclosures of every fund the caller may read (their own node's and those above it), filtered in SQL. */
  async list(user: AuthUser, page: { first: number; after?: string | null; fundId?: string | null }): Promise<ConnectionShape<Disclosure>> {
    const fundId = page.fundId ? (await fundInScope(this.dataSource.manager, user, page.fundId, 'fundId', 'read')).id : null;
    const after = decodeCursor(page.after);
    const scope = withinOrAboveScopes(user, 'd.owner_scope_path');
    const query = this.dataSource.getRepository(Disclosure).createQueryBuilder('d').where(scope.sql, scope.params).orderBy('d.id', 'ASC').limit(page.first + 1);
    if (fundId) query.andWhere('d.fund_id = :fundId', { fundId });
    if (after) query.andWhere('d.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  async get(user: AuthUser, rawId: string): Promise<Disclosure> {
    const id = parseId(rawId, 'id');
    const scope = withinOrAboveScopes(user, 'd.owner_scope_path');
    const { entities, raw } = await this.dataSource
      .getRepository(Disclosure)
      .createQueryBuilder('d')
      .addSelect(`CASE WHEN ${scope.sql} THEN true ELSE false END`, 'in_scope')
      .where('d.id = :id', { id })
      .setParameters(scope.params)
      .getRawAndEntities<{ in_scope: boolean }>();
    if (!entities[0]) throw new NotFoundError('DISCLOSURE_NOT_FOUND', `id: no disclosure has the id ${id}`, 'id');
    if (!raw[0]?.in_scope) throw new ForbiddenError('OUT_OF_SCOPE', 'Your scopes do not cover this disclosure’s fund');
    return entities[0];
  }

  /** The first page of lines of many disclosures in one statement. */
  linesOf(disclosureIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<DisclosureLine>>> {
    return pagePerKey(this.dataSource.getRepository(DisclosureLine), {
      table: 'disclosure_line',
      keyColumn: 'disclosure_id',
      keyOf: (line) => line.disclosureId,
      keys: disclosureIds,
      conditions: [],
      params: {},
      first: page.first,
      after: page.after,
    });
  }
}
