import type { DataSource, EntityManager } from 'typeorm';
import { assertScopePath, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, NotFoundError, parseId, uuidv7 } from '@gongzhi/platform-graphql';
import { Matter, MatterStatus } from '../matter/matter.entity';
import { EvaluationGrouping, type EvaluateMatterInput, type EvaluationAverage, type EvaluationAverageConnection, type EvaluationAveragesArgs, type MatterEvaluationSummary } from './evaluation.types';

const GROUP_COLUMN: Record<EvaluationGrouping, string> = {
  [EvaluationGrouping.HANDLER]: 'm.handler',
  [EvaluationGrouping.CATEGORY]: 'm.category',
  [EvaluationGrouping.COMPOUND]: 'm.compound_id::text',
};

export class EvaluationService {
  constructor(private readonly dataSource: DataSource) {}

  /** One rating per resident per matter, while the matter is being evaluated (评事). */
  async evaluate(user: AuthUser, input: EvaluateMatterInput): Promise<MatterEvaluationSummary> {
    const matterId = parseId(input.matterId, 'input.matterId');
    return this.dataSource.transaction(async (manager) => {
      const matter = await manager.findOne(Matter, { where: { id: matterId }, lock: { mode: 'pessimistic_read' } });
      if (!matter) throw new NotFoundError('UNKNOWN_MATTER', `no matter has the id ${matterId}`, 'input.matterId');
      requireScope(user, matter.scopePath, 'this matter');
      if (matter.status !== MatterStatus.EVALUATING) {
        throw new BadUserInputError('input.matterId', 'NOT_BEING_EVALUATED', `a ${matter.status} matter is not open for evaluation`);
      }
      const inserted = (await manager.query(
        `INSERT INTO matter_evaluation (id, matter_id, rater, rating, comment) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT matter_evaluation_one_per_rater DO NOTHING RETURNING id`,
        [uuidv7(), matterId, user.sub, input.rating, input.comment?.trim() || null],
      )) as unknown[];
      if (inserted.length === 0) throw new ConflictError('ALREADY_EVALUATED', 'you have already rated this matter', 'input.matterId');
      return (await this.summaries([matterId], manager)).get(matterId)!;
    });
  }

  /** Rating counts and means of many matters in one query (inside a transaction when one is given). */
  async summaries(matterIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, MatterEvaluationSummary>> {
    const rows = (await manager.query(
      `SELECT matter_id, count(*)::int AS ratings, round(avg(rating) * 100)::int AS mean
         FROM matter_evaluation WHERE matter_id = ANY($1) GROUP BY matter_id`,
      [[...matterIds]],
    )) as { matter_id: string; ratings: number; mean: number }[];
    const found = new Map(rows.map((r) => [r.matter_id, { ratings: r.ratings, meanRatingHundredths: r.mean }]));
    return new Map(matterIds.map((id) => [id, found.get(id) ?? { ratings: 0, meanRatingHundredths: null }]));
  }

  /** Mean ratings per handler, category or compound over the matters inside the caller's scopes. */
  async averages(user: AuthUser, args: EvaluationAveragesArgs): Promise<EvaluationAverageConnection> {
    const key = GROUP_COLUMN[args.groupBy];
    const scope = withinScopes(user, 'm.scope_path');
    const after = args.after ? Buffer.from(args.after, 'base64url').toString('utf8') : null;
    const query = this.dataSource
      .createQueryBuilder()
      .select(key, 'key')
      .addSelect('count(*)::int', 'ratings')
      .addSelect('round(avg(e.rating) * 100)::int', 'meanRatingHundredths')
      .from('matter_evaluation', 'e')
      .innerJoin('matter', 'm', 'm.id = e.matter_id')
      .where(scope.sql, scope.params)
      .andWhere(`${key} IS NOT NULL`)
      .groupBy(key)
      .orderBy(key, 'ASC')
      .limit(args.first + 1);
    if (args.scope) query.andWhere('starts_with(m.scope_path, :narrow)', { narrow: assertScopePath(args.scope, 'scope') });
    if (after !== null) query.andWhere(`${key} > :after`, { after });
    const rows = await query.getRawMany<EvaluationAverage>();
    const nodes = rows.slice(0, args.first);
    const edges = nodes.map((node) => ({ node, cursor: Buffer.from(node.key, 'utf8').toString('base64url') }));
    return { edges, nodes, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
