import { getNamedType, isEnumType } from 'graphql';
import { EXAMPLE_RULES_V1 } from '@gongzhi/app-property';
import { argumentsFor, entityTypeOf, firstEnumValue, type LeafValue, type Operation, type Slot } from './operations';
import { newAim, type Aim } from './reach';
import { residentIdNumber, type ForeignCompound } from './scoped-district';

const DAY = '2025-03-01';
const LATER_DAY = '2025-12-31';
const HOUR = 3_600_000;

/** Instants in the right order and tense: what happened lies in the past, what is planned in the future. */
function instant(name: string): string {
  const offsets: Record<string, number> = { visitedAt: -48, startedAt: -48, endedAt: -47, startsAt: 24, endsAt: 26, from: -24 * 30, to: 24 };
  return new Date(Date.now() + (offsets[name] ?? 24 * 7) * HOUR).toISOString();
}

/** A plausible string for a named slot, so a call gets past format checks to the scope check. */
function plausibleString(slot: Slot, target: ForeignCompound, intakeCode: string, aim: Aim): string | string[] | undefined {
  const { name } = slot;
  const key = slot.path.join('.');
  const streetCode = target.communityCode.slice(0, 9);
  // Codes and paths of the target's own nodes: a lookup filtered by scope answers "unknown" for them.
  const targetCode = (code: string) => {
    aim.aimed.add(key);
    return code;
  };
  if (name === 'after') return undefined;
  if (name === 'scope' || name === 'scopePath' || name === 'grantedScopes') return targetCode(target.scopePath);
  if (name === 'roles') return ['city_platform'];
  if (name === 'districtCode') return targetCode(streetCode.slice(0, 6));
  // Parents and areas that must be a district or a street: the target's street (A shares B's).
  if (name === 'parentCode' || name === 'areaCode') return targetCode(streetCode);
  if (name === 'communityCode') return targetCode(target.communityCode);
  if (name === 'code') {
    if (/intake/i.test(slot.operation.field.name)) return targetCode(intakeCode);
    // A new compound's 15-digit code, or a new community's 12-digit one, under the target's nodes.
    return /compound/i.test(slot.operation.field.name) ? `${target.communityCode}009` : `${streetCode}009`;
  }
  if (name === 'idNumber') return residentIdNumber('51011219800101999');
  if (/phone/i.test(name)) return '13900000099';
  if (name === 'creditCode') return '91350100M000100Y43';
  if (name === 'period') return '2025-03';
  if (name === 'periodLabel') return '2025Q1';
  if (name === 'activityType') return 'PATROL';
  if (name === 'subject' || name === 'member' || name === 'staffSub') return 'probe-subject';
  if (name === 'startsAt' || name === 'endsAt') return name === 'startsAt' ? '20:00' : '22:00';
  if (/^(endsOn|endedOn|contractEnd|periodEnd|to)$/.test(name)) return LATER_DAY;
  if (/(On|Date|date|Start|End|^from|^to|asOf)$/.test(name)) return DAY;
  if (name === 'idempotencyKey') return 'probe-key-1';
  if (name === 'options') return ['方案一', '方案二'];
  if (name === 'content') {
    return `compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n${target.compoundCode},9,9,909,88.50,REGISTER,false\n`;
  }
  // Letters, digits, Chinese and a hyphen: a valid name, label, room number or token subject alike.
  return 'probe-探针';
}

/**
 * Argument values aimed at `target`: ids are the target's own entities of the type the slot names, codes and
 * scope paths are the target's, other values are plausible. A required id of a type the target has none of
 * gets the target's compound id as a stand-in; an optional one is left out. `aim` learns which is which.
 */
export function aimedAt(target: ForeignCompound, intakeCode: string, aim: Aim = newAim()): LeafValue {
  const known = [...target.ids.keys()];
  return (slot) => {
    // A list of parties or functions: all of them, so a rule such as "five parties" is met.
    const named = getNamedType(slot.type);
    if (slot.inList && isEnumType(named)) return named.getValues().map((value) => value.name);
    // A query's optional filter (a status, a kind) would narrow the answer to nothing of the target's: left out.
    if (slot.operation.kind === 'query' && !slot.required && slot.path.length === 1 && isEnumType(named)) return undefined;
    const enumValue = firstEnumValue(slot.type);
    if (enumValue) return enumValue;
    switch (named.name) {
      case 'ID': {
        const key = slot.path.join('.');
        const type = entityTypeOf(slot, known);
        const id = type && target.ids.get(type)?.[0];
        if (id) {
          aim.aimed.add(key);
          return id;
        }
        if (!slot.required && !slot.inList) return undefined;
        aim.unaimed.add(key);
        return target.compoundId;
      }
      case 'Int':
      case 'SafeInt':
        return slot.name === 'first' ? 5 : slot.name === 'rating' ? 5 : /Year$/.test(slot.name) ? 2000 : 1;
      case 'Fen':
        return 100;
      case 'Boolean':
        return false;
      case 'DateTimeISO':
        return instant(slot.name);
      case 'JSONObject':
        return slot.name === 'rules' ? EXAMPLE_RULES_V1 : {};
      default:
        return plausibleString(slot, target, intakeCode, aim);
    }
  };
}

/**
 * Operations whose inputs have rules between fields that values chosen slot by slot cannot meet: which
 * optional fields to leave out (one attachment, one identity, one owner) and which to give whole.
 */
const SHAPES: Record<string, { omit?: string[]; set?: Record<string, unknown> }> = {
  createPartyOrganization: { omit: ['input.gridId', 'input.propertyCompanyId', 'input.parentId'] },
  assignGridWorker: { omit: ['input.name', 'input.staffSub'] },
  openFund: { omit: ['input.compoundId'] },
  // Averages by compound name the compounds they cover; by category or handler they name none.
  evaluationAverages: { set: { groupBy: 'COMPOUND' } },
  // Filters the target's records do not match (a volunteer team, an owner record, an actor) are left out.
  volunteerServices: { omit: ['teamId'] },
  personalDataAccessLog: { omit: ['ownerId', 'sub'] },
  postJournalEntry: {
    set: {
      'input.lines': [
        { account: 'CASH', side: 'DEBIT', amountFen: 100 },
        { account: 'INCOME_OTHER', side: 'CREDIT', amountFen: 100 },
      ],
    },
  },
};

function place(variables: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let object = variables;
  for (const part of parts.slice(0, -1)) {
    if (!object[part] || typeof object[part] !== 'object') return;
    object = object[part] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  if (value === undefined) delete object[last];
  else object[last] = value;
}

/** Variables for `operation` aimed at `target`; `aim` learns which id and code slots hold the target's own data. */
export function probeArguments(operation: Operation, target: ForeignCompound, intakeCode: string, aim: Aim = newAim()): Record<string, unknown> {
  const variables = argumentsFor(operation, aimedAt(target, intakeCode, aim));
  const shape = SHAPES[operation.field.name];
  for (const path of shape?.omit ?? []) {
    place(variables, path, undefined);
    aim.aimed.delete(path);
    aim.unaimed.delete(path);
  }
  for (const [path, value] of Object.entries(shape?.set ?? {})) place(variables, path, value);
  return variables;
}
