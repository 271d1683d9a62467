import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Client secrets: `gzcs_<key id, 32 hex digits>_<32 random bytes, base64url>`. The random part alone carries
 * 256 bits; the key id in front tells the token endpoint which key to check, so a request costs one hash
 * whatever the number of keys, and the `gzcs_` prefix lets secret scanners recognise a leaked secret.
 *
 * Only a salted scrypt hash is stored. A secret of 256 random bits cannot be guessed, so the hash does not need
 * to be slow against guessing; scrypt still makes a stolen table worthless, and its cost (about 20 ms) is paid
 * once per token, not per request.
 */
const PREFIX = 'gzcs_';
const SECRET = /^gzcs_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A new secret for the key `keyId` (a UUID). */
export function generateClientSecret(keyId: string): string {
  return `${PREFIX}${keyId.replace(/-/g, '').toLowerCase()}_${randomBytes(32).toString('base64url')}`;
}

/** The key id a secret names, or undefined when it is not shaped like one of ours. */
export function keyIdOfSecret(secret: string): string | undefined {
  const hex = SECRET.exec(secret)?.[1];
  return hex && `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `scrypt$N$r$p$<salt>$<hash>`, salt and hash base64url. */
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `secret` is the one `stored` was made from, compared in constant time. */
export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no secret matches, checked when there is no key, so an unknown client costs the same time as a known one. */
export const DECOY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;
