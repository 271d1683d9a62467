import { randomBytes } from 'node:crypto';
import { BadUserInputError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 UUIDv7: time-ordered, so primary keys double as a stable creation-order sort key for cursors. */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Returns the id in canonical lower case, or refuses it naming the field. */
export function parseId(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError(field, 'MALFORMED_ID', `"${value.slice(0, 64)}" is not a valid id (a UUID is expected)`);
  return value.toLowerCase();
}
