import { signIntakeCode, verifyIntakeCode } from './intake-code';

const key = 'a-test-key-that-is-at-least-32-characters-long';
const id = '0190a5c2-7b1e-7c3d-8e4f-1234567890ab';

describe('intake codes', () => {
  it('verifies a code it signed', () => {
    expect(verifyIntakeCode(key, signIntakeCode(key, id))).toBe(id);
  });

  it('refuses a code signed with another key, a changed id or a changed signature', () => {
    const code = signIntakeCode(key, id);
    expect(verifyIntakeCode(`${key}-other`, code)).toBeNull();
    expect(verifyIntakeCode(key, code.replace('0190', '0191'))).toBeNull();
    expect(verifyIntakeCode(key, `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
  });

  it('refuses things that are not codes', () => {
    for (const junk of ['', '.', 'abc', `${id}.`, `${id}.x.y`, 'not-a-uuid.AAAAAAAAAAAAAAAAAAAAAA']) expect(verifyIntakeCode(key, junk)).toBeNull();
  });
});
