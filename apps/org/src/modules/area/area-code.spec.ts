import { AreaLevel } from './area.entity';
import { areaScopePath, parseAreaCode } from './area-code';

describe('parseAreaCode', () => {
  it('derives level and parent from the code length', () => {
    expect(parseAreaCode('510112')).toEqual({ code: '510112', level: AreaLevel.DISTRICT, parentCode: null });
    expect(parseAreaCode('510112001')).toEqual({ code: '510112001', level: AreaLevel.STREET, parentCode: '510112' });
    expect(parseAreaCode('510112001002')).toEqual({ code: '510112001002', level: AreaLevel.COMMUNITY, parentCode: '510112001' });
  });

  it.each([
    ['5101120', 'MALFORMED_AREA_CODE'],
    ['99011', 'MALFORMED_AREA_CODE'],
    ['990112', 'MALFORMED_AREA_CODE'],
    ['510012', 'MALFORMED_AREA_CODE'],
    ['510100', 'MALFORMED_AREA_CODE'],
    ['510112000', 'MALFORMED_AREA_CODE'],
    ['51011200100a', 'MALFORMED_AREA_CODE'],
  ])('refuses %s naming the field', (code, reason) => {
    expect(() => parseAreaCode(code, 'input.code')).toThrow(expect.objectContaining({ reason, field: 'input.code' }));
  });
});

describe('areaScopePath', () => {
  it('lists every ancestor code down to the area itself', () => {
    expect(areaScopePath('510112')).toBe('/510112/');
    expect(areaScopePath('510112001002')).toBe('/510112/510112001/510112001002/');
  });
});
