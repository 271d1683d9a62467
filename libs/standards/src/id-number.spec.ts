import { idNumberCheckCharacter, idNumberProblem, maskIdNumber, maskPhone } from './id-number';

describe('citizen identity numbers (GB 11643)', () => {
  it('accepts a number whose check character matches, including X', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('110105194912310029')).toBe('CHECK_DIGIT');
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check digit', () => {
    expect(idNumberProblem('510112199001011234')).toBe(idNumberCheckCharacter('51011219900101123') === '4' ? null : 'CHECK_DIGIT');
    const valid = `51011219900101123${idNumberCheckCharacter('51011219900101123')}`;
    const wrong = `51011219900101123${valid.endsWith('0') ? '1' : '0'}`;
    expect(idNumberProblem(valid)).toBeNull();
    expect(idNumberProblem(wrong)).toBe('CHECK_DIGIT');
  });

  it('refuses a birth date that does not exist or lies in the future', () => {
    expect(idNumberProblem('510112199002301234')).toBe('BIRTH_DATE');
    expect(idNumberProblem('510112209901011234', new Date('2026-01-01'))).toBe('BIRTH_DATE');
  });

  it('refuses other shapes', () => {
    expect(idNumberProblem('51011219900101123')).toBe('FORMAT');
    expect(idNumberProblem('51011219900101123x')).toBe('FORMAT');
  });

  it('masks the birth date and sequence', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110105********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
