import { BadUserInputError } from '@gongzhi/platform-graphql';

export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` date that exists on the calendar (no 2026-02-30), or BAD_USER_INPUT naming the field. */
export function parseCalendarDate(value: string, field: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!CALENDAR_DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new BadUserInputError(field, 'INVALID_DATE', `"${value.slice(0, 32)}" is not a calendar date like 2026-06-30`);
  }
  return value;
}

/** Today's date in China Standard Time (UTC+8), where every district this serves lies. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
