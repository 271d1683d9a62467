import { createCipheriv, randomBytes } from 'node:crypto';
import { PersonalDataCipher, readKeyring } from './personal-data';

const newKey = () => randomBytes(32).toString('base64');

/** A ciphertext as the service wrote it before keyrings: `v1.<iv>.<tag>.<data>`, no key id. */
function sealedBeforeKeyrings(keyBase64: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(newKey(), newKey());

  it('round-trips and never stores the plain value', () => {
    const sealed = cipher.encrypt('110105194912311234');
    expect(sealed).not.toContain('1949');
    expect(cipher.decrypt(sealed)).toBe('110105194912311234');
    expect(cipher.encrypt('110105194912311234')).not.toBe(sealed);
  });

  it('seals every value under a nonce of its own, across refills of the nonce pool', () => {
    const sealed = Array.from({ length: 10_000 }, (_, i) => cipher.encrypt(`1381234${String(i).padStart(4, '0')}`));
    expect(new Set(sealed.map((s) => s.split('.')[2])).size).toBe(sealed.length);
    expect(sealed.every((s) => Buffer.from(s.split('.')[2]!, 'base64url').length === 12)).toBe(true);
    expect(cipher.decrypt(sealed[9_999]!)).toBe('13812349999');
  });

  it('refuses a tampered ciphertext', () => {
    const parts = cipher.encrypt('13812345678').split('.');
    parts[4] = Buffer.from('00000000000', 'utf8').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes equal values equally and under its own key only', () => {
    const other = new PersonalDataCipher(newKey(), newKey());
    expect(cipher.hash('x')).toBe(cipher.hash('x'));
    expect(cipher.hash('x')).not.toBe(other.hash('x'));
  });
});

describe('key rotation of personal data', () => {
  const k1 = newKey();
  const k2 = newKey();
  const hashKey = newKey();

  it('treats a single bare key as k1 and names the sealing key in every ciphertext', () => {
    const sealed = new PersonalDataCipher(k1, hashKey).encrypt('13812345678');
    expect(sealed.startsWith('v2.k1.')).toBe(true);
    expect(new PersonalDataCipher(`k1:${k1}`, hashKey).decrypt(sealed)).toBe('13812345678');
  });

  it('encrypts with the first key and still reads what older keys sealed, v1 ciphertexts as k1', () => {
    const before = new PersonalDataCipher(`k1:${k1}`, hashKey).encrypt('110105194912311234');
    const legacy = sealedBeforeKeyrings(k1, '13987654321');
    const rotated = new PersonalDataCipher(`k2:${k2},k1:${k1}`, hashKey);
    expect(rotated.encrypt('x').startsWith('v2.k2.')).toBe(true);
    expect(rotated.decrypt(before)).toBe('110105194912311234');
    expect(rotated.decrypt(legacy)).toBe('13987654321');
    expect(rotated.reseal(legacy).startsWith('v2.k2.')).toBe(true);
    expect(rotated.decrypt(rotated.reseal(before))).toBe('110105194912311234');
  });

  it('fails clearly on a ciphertext sealed by a key that is not in the keyring', () => {
    const before = new PersonalDataCipher(`k1:${k1}`, hashKey).encrypt('110105194912311234');
    const retired = new PersonalDataCipher(`k2:${k2}`, hashKey);
    expect(() => retired.decrypt(before)).toThrow('ciphertext sealed by key "k1", which is not in the keyring (k2): add it back to PII_ENCRYPTION_KEYS');
    expect(() => retired.decrypt('v3.k2.a.b.c')).toThrow('unknown ciphertext format');
  });

  it('does not let a key id be swapped onto a ciphertext of another key', () => {
    const both = new PersonalDataCipher(`k2:${k2},k1:${k1}`, hashKey);
    const relabelled = both.encrypt('13812345678').replace(/^v2\.k2\./, 'v2.k1.');
    expect(() => both.decrypt(relabelled)).toThrow();
  });

  it('keeps the lookup hash and identity keys across rotations', () => {
    expect(new PersonalDataCipher(`k2:${k2},k1:${k1}`, hashKey).personKey('110105194912311234')).toBe(new PersonalDataCipher(k1, hashKey).personKey('110105194912311234'));
  });

  it('lists every problem of a keyring without echoing key material', () => {
    const short = Buffer.alloc(16).toString('base64');
    const { problems } = readKeyring(`k2:${k2},k2:${k1},bad.kid:${k1},k3:${short},nokid`);
    expect(problems).toEqual([
      'key k2: listed twice',
      'entry 3: the key id must be 1–32 letters, digits, _ or -',
      'key k3: must be 32 random bytes, base64-encoded (openssl rand -base64 32)',
      'entry 5: expected kid:base64key',
    ]);
    expect(() => new PersonalDataCipher(`k3:${short}`, hashKey)).toThrow('invalid personal data keyring: key k3: must be 32 random bytes');
  });
});
