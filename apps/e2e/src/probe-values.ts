import { getNamedType, isEnumType } from 'graphql';
import { entityTypeOf, firstEnumValue, type LeafValue, type Slot } from './operations';
import { residentIdNumber, type ForeignCompound } from './scoped-district';

const DAY = '2025-03-01';
const LATER_DAY = '2025-12-31';
const HOUR = 3_600_000;

/** Instants in the right order and tense: what happened lies in the past, what is planned in the future. */
function instant(name: string): string {
  const offsets: Record<string, number> = { visitedAt: -48, startedAt: -48, endedAt: -47, startsAt: 24, endsAt: 26 };
  return new Date(Date.now() + (offsets[name] ?? 24 * 7) * HOUR).toISOString();
}

/** A plausible string for a named slot, so a call gets past format checks to the scope check. */
function plausibleString(slot: Slot, target: ForeignCompound, intakeCode: string): string | string[] | undefined {
  const { name } = slot;
  const streetCode = target.communityCode.slice(0, 9);
  if (name === 'after') return undefined;
  if (name === 'scope') return target.scopePath;
  if (name === 'districtCode') return streetCode.slice(0, 6);
  if (name === 'communityCode' || name === 'areaCode' || name === 'parentCode') return target.communityCode;
  if (name === 'code') return /intake/i.test(slot.operation.field.name) ? intakeCode : `${streetCode}009`;
  if (name === 'idNumber') return residentIdNumber('51011219800101999');
  if (/phone/i.test(name)) return '13900000099';
  if (name === 'creditCode') return '91350100M000100Y43';
  if (name === 'period') return '2025-03';
  if (name === 'periodLabel') return '2025Q1';
  if (name === 'startsAt' || name === 'endsAt') return name === 'startsAt' ? '20:00' : '22:00';
  if (/^(endsOn|endedOn|contractEnd|periodEnd|to)$/.test(name)) return LATER_DAY;
  if (/(On|Date|date|Start|End|^from|^to|asOf)$/.test(name)) return DAY;
  if (name === 'idempotencyKey') return 'probe-key-1';
  if (name === 'options') return ['方案一', '方案二'];
  if (name === 'content') {
    return `compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n${target.compoundCode},9,9,909,88.50,REGISTER,false\n`;
  }
  return 'probe 探针';
}

/**
 * Argument values aimed at `target`: ids are the target's own entities of the type the slot names (any of
 * its ids when the type is unknown), codes and scope paths are the target's, other values are plausible.
 */
export function aimedAt(target: ForeignCompound, intakeCode: string): LeafValue {
  const known = [...target.ids.keys()];
  return (slot) => {
    // A list of parties or functions: all of them, so a rule such as "five parties" is met.
    const named = getNamedType(slot.type);
    if (slot.inList && isEnumType(named)) return named.getValues().map((value) => value.name);
    const enumValue = firstEnumValue(slot.type);
    if (enumValue) return enumValue;
    switch (named.name) {
      case 'ID': {
        const type = entityTypeOf(slot, known);
        return (type && target.ids.get(type)?.[0]) ?? target.compoundId;
      }
      case 'Int':
      case 'SafeInt':
        return slot.name === 'first' ? 5 : slot.name === 'rating' ? 5 : 1;
      case 'Fen':
        return 100;
      case 'Boolean':
        return false;
      case 'DateTimeISO':
        return instant(slot.name);
      case 'JSONObject':
        return {};
      default:
        return plausibleString(slot, target, intakeCode);
    }
  };
}
