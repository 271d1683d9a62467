const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

/** The check character of the first 17 digits of a citizen identity number (GB 11643-1999). */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Null when the number is a well-formed 18-character citizen identity number, or what is wrong with it. */
export function idNumberProblem(value: string, today = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'FORMAT';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > today) return 'BIRTH_DATE';
  return idNumberCheckCharacter(value.slice(0, 17)) === value[17] ? null : 'CHECK_DIGIT';
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  FORMAT: 'must be 17 digits followed by a digit or X (GB 11643)',
  BIRTH_DATE: 'holds a birth date that does not exist',
  CHECK_DIGIT: 'has a wrong check digit (the 18th character does not match GB 11643)',
};

/** `110105********1234`: region code and last four kept, birth date and sequence hidden. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** `138****5678`. */
export function maskPhone(value: string): string {
  return value.length >= 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}
