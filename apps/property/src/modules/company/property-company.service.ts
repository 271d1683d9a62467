import type { DataSource } from 'typeorm';
import { propertyCompanyRegisteredV1 } from '@gongzhi/contracts-events';
import { requireScope, withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { findOrgNodeByCode } from '@gongzhi/org-mirror';
import { creditCodeProblem } from '@gongzhi/standards';
import { PropertyCompany } from './property-company.entity';
import type { RegisterPropertyCompanyInput } from './property-company.inputs';

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
