import type { DataSource } from 'typeorm';
import { requireScope, withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { findOrgNodeByCode } from '@gongzhi/org-mirror';
import { violatesUnique } from '../../shared/database-errors';
import { CatalogueStatus, RuleCatalogue } from './rule-catalogue.entity';
import type { DraftRuleCatalogueInput } from './rule-catalogue.inputs';
import { creditRulesSchema } from './rules';

export class RuleCatalogueService {
  constructor(private readonly dataSource: DataSource) {}

  /** A new draft version, numbered after the district's last one. */
  async draft(user: AuthUser, input: DraftRuleCatalogueInput): Promise<RuleCatalogue> {
    const parsed = creditRulesSchema.safeParse(input.rules);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = ['input.rules', ...issue.path.map(String)].join('.');
      throw new BadUserInputError(field, 'INVALID_RULES', issue.message);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const district = await findOrgNodeByCode(manager, input.districtCode, 'DISTRICT');
        if (!district) throw new BadUserInputError('input.districtCode', 'UNKNOWN_AREA_CODE', `no district has the code ${input.districtCode}`);
        requireScope(user, district.scopePath, `district ${district.code}`);
        const [{ next }] = (await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM rule_catalogue WHERE district_code = $1`, [district.code])) as { next: number }[];
        const catalogue = manager.create(RuleCatalogue, {
          id: uuidv7(),
          districtCode: district.code,
          scopePath: district.scopePath,
          version: next,
          rules: parsed.data,
          status: CatalogueStatus.DRAFT,
          publishedAt: null,
        });
        await manager.insert(RuleCatalogue, catalogue);
        return manager.findOneByOrFail(RuleCatalogue, { id: catalogue.id });
      });
    } catch (error) {
      if (violatesUnique(error, 'rule_catalogue_district_code_version_key')) {
        throw new ConflictError('CATALOGUE_VERSION_TAKEN', 'input.districtCode: another version was drafted at the same moment; try again', 'input.districtCode');
      }
      throw error;
    }
  }

  async publish(user: AuthUser, id: string, now = new Date()): Promise<RuleCatalogue> {
    const catalogueId = parseId(id, 'id');
    return this.dataSource.transaction(async (manager) => {
      const catalogue = await manager.findOne(RuleCatalogue, { where: { id: catalogueId }, lock: { mode: 'pessimistic_write' } });
      if (!catalogue) throw new NotFoundError('CATALOGUE_NOT_FOUND', `id: no rule catalogue has the id ${catalogueId}`, 'id');
      requireScope(user, catalogue.scopePath, `district ${catalogue.districtCode}`);
      if (catalogue.status === CatalogueStatus.PUBLISHED) throw new ConflictError('ALREADY_PUBLISHED', `id: version ${catalogue.version} is already published`, 'id');
      await manager.update(RuleCatalogue, { id: catalogueId }, { status: CatalogueStatus.PUBLISHED, publishedAt: now });
      return manager.findOneByOrFail(RuleCatalogue, { id: catalogueId });
    });
  }

  async list(user: AuthUser, args: { districtCode: string; first: number; after?: string | null }): Promise<ConnectionShape<RuleCatalogue>> {
    const after = decodeCursor(args.after);
    const scope = withinOrAboveScopes(user, 'r.scope_path');
    const query = this.dataSource
      .getRepository(RuleCatalogue)
      .createQueryBuilder('r')
      .where('r.district_code = :districtCode', { districtCode: args.districtCode })
      .andWhere(scope.sql, scope.params)
      .orderBy('r.id', 'ASC')
      .limit(args.first + 1);
    if (after) query.andWhere('r.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }
}
