import type { DataSource, EntityManager } from 'typeorm';
import { orgDwellingChangedV1, orgDwellingRegisteredV1, orgOwnershipChangedV1 } from '@gongzhi/contracts-events';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { creditCodeProblem, ID_NUMBER_MESSAGES, idNumberProblem, maskIdNumber } from '@gongzhi/standards';
import { Compound } from '../compound/compound.entity';
import { organizationKey, PERSON_KEY_PREFIX, type PersonalDataCipher } from '../resident/personal-data';
import { isDataSubject } from '../resident/pii-policy';
import { Building, Dwelling, Unit } from './dwelling.entity';
import type { OwnerShareInput, RegisterDwellingInput, SetDwellingOwnersInput, UpdateDwellingInput } from './dwelling.inputs';
import { ELECTORATE_SQL, toElectorate, type Electorate, type ElectorateRow } from './electorate';
import { Owner, OwnerKind, Ownership } from './owner.entity';

/** Sum of fractions equals exactly 1, in integers (no floating point). */
function sharesAddUpToOne(shares: { shareNumerator: number; shareDenominator: number }[]): boolean {
  let numerator = 0n;
  let denominator = 1n;
  for (const share of shares) {
    numerator = numerator * BigInt(share.shareDenominator) + BigInt(share.shareNumerator) * denominator;
    denominator *= BigInt(share.shareDenominator);
  }
  return numerator === denominator;
}

