import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { assertScopePath, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ForbiddenError, parseId } from '@gongzhi/platform-graphql';
import { Area, AreaLevel } from '../area/area.entity';
import { Resident } from '../resident/resident.entity';

/**
 * Lookups and checks that grids, party organization, bodies and field work share: each one names the input
 * field it refuses, and each one checks the caller's scope on the node it writes under.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD`; impossible dates (2026-02-30) are refused too. */
export function isoDate(value: string, field: string): string {
  const match = ISO_DATE.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) {
    throw new BadUserInputError(field, 'MALFORMED_DATE', `"${value.slice(0, 20)}" is not a date like 2026-03-01`);
  }
  return value;
}

/** The community with this 12-digit code, inside the caller's scopes. */
export async function communityInScope(manager: EntityManager, user: AuthUser, code: string, field: string, lock = false): Promise<Area> {
  const community = await manager.findOne(Area, { where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!community || community.level !== AreaLevel.COMMUNITY) {
    throw new BadUserInputError(field, 'UNKNOWN_AREA_CODE', `no community has the code ${code}`);
  }
  requireScope(user, community.scopePath, `community ${community.code}`);
  return community;
}

/** A resident the caller may act on; unknown ids are bad input naming the field. */
export async function residentInScope(manager: EntityManager, user: AuthUser, id: string, field: string): Promise<Resident> {
  const residentId = parseId(id, field);
  const resident = await manager.findOne(Resident, { where: { id: residentId } });
  if (!resident) throw new BadUserInputError(field, 'UNKNOWN_RESIDENT', `no resident has the id ${residentId}`);
  requireScope(user, resident.scopePath, 'this resident');
  return resident;
}

/** Narrows a scoped list to one node inside the caller's scopes (`scope` argument of list queries). */
export function narrowToScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, user: AuthUser, scope: string | null | undefined, column: string): void {
  if (!scope) return;
  const narrowed = assertScopePath(scope, 'scope');
  if (!user.scopes.some((s) => narrowed.startsWith(s) || s.startsWith(narrowed))) {
    throw new ForbiddenError('OUT_OF_SCOPE', `scope: your scopes do not reach ${narrowed}`);
  }
  query.andWhere(`starts_with(${column}, :narrowed)`, { narrowed });
}

/** The PostgreSQL constraint a failed statement broke, when it broke one of the given kind. */
export function violatedConstraint(error: unknown, sqlState: '23505' | '23P01'): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === sqlState ? (driverError.constraint ?? '') : null;
}

/** Residents by id for nested fields (`PartyMember.resident`, `BodyMember.resident`, …); those outside the caller's scopes are left out. */
export function residentsByIds(dataSource: DataSource, user: AuthUser, ids: readonly string[]): Promise<Resident[]> {
  const scope = withinScopes(user, 'r.scope_path');
  return dataSource.getRepository(Resident).createQueryBuilder('r').where('r.id = ANY(:ids)', { ids: [...ids] }).andWhere(scope.sql, scope.params).getMany();
}

/** Which of these residents are party members: the flag of building leaders and body members, and a body's party-member share. */
export async function partyMemberResidents(dataSource: DataSource | EntityManager, residentIds: readonly string[]): Promise<Set<string>> {
  const rows = (await dataSource.query(`SELECT resident_id FROM party_member WHERE resident_id = ANY($1)`, [[...residentIds]])) as { resident_id: string }[];
  return new Set(rows.map((row) => row.resident_id));
}
