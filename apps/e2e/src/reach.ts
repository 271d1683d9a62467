import type { GraphQLErrorShape } from '@gongzhi/platform-testing';
import type { ForeignCompound } from './scoped-district';

/**
 * Which generated id and code slots hold the target's own data of the kind the slot names (`aimed`), and which
 * got a stand-in because the setup has no such data (`unaimed`), keyed by dotted path (`input.compoundId`).
 */
export interface Aim {
  aimed: Set<string>;
  unaimed: Set<string>;
}

export function newAim(): Aim {
  return { aimed: new Set(), unaimed: new Set() };
}

/**
 * How far one call got into the service:
 * - `answered`: the operation's resolver ran to the end with every id aimed at the target's data (a filtered
 *   list, a null entity, a write confined to the caller's own scope, or an answer a nested field then nulled),
 *   so whatever the scope filter let through was seen;
 * - `scope`: the service's scope decision refused it (FORBIDDEN `OUT_OF_SCOPE`, or a not-found for an id or
 *   code of the target's that exists, which only a lookup filtered by the caller's scopes answers);
 * - `before`: something earlier refused it (a role list, input validation, a not-found for a stand-in id, a
 *   state or precondition conflict), so the call proves nothing about the scope check.
 * For a query, the matrix also asks the same role scoped to the target: an `answered` or not-found whose
 * control shows none of the target's data either proved nothing, and counts as `before`.
 */
export type Reach = 'answered' | 'scope' | 'before';

export interface Outcome {
  reach: Reach;
  /** `answered`, or the first error as CODE/REASON@field, for the report. */
  detail: string;
}

/** Reasons of a lookup that found nothing: NOT_FOUND's, and the BAD_USER_INPUT `UNKNOWN_*` of a referenced id. */
const NOT_FOUND_REASON = /^UNKNOWN_|_NOT_FOUND$/;

function describe(error: GraphQLErrorShape): string {
  const { code, reason, field } = error.extensions ?? {};
  return `${code ?? '?'}/${reason ?? '?'}${field ? `@${field}` : ''}`;
}

/** `input.disputedEvidenceIds.0` and `input.owners[0].idNumber` name the slot `input.disputedEvidenceIds`, `input.owners.idNumber`. */
function slotOf(field: string): string {
  return field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
}

/** Where one call to `operation` stopped; see `Reach`. */
export function reachOf(operation: string, result: { data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[] }, aim: Aim): Outcome {
  const errors = result.errors ?? [];
  const allAimed = aim.unaimed.size === 0;
  // Errors only below the operation's own field: it resolved, and a nested field (one the role may not read)
  // failed, nulling the answer up to the top.
  const nestedOnly = errors.length > 0 && errors.every((error) => (error.path?.length ?? 0) > 1);
  const answered = nestedOnly || (result.data?.[operation] !== undefined && (result.data[operation] !== null || errors.length === 0));
  if (answered) {
    // An answer (even null or empty) to stand-in ids shows nothing: nothing of the target was asked for.
    return allAimed ? { reach: 'answered', detail: 'answered' } : { reach: 'before', detail: `answered to stand-ins for ${[...aim.unaimed].join(', ')}` };
  }
  if (errors.length === 0) return { reach: 'before', detail: 'no answer' };
  for (const error of errors) {
    const { code, reason, field } = error.extensions ?? {};
    if (code === 'FORBIDDEN' && reason === 'OUT_OF_SCOPE') return { reach: 'scope', detail: describe(error) };
    const notFound = code === 'NOT_FOUND' || (code === 'BAD_USER_INPUT' && NOT_FOUND_REASON.test(reason ?? ''));
    if (notFound && (field ? aim.aimed.has(slotOf(field)) : allAimed && aim.aimed.size > 0)) return { reach: 'scope', detail: describe(error) };
  }
  return { reach: 'before', detail: describe(errors[0]!) };
}

/**
 * Whether an answer holds any of the target's data: one of its ids (its own, or the district's that it shares),
 * its compound's or community's code, or a scope path inside it.
 */
export function showsTarget(data: unknown, target: ForeignCompound): boolean {
  const shown = JSON.stringify(data ?? null);
  const marks = [...[...target.ids.values()].flat(), target.compoundCode, target.communityCode, target.foreignScope];
  return marks.some((mark) => shown.includes(mark));
}
