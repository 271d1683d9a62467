import type { DataSource } from 'typeorm';
import { fundFundOpenedV1 } from '@gongzhi/contracts-events';
import { requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { pagePerKey } from '@gongzhi/platform-service';
import { findOrgNode, findOrgNodeByCode, type OrgNode } from '@gongzhi/org-mirror';
import { Fund, FundKind } from './fund.entity';
import { fundInScope } from './fund-access';
import type { ConfigureFundInput, OpenFundInput } from './fund.inputs';
import { assertAmount } from '../ledger/money';

export class FundService {
  constructor(private readonly dataSource: DataSource) {}

  async open(user: AuthUser, input: OpenFundInput): Promise<Fund> {
    const byCompound = input.kind === FundKind.TRUST_PROPERTY_ACCOUNT;
    if (byCompound && !input.compoundId) {
      throw new BadUserInputError('input.compoundId', 'OWNER_REQUIRED', 'a trust-based property account belongs to a compound: give its id');
    }
    if (!byCompound && !input.communityCode) {
      throw new BadUserInputError('input.communityCode', 'OWNER_REQUIRED', `a ${input.kind} fund belongs to a community: give its code`);
    }
    if (byCompound && input.communityCode) {
      throw new BadUserInputError('input.communityCode', 'OWNER_AMBIGUOUS', 'give the compound only: its community follows from it');
    }
    if (!byCompound && input.compoundId) {
      throw new BadUserInputError('input.compoundId', 'OWNER_AMBIGUOUS', `a ${input.kind} fund belongs to a community, not a compound`);
    }
    const compoundId = input.compoundId ? parseId(input.compoundId, 'input.compoundId') : null;
    return this.dataSource.transaction(async (manager) => {
      let owner: OrgNode | null;
      if (compoundId) {
        owner = await findOrgNode(manager, compoundId, 'COMPOUND');
        if (!owner) throw new BadUserInputError('input.compoundId', 'UNKNOWN_COMPOUND', `no compound has the id ${compoundId}`);
      } else {
        owner = await findOrgNodeByCode(manager, input.communityCode!, 'COMMUNITY');
        if (!owner) throw new BadUserInputError('input.communityCode', 'UNKNOWN_AREA_CODE', `no community has the code ${input.communityCode}`);
      }
      requireScope(user, owner.scopePath, compoundId ? 'this compound' : `community ${owner.code}`);
      if (input.kind === FundKind.VOLUNTEER_POINTS) {
        // One program per community (a partial unique index backs this): residents' points must add up in one place.
        const [existing] = (await manager.query(`SELECT id FROM fund WHERE kind = 'VOLUNTEER_POINTS' AND community_code = $1 FOR UPDATE`, [owner.code])) as { id: string }[];
        if (existing) throw new ConflictError('POINTS_PROGRAM_EXISTS', `input.communityCode: community ${owner.code} already has the volunteer-points program ${existing.id}`, 'input.communityCode');
      }
      const fund = manager.create(Fund, {
        id: uuidv7(),
        name: input.name.trim(),
        kind: input.kind,
        ownerScopePath: owner.scopePath,
        compoundId,
        communityCode: compoundId ? null : owner.code,
        openedBy: user.sub,
      });
      await manager.insert(Fund, fund);
      await enqueueEvent(manager, {
        contract: fundFundOpenedV1,
        subject: fund.id,
        scope: fund.ownerScopePath,
        data: { fundId: fund.id, name: fund.name, kind: fund.kind, compoundId, ownerScopePath: fund.ownerScopePath },
      });
      return manager.findOneOrFail(Fund, { where: { id: fund.id } });
    });
  }

  async configure(user: AuthUser, input: ConfigureFundInput): Promise<Fund> {
    const changes: Partial<Fund> = {};
    if (input.hostName !== undefined) changes.hostName = input.hostName?.trim() || null;
    if (input.approvalsRequired !== undefined && input.approvalsRequired !== null) changes.approvalsRequired = input.approvalsRequired;
    if (input.voteThresholdFen !== undefined) changes.voteThresholdFen = optionalFen(input.voteThresholdFen, 'input.voteThresholdFen', false);
    if (input.feeFenPerSquareMetreMonth !== undefined) changes.feeFenPerSquareMetreMonth = optionalFen(input.feeFenPerSquareMetreMonth, 'input.feeFenPerSquareMetreMonth', true);
    if (input.remunerationFenPerMonth !== undefined) changes.remunerationFenPerMonth = optionalFen(input.remunerationFenPerMonth, 'input.remunerationFenPerMonth', true);
    if (input.pointsValidityDays !== undefined) changes.pointsValidityDays = input.pointsValidityDays;
    return this.dataSource.transaction(async (manager) => {
      const fund = await fundInScope(manager, user, input.fundId, 'input.fundId', 'write');
      const ownerOnly: [keyof Fund, boolean][] = [
        ['feeFenPerSquareMetreMonth', fund.kind === FundKind.TRUST_PROPERTY_ACCOUNT],
        ['remunerationFenPerMonth', fund.kind === FundKind.TRUST_PROPERTY_ACCOUNT],
        ['pointsValidityDays', fund.kind === FundKind.VOLUNTEER_POINTS],
      ];
      for (const [field, allowed] of ownerOnly) {
        if (changes[field] !== undefined && changes[field] !== null && !allowed) {
          throw new BadUserInputError(`input.${field}`, 'NOT_FOR_THIS_KIND', `does not apply to a ${fund.kind} fund`);
        }
      }
      if (Object.keys(changes).length > 0) await manager.update(Fund, { id: fund.id }, changes);
      return manager.findOneOrFail(Fund, { where: { id: fund.id } });
    });
  }

  async list(user: AuthUser, page: { first: number; after?: string | null; kind?: FundKind | null }): Promise<ConnectionShape<Fund>> {
    const after = decodeCursor(page.after);
    const scope = withinScopes(user, 'f.owner_scope_path');
    const query = this.dataSource
      .getRepository(Fund)
      .createQueryBuilder('f')
      .where(scope.sql, scope.params)
      .orderBy('f.id', 'ASC')
      .limit(page.first + 1);
    if (page.kind) query.andWhere('f.kind = :kind', { kind: page.kind });
    if (after) query.andWhere('f.id > :after', { after });
    return toConnection(await query.getMany(), page.first);
  }

  pageByCompounds(user: AuthUser, compoundIds: readonly string[], page: { first: number; after?: string | null }): Promise<Map<string, ConnectionShape<Fund>>> {
    const scope = withinScopes(user, 'x.owner_scope_path');
    return pagePerKey(this.dataSource.getRepository(Fund), {
      table: 'fund',
      keyColumn: 'compound_id',
      keyOf: (fund) => fund.compoundId ?? '',
      keys: compoundIds,
      conditions: [scope.sql],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }
}

function optionalFen(value: bigint | null, field: string, allowZero: boolean): string | null {
  return value === null ? null : assertAmount(value, field, { allowZero }).toString();
}
