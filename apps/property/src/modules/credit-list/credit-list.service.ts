import type { DataSource, EntityManager } from 'typeorm';
import { propertyCompanyBlackListedV1, propertyCompanyDelistedV1, propertyCompanyRedListedV1 } from '@gongzhi/contracts-events';
import { can, canActIn, covers, hasRole, requireScope, withinOrAboveScopes, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNodeByCode } from '@gongzhi/org-mirror';
import { byKey, pagePerKey } from '@gongzhi/platform-service';
import { parseCalendarDate } from '../../shared/calendar-date';
import { violatesUnique } from '../../shared/database-errors';
import { AssignmentStatus, ServiceAssignment } from '../assignment/service-assignment.entity';
import { PropertyCompany } from '../company/property-company.entity';
import { computeCreditScore, type EvidenceFact } from '../rules/credit-score';
import { CatalogueStatus, RuleCatalogue } from '../rules/rule-catalogue.entity';
import { requireStaffOf } from '../staff/property-staff-member.service';
import { EVIDENCE_KINDS } from '../rules/rules';
import { AppealStatus, CreditAppeal } from './credit-appeal.entity';
import { CreditList, CreditListStatus } from './credit-list.entity';
import type { DecideCreditAppealInput, DraftCreditListInput, FileCreditAppealInput, StartCreditListNoticeInput } from './credit-list.inputs';
import { CreditListMembership, CreditScore } from './credit-score.entity';

export interface PublicEntry {
  rank: number;
  companyName: string;
  creditCode: string;
  grade: string;
  list: CreditListMembership;
  periodLabel: string;
}

export interface PageRequest {
  first: number;
  after?: string | null;
}

/** Ranks a list's companies by score, highest first; ties go by company id so the ranking is reproducible. */
async function rank(manager: EntityManager, listId: string): Promise<void> {
  await manager.query(
    `UPDATE credit_score s SET rank = r.rank
       FROM (SELECT id, row_number() OVER (ORDER BY score_hundredths DESC, company_id) AS rank FROM credit_score WHERE list_id = $1) r
      WHERE s.id = r.id AND s.rank <> r.rank`,
    [listId],
  );
}

/** Public entries page by rank; the cursor is the rank of the last entry. */
function encodeRankCursor(rank: number): string {
  return Buffer.from(`rank:${rank}`, 'utf8').toString('base64url');
}

function decodeRankCursor(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  const match = /^rank:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw new BadUserInputError('after', 'INVALID_CURSOR', 'is not a cursor returned by this list');
  return Number(match[1]);
}

export class CreditListService {
  constructor(private readonly dataSource: DataSource) {}

