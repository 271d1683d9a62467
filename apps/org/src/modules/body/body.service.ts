import type { DataSource, EntityManager } from 'typeorm';
import { orgBodyMemberAppointedV1, orgBodyMemberRemovedV1 } from '@gongzhi/contracts-events';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { pagePerKey } from '@gongzhi/platform-service';
import { Compound } from '../compound/compound.entity';
import { communityInScope, isoDate, narrowToScope, partyMemberResidents, residentInScope, violatedConstraint } from '../grid/governance-lookups';
import { BodyGroup, BodyMember, BodyPost, BodyTerm, COMPOUND_BODY_KINDS, FilingStatus, GovernanceBody, GovernanceBodyKind, partyMemberShare, type PartyMemberShare } from './body.entity';
import type { AddBodyGroupInput, AddBodyTermInput, AppointBodyMemberInput, CreateGovernanceBodyInput, FileBodyTermInput, GovernanceBodiesArgs, RemoveBodyMemberInput } from './body.inputs';

/** Posts that sit in one of a promotion association's groups. */
const GROUP_POSTS: readonly BodyPost[] = [BodyPost.COUNCIL_MEMBER, BodyPost.SUPERVISOR, BodyPost.GROUP_LEADER];

export class BodyService {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: AuthUser, input: CreateGovernanceBodyInput): Promise<GovernanceBody> {
    const compoundId = input.compoundId ? parseId(input.compoundId, 'input.compoundId') : null;
    if (!compoundId && COMPOUND_BODY_KINDS.includes(input.kind)) {
      throw new BadUserInputError('input.compoundId', 'COMPOUND_REQUIRED', `a ${input.kind} acts for one compound`);
    }
    return this.dataSource.transaction(async (manager) => {
      const community = await communityInScope(manager, user, input.communityCode, 'input.communityCode');
      let scopePath = community.scopePath;
      if (compoundId) {
        const compound = await manager.findOne(Compound, { where: { id: compoundId } });
        if (!compound || compound.communityId !== community.id) {
          throw new BadUserInputError('input.compoundId', 'COMPOUND_NOT_IN_COMMUNITY', `community ${community.code} has no compound with the id ${compoundId}`);
        }
        scopePath = compound.scopePath;
      }
      const name = input.name.trim();
      if (await manager.exists(GovernanceBody, { where: { communityId: community.id, name } })) {
        throw new ConflictError('BODY_NAME_TAKEN', `input.name: the community already has a body named "${name}"`, 'input.name');
      }
      const body = manager.create(GovernanceBody, { id: uuidv7(), kind: input.kind, name, communityId: community.id, compoundId, scopePath });
      try {
        await manager.insert(GovernanceBody, body);
      } catch (error) {
        if (violatedConstraint(error, '23505') !== 'governance_body_committee_idx') throw error;
        throw new ConflictError('COMMITTEE_EXISTS', `input.kind: the compound already has a ${input.kind}`, 'input.kind');
      }
      return manager.findOneOrFail(GovernanceBody, { where: { id: body.id } });
    });
  }

  async addTerm(user: AuthUser, input: AddBodyTermInput): Promise<BodyTerm> {
    const bodyId = parseId(input.bodyId, 'input.bodyId');
    const startsOn = isoDate(input.startsOn, 'input.startsOn');
    const endsOn = isoDate(input.endsOn, 'input.endsOn');
    if (endsOn <= startsOn) throw new BadUserInputError('input.endsOn', 'TERM_ENDS_BEFORE_START', 'must be after startsOn');
    return this.dataSource.transaction(async (manager) => {
      await this.bodyForWrite(manager, user, bodyId, 'input.bodyId');
      const term = manager.create(BodyTerm, { id: uuidv7(), bodyId, startsOn, endsOn, filingStatus: FilingStatus.NOT_FILED, filedOn: null, filingAuthority: null });
      try {
        await manager.insert(BodyTerm, term);
      } catch (error) {
        if (violatedConstraint(error, '23P01') === null) throw error;
        throw new ConflictError('TERMS_OVERLAP', 'input.startsOn: the term overlaps another term of the body', 'input.startsOn');
      }
      return term;
    });
  }

  async fileTerm(user: AuthUser, input: FileBodyTermInput): Promise<BodyTerm> {
    const termId = parseId(input.termId, 'input.termId');
    const filedOn = isoDate(input.filedOn, 'input.filedOn');
    return this.dataSource.transaction(async (manager) => {
      const term = await manager.findOne(BodyTerm, { where: { id: termId }, lock: { mode: 'pessimistic_write' } });
      if (!term) throw new BadUserInputError('input.termId', 'UNKNOWN_TERM', `no term has the id ${termId}`);
      await this.bodyForWrite(manager, user, term.bodyId, 'input.termId');
      if (term.filingStatus === FilingStatus.FILED) throw new ConflictError('ALREADY_FILED', `input.termId: filed on ${term.filedOn}`, 'input.termId');
      term.filingStatus = FilingStatus.FILED;
      term.filedOn = filedOn;
      term.filingAuthority = input.authority.trim();
      await manager.save(BodyTerm, term);
      return term;
    });
  }

  async addGroup(user: AuthUser, input: AddBodyGroupInput): Promise<BodyGroup> {
    const bodyId = parseId(input.bodyId, 'input.bodyId');
    return this.dataSource.transaction(async (manager) => {
      const body = await this.bodyForWrite(manager, user, bodyId, 'input.bodyId');
      if (body.kind !== GovernanceBodyKind.PROMOTION_ASSOCIATION) {
        throw new BadUserInputError('input.bodyId', 'GROUPS_ONLY_IN_ASSOCIATIONS', 'only a promotion association has a council, supervisors and working groups');
      }
      const group = manager.create(BodyGroup, { id: uuidv7(), bodyId, kind: input.kind, name: input.name.trim() });
      try {
        await manager.insert(BodyGroup, group);
      } catch (error) {
        if (violatedConstraint(error, '23505') === null) throw error;
        throw new ConflictError('GROUP_EXISTS', `input.kind: the association already has this ${input.kind === 'WORKING_GROUP' ? 'group name' : input.kind}`, 'input.kind');
      }
      return group;
    });
  }

  async appoint(user: AuthUser, input: AppointBodyMemberInput): Promise<BodyMember> {
    const bodyId = parseId(input.bodyId, 'input.bodyId');
    const groupId = input.groupId ? parseId(input.groupId, 'input.groupId') : null;
    const appointedOn = isoDate(input.appointedOn, 'input.appointedOn');
    if (GROUP_POSTS.includes(input.post) !== Boolean(groupId)) {
      throw new BadUserInputError('input.groupId', 'GROUP_POST_MISMATCH', `${GROUP_POSTS.join(', ')} are posts in a group and need groupId; other posts take none`);
    }
    return this.dataSource.transaction(async (manager) => {
      // Locking the body serialises appointments, so the party-member share never counts a half-written change.
      const body = await this.bodyForWrite(manager, user, bodyId, 'input.bodyId', true);
      if (groupId && !(await manager.exists(BodyGroup, { where: { id: groupId, bodyId } }))) {
        throw new BadUserInputError('input.groupId', 'UNKNOWN_GROUP', `the body has no group with the id ${groupId}`);
      }
      const resident = await residentInScope(manager, user, input.residentId, 'input.residentId');
      if (resident.communityId !== body.communityId) {
        throw new BadUserInputError('input.residentId', 'RESIDENT_NOT_IN_COMMUNITY', "members are residents of the body's community");
      }
      const member = manager.create(BodyMember, { id: uuidv7(), bodyId, groupId, residentId: resident.id, post: input.post, appointedOn, removedOn: null, scopePath: body.scopePath });
      try {
        await manager.insert(BodyMember, member);
      } catch (error) {
        const constraint = violatedConstraint(error, '23505');
        if (constraint === 'body_member_one_chair_idx') throw new ConflictError('CHAIR_TAKEN', 'input.post: the body already has a chair', 'input.post');
        if (constraint === 'body_member_current_idx') throw new ConflictError('ALREADY_MEMBER', 'input.residentId: the resident already holds a post in this body', 'input.residentId');
        throw error;
      }
      await this.publish(manager, body, member, orgBodyMemberAppointedV1);
      return member;
    });
  }

  async remove(user: AuthUser, input: RemoveBodyMemberInput): Promise<BodyMember> {
    const memberId = parseId(input.memberId, 'input.memberId');
    const removedOn = isoDate(input.removedOn, 'input.removedOn');
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(BodyMember, { where: { id: memberId } });
      if (!found) throw new BadUserInputError('input.memberId', 'UNKNOWN_BODY_MEMBER', `no body member has the id ${memberId}`);
      const body = await this.bodyForWrite(manager, user, found.bodyId, 'input.memberId', true);
      const member = await manager.findOneOrFail(BodyMember, { where: { id: memberId } });
      if (member.removedOn) throw new ConflictError('ALREADY_REMOVED', `input.memberId: removed on ${member.removedOn}`, 'input.memberId');
      if (removedOn < member.appointedOn) throw new BadUserInputError('input.removedOn', 'BEFORE_APPOINTMENT', `must not be before ${member.appointedOn}`);
      member.removedOn = removedOn;
      await manager.save(BodyMember, member);
      await this.publish(manager, body, member, orgBodyMemberRemovedV1);
      return member;
    });
  }

  async get(user: AuthUser, id: string): Promise<GovernanceBody> {
    const body = await this.dataSource.getRepository(GovernanceBody).findOne({ where: { id: parseId(id, 'id') } });
    if (!body) throw new NotFoundError('BODY_NOT_FOUND', `id: no body has the id ${id}`, 'id');
    requireScope(user, body.scopePath, 'this body');
    return body;
  }

  async list(user: AuthUser, args: GovernanceBodiesArgs): Promise<ConnectionShape<GovernanceBody>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'b.scope_path');
    const query = this.dataSource.getRepository(GovernanceBody).createQueryBuilder('b').where(scope.sql, scope.params).orderBy('b.id', 'ASC').limit(args.first + 1);
    narrowToScope(query, user, args.scope, 'b.scope_path');
    if (args.kind) query.andWhere('b.kind = :kind', { kind: args.kind });
    if (after) query.andWhere('b.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** Party members among the current members of many bodies, in one statement. */
  async partyMemberShares(user: AuthUser, bodyIds: readonly string[]): Promise<Map<string, PartyMemberShare>> {
    const scope = withinScopes(user, 'm.scope_path');
    const rows = (await this.dataSource
      .createQueryBuilder()
      .select('m.body_id', 'bodyId')
      .addSelect('count(DISTINCT m.resident_id)::int', 'members')
      .addSelect('(count(DISTINCT m.resident_id) FILTER (WHERE p.id IS NOT NULL))::int', 'partyMembers')
      .from('body_member', 'm')
      .leftJoin('party_member', 'p', 'p.resident_id = m.resident_id')
      .where('m.body_id = ANY(:ids)', { ids: [...bodyIds] })
      .andWhere('m.removed_on IS NULL')
      .andWhere(scope.sql, scope.params)
      .groupBy('m.body_id')
      .getRawMany()) as { bodyId: string; members: number; partyMembers: number }[];
    const shares = new Map(rows.map((row) => [row.bodyId, partyMemberShare(row.partyMembers, row.members)]));
    return new Map(bodyIds.map((id) => [id, shares.get(id) ?? partyMemberShare(0, 0)]));
  }

  /** The first page of members of each of many bodies, in one statement. */
  membersOf(user: AuthUser, bodyIds: readonly string[], page: { first: number; after?: string | null; includeRemoved: boolean }): Promise<Map<string, ConnectionShape<BodyMember>>> {
    const scope = withinScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(BodyMember), {
      table: 'body_member',
      keyColumn: 'body_id',
      keyOf: (member) => member.bodyId,
      keys: bodyIds,
      conditions: page.includeRemoved ? [scope.sql] : [scope.sql, 'x.removed_on IS NULL'],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }

  termsOf(bodyIds: readonly string[]): Promise<BodyTerm[]> {
    return this.dataSource.getRepository(BodyTerm).createQueryBuilder('t').where('t.body_id = ANY(:ids)', { ids: [...bodyIds] }).orderBy('t.starts_on', 'DESC').getMany();
  }

  groupsOf(bodyIds: readonly string[]): Promise<BodyGroup[]> {
    return this.dataSource.getRepository(BodyGroup).createQueryBuilder('g').where('g.body_id = ANY(:ids)', { ids: [...bodyIds] }).orderBy('g.id', 'ASC').getMany();
  }

  private async bodyForWrite(manager: EntityManager, user: AuthUser, bodyId: string, field: string, lock = false): Promise<GovernanceBody> {
    const body = await manager.findOne(GovernanceBody, { where: { id: bodyId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!body) throw new BadUserInputError(field, 'UNKNOWN_BODY', `no body has the id ${bodyId}`);
    requireScope(user, body.scopePath, 'this body');
    return body;
  }

  private async publish(manager: EntityManager, body: GovernanceBody, member: BodyMember, contract: typeof orgBodyMemberAppointedV1): Promise<void> {
    const partyMembers = await partyMemberResidents(manager, [member.residentId]);
    await enqueueEvent(manager, {
      contract,
      subject: member.id,
      scope: body.scopePath,
      data: {
        bodyId: body.id,
        bodyKind: body.kind,
        memberId: member.id,
        residentId: member.residentId,
        post: member.post,
        isPartyMember: partyMembers.has(member.residentId),
        compoundId: body.compoundId,
        scopePath: body.scopePath,
      },
    });
  }
}
