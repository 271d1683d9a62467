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

export const SIZES: Record<'small' | 'district', DistrictSize> = {
  small: { streets: 2, communitiesPerStreet: 2, compoundsPerCommunity: 2, dwellingsPerCompound: 24, residentsPerDwelling: 2 },
  /** ≈1,000 compounds, 300k dwellings, 1M residents: the scale of DOMAIN.md. */
  district: { streets: 10, communitiesPerStreet: 10, compoundsPerCommunity: 10, dwellingsPerCompound: 300, residentsPerDwelling: 3.4 },
};

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
  dwellingRows: number;
  residentRows: number;
}

/**
 * Writes the dwellings and residents CSV files of a synthetic district (deterministic for a seed). Every
 * resident has a distinct, valid ID number; about one in five is non-local, one in six elderly.
 */
export async function writeDistrictFiles(size: DistrictSize, dir: string, seed = 2026): Promise<GeneratedFiles> {
  const random = seededRandom(seed);
  const dwellings = createWriteStream(path.join(dir, 'dwellings.csv'));
  const residents = createWriteStream(path.join(dir, 'residents.csv'));
  await write(dwellings, 'compound_code,building,unit,room,exclusive_area_m2,area_source,developer_unsold\n');
  await write(residents, 'community_code,name,id_number,phone,household,care_tags,compound_code,building,unit,room,relation,moved_in\n');
  let dwellingRows = 0;
  let residentRows = 0;
  let residentBudget = 0;
  for (let s = 0; s < size.streets; s++) {
    for (let c = 0; c < size.communitiesPerStreet; c++) {
      for (let k = 0; k < size.compoundsPerCommunity; k++) {
        const compound = compoundCode(s, c, k);
        for (let d = 0; d < size.dwellingsPerCompound; d++) {
          const building = String(1 + Math.floor(d / 60));
          const unit = String(1 + Math.floor((d % 60) / 20));
          const room = String(101 + (d % 20) * 100 + (d % 2));
          const area = (60 + Math.floor(random() * 90)).toString() + '.' + String(Math.floor(random() * 100)).padStart(2, '0');
          await write(dwellings, `${compound},${building},${unit},${room},${area},REGISTER,${random() < 0.03 ? 'true' : 'false'}\n`);
          dwellingRows++;
          residentBudget += size.residentsPerDwelling;
          for (; residentBudget >= 1; residentBudget--) {
            const serial = residentRows++;
            const name = `${pick(random, SURNAMES)}${pick(random, GIVEN)}${pick(random, GIVEN)}`;
            const phone = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
            const tags = random() < 0.16 ? 'ELDERLY' : '';
            const relation = residentBudget >= size.residentsPerDwelling - 0.5 ? 'OWNER' : random() < 0.2 ? 'TENANT' : 'FAMILY';
            await write(
              residents,
              `${communityCode(s, c)},${name},${idNumber(serial)},${phone},${random() < 0.2 ? 'NON_LOCAL' : 'LOCAL'},${tags},${compound},${building},${unit},${room},${relation},2015-06-01\n`,
            );
          }
        }
      }
    }
  }
  dwellings.end();
  residents.end();
  await Promise.all([once(dwellings, 'finish'), once(residents, 'finish')]);
  return { dwellings: path.join(dir, 'dwellings.csv'), residents: path.join(dir, 'residents.csv'), dwellingRows, residentRows };
}
