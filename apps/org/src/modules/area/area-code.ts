import { BadUserInputError } from '@gongzhi/platform-graphql';
import { AreaLevel } from './area.entity';

const LEVEL_BY_LENGTH: Record<number, AreaLevel> = { 6: AreaLevel.DISTRICT, 9: AreaLevel.STREET, 12: AreaLevel.COMMUNITY };

/** Province codes of GB/T 2260 (first two digits of every administrative division code). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
  63, 64, 65, 71, 81, 82,
]);

export interface ParsedAreaCode {
  code: string;
  level: AreaLevel;
  parentCode: string | null;
}

/**
 * Reads the level and parent from an area code. A district code is a county-level GB/T 2260 code (a valid
 * province, a city and a county part that are not 00); streets and communities append three digits each,
 * never 000.
 */
export function parseAreaCode(code: string, field = 'code'): ParsedAreaCode {
  const level = LEVEL_BY_LENGTH[code.length];
  if (!/^\d+$/.test(code) || !level) {
    throw new BadUserInputError(field, 'MALFORMED_AREA_CODE', 'must be 6 (district), 9 (street) or 12 (community) digits');
  }
  if (!PROVINCES.has(Number(code.slice(0, 2))) || code.slice(2, 4) === '00' || code.slice(4, 6) === '00') {
    throw new BadUserInputError(field, 'MALFORMED_AREA_CODE', `${code.slice(0, 6)} is not a county-level division code of GB/T 2260`);
  }
  for (let end = 9; end <= code.length; end += 3) {
    if (code.slice(end - 3, end) === '000') {
      throw new BadUserInputError(field, 'MALFORMED_AREA_CODE', 'street and community parts of a code are never 000');
    }
  }
  return { code, level, parentCode: code.length === 6 ? null : code.slice(0, code.length - 3) };
}

/** The scope path of an area: every ancestor's code, then its own, slash-terminated. */
export function areaScopePath(code: string): string {
  const parts = [code.slice(0, 6)];
  for (let end = 9; end <= code.length; end += 3) parts.push(code.slice(0, end));
  return `/${parts.join('/')}/`;
}
