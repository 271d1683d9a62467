/** A field-level refusal of one row. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export type Raw = Record<string, unknown>;

export function text(raw: Raw, field: string, options: { required?: boolean; max?: number; pattern?: RegExp; patternMessage?: string } = {}): string | null {
  const value = raw[field];
  const trimmed = value === undefined || value === null ? '' : String(value).trim();
  if (!trimmed) {
    if (options.required) throw new RowError(field, 'REQUIRED', 'is required');
    return null;
  }
  if (trimmed.length > (options.max ?? 100)) throw new RowError(field, 'TOO_LONG', `must be at most ${options.max ?? 100} characters`);
  if (options.pattern && !options.pattern.test(trimmed)) throw new RowError(field, 'MALFORMED', options.patternMessage ?? 'is malformed');
  return trimmed;
}

export function required(raw: Raw, field: string, options: { max?: number; pattern?: RegExp; patternMessage?: string } = {}): string {
  return text(raw, field, { ...options, required: true })!;
}

export function oneOf<T extends string>(raw: Raw, field: string, values: readonly T[], fallback?: T): T {
  const value = text(raw, field)?.toUpperCase();
  if (!value) {
    if (fallback) return fallback;
    throw new RowError(field, 'REQUIRED', `is required (one of ${values.join(', ')})`);
  }
  if (!(values as readonly string[]).includes(value)) throw new RowError(field, 'NOT_ALLOWED', `must be one of ${values.join(', ')}`);
  return value as T;
}

const TRUE = new Set(['TRUE', '1', 'YES', 'Y', '是']);
const FALSE = new Set(['FALSE', '0', 'NO', 'N', '否']);

export function flag(raw: Raw, field: string): boolean {
  const value = raw[field];
  if (typeof value === 'boolean') return value;
  const normalized = text(raw, field)?.toUpperCase();
  if (!normalized) return false;
  if (TRUE.has(normalized)) return true;
  if (FALSE.has(normalized)) return false;
  throw new RowError(field, 'NOT_A_FLAG', 'must be true/false, 1/0, yes/no or 是/否');
}

/** "89.5" m² → 8950 hundredths; at most two decimals, so nothing is rounded. */
export function areaHundredths(raw: Raw, field: string): number {
  const value = required(raw, field, { max: 12 });
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new RowError(field, 'MALFORMED_AREA', 'must be square metres with at most two decimals, e.g. 89.50');
  const hundredths = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (hundredths <= 0) throw new RowError(field, 'NOT_POSITIVE', 'must be greater than zero');
  return hundredths;
}

export function isoDate(raw: Raw, field: string): string | null {
  const value = text(raw, field, { max: 10 });
  if (!value) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RowError(field, 'MALFORMED_DATE', 'must be a date like 2026-03-01');
  }
  return value;
}

/** "1/2" → [1, 2]; empty → the whole dwelling. */
export function share(raw: Raw, field: string): [number, number] {
  const value = text(raw, field, { max: 11 });
  if (!value) return [1, 1];
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(value);
  const numerator = Number(match?.[1]);
  const denominator = Number(match?.[2]);
  if (!match || numerator < 1 || denominator < numerator || denominator > 10_000) {
    throw new RowError(field, 'MALFORMED_SHARE', 'must be a fraction n/d with 1 ≤ n ≤ d ≤ 10000, e.g. 1/2');
  }
  return [numerator, denominator];
}

/** One value as a COPY … (FORMAT csv) field: unquoted empty is NULL. */
export function csvField(value: string | number | boolean | null | string[]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return csvField(`{${value.join(',')}}`);
  const text = String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}
