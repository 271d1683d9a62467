import { chunkCsv, scopePathOf } from './load';

describe('scopePathOf', () => {
  it('spells the scope path of a district, street, community and compound code', () => {
    expect(scopePathOf('510112')).toBe('/510112/');
    expect(scopePathOf('510112001')).toBe('/510112/510112001/');
    expect(scopePathOf('510112001002003')).toBe('/510112/510112001/510112001002/510112001002003/');
  });
});

describe('chunkCsv', () => {
  const csv = ['h1,h2', 'a,1', 'a,2', 'b,1', 'c,1', 'c,2', 'c,3', ''].join('\n');

  it('repeats the header in every piece, keeps every row once and stays under the size', () => {
    const chunks = chunkCsv(csv, 14);
    for (const chunk of chunks) {
      expect(chunk.startsWith('h1,h2\n')).toBe(true);
      expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(14);
    }
    expect(chunks.flatMap((c) => c.trim().split('\n').slice(1))).toEqual(['a,1', 'a,2', 'b,1', 'c,1', 'c,2', 'c,3']);
  });

  it('never splits the rows of one group, even past the size', () => {
    const chunks = chunkCsv(csv, 12, (line) => line.split(',')[0]!);
    expect(chunks.map((c) => c.trim().split('\n').slice(1))).toEqual([['a,1', 'a,2'], ['b,1'], ['c,1', 'c,2', 'c,3']]);
  });

  it('sends a small file whole', () => {
    expect(chunkCsv(csv, 1_000)).toEqual([csv]);
  });
});
