import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';

/** One AES-256-GCM key of the keyring, named by the key id (kid) every ciphertext it seals carries. */
export interface PersonalDataKey {
  kid: string;
  key: Buffer;
}

/** The kid of the single key the service had before keyrings: `PII_ENCRYPTION_KEY` and every `v1.` ciphertext. */
export const LEGACY_KEY_ID = 'k1';

/** Kids are written into ciphertexts, between dots, and matched by SQL prefixes: letters, digits, `_` and `-`. */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Reads a keyring `kid:base64key,kid2:base64key2` (the first key encrypts, every key decrypts) or one bare
 * base64 key, which is the legacy key `k1`. Problems name entries by position and kid, never key material.
 */
export function readKeyring(spec: string): { keys: PersonalDataKey[]; problems: string[] } {
  const entries = spec.includes(':') || spec.includes(',') ? spec.split(',') : [`${LEGACY_KEY_ID}:${spec}`];
  const keys: PersonalDataKey[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const kid = entry.slice(0, separator).trim();
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (separator < 0) problems.push(`entry ${index + 1}: expected kid:base64key`);
    else if (!KEY_ID.test(kid)) problems.push(`entry ${index + 1}: the key id must be 1–32 letters, digits, _ or -`);
    else if (key.length !== 32) problems.push(`key ${kid}: must be 32 random bytes, base64-encoded (openssl rand -base64 32)`);
    else if (keys.some((known) => known.kid === kid)) problems.push(`key ${kid}: listed twice`);
    else keys.push({ kid, key });
  });
  return { keys, problems };
}

const IV_BYTES = 12;
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivOffset = ivPool.length;

/**
 * A fresh random 96-bit GCM nonce. The nonces come from the CSPRNG 4,096 at a time (one call instead of one per
 * encryption: a bulk import encrypts two values per row) and each is used once; the copy keeps a ciphertext's
 * nonce from sharing memory with the pool.
 */
function nextIv(): Buffer {
  if (ivOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

/**
 * Encrypts personal identifiers at rest with AES-256-GCM (authenticated: a changed ciphertext fails to
 * decrypt) and derives a keyed hash for exact lookup and for owner identity keys, so equal numbers can be
 * matched without being readable.
 *
 * Ciphertexts are `v2.<kid>.<iv>.<tag>.<data>` (base64url parts): the kid says which key of the keyring sealed
 * it, so a new key can become current while old rows stay readable, and the re-encryption command can find
 * the rows an old key still protects before that key is retired. `v1.<iv>.<tag>.<data>`, written before
 * keyrings, is read as sealed by `k1`.
 *
 * The lookup hash has no rotation: it is the owner identity key (`p:<hmac>`) that ballots, frozen electorates
 * and other services' mirrors refer to, so changing `PII_HASH_KEY` would change who everyone is.
 */
export class PersonalDataCipher {
  private readonly current: PersonalDataKey;
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly hashKey: Buffer;

  /** `encryptionKeys` is a keyring as `readKeyring` reads it; `hashKeyBase64` the HMAC key. */
  constructor(encryptionKeys: string, hashKeyBase64: string) {
    const { keys, problems } = readKeyring(encryptionKeys);
    if (problems.length > 0 || keys.length === 0) throw new Error(`invalid personal data keyring: ${problems.join('; ') || 'no key'}`);
    this.current = keys[0]!;
    this.keys = new Map(keys.map(({ kid, key }) => [kid, key]));
    this.hashKey = Buffer.from(hashKeyBase64, 'base64');
  }

  /** The id of the key that encrypts. */
  get currentKid(): string {
    return this.current.kid;
  }

  /** How every ciphertext sealed by the current key begins; anything else still needs re-encryption. */
  get currentPrefix(): string {
    return `v2.${this.current.kid}.`;
  }

  encrypt(plain: string): string {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const data = cipher.update(plain, 'utf8');
    cipher.final(); // GCM is a stream mode: final() adds no bytes, it computes the tag
    return `v2.${this.current.kid}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const parts = sealed.split('.');
    const [kid, iv, tag, data] = parts[0] === 'v1' && parts.length === 4 ? [LEGACY_KEY_ID, ...parts.slice(1)] : parts[0] === 'v2' && parts.length === 5 ? parts.slice(1) : [];
    if (kid === undefined || iv === undefined || tag === undefined || data === undefined) throw new Error('unknown ciphertext format: expected v2.<kid>.<iv>.<tag>.<data>');
    const key = this.keys.get(kid);
    if (!key) throw new Error(`ciphertext sealed by key "${kid}", which is not in the keyring (${[...this.keys.keys()].join(', ')}): add it back to PII_ENCRYPTION_KEYS`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The same value sealed by the current key (unchanged if it already is). */
  reseal(sealed: string): string {
    return sealed.startsWith(this.currentPrefix) ? sealed : this.encrypt(this.decrypt(sealed));
  }

  /** A stable keyed hash (hex) of an identifier. */
  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }

  /** The identity key of a person (by ID number) or an organization (by credit code). */
  personKey(idNumber: string): string {
    return personKeyFromHash(this.hash(idNumber));
  }
}

export const PERSON_KEY_PREFIX = 'p:';
export const PERSON_KEY_HEX_DIGITS = 32;

/**
 * A person's identity key from the lookup hash of their ID number: `p:` and its first 32 hex digits. Owners
 * carry it as their identity key; residents sign in with it as their token `sub`, so a resident is recognised
 * as the subject of their own record and as the owner casting their dwelling's online ballot.
 */
export function personKeyFromHash(idNumberHash: string): string {
  return `${PERSON_KEY_PREFIX}${idNumberHash.slice(0, PERSON_KEY_HEX_DIGITS)}`;
}

export function organizationKey(creditCode: string): string {
  return `o:${creditCode}`;
}
