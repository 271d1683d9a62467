import { randomBytes } from 'node:crypto';
import { PersonalDataCipher } from './personal-data';

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(randomBytes(32).toString('base64'), randomBytes(32).toString('base64'));

  it('round-trips and never stores the plain value', () => {
    const sealed = cipher.encrypt('110105194912311234');
    expect(sealed).not.toContain('1949');
    expect(cipher.decrypt(sealed)).toBe('110105194912311234');
    expect(cipher.encrypt('110105194912311234')).not.toBe(sealed);
  });

  it('refuses a tampered ciphertext', () => {
    const parts = cipher.encrypt('13812345678').split('.');
    parts[3] = Buffer.from('00000000000', 'utf8').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes equal values equally and under its own key only', () => {
    const other = new PersonalDataCipher(randomBytes(32).toString('base64'), randomBytes(32).toString('base64'));
    expect(cipher.hash('x')).toBe(cipher.hash('x'));
    expect(cipher.hash('x')).not.toBe(other.hash('x'));
  });
});
