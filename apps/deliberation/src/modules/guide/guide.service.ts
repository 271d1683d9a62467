import type { DataSource, EntityManager } from 'typeorm';
import { requireScope, withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, parseId, uuidv7 } from '@gongzhi/platform-graphql';
import { findOrgNode } from '@gongzhi/org-mirror';
import type { MatterCategory } from '../matter/matter.entity';
import { DEFAULT_GUIDE, GuideEntry } from './guide-entry.entity';
import type { SetGuideEntryInput } from './guide.inputs';

export type GuideRule = Pick<GuideEntry, 'defaultLevel' | 'requiredParties' | 'acknowledgeWithinHours' | 'answerWithinDays'>;

/** The rule for a category at a node: the district's catalog entry covering the node's path, or the default. */
export async function guideRuleFor(manager: EntityManager, scopePath: string, category: MatterCategory): Promise<GuideRule> {
  const entry = await manager
    .getRepository(GuideEntry)
    .createQueryBuilder('g')
    .where('g.category = :category', { category })
    .andWhere(`starts_with(:path, g.scope_path)`, { path: scopePath })
    .getOne();
  return entry ?? DEFAULT_GUIDE;
}

export class GuideService {
  constructor(private readonly dataSource: DataSource) {}

  async set(user: AuthUser, input: SetGuideEntryInput): Promise<GuideEntry> {
    const districtId = parseId(input.districtId, 'input.districtId');
    return this.dataSource.transaction(async (manager) => {
      const district = await findOrgNode(manager, districtId, 'DISTRICT');
      if (!district) throw new BadUserInputError('input.districtId', 'UNKNOWN_DISTRICT', `no district has the id ${districtId}`);
      requireScope(user, district.scopePath, 'this district');
      await manager.query(
        `INSERT INTO guide_entry (id, district_id, scope_path, category, default_level, required_parties, acknowledge_within_hours, answer_within_days, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (district_id, category) DO UPDATE SET default_level = EXCLUDED.default_level,
           required_parties = EXCLUDED.required_parties, acknowledge_within_hours = EXCLUDED.acknowledge_within_hours,
           answer_within_days = EXCLUDED.answer_within_days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [uuidv7(), districtId, district.scopePath, input.category, input.defaultLevel, [...new Set(input.requiredParties)], input.acknowledgeWithinHours, input.answerWithinDays, user.sub],
      );
      return manager.findOneOrFail(GuideEntry, { where: { districtId, category: input.category } });
    });
  }

  /** A district's catalog; it concerns every node below the district, so callers below it read it too. */
  catalog(user: AuthUser, districtId: string): Promise<GuideEntry[]> {
    const scope = withinOrAboveScopes(user, 'g.scope_path');
    return this.dataSource
      .getRepository(GuideEntry)
      .createQueryBuilder('g')
      .where('g.district_id = :districtId', { districtId: parseId(districtId, 'districtId') })
      .andWhere(scope.sql, scope.params)
      .orderBy('g.category', 'ASC')
      .getMany();
  }
}
