import type { DataSource } from 'typeorm';
import { propertyCompanyRegisteredV1 } from '@gongzhi/contracts-events';
import { requireScope, withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNodeByCode } from '@gongzhi/org-mirror';
import { creditCodeProblem } from '@gongzhi/standards';
import { PropertyCompany } from './property-company.entity';
import type { RegisterPropertyCompanyInput, UpdatePropertyCompanyProfileInput } from './property-company.inputs';

const CREDIT_CODE_MESSAGES = {
  LENGTH: 'must be exactly 18 characters',
  CHARSET: 'may hold only digits and the upper-case letters of GB 32100 (no I, O, S, V or Z)',
  CHECK_CHARACTER: 'has a wrong check character (the 18th character does not match GB 32100)',
};

export class PropertyCompanyService {
  constructor(private readonly dataSource: DataSource) {}

  async register(user: AuthUser, input: RegisterPropertyCompanyInput): Promise<PropertyCompany> {
    const creditCode = input.creditCode.trim().toUpperCase();
    const problem = creditCodeProblem(creditCode);
    if (problem) throw new BadUserInputError('input.creditCode', `CREDIT_CODE_${problem}`, CREDIT_CODE_MESSAGES[problem]);
    return this.dataSource.transaction(async (manager) => {
      const district = await findOrgNodeByCode(manager, input.districtCode, 'DISTRICT');
      if (!district) throw new BadUserInputError('input.districtCode', 'UNKNOWN_AREA_CODE', `no district has the code ${input.districtCode}`);
      requireScope(user, district.scopePath, `district ${district.code}`);
      if (await manager.exists(PropertyCompany, { where: { creditCode } })) {
        throw new ConflictError('CREDIT_CODE_TAKEN', `input.creditCode: a company with credit code ${creditCode} is already registered`, 'input.creditCode');
      }
      const company = manager.create(PropertyCompany, {
        id: uuidv7(),
        name: input.name.trim(),
        creditCode,
        districtCode: district.code,
        scopePath: district.scopePath,
        contactPerson: input.contactPerson?.trim() || null,
        contactPhone: input.contactPhone?.trim() || null,
        qualifications: (input.qualifications ?? []).map((q) => q.trim()),
        partyBranch: input.partyBranch?.trim() || null,
        partyInstructor: input.partyInstructor?.trim() || null,
      });
      await manager.insert(PropertyCompany, company);
      await enqueueEvent(manager, {
        contract: propertyCompanyRegisteredV1,
        subject: company.id,
        scope: company.scopePath,
        data: { companyId: company.id, name: company.name, creditCode, districtCode: district.code },
      });
      return manager.findOneOrFail(PropertyCompany, { where: { id: company.id } });
    });
  }

  /**
   * Edits what a company tells the district about itself. Its identity (credit code, district) is not in the
   * input and the database refuses to change it; lists already drafted keep the name they were drafted with.
   */
  async updateProfile(user: AuthUser, input: UpdatePropertyCompanyProfileInput, now = new Date()): Promise<PropertyCompany> {
    const id = parseId(input.companyId, 'input.companyId');
    if (input.name === null) throw new BadUserInputError('input.name', 'NAME_REQUIRED', 'must not be null: a company always has a name');
    const optional = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
    const changes = {
      name: input.name?.trim(),
      contactPerson: optional(input.contactPerson),
      contactPhone: optional(input.contactPhone),
      qualifications: input.qualifications === undefined ? undefined : (input.qualifications ?? []).map((q) => q.trim()),
      partyBranch: optional(input.partyBranch),
      partyInstructor: optional(input.partyInstructor),
    };
    return this.dataSource.transaction(async (manager) => {
      const company = await manager.findOne(PropertyCompany, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!company) throw new NotFoundError('COMPANY_NOT_FOUND', `input.companyId: no company has the id ${id}`, 'input.companyId');
      requireScope(user, company.scopePath, `district ${company.districtCode}`);
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      await manager.update(PropertyCompany, { id }, { ...given, profileUpdatedAt: now });
      return manager.findOneByOrFail(PropertyCompany, { id });
    });
  }

  /** Companies of the districts the caller works in or above. */
  async list(user: AuthUser, page: { first: number; after?: string | null }): Promise<ConnectionShape<PropertyCompany>> {
    const after = decodeCursor(page.after);
    const scope = withinOrAboveScopes(user, 'p.scope_path');
    const query = this.dataSource
      .getRepository(PropertyCompany)
      .createQueryBuilder('p')
      .where(scope.sql, scope.params)
      .orderBy('p.id', 'ASC')
      .limit(page.first + 1);
    if (after) query.andWhere('p.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  /** Companies by id for field resolvers; those outside the caller's districts are left out. */
  async byIds(user: AuthUser, ids: readonly string[]): Promise<PropertyCompany[]> {
    const scope = withinOrAboveScopes(user, 'p.scope_path');
    return this.dataSource
      .getRepository(PropertyCompany)
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
  }
}