export class DwellingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async register(user: AuthUser, input: RegisterDwellingInput): Promise<Dwelling> {
    const compoundId = parseId(input.compoundId, 'input.compoundId');
    return this.dataSource.transaction(async (manager) => {
      const compound = await manager.findOne(Compound, { where: { id: compoundId } });
      if (!compound) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      requireScope(user, compound.scopePath, 'this compound');
      const building = await this.findOrCreateBuilding(manager, compound, input.building.trim());
      const unit = await this.findOrCreateUnit(manager, building, input.unit.trim());
      const roomNumber = input.roomNumber.trim();
      if (await manager.exists(Dwelling, { where: { unitId: unit.id, roomNumber } })) {
        throw new BadUserInputError('input.roomNumber', 'DWELLING_EXISTS', `building ${building.number} unit ${unit.number} already has room ${roomNumber}`);
      }
      const dwelling = manager.create(Dwelling, {
        id: uuidv7(),
        unitId: unit.id,
        buildingId: building.id,
        compoundId,
        roomNumber,
        exclusiveArea: input.exclusiveArea,
        areaSource: input.areaSource,
        developerUnsold: input.developerUnsold,
        scopePath: compound.scopePath,
      });
      await manager.insert(Dwelling, dwelling);
      await enqueueEvent(manager, { contract: orgDwellingRegisteredV1, subject: dwelling.id, scope: dwelling.scopePath, data: this.state(dwelling) });
      return manager.findOneOrFail(Dwelling, { where: { id: dwelling.id } });
    });
  }

  async update(user: AuthUser, id: string, input: UpdateDwellingInput): Promise<Dwelling> {
    const dwellingId = parseId(id, 'id');
    return this.dataSource.transaction(async (manager) => {
      const dwelling = await manager.findOne(Dwelling, { where: { id: dwellingId }, lock: { mode: 'pessimistic_write' } });
      if (!dwelling) throw new NotFoundError('DWELLING_NOT_FOUND', `id: no dwelling has the id ${dwellingId}`, 'id');
      requireScope(user, dwelling.scopePath, 'this dwelling');
      const headcountAffected = input.developerUnsold !== undefined && input.developerUnsold !== dwelling.developerUnsold;
      const areaChanged = input.exclusiveArea != null && input.exclusiveArea !== dwelling.exclusiveArea;
      dwelling.exclusiveArea = input.exclusiveArea ?? dwelling.exclusiveArea;
      dwelling.areaSource = input.areaSource ?? dwelling.areaSource;
      dwelling.developerUnsold = input.developerUnsold ?? dwelling.developerUnsold;
      await manager.save(Dwelling, dwelling);
      await enqueueEvent(manager, { contract: orgDwellingChangedV1, subject: dwelling.id, scope: dwelling.scopePath, data: this.state(dwelling) });
      if (headcountAffected || areaChanged) await this.publishOwnership(manager, dwelling);
      return manager.findOneOrFail(Dwelling, { where: { id: dwelling.id } });
    });
  }

  /** Replaces the owners of a dwelling; owners are found or created by their identity. */
  async setOwners(user: AuthUser, input: SetDwellingOwnersInput): Promise<Dwelling> {
    const dwellingId = parseId(input.dwellingId, 'input.dwellingId');
    const owners = input.owners.map((owner, index) => this.checkOwner(owner, `input.owners.${index}`));
    if (owners.length > 0 && !sharesAddUpToOne(input.owners)) {
      throw new BadUserInputError('input.owners', 'SHARES_DO_NOT_ADD_UP', 'the owners’ shares must add up to exactly 1');
    }
    if (new Set(owners.map((o) => o.identityKey)).size !== owners.length) {
      throw new BadUserInputError('input.owners', 'DUPLICATE_OWNER', 'the same owner is listed twice');
    }
    return this.dataSource.transaction(async (manager) => {
      const dwelling = await manager.findOne(Dwelling, { where: { id: dwellingId }, lock: { mode: 'pessimistic_write' } });
      if (!dwelling) throw new BadUserInputError('input.dwellingId', 'UNKNOWN_DWELLING', `no dwelling has the id ${dwellingId}`);
      requireScope(user, dwelling.scopePath, 'this dwelling');
      await manager.delete(Ownership, { dwellingId });
      for (const [index, owner] of owners.entries()) {
        const ownerId = await this.upsertOwner(manager, owner);
        const share = input.owners[index]!;
        await manager.insert(Ownership, { dwellingId, ownerId, shareNumerator: share.shareNumerator, shareDenominator: share.shareDenominator, since: null });
      }
      await this.publishOwnership(manager, dwelling);
      return dwelling;
    });
  }

  async list(user: AuthUser, compoundId: string, page: { first: number; after?: string | null }): Promise<ConnectionShape<Dwelling>> {
    const id = parseId(compoundId, 'compoundId');
    const after = decodeCursor(page.after);
    const scope = withinScopes(user, 'd.scope_path');
    const query = this.dataSource
      .getRepository(Dwelling)
      .createQueryBuilder('d')
      .where('d.compound_id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .orderBy('d.id', 'ASC')
      .limit(page.first + 1);
    if (after) query.andWhere('d.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** The dwellings the caller owns inside their scopes (at most 100), found by their person key (`sub = p:<hmac>`). */
  async ownedBy(user: AuthUser): Promise<{ dwelling: Dwelling; share: Ownership & { owner: Owner } }[]> {
    if (!user.sub.startsWith(PERSON_KEY_PREFIX) || !isDataSubject(user, user.sub)) return [];
    const scope = withinScopes(user, 'd.scope_path');
    const dwellings = await this.dataSource
      .getRepository(Dwelling)
      .createQueryBuilder('d')
      .where('EXISTS (SELECT 1 FROM ownership s JOIN owner o ON o.id = s.owner_id WHERE s.dwelling_id = d.id AND o.identity_key = :personKey)', { personKey: user.sub })
      .andWhere(scope.sql, scope.params)
      .orderBy('d.id', 'ASC')
      .limit(100)
      .getMany();
    const shares = await this.ownersOf(dwellings.map((d) => d.id));
    return dwellings.map((dwelling) => ({ dwelling, share: shares.find((s) => s.dwellingId === dwelling.id && s.owner.identityKey === user.sub)! }));
  }

  async electorate(user: AuthUser, compoundId: string): Promise<Electorate> {
    const id = parseId(compoundId, 'compoundId');
    const compound = await this.dataSource.getRepository(Compound).findOne({ where: { id } });
    if (!compound) throw new NotFoundError('COMPOUND_NOT_FOUND', `compoundId: no compound has the id ${id}`, 'compoundId');
    requireScope(user, compound.scopePath, 'this compound');
    const rows = (await this.dataSource.query(`${ELECTORATE_SQL} WHERE d.compound_id = $1 GROUP BY d.id, b.number, u.number ORDER BY b.number, u.number, d.room_number`, [id])) as ElectorateRow[];
    return toElectorate(id, rows);
  }

  /**
   * Full addresses of many dwellings in one query, in GB/T 39609's order: district, street, community,
   * compound (the street-courtyard part), then building, unit and room.
   */
  async addressesOf(dwellingIds: readonly string[]): Promise<{ id: string; address: string }[]> {
    return (await this.dataSource.query(
      `SELECT d.id, district.name || street.name || community.name || c.name || b.number || '栋' || u.number || '单元' || d.room_number || '室' AS address
         FROM dwelling d
         JOIN unit u ON u.id = d.unit_id
         JOIN building b ON b.id = d.building_id
         JOIN compound c ON c.id = d.compound_id
         JOIN area community ON community.id = c.community_id
         JOIN area street ON street.id = community.parent_id
         JOIN area district ON district.id = street.parent_id
        WHERE d.id = ANY($1)`,
      [[...dwellingIds]],
    )) as { id: string; address: string }[];
  }

  /** Owners of many dwellings in one query, for `Dwelling.owners`. */
  async ownersOf(dwellingIds: readonly string[]): Promise<(Ownership & { owner: Owner })[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.dwelling_id, s.owner_id, s.share_numerator, s.share_denominator, s.since, o.id, o.kind, o.name, o.identity_key,
              o.id_number_cipher, o.id_number_masked, o.credit_code, o.is_developer
         FROM ownership s JOIN owner o ON o.id = s.owner_id WHERE s.dwelling_id = ANY($1) ORDER BY o.identity_key`,
      [[...dwellingIds]],
    )) as Record<string, unknown>[];
    return rows.map((row) => ({
      dwellingId: row.dwelling_id as string,
      ownerId: row.owner_id as string,
      shareNumerator: row.share_numerator as number,
      shareDenominator: row.share_denominator as number,
      since: row.since as string | null,
      owner: Object.assign(new Owner(), {
        id: row.id,
        kind: row.kind,
        name: row.name,
        identityKey: row.identity_key,
        idNumberCipher: row.id_number_cipher,
        idNumberMasked: row.id_number_masked,
        creditCode: row.credit_code,
        isDeveloper: row.is_developer,
      }),
    }));
  }

  private checkOwner(owner: OwnerShareInput, field: string): Omit<Owner, 'id'> & { idNumber: string | null } {
    if (owner.kind === OwnerKind.PERSON) {
      const idNumber = owner.idNumber?.trim().toUpperCase() ?? '';
      if (!idNumber) throw new BadUserInputError(`${field}.idNumber`, 'ID_NUMBER_REQUIRED', 'a person owner needs an ID number');
      const problem = idNumberProblem(idNumber);
      if (problem) throw new BadUserInputError(`${field}.idNumber`, `ID_NUMBER_${problem}`, ID_NUMBER_MESSAGES[problem]);
      if (owner.isDeveloper) throw new BadUserInputError(`${field}.isDeveloper`, 'DEVELOPER_IS_ORGANIZATION', 'the developer is an organization');
      return {
        kind: OwnerKind.PERSON,
        name: owner.name.trim(),
        identityKey: this.cipher.personKey(idNumber),
        idNumber,
        idNumberCipher: null,
        idNumberMasked: maskIdNumber(idNumber),
        creditCode: null,
        isDeveloper: false,
      };
    }
    const creditCode = owner.creditCode?.trim().toUpperCase() ?? '';
    if (!creditCode) throw new BadUserInputError(`${field}.creditCode`, 'CREDIT_CODE_REQUIRED', 'an organization owner needs its unified social credit code');
    const problem = creditCodeProblem(creditCode);
    if (problem) throw new BadUserInputError(`${field}.creditCode`, `CREDIT_CODE_${problem}`, 'is not a valid unified social credit code (GB 32100)');
    return {
      kind: OwnerKind.ORGANIZATION,
      name: owner.name.trim(),
      identityKey: organizationKey(creditCode),
      idNumber: null,
      idNumberCipher: null,
      idNumberMasked: null,
      creditCode,
      isDeveloper: owner.isDeveloper,
    };
  }

  private async upsertOwner(manager: EntityManager, owner: ReturnType<DwellingService['checkOwner']>): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO owner (id, kind, name, identity_key, id_number_cipher, id_number_masked, credit_code, is_developer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (identity_key) DO UPDATE SET name = EXCLUDED.name, is_developer = EXCLUDED.is_developer
       RETURNING id`,
      [
        uuidv7(),
        owner.kind,
        owner.name,
        owner.identityKey,
        owner.idNumber ? this.cipher.encrypt(owner.idNumber) : null,
        owner.idNumberMasked,
        owner.creditCode,
        owner.isDeveloper,
      ],
    )) as { id: string }[];
    return row!.id;
  }

  private async publishOwnership(manager: EntityManager, dwelling: Dwelling): Promise<void> {
    const [row] = (await manager.query(`${ELECTORATE_SQL} WHERE d.id = $1 GROUP BY d.id, b.number, u.number`, [dwelling.id])) as ElectorateRow[];
    const shares = await this.ownersOfIn(manager, dwelling.id);
    await enqueueEvent(manager, {
      contract: orgOwnershipChangedV1,
      subject: dwelling.id,
      scope: dwelling.scopePath,
      data: {
        dwellingId: dwelling.id,
        compoundId: dwelling.compoundId,
        exclusiveArea: dwelling.exclusiveArea,
        developerUnsold: dwelling.developerUnsold,
        headcountKey: row!.headcount_key,
        owners: shares,
        scopePath: dwelling.scopePath,
      },
    });
  }

  private async ownersOfIn(manager: EntityManager, dwellingId: string) {
    const rows = (await manager.query(
      `SELECT o.id, o.identity_key, o.kind, o.is_developer, s.share_numerator, s.share_denominator
         FROM ownership s JOIN owner o ON o.id = s.owner_id WHERE s.dwelling_id = $1 ORDER BY o.identity_key`,
      [dwellingId],
    )) as { id: string; identity_key: string; kind: 'PERSON' | 'ORGANIZATION'; is_developer: boolean; share_numerator: number; share_denominator: number }[];
    return rows.map((r) => ({
      ownerId: r.id,
      identityKey: r.identity_key,
      kind: r.kind,
      isDeveloper: r.is_developer,
      shareNumerator: r.share_numerator,
      shareDenominator: r.share_denominator,
    }));
  }

  private state(dwelling: Dwelling) {
    return {
      dwellingId: dwelling.id,
      compoundId: dwelling.compoundId,
      buildingId: dwelling.buildingId,
      unitId: dwelling.unitId,
      roomNumber: dwelling.roomNumber,
      exclusiveArea: dwelling.exclusiveArea,
      areaSource: dwelling.areaSource,
      developerUnsold: dwelling.developerUnsold,
      scopePath: dwelling.scopePath,
    };
  }

  private async findOrCreateBuilding(manager: EntityManager, compound: Compound, number: string): Promise<Building> {
    await manager.query(
      `INSERT INTO building (id, compound_id, number, scope_path) VALUES ($1, $2, $3, $4) ON CONFLICT (compound_id, number) DO NOTHING`,
      [uuidv7(), compound.id, number, compound.scopePath],
    );
    return manager.findOneOrFail(Building, { where: { compoundId: compound.id, number } });
  }

  private async findOrCreateUnit(manager: EntityManager, building: Building, number: string): Promise<Unit> {
    await manager.query(
      `INSERT INTO unit (id, building_id, compound_id, number, scope_path) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (building_id, number) DO NOTHING`,
      [uuidv7(), building.id, building.compoundId, number, building.scopePath],
    );
    return manager.findOneOrFail(Unit, { where: { buildingId: building.id, number } });
  }
}
