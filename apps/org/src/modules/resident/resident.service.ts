import type { DataSource } from 'typeorm';
import { orgResidentMovedInV1, orgResidentMovedOutV1 } from '@gongzhi/contracts-events';
import { assertScopePath, hasRole, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { ID_NUMBER_MESSAGES, idNumberProblem, maskIdNumber, maskPhone } from '@gongzhi/standards';
import { Area, AreaLevel } from '../area/area.entity';
import { Dwelling } from '../dwelling/dwelling.entity';
import type { PersonalDataCipher } from './personal-data';
import { SENSITIVE_TAG_ROLES } from './pii-policy';
import { Residency, Resident, type CareTag } from './resident.entity';
import type { MoveInInput, MoveOutInput, RegisterResidentInput } from './resident.inputs';

export class ResidentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async register(user: AuthUser, input: RegisterResidentInput): Promise<Resident> {
    const idNumber = input.idNumber.trim().toUpperCase();
    const problem = idNumberProblem(idNumber);
    if (problem) throw new BadUserInputError('input.idNumber', `ID_NUMBER_${problem}`, ID_NUMBER_MESSAGES[problem]);
    if (input.sensitiveTags.length > 0 && !hasRole(user, ...SENSITIVE_TAG_ROLES)) {
      throw new ForbiddenError('SENSITIVE_TAGS_NOT_ALLOWED', `input.sensitiveTags: only ${SENSITIVE_TAG_ROLES.join(', ')} may record sensitive tags`);
    }
    return this.dataSource.transaction(async (manager) => {
      const community = await manager.findOne(Area, { where: { code: input.communityCode } });
      if (!community || community.level !== AreaLevel.COMMUNITY) {
        throw new BadUserInputError('input.communityCode', 'UNKNOWN_AREA_CODE', `no community has the code ${input.communityCode}`);
      }
      requireScope(user, community.scopePath, `community ${community.code}`);
      const idNumberHash = this.cipher.hash(idNumber);
      if (await manager.exists(Resident, { where: { idNumberHash } })) {
        throw new ConflictError('RESIDENT_EXISTS', 'input.idNumber: a resident with this ID number is already registered', 'input.idNumber');
      }
      const phone = input.phone?.trim() || null;
      const resident = manager.create(Resident, {
        id: uuidv7(),
        name: input.name.trim(),
        idNumberCipher: this.cipher.encrypt(idNumber),
        idNumberHash,
        idNumberMasked: maskIdNumber(idNumber),
        phoneCipher: phone ? this.cipher.encrypt(phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        phoneHash: phone ? this.cipher.hash(phone) : null,
        householdRegistration: input.householdRegistration,
        careTags: [...new Set(input.careTags)],
        sensitiveTags: [...new Set(input.sensitiveTags)],
        communityId: community.id,
        scopePath: community.scopePath,
      });
      await manager.insert(Resident, resident);
      return manager.findOneOrFail(Resident, { where: { id: resident.id } });
    });
  }

  async get(user: AuthUser, id: string): Promise<Resident> {
    const resident = await this.dataSource.getRepository(Resident).findOne({ where: { id: parseId(id, 'id') } });
    if (!resident) throw new NotFoundError('RESIDENT_NOT_FOUND', `id: no resident has the id ${id}`, 'id');
    requireScope(user, resident.scopePath, 'this resident');
    return resident;
  }

  async list(user: AuthUser, page: { first: number; after?: string | null; scope?: string | null; careTag?: CareTag | null }): Promise<ConnectionShape<Resident>> {
    const after = decodeCursor(page.after);
    const scope = withinScopes(user, 'r.scope_path');
    const query = this.dataSource.getRepository(Resident).createQueryBuilder('r').where(scope.sql, scope.params).orderBy('r.id', 'ASC').limit(page.first + 1);
    if (page.scope) query.andWhere('starts_with(r.scope_path, :narrowed)', { narrowed: assertScopePath(page.scope, 'scope') });
    if (page.careTag) query.andWhere(':careTag = ANY(r.care_tags)', { careTag: page.careTag });
    if (after) query.andWhere('r.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  async moveIn(user: AuthUser, input: MoveInInput): Promise<Residency> {
    const residentId = parseId(input.residentId, 'input.residentId');
    const dwellingId = parseId(input.dwellingId, 'input.dwellingId');
    return this.dataSource.transaction(async (manager) => {
      const resident = await manager.findOne(Resident, { where: { id: residentId }, lock: { mode: 'pessimistic_write' } });
      if (!resident) throw new BadUserInputError('input.residentId', 'UNKNOWN_RESIDENT', `no resident has the id ${residentId}`);
      const dwelling = await manager.findOne(Dwelling, { where: { id: dwellingId } });
      if (!dwelling) throw new BadUserInputError('input.dwellingId', 'UNKNOWN_DWELLING', `no dwelling has the id ${dwellingId}`);
      requireScope(user, resident.scopePath, 'this resident');
      requireScope(user, dwelling.scopePath, 'this dwelling');
      const current = (await manager.query('SELECT 1 FROM residency WHERE resident_id = $1 AND dwelling_id = $2 AND moved_out IS NULL', [residentId, dwellingId])) as unknown[];
      if (current.length > 0) {
        throw new ConflictError('ALREADY_LIVES_THERE', 'input.dwellingId: the resident already lives in this dwelling', 'input.dwellingId');
      }
      const residency = manager.create(Residency, { id: uuidv7(), residentId, dwellingId, relation: input.relation, movedIn: input.date, movedOut: null, scopePath: dwelling.scopePath });
      await manager.insert(Residency, residency);
      await manager.update(Resident, { id: residentId }, { scopePath: dwelling.scopePath });
      await enqueueEvent(manager, {
        contract: orgResidentMovedInV1,
        subject: residentId,
        scope: dwelling.scopePath,
        data: { residentId, dwellingId, compoundId: dwelling.compoundId, relation: input.relation, date: input.date, scopePath: dwelling.scopePath },
      });
      return residency;
    });
  }

  async moveOut(user: AuthUser, input: MoveOutInput): Promise<Residency> {
    const residencyId = parseId(input.residencyId, 'input.residencyId');
    return this.dataSource.transaction(async (manager) => {
      const residency = await manager.findOne(Residency, { where: { id: residencyId }, lock: { mode: 'pessimistic_write' } });
      if (!residency) throw new BadUserInputError('input.residencyId', 'UNKNOWN_RESIDENCY', `no residency has the id ${residencyId}`);
      requireScope(user, residency.scopePath, 'this dwelling');
      if (residency.movedOut) throw new ConflictError('ALREADY_MOVED_OUT', `input.residencyId: moved out on ${residency.movedOut}`, 'input.residencyId');
      if (input.date < residency.movedIn) throw new BadUserInputError('input.date', 'BEFORE_MOVE_IN', `must not be before the move-in date ${residency.movedIn}`);
      residency.movedOut = input.date;
      await manager.save(Residency, residency);
      const [elsewhere] = (await manager.query(
        `SELECT scope_path FROM residency WHERE resident_id = $1 AND moved_out IS NULL ORDER BY moved_in DESC LIMIT 1`,
        [residency.residentId],
      )) as { scope_path: string }[];
      await manager.query(
        `UPDATE resident r SET scope_path = coalesce($2, a.scope_path), updated_at = now() FROM area a WHERE r.id = $1 AND a.id = r.community_id`,
        [residency.residentId, elsewhere?.scope_path ?? null],
      );
      const dwelling = await manager.findOneOrFail(Dwelling, { where: { id: residency.dwellingId } });
      await enqueueEvent(manager, {
        contract: orgResidentMovedOutV1,
        subject: residency.residentId,
        scope: residency.scopePath,
        data: { residentId: residency.residentId, dwellingId: residency.dwellingId, compoundId: dwelling.compoundId, relation: residency.relation, date: input.date, scopePath: residency.scopePath },
      });
      return residency;
    });
  }

  /** Current residencies of many residents, for `Resident.residencies`. */
  residenciesOf(residentIds: readonly string[]): Promise<Residency[]> {
    return this.dataSource.getRepository(Residency).createQueryBuilder('s').where('s.resident_id = ANY(:ids)', { ids: [...residentIds] }).orderBy('s.moved_in', 'DESC').getMany();
  }
}
