import type { DataSource } from 'typeorm';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { findOrgNode } from '@gongzhi/org-mirror';
import { byKey, pagePerKey } from '@gongzhi/platform-service';
import { actorOf } from '../matter/matter.service';
import { BallotMode, Vote, VoteKind } from '../vote/vote.entity';
import { openVoteIn } from '../vote/vote.service';
import { Convention, ConventionKind, ConventionVersion, ConventionVersionStatus } from './convention.entity';
import type { ConventionsArgs, DraftConventionInput, PutConventionToVoteInput, ReviseConventionInput } from './convention.inputs';

export class ConventionService {
  constructor(private readonly dataSource: DataSource) {}

  async draft(user: AuthUser, input: DraftConventionInput): Promise<Convention> {
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    return this.dataSource.transaction(async (manager) => {
      const compound = await findOrgNode(manager, compoundId, 'COMPOUND');
      if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      const id = uuidv7();
      await manager.insert(Convention, { id, compoundId, scopePath: compound.scopePath, kind: input.kind, title: input.title.trim(), createdBy: user.sub, createdAt: new Date() });
      await manager.insert(ConventionVersion, { id: uuidv7(), conventionId: id, version: 1, body: input.body, status: ConventionVersionStatus.DRAFT, draftedBy: user.sub, draftedAt: new Date() });
      return manager.findOneOrFail(Convention, { where: { id } });
    });
  }

  async revise(user: AuthUser, input: ReviseConventionInput): Promise<ConventionVersion> {
    const conventionId = parseId(input.conventionId, 'input.conventionId');
    return this.dataSource.transaction(async (manager) => {
      const convention = await manager.findOne(Convention, { where: { id: conventionId }, lock: { mode: 'pessimistic_write' } });
      if (!convention) throw new NotFoundError('UNKNOWN_CONVENTION', `no convention has the id ${conventionId}`, 'input.conventionId');
      requireScope(user, convention.scopePath, 'this convention');
      const [latest] = (await manager.query(
        `SELECT max(version)::int AS version, bool_or(status IN ('DRAFT', 'VOTING')) AS open FROM convention_version WHERE convention_id = $1`,
        [conventionId],
      )) as { version: number; open: boolean }[];
      if (latest?.open) throw new ConflictError('OPEN_DRAFT_EXISTS', 'a version of this convention is still a draft or being voted on', 'input.conventionId');
      const id = uuidv7();
      await manager.insert(ConventionVersion, {
        id,
        conventionId,
        version: (latest?.version ?? 0) + 1,
        body: input.body,
        status: ConventionVersionStatus.DRAFT,
        draftedBy: user.sub,
        draftedAt: new Date(),
      });
      return manager.findOneOrFail(ConventionVersion, { where: { id } });
    });
  }

  /** A management statute is an owners' joint decision (art. 278 (1)); a resident convention goes to the residents' assembly. */
  async putToVote(user: AuthUser, input: PutConventionToVoteInput): Promise<Vote> {
    const versionId = parseId(input.versionId, 'input.versionId');
    if (input.closesAt.getTime() <= Date.now()) throw new BadUserInputError('input.closesAt', 'CLOSES_IN_THE_PAST', 'must be in the future');
    return this.dataSource.transaction(async (manager) => {
      const version = await manager.findOne(ConventionVersion, { where: { id: versionId }, lock: { mode: 'pessimistic_write' } });
      if (!version) throw new NotFoundError('UNKNOWN_CONVENTION_VERSION', `no convention version has the id ${versionId}`, 'input.versionId');
      const convention = await manager.findOneOrFail(Convention, { where: { id: version.conventionId } });
      requireScope(user, convention.scopePath, 'this convention');
      if (version.status !== ConventionVersionStatus.DRAFT) throw new BadUserInputError('input.versionId', 'NOT_A_DRAFT', `version ${version.version} is ${version.status}`);
      const ownersDecide = convention.kind === ConventionKind.MANAGEMENT_STATUTE;
      const vote = await openVoteIn(manager, actorOf(user), {
        compound: { id: convention.compoundId, scopePath: convention.scopePath },
        kind: ownersDecide ? VoteKind.OWNERS_JOINT_DECISION : VoteKind.REPRESENTATIVE_ASSEMBLY,
        decisionClass: 'ORDINARY',
        subject: { type: 'GENERAL' },
        title: `${convention.title} (version ${version.version})`,
        ballotMode: BallotMode.YES_NO_ABSTAIN,
        options: [],
        secrecy: input.secrecy,
        closesAt: input.closesAt,
      });
      const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM vote_elector WHERE vote_id = $1`, [vote.id])) as { n: number }[];
      if (n === 0) throw new BadUserInputError('input.versionId', 'NO_ELECTORATE', 'no dwellings with owners are known for this compound yet');
      await manager.update(ConventionVersion, { id: versionId }, { status: ConventionVersionStatus.VOTING, voteId: vote.id });
      return vote;
    });
  }

  async list(user: AuthUser, args: ConventionsArgs): Promise<ConnectionShape<Convention>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'c.scope_path');
    const query = this.dataSource.getRepository(Convention).createQueryBuilder('c').where(scope.sql, scope.params).orderBy('c.id', 'ASC').limit(args.first + 1);
    if (args.compoundId) query.andWhere('c.compound_id = :compoundId', { compoundId: parseId(args.compoundId, 'compoundId') });
    if (after) query.andWhere('c.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  versions(user: AuthUser, conventionIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<ConventionVersion>>> {
    const scope = withinScopes(user, 'c.scope_path');
    return pagePerKey(this.dataSource.getRepository(ConventionVersion), {
      table: 'convention_version',
      keyColumn: 'convention_id',
      keyOf: (v) => v.conventionId,
      keys: conventionIds,
      conditions: [`EXISTS (SELECT 1 FROM convention c WHERE c.id = x.convention_id AND ${scope.sql})`],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  /** The versions in force of many conventions, in one query. */
  async inForce(conventionIds: readonly string[]): Promise<(ConventionVersion | null)[]> {
    const rows = await this.dataSource
      .getRepository(ConventionVersion)
      .createQueryBuilder('v')
      .where('v.convention_id = ANY(:ids)', { ids: [...conventionIds] })
      .andWhere(`v.status = 'ADOPTED'`)
      .getMany();
    return byKey(conventionIds, rows, (v) => v.conventionId);
  }
}