  /** Computes the draft list of a district for a period: one score per company registered with the district. */
  async draft(user: AuthUser, input: DraftCreditListInput): Promise<CreditList> {
    const periodStart = parseCalendarDate(input.periodStart, 'input.periodStart');
    const periodEnd = parseCalendarDate(input.periodEnd, 'input.periodEnd');
    if (periodEnd < periodStart) throw new BadUserInputError('input.periodEnd', 'PERIOD_END_BEFORE_START', 'must not be before periodStart');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const district = await findOrgNodeByCode(manager, input.districtCode, 'DISTRICT');
        if (!district) throw new BadUserInputError('input.districtCode', 'UNKNOWN_AREA_CODE', `no district has the code ${input.districtCode}`);
        requireScope(user, district.scopePath, `district ${district.code}`);
        const catalogue = await manager.findOne(RuleCatalogue, {
          where: { districtCode: district.code, status: CatalogueStatus.PUBLISHED, ...(input.catalogueVersion ? { version: input.catalogueVersion } : {}) },
          order: { version: 'DESC' },
        });
        if (!catalogue) {
          throw new BadUserInputError(
            'input.catalogueVersion',
            'NO_PUBLISHED_CATALOGUE',
            input.catalogueVersion ? `version ${input.catalogueVersion} of the district's catalogue is not published` : 'the district has no published rule catalogue',
          );
        }
        const list = manager.create(CreditList, {
          id: uuidv7(),
          districtCode: district.code,
          scopePath: district.scopePath,
          periodLabel: input.periodLabel,
          periodStart,
          periodEnd,
          catalogueId: catalogue.id,
          status: CreditListStatus.DRAFT,
          noticeEndsAt: null,
          publishedAt: null,
        });
        await manager.insert(CreditList, list);
        const companies = await manager.find(PropertyCompany, { where: { scopePath: district.scopePath }, select: { id: true, name: true } });
        const scores = await this.score(manager, list, catalogue, companies, new Map());
        if (scores.length > 0) await manager.insert(CreditScore, scores.map((score, i) => ({ ...score, rank: i + 1 })));
        await rank(manager, list.id);
        return manager.findOneByOrFail(CreditList, { id: list.id });
      });
    } catch (error) {
      if (violatesUnique(error, 'credit_list_district_code_period_label_key')) {
        throw new ConflictError('PERIOD_ALREADY_LISTED', `input.periodLabel: the district already has a list for ${input.periodLabel}`, 'input.periodLabel');
      }
      throw error;
    }
  }

  /** Scores of the companies for the list's period, from the evidence (one query) less what appeals excluded. */
  private async score(
    manager: EntityManager,
    list: CreditList,
    catalogue: RuleCatalogue,
    companies: { id: string; name: string }[],
    excluded: Map<string, string[]>,
  ): Promise<CreditScore[]> {
    if (companies.length === 0) return [];
    const companyIds = companies.map((c) => c.id);
    const longest = Math.max(...EVIDENCE_KINDS.map((kind) => catalogue.rules.validityDays[kind]));
    // Only the columns the rules read: a year of a district's evidence is tens of thousands of rows.
    const evidence = (await manager.query(
      `SELECT id, kind, company_id AS "companyId", to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", score_hundredths AS "scoreHundredths", respondents,
              violation_type AS "violationType", severity, commendation_level AS "commendationLevel", mean_rating_hundredths AS "meanRatingHundredths", outcome
         FROM evidence
        WHERE company_id = ANY($1) AND occurred_on <= CAST($2 AS date) AND occurred_on > CAST($2 AS date) - CAST($3 AS integer)`,
      [companyIds, list.periodEnd, longest],
    )) as (EvidenceFact & { companyId: string })[];
    const byCompany = new Map<string, EvidenceFact[]>(companyIds.map((id) => [id, []]));
    for (const { companyId, ...fact } of evidence) byCompany.get(companyId)?.push(fact);
    return companies.map(({ id: companyId, name: companyName }) => {
      const leftOut = excluded.get(companyId) ?? [];
      const facts = byCompany.get(companyId)!.filter((e) => !leftOut.includes(e.id));
      const result = computeCreditScore(facts, catalogue.rules, list.periodEnd);
      return manager.create(CreditScore, {
        id: uuidv7(),
        listId: list.id,
        companyId,
        companyName,
        scopePath: list.scopePath,
        scoreHundredths: result.scoreHundredths,
        grade: result.grade,
        membership: result.membership,
        lines: result.lines,
        listReasons: result.listReasons,
        excludedEvidenceIds: leftOut,
      });
    });
  }

  private async lockList(manager: EntityManager, user: AuthUser, id: string, field: string): Promise<CreditList> {
    const list = await manager.findOne(CreditList, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!list) throw new NotFoundError('CREDIT_LIST_NOT_FOUND', `${field}: no credit list has the id ${id}`, field);
    requireScope(user, list.scopePath, `district ${list.districtCode}`);
    return list;
  }

  /** Throws a draft away (a wrong period or catalogue): nobody outside the district has seen it yet. */
  async discard(user: AuthUser, listId: string): Promise<string> {
    const id = parseId(listId, 'id');
    return this.dataSource.transaction(async (manager) => {
      const list = await this.lockList(manager, user, id, 'id');
      if (list.status !== CreditListStatus.DRAFT) {
        throw new ConflictError('NOT_A_DRAFT', `id: the list is ${list.status}; only a draft may be discarded, a list once under public notice stays on record`, 'id');
      }
      await manager.delete(CreditScore, { listId: id });
      await manager.delete(CreditList, { id });
      return id;
    });
  }

  async startNotice(user: AuthUser, input: StartCreditListNoticeInput, now = new Date()): Promise<CreditList> {
    const id = parseId(input.listId, 'input.listId');
    if (input.noticeEndsAt <= now) throw new BadUserInputError('input.noticeEndsAt', 'NOTICE_END_IN_PAST', 'must be in the future');
    return this.dataSource.transaction(async (manager) => {
      const list = await this.lockList(manager, user, id, 'input.listId');
      if (list.status !== CreditListStatus.DRAFT) throw new ConflictError('NOT_A_DRAFT', `input.listId: the list is ${list.status}, not a draft`, 'input.listId');
      await manager.update(CreditList, { id }, { status: CreditListStatus.IN_NOTICE, noticeEndsAt: input.noticeEndsAt });
      return manager.findOneByOrFail(CreditList, { id });
    });
  }

  /**
   * An appeal is accepted only while the list is under public notice. District officials may file on a company's
   * behalf; property staff file only for the company the district registered them with, when their scopes reach
   * into the district.
   */
  async fileAppeal(user: AuthUser, input: FileCreditAppealInput, now = new Date()): Promise<CreditAppeal> {
    const listId = parseId(input.listId, 'input.listId');
    const companyId = parseId(input.companyId, 'input.companyId');
    const disputed = input.disputedEvidenceIds.map((id, i) => parseId(id, `input.disputedEvidenceIds.${i}`));
    return this.dataSource.transaction(async (manager) => {
      const list = await manager.findOne(CreditList, { where: { id: listId }, lock: { mode: 'pessimistic_read' } });
      if (!list) throw new NotFoundError('CREDIT_LIST_NOT_FOUND', `input.listId: no credit list has the id ${listId}`, 'input.listId');
      const official = can(user, 'credit-list:administer') && canActIn(user, list.scopePath);
      if (!official) {
        if (!hasRole(user, 'property_staff') || !user.scopes.some((scope) => covers(scope, list.scopePath) || scope.startsWith(list.scopePath))) {
          throw new ForbiddenError('OUT_OF_SCOPE', `Your scopes do not reach district ${list.districtCode}`);
        }
        await requireStaffOf(manager, user, companyId);
      }
      if (list.status === CreditListStatus.DRAFT) throw new ConflictError('NOT_IN_NOTICE', 'input.listId: the list is not under public notice yet', 'input.listId');
      if (list.status === CreditListStatus.PUBLISHED || now >= list.noticeEndsAt!) {
        throw new ConflictError('NOTICE_PERIOD_OVER', `input.listId: the public-notice period ended at ${list.noticeEndsAt!.toISOString()}; appeals are closed`, 'input.listId');
      }
      const score = await manager.findOneBy(CreditScore, { listId, companyId });
      if (!score) throw new BadUserInputError('input.companyId', 'NOT_IN_LIST', 'the company has no score in this list');
      const counted = new Set(score.lines.flatMap((line) => line.evidenceIds));
      disputed.forEach((id, i) => {
        if (!counted.has(id)) throw new BadUserInputError(`input.disputedEvidenceIds.${i}`, 'EVIDENCE_NOT_COUNTED', `evidence ${id} is not counted in the company's score`);
      });
      const appeal = manager.create(CreditAppeal, {
        id: uuidv7(),
        listId,
        companyId,
        scopePath: list.scopePath,
        reason: input.reason.trim(),
        disputedEvidenceIds: disputed,
        status: AppealStatus.PENDING,
        decisionReason: null,
        filedBy: user.sub,
        filedAt: now,
        decidedBy: null,
        decidedAt: null,
      });
      await manager.insert(CreditAppeal, appeal);
      return manager.findOneByOrFail(CreditAppeal, { id: appeal.id });
    });
  }

  /** Decides an appeal; an upheld one recomputes the company's score without the disputed evidence. */
  async decideAppeal(user: AuthUser, input: DecideCreditAppealInput, now = new Date()): Promise<CreditAppeal> {
    const id = parseId(input.appealId, 'input.appealId');
    return this.dataSource.transaction(async (manager) => {
      const appeal = await manager.findOne(CreditAppeal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!appeal) throw new NotFoundError('APPEAL_NOT_FOUND', `input.appealId: no appeal has the id ${id}`, 'input.appealId');
      const list = await this.lockList(manager, user, appeal.listId, 'input.appealId');
      if (appeal.status !== AppealStatus.PENDING) throw new ConflictError('ALREADY_DECIDED', 'input.appealId: the appeal has already been decided', 'input.appealId');
      if (list.status === CreditListStatus.PUBLISHED) throw new ConflictError('LIST_PUBLISHED', 'input.appealId: the list is already published', 'input.appealId');
      await manager.update(
        CreditAppeal,
        { id },
        { status: input.upheld ? AppealStatus.UPHELD : AppealStatus.DISMISSED, decisionReason: input.reason.trim(), decidedBy: user.sub, decidedAt: now },
      );
      if (input.upheld) {
        const upheld = await manager.find(CreditAppeal, { where: { listId: list.id, companyId: appeal.companyId, status: AppealStatus.UPHELD } });
        const excluded = [...new Set(upheld.flatMap((a) => a.disputedEvidenceIds))].sort();
        const catalogue = await manager.findOneByOrFail(RuleCatalogue, { id: list.catalogueId });
        const current = await manager.findOneByOrFail(CreditScore, { listId: list.id, companyId: appeal.companyId });
        const [rescored] = await this.score(manager, list, catalogue, [{ id: appeal.companyId, name: current.companyName }], new Map([[appeal.companyId, excluded]]));
        await manager.update(
          CreditScore,
          { listId: list.id, companyId: appeal.companyId },
          { scoreHundredths: rescored!.scoreHundredths, grade: rescored!.grade, membership: rescored!.membership, lines: rescored!.lines, listReasons: rescored!.listReasons, excludedEvidenceIds: excluded },
        );
        await rank(manager, list.id);
      }
      return manager.findOneByOrFail(CreditAppeal, { id });
    });
  }

  /**
   * Publishes a list once its notice period is over and every appeal is decided, and announces who is on the
   * red and black lists and who left the list they were on in the district's previous published list.
   */
  async publish(user: AuthUser, listId: string, now = new Date()): Promise<CreditList> {
    const id = parseId(listId, 'id');
    return this.dataSource.transaction(async (manager) => {
      const list = await this.lockList(manager, user, id, 'id');
      if (list.status !== CreditListStatus.IN_NOTICE) throw new ConflictError('NOT_IN_NOTICE', `id: the list is ${list.status}; only a list under public notice is published`, 'id');
      if (now < list.noticeEndsAt!) throw new ConflictError('NOTICE_PERIOD_RUNNING', `id: the public-notice period runs until ${list.noticeEndsAt!.toISOString()}`, 'id');
      if (await manager.existsBy(CreditAppeal, { listId: id, status: AppealStatus.PENDING })) {
        throw new ConflictError('APPEALS_PENDING', 'id: decide every appeal before publishing', 'id');
      }
      const previous = await manager
        .getRepository(CreditList)
        .createQueryBuilder('l')
        .where('l.district_code = :district AND l.status = :published AND l.id <> :id', { district: list.districtCode, published: CreditListStatus.PUBLISHED, id })
        .orderBy('l.period_end', 'DESC')
        .addOrderBy('l.published_at', 'DESC')
        .getOne();
      await manager.update(CreditList, { id }, { status: CreditListStatus.PUBLISHED, publishedAt: now });
      await this.announce(manager, list, previous);
      return manager.findOneByOrFail(CreditList, { id });
    });
  }

  private async announce(manager: EntityManager, list: CreditList, previous: CreditList | null): Promise<void> {
    const scores = await manager.find(CreditScore, { where: { listId: list.id }, order: { id: 'ASC' } });
    const before = new Map((previous ? await manager.find(CreditScore, { where: { listId: previous.id } }) : []).map((s) => [s.companyId, s.membership]));
    const companies = byKey(
      scores.map((s) => s.companyId),
      await manager.getRepository(PropertyCompany).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: scores.map((s) => s.companyId) }).getMany(),
      (c) => c.id,
    );
    const blackIds = scores.filter((s) => s.membership === 'BLACK').map((s) => s.companyId);
    const served = blackIds.length
      ? await manager.getRepository(ServiceAssignment).createQueryBuilder('a').where('a.company_id = ANY(:ids) AND a.status = :active', { ids: blackIds, active: AssignmentStatus.ACTIVE }).getMany()
      : [];
    for (const [i, score] of scores.entries()) {
      const company = companies[i]!;
      const listing = {
        companyId: company.id,
        name: company.name,
        creditCode: company.creditCode,
        districtCode: list.districtCode,
        listId: list.id,
        periodLabel: list.periodLabel,
        grade: score.grade,
        scoreHundredths: score.scoreHundredths,
        reasons: score.listReasons,
      };
      if (score.membership === 'RED') {
        await enqueueEvent(manager, { contract: propertyCompanyRedListedV1, subject: company.id, scope: list.scopePath, data: listing });
      } else if (score.membership === 'BLACK') {
        const compoundIds = served.filter((a) => a.companyId === company.id).map((a) => a.compoundId);
        await enqueueEvent(manager, { contract: propertyCompanyBlackListedV1, subject: company.id, scope: list.scopePath, data: { ...listing, compoundIds } });
      }
      const was = before.get(company.id);
      if ((was === 'RED' || was === 'BLACK') && was !== score.membership) {
        await enqueueEvent(manager, {
          contract: propertyCompanyDelistedV1,
          subject: company.id,
          scope: list.scopePath,
          data: { companyId: company.id, districtCode: list.districtCode, listId: list.id, periodLabel: list.periodLabel, fromList: was, toList: score.membership === 'NONE' ? null : score.membership },
        });
      }
    }
  }

  async get(user: AuthUser, id: string): Promise<CreditList> {
    const listId = parseId(id, 'id');
    const scope = withinOrAboveScopes(user, 'l.scope_path');
    const list = await this.dataSource.getRepository(CreditList).createQueryBuilder('l').where('l.id = :listId', { listId }).andWhere(scope.sql, scope.params).getOne();
    if (!list) throw new NotFoundError('CREDIT_LIST_NOT_FOUND', `id: no credit list with the id ${listId} is within your scopes`, 'id');
    return list;
  }

  async list(user: AuthUser, args: PageRequest & { districtCode: string }): Promise<ConnectionShape<CreditList>> {
    const after = decodeCursor(args.after);
    const scope = withinOrAboveScopes(user, 'l.scope_path');
    const query = this.dataSource
      .getRepository(CreditList)
      .createQueryBuilder('l')
      .where('l.district_code = :districtCode', { districtCode: args.districtCode })
      .andWhere(scope.sql, scope.params)
      .orderBy('l.id', 'ASC')
      .limit(args.first + 1);
    if (after) query.andWhere('l.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  async listsByIds(user: AuthUser, ids: readonly string[]): Promise<CreditList[]> {
    const scope = withinOrAboveScopes(user, 'l.scope_path');
    return this.dataSource.getRepository(CreditList).createQueryBuilder('l').where('l.id = ANY(:ids)', { ids: [...ids] }).andWhere(scope.sql, scope.params).getMany();
  }

  /**
   * Which of these pieces of evidence the caller's scopes cover. A district's list counts evidence from every
   * compound; a caller below the district reads the list but learns the ids of its own compounds' evidence only.
   */
  async visibleEvidence(user: AuthUser, ids: readonly string[]): Promise<Set<string>> {
    const scope = withinScopes(user, 'e.scope_path');
    const rows = (await this.dataSource
      .createQueryBuilder()
      .select('e.id', 'id')
      .from('evidence', 'e')
      .where('e.id = ANY(:ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getRawMany()) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  async cataloguesByIds(ids: readonly string[]): Promise<RuleCatalogue[]> {
    return this.dataSource.getRepository(RuleCatalogue).createQueryBuilder('r').where('r.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  /** The first page of scores of each of many lists, in one statement. */
  scoresByLists(user: AuthUser, listIds: readonly string[], page: PageRequest & { membership?: CreditListMembership | null }): Promise<Map<string, ConnectionShape<CreditScore>>> {
    const scope = withinOrAboveScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(CreditScore), {
      table: 'credit_score',
      keyColumn: 'list_id',
      keyOf: (s) => s.listId,
      keys: listIds,
      conditions: page.membership ? [scope.sql, 'x.membership = :membership'] : [scope.sql],
      params: { ...scope.params, membership: page.membership },
      first: page.first,
      after: page.after,
    });
  }

  /** The first page of appeals of each of many lists, in one statement. */
  appealsByLists(user: AuthUser, listIds: readonly string[], page: PageRequest): Promise<Map<string, ConnectionShape<CreditAppeal>>> {
    const scope = withinOrAboveScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(CreditAppeal), {
      table: 'credit_appeal',
      keyColumn: 'list_id',
      keyOf: (a) => a.listId,
      keys: listIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  /** The published grades of each of many companies (their grade history), in one statement. */
  historyByCompanies(user: AuthUser, companyIds: readonly string[], page: PageRequest): Promise<Map<string, ConnectionShape<CreditScore>>> {
    const scope = withinOrAboveScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(CreditScore), {
      table: 'credit_score',
      keyColumn: 'company_id',
      keyOf: (s) => s.companyId,
      keys: companyIds,
      conditions: [scope.sql, `x.list_id IN (SELECT l.id FROM credit_list l WHERE l.status = 'PUBLISHED')`],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  /** The district's published list for the period, or its latest; readable by anyone. */
  latestPublished(districtCode: string, periodLabel: string | null): Promise<CreditList | null> {
    const query = this.dataSource
      .getRepository(CreditList)
      .createQueryBuilder('l')
      .where('l.district_code = :districtCode AND l.status = :published', { districtCode, published: CreditListStatus.PUBLISHED })
      .orderBy('l.period_end', 'DESC')
      .addOrderBy('l.published_at', 'DESC')
      .limit(1);
    if (periodLabel) query.andWhere('l.period_label = :periodLabel', { periodLabel });
    return query.getOne();
  }

  /** Companies on a published list in rank order, with nothing but their name, credit code, grade and list. */
  async publicEntries(list: { id: string; periodLabel: string }, memberships: CreditListMembership[], page: PageRequest): Promise<ConnectionShape<PublicEntry>> {
    const after = decodeRankCursor(page.after);
    const rows = (await this.dataSource.query(
      `SELECT s.rank, s.company_name AS "companyName", p.credit_code AS "creditCode", s.grade, s.membership AS list
         FROM credit_score s
         JOIN credit_list l ON l.id = s.list_id AND l.status = 'PUBLISHED'
         JOIN property_company p ON p.id = s.company_id
        WHERE s.list_id = $1 AND s.membership = ANY($2) AND s.rank > $3
        ORDER BY s.rank LIMIT $4`,
      [list.id, memberships, after ?? 0, page.first + 1],
    )) as Omit<PublicEntry, 'periodLabel'>[];
    const nodes = rows.slice(0, page.first).map((row) => ({ ...row, periodLabel: list.periodLabel }));
    const edges = nodes.map((node) => ({ node, cursor: encodeRankCursor(node.rank) }));
    return { edges, nodes, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
