import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 16 bytes of HMAC-SHA256: long enough that codes cannot be guessed, short enough for a dense-free QR. */
function signature(key: string, codeId: string): string {
  return createHmac('sha256', key).update(`gongzhi-intake:${codeId}`).digest().subarray(0, 16).toString('base64url');
}

/**
 * The printed code of a compound's QR intake (码上办): the code's id and its signature. The signature proves
 * the id was issued here; revocation is a row in the database, checked on every use.
 */
export function signIntakeCode(key: string, codeId: string): string {
  return `${codeId}.${signature(key, codeId)}`;
}

/** The code's id when the signature is ours, otherwise null. */
export function verifyIntakeCode(key: string, code: string): string | null {
  const [id, given, ...rest] = code.trim().split('.');
  if (!id || !given || rest.length > 0 || !UUID.test(id)) return null;
  const expected = Buffer.from(signature(key, id));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null;
}
