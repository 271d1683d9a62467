import type { DataSource, EntityManager } from 'typeorm';
import { requireScope, withinOrAboveScopes, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { Area, AreaLevel } from '../area/area.entity';
import { Compound } from '../compound/compound.entity';
import { Dwelling } from '../dwelling/dwelling.entity';
import { communityInScope, isoDate, narrowToScope, residentInScope, violatedConstraint } from '../grid/governance-lookups';
import { Grid } from '../grid/grid.entity';
import { CentralHousehold, CentralHouseholdLink, PartyBuildingInstructor, PartyMember, PartyOrganization, PartyOrganizationKind } from './party.entity';
import type {
  AssignPartyBuildingInstructorInput,
  CentralHouseholdsArgs,
  CreatePartyOrganizationInput,
  DesignateCentralHouseholdInput,
  EnrolPartyMemberInput,
  LinkHouseholdsInput,
  PartyBuildingInstructorsArgs,
  PartyMembersArgs,
  PartyOrganizationsArgs,
  RecordPartyMemberRegistrationInput,
} from './party.inputs';

/** Which kinds each kind of party organization may belong to. */
const PARENT_KINDS: Record<PartyOrganizationKind, PartyOrganizationKind[]> = {
  [PartyOrganizationKind.COMMITTEE]: [],
  [PartyOrganizationKind.GENERAL_BRANCH]: [PartyOrganizationKind.COMMITTEE],
  [PartyOrganizationKind.BRANCH]: [PartyOrganizationKind.COMMITTEE, PartyOrganizationKind.GENERAL_BRANCH],
  [PartyOrganizationKind.GROUP]: [PartyOrganizationKind.BRANCH],
};

/** A central household keeps in touch with a handful of neighbours; the district's practice caps it at 30. */
const MAX_LINKED_HOUSEHOLDS = 30;

export class PartyService {
  constructor(private readonly dataSource: DataSource) {}

  async createOrganization(user: AuthUser, input: CreatePartyOrganizationInput): Promise<PartyOrganization> {
    const parentId = input.parentId ? parseId(input.parentId, 'input.parentId') : null;
    const compoundId = input.compoundId ? parseId(input.compoundId, 'input.compoundId') : null;
    const gridId = input.gridId ? parseId(input.gridId, 'input.gridId') : null;
    const attachments = [compoundId, gridId, input.propertyCompanyId].filter(Boolean).length;
    if (attachments > 1) throw new BadUserInputError('input.compoundId', 'ONE_ATTACHMENT', 'a branch is set up in a compound, a grid or a property company, not several');
    if (attachments > 0 && input.kind !== PartyOrganizationKind.BRANCH) {
      throw new BadUserInputError('input.kind', 'ONLY_BRANCHES_ATTACH', 'only a branch is set up in a compound, a grid or a property company');
    }
    return this.dataSource.transaction(async (manager) => {
      const community = await communityInScope(manager, user, input.communityCode, 'input.communityCode');
      if (input.kind === PartyOrganizationKind.COMMITTEE && parentId) {
        throw new BadUserInputError('input.parentId', 'COMMITTEE_HAS_NO_PARENT', "a community's party committee heads its tree");
      }
      if (input.kind !== PartyOrganizationKind.COMMITTEE) {
        if (!parentId) throw new BadUserInputError('input.parentId', 'PARENT_REQUIRED', `a ${input.kind} belongs to a ${PARENT_KINDS[input.kind].join(' or ')}`);
        const parent = await manager.findOne(PartyOrganization, { where: { id: parentId } });
        if (!parent || parent.communityId !== community.id) {
          throw new BadUserInputError('input.parentId', 'UNKNOWN_PARENT_ORGANIZATION', `community ${community.code} has no party organization with the id ${parentId}`);
        }
        if (!PARENT_KINDS[input.kind].includes(parent.kind)) {
          throw new BadUserInputError('input.parentId', 'WRONG_PARENT_KIND', `a ${input.kind} cannot belong to a ${parent.kind}`);
        }
      }
      let scopePath = community.scopePath;
      if (compoundId) {
        const compound = await manager.findOne(Compound, { where: { id: compoundId } });
        if (!compound || compound.communityId !== community.id) {
          throw new BadUserInputError('input.compoundId', 'COMPOUND_NOT_IN_COMMUNITY', `community ${community.code} has no compound with the id ${compoundId}`);
        }
        scopePath = compound.scopePath;
      }
      if (gridId && !(await manager.exists(Grid, { where: { id: gridId, communityId: community.id } }))) {
        throw new BadUserInputError('input.gridId', 'GRID_NOT_IN_COMMUNITY', `community ${community.code} has no grid with the id ${gridId}`);
      }
      const name = input.name.trim();
      if (await manager.exists(PartyOrganization, { where: { communityId: community.id, name } })) {
        throw new ConflictError('PARTY_ORGANIZATION_NAME_TAKEN', `input.name: the community already has a party organization named "${name}"`, 'input.name');
      }
      const organization = manager.create(PartyOrganization, {
        id: uuidv7(),
        kind: input.kind,
        name,
        parentId,
        communityId: community.id,
        compoundId,
        gridId,
        propertyCompanyId: input.propertyCompanyId?.toLowerCase() ?? null,
        scopePath,
      });
      await manager.insert(PartyOrganization, organization);
      return manager.findOneOrFail(PartyOrganization, { where: { id: organization.id } });
    });
  }

  async enrolMember(user: AuthUser, input: EnrolPartyMemberInput): Promise<PartyMember> {
    const organizationId = parseId(input.organizationId, 'input.organizationId');
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(PartyOrganization, { where: { id: organizationId } });
      if (!organization) throw new BadUserInputError('input.organizationId', 'UNKNOWN_PARTY_ORGANIZATION', `no party organization has the id ${organizationId}`);
      requireScope(user, organization.scopePath, 'this party organization');
      const resident = await residentInScope(manager, user, input.residentId, 'input.residentId');
      if (await manager.exists(PartyMember, { where: { residentId: resident.id } })) {
        throw new ConflictError('ALREADY_PARTY_MEMBER', 'input.residentId: the resident is already a party member', 'input.residentId');
      }
      const member = manager.create(PartyMember, {
        id: uuidv7(),
        residentId: resident.id,
        organizationId,
        category: input.category,
        registeredCommunityId: null,
        registeredOn: null,
        registeredScopePath: null,
        scopePath: organization.scopePath,
      });
      await manager.insert(PartyMember, member);
      return manager.findOneOrFail(PartyMember, { where: { id: member.id } });
    });
  }

  /** Registration (报到) is always at the community where the member lives: the resident's own community. */
  async recordRegistration(user: AuthUser, input: RecordPartyMemberRegistrationInput): Promise<PartyMember> {
    const memberId = parseId(input.partyMemberId, 'input.partyMemberId');
    const registeredOn = isoDate(input.registeredOn, 'input.registeredOn');
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(PartyMember, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw new BadUserInputError('input.partyMemberId', 'UNKNOWN_PARTY_MEMBER', `no party member has the id ${memberId}`);
      const [home] = (await manager.query(
        `SELECT a.id, a.scope_path FROM resident r JOIN area a ON a.id = r.community_id WHERE r.id = $1`,
        [member.residentId],
      )) as { id: string; scope_path: string }[];
      requireScope(user, home!.scope_path, 'the community where the member lives');
      member.registeredCommunityId = home!.id;
      member.registeredScopePath = home!.scope_path;
      member.registeredOn = registeredOn;
      await manager.save(PartyMember, member);
      return member;
    });
  }

  async designateCentralHousehold(user: AuthUser, input: DesignateCentralHouseholdInput): Promise<CentralHousehold> {
    const memberId = parseId(input.partyMemberId, 'input.partyMemberId');
    const dwellingId = parseId(input.dwellingId, 'input.dwellingId');
    const designatedOn = isoDate(input.designatedOn, 'input.designatedOn');
    return this.dataSource.transaction(async (manager) => {
      const member = await this.memberInScope(manager, user, memberId, 'input.partyMemberId');
      const dwelling = await manager.findOne(Dwelling, { where: { id: dwellingId } });
      if (!dwelling) throw new BadUserInputError('input.dwellingId', 'UNKNOWN_DWELLING', `no dwelling has the id ${dwellingId}`);
      requireScope(user, dwelling.scopePath, 'this dwelling');
      const livesThere = (await manager.query(`SELECT 1 FROM residency WHERE resident_id = $1 AND dwelling_id = $2 AND moved_out IS NULL`, [member.residentId, dwellingId])) as unknown[];
      if (livesThere.length === 0) {
        throw new BadUserInputError('input.dwellingId', 'NOT_THE_MEMBERS_HOME', 'a central household is the party member’s own dwelling: the member does not live there');
      }
      const household = manager.create(CentralHousehold, { id: uuidv7(), partyMemberId: memberId, dwellingId, designatedOn, scopePath: dwelling.scopePath });
      try {
        await manager.insert(CentralHousehold, household);
      } catch (error) {
        if (violatedConstraint(error, '23505') === null) throw error;
        throw new ConflictError('ALREADY_CENTRAL_HOUSEHOLD', 'input.partyMemberId: the member or the dwelling already is a central household', 'input.partyMemberId');
      }
      return household;
    });
  }

  async linkHouseholds(user: AuthUser, input: LinkHouseholdsInput): Promise<CentralHousehold> {
    const householdId = parseId(input.centralHouseholdId, 'input.centralHouseholdId');
    const dwellingIds = input.dwellingIds.map((id, index) => parseId(id, `input.dwellingIds.${index}`));
    const linkedOn = isoDate(input.linkedOn, 'input.linkedOn');
    return this.dataSource.transaction(async (manager) => {
      const household = await manager.findOne(CentralHousehold, { where: { id: householdId }, lock: { mode: 'pessimistic_write' } });
      if (!household) throw new BadUserInputError('input.centralHouseholdId', 'UNKNOWN_CENTRAL_HOUSEHOLD', `no central household has the id ${householdId}`);
      requireScope(user, household.scopePath, 'this central household');
      const found = (await manager.query(`SELECT id, scope_path FROM dwelling WHERE id = ANY($1)`, [dwellingIds])) as { id: string; scope_path: string }[];
      const pathOf = new Map(found.map((row) => [row.id, row.scope_path]));
      dwellingIds.forEach((id, index) => {
        if (pathOf.get(id) !== household.scopePath) {
          throw new BadUserInputError(`input.dwellingIds.${index}`, 'DWELLING_NOT_IN_COMPOUND', `no dwelling with the id ${id} lies in the central household's compound`);
        }
        if (id === household.dwellingId) throw new BadUserInputError(`input.dwellingIds.${index}`, 'OWN_HOUSEHOLD', 'is the central household itself');
      });
      const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM central_household_link WHERE central_household_id = $1`, [householdId])) as { count: number }[];
      if (count + new Set(dwellingIds).size > MAX_LINKED_HOUSEHOLDS) {
        throw new BadUserInputError('input.dwellingIds', 'TOO_MANY_LINKED_HOUSEHOLDS', `a central household links at most ${MAX_LINKED_HOUSEHOLDS} households; it has ${count}`);
      }
      const taken = (await manager.query(`SELECT dwelling_id FROM central_household_link WHERE dwelling_id = ANY($1)`, [dwellingIds])) as { dwelling_id: string }[];
      if (taken.length > 0) {
        const index = dwellingIds.indexOf(taken[0]!.dwelling_id);
        throw new ConflictError('HOUSEHOLD_ALREADY_LINKED', `input.dwellingIds.${index}: the household is already linked to a central household`, `input.dwellingIds.${index}`);
      }
      await manager.insert(
        CentralHouseholdLink,
        [...new Set(dwellingIds)].map((dwellingId) => ({ centralHouseholdId: householdId, dwellingId, linkedOn })),
      );
      return household;
    });
  }

  async assignInstructor(user: AuthUser, input: AssignPartyBuildingInstructorInput): Promise<PartyBuildingInstructor> {
    const assignedOn = isoDate(input.assignedOn, 'input.assignedOn');
    return this.dataSource.transaction(async (manager) => {
      const area = await manager.findOne(Area, { where: { code: input.areaCode } });
      if (!area || area.level === AreaLevel.COMMUNITY) {
        throw new BadUserInputError('input.areaCode', 'UNKNOWN_AREA_CODE', `no district or street has the code ${input.areaCode}`);
      }
      requireScope(user, area.scopePath, `area ${area.code}`);
      const instructor = manager.create(PartyBuildingInstructor, {
        id: uuidv7(),
        propertyCompanyId: input.propertyCompanyId.toLowerCase(),
        name: input.name.trim(),
        staffSub: input.staffSub?.trim() ?? null,
        assignedOn,
        endedOn: null,
        areaId: area.id,
        scopePath: area.scopePath,
      });
      await manager.insert(PartyBuildingInstructor, instructor);
      return instructor;
    });
  }

  async organizations(user: AuthUser, args: PartyOrganizationsArgs): Promise<ConnectionShape<PartyOrganization>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'o.scope_path');
    const query = this.dataSource.getRepository(PartyOrganization).createQueryBuilder('o').where(scope.sql, scope.params).orderBy('o.id', 'ASC').limit(args.first + 1);
    narrowToScope(query, user, args.scope, 'o.scope_path');
    if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
    if (after) query.andWhere('o.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** Members visible to the caller: in the caller's organizations, or registered (报到) at the caller's communities. */
  async members(user: AuthUser, args: PartyMembersArgs): Promise<ConnectionShape<PartyMember>> {
    const after = decodeCursor(args.after);
    const ownScope = withinScopes(user, 'm.scope_path', 'ownScopes');
    const registeredScope = withinScopes(user, 'm.registered_scope_path', 'registeredScopes');
    const query = this.dataSource
      .getRepository(PartyMember)
      .createQueryBuilder('m')
      .where(`(${ownScope.sql} OR ${registeredScope.sql})`, { ...ownScope.params, ...registeredScope.params })
      .orderBy('m.id', 'ASC')
      .limit(args.first + 1);
    if (args.organizationId) query.andWhere('m.organization_id = :organizationId', { organizationId: parseId(args.organizationId, 'organizationId') });
    if (args.category) query.andWhere('m.category = :category', { category: args.category });
    if (after) query.andWhere('m.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  async centralHouseholds(user: AuthUser, args: CentralHouseholdsArgs): Promise<ConnectionShape<CentralHousehold>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'h.scope_path');
    const query = this.dataSource.getRepository(CentralHousehold).createQueryBuilder('h').where(scope.sql, scope.params).orderBy('h.id', 'ASC').limit(args.first + 1);
    narrowToScope(query, user, args.scope, 'h.scope_path');
    if (after) query.andWhere('h.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** Instructors assigned by the caller's areas or by an area above them (a street's instructors reach its communities). */
  async instructors(user: AuthUser, args: PartyBuildingInstructorsArgs): Promise<ConnectionShape<PartyBuildingInstructor>> {
    const after = decodeCursor(args.after);
    const scope = withinOrAboveScopes(user, 'i.scope_path');
    const query = this.dataSource.getRepository(PartyBuildingInstructor).createQueryBuilder('i').where(scope.sql, scope.params).orderBy('i.id', 'ASC').limit(args.first + 1);
    if (args.propertyCompanyId) query.andWhere('i.property_company_id = :company', { company: args.propertyCompanyId.toLowerCase() });
    if (after) query.andWhere('i.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** Households linked to many central households, in one statement. */
  linksOf(householdIds: readonly string[]): Promise<CentralHouseholdLink[]> {
    return this.dataSource
      .getRepository(CentralHouseholdLink)
      .createQueryBuilder('l')
      .where('l.central_household_id = ANY(:ids)', { ids: [...householdIds] })
      .orderBy('l.dwelling_id', 'ASC')
      .getMany();
  }

  private async memberInScope(manager: EntityManager, user: AuthUser, memberId: string, field: string): Promise<PartyMember> {
    const member = await manager.findOne(PartyMember, { where: { id: memberId } });
    if (!member) throw new BadUserInputError(field, 'UNKNOWN_PARTY_MEMBER', `no party member has the id ${memberId}`);
    if (!(member.registeredScopePath && user.scopes.some((s) => member.registeredScopePath!.startsWith(s)))) {
      requireScope(user, member.scopePath, 'this party member');
    }
    return member;
  }
}
