import { areaHundredths, csvField, flag, isoDate, RowError, share } from './import-fields';

describe('import field parsing', () => {
  it('reads areas in square metres exactly, as hundredths', () => {
    expect(areaHundredths({ a: '89.5' }, 'a')).toBe(8950);
    expect(areaHundredths({ a: '120' }, 'a')).toBe(12000);
    expect(areaHundredths({ a: '0.01' }, 'a')).toBe(1);
    expect(() => areaHundredths({ a: '89.505' }, 'a')).toThrow(RowError);
    expect(() => areaHundredths({ a: '-3' }, 'a')).toThrow(expect.objectContaining({ field: 'a', reason: 'MALFORMED_AREA' }));
    expect(() => areaHundredths({ a: '0' }, 'a')).toThrow(expect.objectContaining({ reason: 'NOT_POSITIVE' }));
  });

  it('reads flags in English and Chinese', () => {
    expect(flag({ f: '是' }, 'f')).toBe(true);
    expect(flag({ f: 'no' }, 'f')).toBe(false);
    expect(flag({}, 'f')).toBe(false);
    expect(() => flag({ f: 'maybe' }, 'f')).toThrow(expect.objectContaining({ reason: 'NOT_A_FLAG' }));
  });

  it('reads shares and dates strictly', () => {
    expect(share({ s: '1/3' }, 's')).toEqual([1, 3]);
    expect(share({}, 's')).toEqual([1, 1]);
    expect(() => share({ s: '3/2' }, 's')).toThrow(expect.objectContaining({ reason: 'MALFORMED_SHARE' }));
    expect(isoDate({ d: '2026-02-28' }, 'd')).toBe('2026-02-28');
    expect(() => isoDate({ d: '2026-02-30' }, 'd')).toThrow(expect.objectContaining({ reason: 'MALFORMED_DATE' }));
  });

  it('writes COPY csv fields, quoting only what needs it', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(['ELDERLY', 'VETERAN'])).toBe('"{ELDERLY,VETERAN}"');
    expect(csvField(8950)).toBe('8950');
  });
});
