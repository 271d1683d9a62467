import type { DataSource } from 'typeorm';
import { orgResidentMovedInV1, orgResidentMovedOutV1 } from '@gongzhi/contracts-events';
import { assertScopePath, can, requireScope, rolesWith, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { ID_NUMBER_MESSAGES, idNumberProblem, maskIdNumber, maskPhone } from '@gongzhi/standards';
import { Area, AreaLevel } from '../area/area.entity';
import { Dwelling } from '../dwelling/dwelling.entity';
import { PERSON_KEY_HEX_DIGITS, PERSON_KEY_PREFIX, personKeyFromHash, type PersonalDataCipher } from './personal-data';
import { isDataSubject } from './pii-policy';
import { Residency, Resident, type CareTag } from './resident.entity';
import type { MoveInInput, MoveOutInput, RegisterResidentInput } from './resident.inputs';

/** The longest scope path every one of `scopes` lies under (`/` when they share nothing). */
export function commonScopePrefix(scopes: readonly string[]): string {
  const parts = scopes.map((scope) => scope.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; parts.length > 0 && parts.every((p) => p[i] !== undefined && p[i] === parts[0]![i]); i++) common.push(parts[0]![i]!);
  return `/${common.map((part) => `${part}/`).join('')}`;
}

export class ResidentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async register(user: AuthUser, input: RegisterResidentInput): Promise<Resident> {
    const idNumber = input.idNumber.trim().toUpperCase();
    const problem = idNumberProblem(idNumber);
    if (problem) throw new BadUserInputError('input.idNumber', `ID_NUMBER_${problem}`, ID_NUMBER_MESSAGES[problem]);
    if (input.sensitiveTags.length > 0 && !can(user, 'sensitive:write')) {
      throw new ForbiddenError('SENSITIVE_TAGS_NOT_ALLOWED', `input.sensitiveTags: only ${rolesWith('sensitive:write').join(', ')} may record sensitive tags`);
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
    if (!can(user, 'registry:read') && !isDataSubject(user, personKeyFromHash(resident.idNumberHash))) {
      throw new ForbiddenError('NOT_YOUR_RECORD', 'id: without registry:read you may read only your own resident record');
    }
    return resident;
  }

  /** The caller's own resident record inside their scopes, found by their person key (`sub = p:<hmac>`). */
  async own(user: AuthUser): Promise<Resident | null> {
    if (!user.sub.startsWith(PERSON_KEY_PREFIX) || !isDataSubject(user, user.sub)) return null;
    const scope = withinScopes(user, 'r.scope_path');
    return this.dataSource
      .getRepository(Resident)
      .createQueryBuilder('r')
      .where(`left(r.id_number_hash, ${PERSON_KEY_HEX_DIGITS}) = :hashPrefix`, { hashPrefix: user.sub.slice(PERSON_KEY_PREFIX.length) })
      .andWhere(scope.sql, scope.params)
      .getOne();
  }

  /**
   * Residents inside the caller's scopes (and `scope`, when given), in id order. Ids grow with registration, and a
   * registry is imported street by street, so for a street's or a community's residents a walk in id order would
   * pass over most of the district first. Below the district level the page is therefore read path by path: the
   * distinct scope paths under the prefix (a compound's or a community's, a few hundred at most) are found by
   * skipping along the `(scope_path, id)` index, each gives its first residents in id order, and the smallest ids
   * of all of them make the page.
   */
  async list(user: AuthUser, page: { first: number; after?: string | null; scope?: string | null; careTag?: CareTag | null }): Promise<ConnectionShape<Resident>> {
    const after = decodeCursor(page.after);
    const narrowed = page.scope ? assertScopePath(page.scope, 'scope') : null;
    const scope = withinScopes(user, 'r.scope_path');
    const query = this.dataSource.getRepository(Resident).createQueryBuilder('r').where(scope.sql, scope.params).orderBy('r.id', 'ASC').limit(page.first + 1);
    if (narrowed) query.andWhere('starts_with(r.scope_path, :narrowed)', { narrowed });
    if (page.careTag) query.andWhere(':careTag = ANY(r.care_tags)', { careTag: page.careTag });
    if (after) query.andWhere('r.id > :after', { after });
    const prefix = narrowed ?? commonScopePrefix(user.scopes);
    if (prefix.split('/').filter(Boolean).length >= 2) {
      const ids = ((await this.dataSource.query(
        `WITH RECURSIVE path (scope_path) AS (
           (SELECT scope_path FROM resident WHERE starts_with(scope_path, $1) ORDER BY scope_path USING ~<~ LIMIT 1)
           UNION ALL
           SELECT (SELECT r.scope_path FROM resident r WHERE starts_with(r.scope_path, $1) AND r.scope_path ~>~ p.scope_path ORDER BY r.scope_path USING ~<~ LIMIT 1)
             FROM path p WHERE p.scope_path IS NOT NULL)
         SELECT x.id FROM path p CROSS JOIN LATERAL (
           SELECT r.id FROM resident r
            WHERE r.scope_path = p.scope_path AND ($3::uuid IS NULL OR r.id > $3) AND ($4::text IS NULL OR $4 = ANY(r.care_tags))
            ORDER BY r.id LIMIT $5) x
          WHERE p.scope_path IS NOT NULL AND p.scope_path LIKE ANY($2)
          ORDER BY x.id LIMIT $5`,
        [prefix, scope.params.callerScopes, after ?? null, page.careTag ?? null, page.first + 1],
      )) as { id: string }[]).map((row) => row.id);
      query.andWhere('r.id = ANY(:ids)', { ids });
    }
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
