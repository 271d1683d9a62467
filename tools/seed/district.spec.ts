import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeProblem, idNumberProblem } from '@gongzhi/standards';
import { DEVELOPER, dwellingAddress, SIZES, writeDistrictFiles } from './district';

describe('writeDistrictFiles', () => {
  const dirs: string[] = [];
  const generate = async (seed: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gz-district-'));
    dirs.push(dir);
    const files = await writeDistrictFiles(SIZES.small, dir, seed);
    const read = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
    return { files, dwellings: read(files.dwellings), residents: read(files.residents), owners: read(files.owners) };
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes the same files for the same seed and other files for another', async () => {
    const [a, b, c] = await Promise.all([generate(1), generate(1), generate(2)]);
    expect(a.dwellings).toEqual(b.dwellings);
    expect(a.residents).toEqual(b.residents);
    expect(a.owners).toEqual(b.owners);
    expect(a.residents).not.toEqual(c.residents);
  });

  it('writes every dwelling of the small district once, with its residents and owners', async () => {
    const { files, dwellings, residents, owners } = await generate(2026);
    expect(files.dwellingRows).toBe(8 * 24);
    expect(dwellings).toHaveLength(1 + 8 * 24);
    expect(files.residentRows).toBe(8 * 24 * 2);
    expect(residents).toHaveLength(1 + files.residentRows);
    expect(owners).toHaveLength(1 + files.ownerRows);
    const addresses = dwellings.slice(1).map((line) => line.split(',').slice(0, 4).join(','));
    expect(new Set(addresses).size).toBe(addresses.length);
    // Every dwelling has owners whose shares add up to one; persons have valid ID numbers of a resident.
    const idsOfResidents = new Set(residents.slice(1).map((line) => line.split(',')[2]));
    const shares = new Map<string, number>();
    for (const line of owners.slice(1)) {
      const [compound, building, unit, room, kind, , idNumber, creditCode, , share] = line.split(',');
      const address = [compound, building, unit, room].join(',');
      shares.set(address, (shares.get(address) ?? 0) + (share ? 0.5 : 1));
      if (kind === 'PERSON') {
        expect(idNumberProblem(idNumber!)).toBeNull();
        expect(idsOfResidents.has(idNumber)).toBe(true);
      } else {
        expect(creditCode).toBe(DEVELOPER.creditCode);
        expect(creditCodeProblem(creditCode!)).toBeNull();
      }
    }
    expect([...shares.keys()].sort()).toEqual([...addresses].sort());
    expect([...shares.values()].every((total) => total === 1)).toBe(true);
  });

  it('lays out 60 dwellings a building and 20 a unit, each room once', () => {
    const rooms = Array.from({ length: 300 }, (_, d) => dwellingAddress(d));
    expect(new Set(rooms.map((r) => `${r.building}-${r.unit}-${r.room}`)).size).toBe(300);
    expect(new Set(rooms.map((r) => r.building))).toEqual(new Set(['1', '2', '3', '4', '5']));
    expect(rooms.filter((r) => r.building === '1' && r.unit === '2')).toHaveLength(20);
  });
});
