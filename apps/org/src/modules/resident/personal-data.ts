import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts personal identifiers at rest with AES-256-GCM (authenticated: a changed ciphertext fails to
 * decrypt) and derives a keyed hash for exact lookup and for owner identity keys, so equal numbers can be
 * matched without being readable. Ciphertexts are `v1.<iv>.<tag>.<data>` (base64url) so keys can rotate.
 */
export class PersonalDataCipher {
  private readonly key: Buffer;
  private readonly hashKey: Buffer;

  constructor(encryptionKeyBase64: string, hashKeyBase64: string) {
    this.key = Buffer.from(encryptionKeyBase64, 'base64');
    this.hashKey = Buffer.from(hashKeyBase64, 'base64');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A stable keyed hash (hex) of an identifier. */
  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }

  /** The identity key of a person (by ID number) or an organization (by credit code). */
  personKey(idNumber: string): string {
    return `p:${this.hash(idNumber).slice(0, 32)}`;
  }
}

export function organizationKey(creditCode: string): string {
  return `o:${creditCode}`;
}
