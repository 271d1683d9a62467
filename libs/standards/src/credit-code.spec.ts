import { creditCodeCheckCharacter, creditCodeProblem } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts the published code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('refuses a wrong check character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('CHECK_CHARACTER');
  });

  it('refuses letters GB 32100 leaves out (I, O, S, V, Z) and lower case', () => {
    expect(creditCodeProblem('91350100M000100I43')).toBe('CHARSET');
    expect(creditCodeProblem('91350100m000100Y43')).toBe('CHARSET');
  });

  it('refuses a code of the wrong length', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('LENGTH');
  });

  it('computes the check character that makes the weighted sum divisible by 31', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});
