import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { idNumberCheckCharacter } from '@gongzhi/standards';
import { pick, seededRandom } from './random';

/** The shape of a synthetic district: how many of each node, from the streets down. */
export interface DistrictSize {
  streets: number;
  communitiesPerStreet: number;
  compoundsPerCommunity: number;
  dwellingsPerCompound: number;
  residentsPerDwelling: number;
}

export type SizeName = 'small' | 'medium' | 'district';

export const SIZES: Record<SizeName, DistrictSize> = {
  /** What `npm start` loads: 8 compounds of 24 dwellings. */
  small: { streets: 2, communitiesPerStreet: 2, compoundsPerCommunity: 2, dwellingsPerCompound: 24, residentsPerDwelling: 2 },
  /** A tenth of a district (100 compounds, 30k dwellings, 102k residents): the benchmark's default. */
  medium: { streets: 4, communitiesPerStreet: 5, compoundsPerCommunity: 5, dwellingsPerCompound: 300, residentsPerDwelling: 3.4 },
  /** ≈1,000 compounds, 300k dwellings, 1M residents: the scale of DOMAIN.md. */
  district: { streets: 10, communitiesPerStreet: 10, compoundsPerCommunity: 10, dwellingsPerCompound: 300, residentsPerDwelling: 3.4 },
};

/** The developer of every compound of a synthetic district: it still owns the unsold dwellings. */
export const DEVELOPER = { name: '龙泉置业有限公司', creditCode: '91350100M000100Y43' };

/** Where dwelling `d` of a compound is: 60 dwellings a building, 20 a unit (as the files lay them out). */
export function dwellingAddress(d: number): { building: string; unit: string; room: string } {
  return { building: String(1 + Math.floor(d / 60)), unit: String(1 + Math.floor((d % 60) / 20)), room: String(101 + (d % 20) * 100 + (d % 2)) };
}

export function buildingsPerCompound(size: DistrictSize): number {
  return Math.ceil(size.dwellingsPerCompound / 60);
}

export const DISTRICT_CODE = '510112';

export function streetCode(s: number): string {
  return `${DISTRICT_CODE}${String(s + 1).padStart(3, '0')}`;
}

export function communityCode(s: number, c: number): string {
  return `${streetCode(s)}${String(c + 1).padStart(3, '0')}`;
}

/** Compound codes as org assigns them: the community code and a sequence from 001. */
export function compoundCode(s: number, c: number, k: number): string {
  return `${communityCode(s, c)}${String(k + 1).padStart(3, '0')}`;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明'];

/** A valid, distinct ID number per serial: 1,000 sequence numbers per birth date, dates a week apart from 1940. */
export function idNumber(serial: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(serial / 1000) * 7 * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${DISTRICT_CODE}${date}${String(serial % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

async function write(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

export interface GeneratedFiles {
  dwellings: string;
  residents: string;
  /** The owners of every dwelling (see writeDistrictFiles). */
  owners: string;
  dwellingRows: number;
  residentRows: number;
  ownerRows: number;
}

/**
 * Writes the dwellings, residents and owners CSV files of a synthetic district (deterministic for a seed).
 * Every resident has a distinct, valid ID number; about one in five is non-local, one in six elderly. The first
 * resident of a dwelling lives there as its owner; the owners file makes them its owner of record, except that
 * about 3% of dwellings are still the developer's (unsold), one in twenty is held jointly with the second
 * resident (1/2 each) and one in twenty-five belongs to the buyer of the dwelling before it (one buyer with
 * several dwellings, one headcount under art. 278). Owners come from a random stream of their own, so the
 * dwellings and residents files are the same with or without them.
 */
export async function writeDistrictFiles(size: DistrictSize, dir: string, seed = 2026): Promise<GeneratedFiles> {
  const random = seededRandom(seed);
  const ownerRandom = seededRandom(seed ^ 0x5eed);
  const dwellings = createWriteStream(path.join(dir, 'dwellings.csv'));
  const residents = createWriteStream(path.join(dir, 'residents.csv'));
  const owners = createWriteStream(path.join(dir, 'owners.csv'));
  await write(dwellings, 'compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n');
  await write(residents, 'community_code,name,id_number,phone,household,care_tags,compound_code,building,unit,room,relation,moved_in\n');
  await write(owners, 'compound_code,building,unit,room,owner_kind,owner_name,id_number,credit_code,is_developer,share\n');
  let dwellingRows = 0;
  let residentRows = 0;
  let ownerRows = 0;
  let residentBudget = 0;
  let previousBuyer: { name: string; id: string } | null = null;
  for (let s = 0; s < size.streets; s++) {
    for (let c = 0; c < size.communitiesPerStreet; c++) {
      for (let k = 0; k < size.compoundsPerCommunity; k++) {
        const compound = compoundCode(s, c, k);
        for (let d = 0; d < size.dwellingsPerCompound; d++) {
          const { building, unit, room } = dwellingAddress(d);
          const area = (60 + Math.floor(random() * 90)).toString() + '.' + String(Math.floor(random() * 100)).padStart(2, '0');
          const unsold = random() < 0.03;
          await write(dwellings, `${compound},${building},${unit},${room},${area},REGISTER,${unsold ? 'true' : 'false'}\n`);
          dwellingRows++;
          residentBudget += size.residentsPerDwelling;
          const living: { name: string; id: string }[] = [];
          for (; residentBudget >= 1; residentBudget--) {
            const serial = residentRows++;
            const name = `${pick(random, SURNAMES)}${pick(random, GIVEN)}${pick(random, GIVEN)}`;
            const phone = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
            const tags = random() < 0.16 ? 'ELDERLY' : '';
            const relation = residentBudget >= size.residentsPerDwelling - 0.5 ? 'OWNER' : random() < 0.2 ? 'TENANT' : 'FAMILY';
            living.push({ name, id: idNumber(serial) });
            await write(
              residents,
              `${communityCode(s, c)},${name},${idNumber(serial)},${phone},${random() < 0.2 ? 'NON_LOCAL' : 'LOCAL'},${tags},${compound},${building},${unit},${room},${relation},2015-06-01\n`,
            );
          }
          const address = `${compound},${building},${unit},${room}`;
          const roll = ownerRandom();
          const rows: string[] = [];
          if (unsold) rows.push(`${address},ORGANIZATION,${DEVELOPER.name},,${DEVELOPER.creditCode},true,`);
          else if (roll < 0.04 && previousBuyer) rows.push(`${address},PERSON,${previousBuyer.name},${previousBuyer.id},,false,`);
          else if (roll < 0.09 && living.length > 1) rows.push(...living.slice(0, 2).map((p) => `${address},PERSON,${p.name},${p.id},,false,1/2`));
          else rows.push(`${address},PERSON,${living[0]!.name},${living[0]!.id},,false,`);
          if (!unsold) previousBuyer = living[0]!;
          for (const row of rows) await write(owners, `${row}\n`);
          ownerRows += rows.length;
        }
      }
    }
  }
  dwellings.end();
  residents.end();
  owners.end();
  await Promise.all([once(dwellings, 'finish'), once(residents, 'finish'), once(owners, 'finish')]);
  return {
    dwellings: path.join(dir, 'dwellings.csv'),
    residents: path.join(dir, 'residents.csv'),
    owners: path.join(dir, 'owners.csv'),
    dwellingRows,
    residentRows,
    ownerRows,
  };
}
