import { creditCodeCheckCharacter } from '@gongzhi/standards';
import {
  buildingsPerCompound,
  communityCode,
  compoundCode,
  DISTRICT_CODE,
  SIZES,
  streetCode,
  type DistrictSize,
  type SizeName,
} from './district';
import { pick, seededRandom } from './random';

/**
 * The activity of a synthetic district over one year, as plain data: what `load.ts` sends to the services.
 * Everything is decided here from the seed, so the same seed and size give the same plan on every machine.
 * Days are counted back from the day the seed is loaded (`daysAgo`, 0–364), months back from the current
 * month (`monthsAgo`, 1–12 are the twelve full months before it); ids are indexes into the plan's lists.
 */

/** How busy a district is: counts per compound, community or fund and year (or month, where it says so). */
export interface ActivityRates {
  /** Property companies per compound (one company serves several compounds). */
  companiesPerCompound: number;
  mattersPerCompound: number;
  meetingsPerCommunity: number;
  /** Share of compounds that held an owners' joint decision this year. */
  ownersVoteShare: number;
  /** Share of those votes still open today (their tally is live). */
  openVoteShare: number;
  inspectionsPerCompound: number;
  surveysPerCompound: number;
  violationsPerCompound: number;
  commendationsPerCompound: number;
  donationsPerFundMonth: number;
  expendituresPerFundMonth: number;
  /** Share of a trust account's dwelling-months paid by a recorded fee payment. */
  feePaymentShare: number;
  volunteerServicesPerCommunityMonth: number;
}

const DISTRICT_RATES: ActivityRates = {
  companiesPerCompound: 0.2,
  mattersPerCompound: 12,
  meetingsPerCommunity: 12,
  ownersVoteShare: 0.2,
  openVoteShare: 0.25,
  inspectionsPerCompound: 4,
  surveysPerCompound: 2,
  violationsPerCompound: 0.5,
  commendationsPerCompound: 0.1,
  donationsPerFundMonth: 3,
  expendituresPerFundMonth: 1,
  feePaymentShare: 0.05,
  volunteerServicesPerCommunityMonth: 5,
};

export const RATES: Record<SizeName, ActivityRates> = {
  small: {
    companiesPerCompound: 0.25,
    mattersPerCompound: 6,
    meetingsPerCommunity: 4,
    ownersVoteShare: 0.25,
    openVoteShare: 0.5,
    inspectionsPerCompound: 2,
    surveysPerCompound: 1,
    violationsPerCompound: 0.5,
    commendationsPerCompound: 0.25,
    donationsPerFundMonth: 1,
    expendituresPerFundMonth: 0.5,
    feePaymentShare: 0.1,
    volunteerServicesPerCommunityMonth: 1,
  },
  medium: DISTRICT_RATES,
  district: DISTRICT_RATES,
};

export type AreaLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY';
export type CompoundType = 'COMMODITY_HOUSING' | 'OLD_COMPOUND' | 'RESETTLEMENT' | 'WORK_UNIT';
export type ManagementMode = 'PROPERTY_COMPANY' | 'TRUST_BASED' | 'SELF_MANAGED' | 'NONE';
export type MatterCategory =
  | 'DOGS'
  | 'EBIKES_IN_LIFTS'
  | 'FACILITIES'
  | 'HYGIENE'
  | 'NEIGHBOUR_DISPUTE'
  | 'OBJECTS_FROM_HEIGHT'
  | 'OTHER'
  | 'PARKING'
  | 'PROPERTY_SERVICE';
export type MatterChannel = 'SELF_REPORT' | 'GRID_WORKER' | 'DOOR_KNOCKING' | 'CITY_HOTLINE' | 'MEETING';
/** A step of a matter after it is raised: a status to move to, or an escalation one level up. */
export type MatterStep = 'DELIBERATING' | 'DECIDED' | 'IN_PROGRESS' | 'EVALUATING' | 'CLOSED' | 'REJECTED' | 'ESCALATE';

export interface PlanArea {
  code: string;
  name: string;
  level: AreaLevel;
}

export interface PlanCompound {
  code: string;
  communityCode: string;
  /** Index of its community in `communities`. */
  community: number;
  name: string;
  type: CompoundType;
  managementMode: ManagementMode;
  builtYear: number;
  /** m². */
  landArea: number;
  dwellings: number;
  buildings: number;
}

export interface PlanCompany {
  name: string;
  creditCode: string;
}

export interface PlanAssignment {
  compound: number;
  company: number;
  monthsAgo: number;
  feeModel: 'LUMP_SUM' | 'TRUST_BASED';
  feeStandardFen: number;
}

export interface PlanMatter {
  compound: number;
  title: string;
  category: MatterCategory;
  channel: MatterChannel;
  daysAgo: number;
  steps: MatterStep[];
  /** Ratings (1–5) residents give while the matter is being evaluated. */
  ratings: number[];
}

export interface PlanMeeting {
  community: number;
  daysAgo: number;
  kind: 'MONTHLY_DELIBERATION' | 'FIVE_PARTY_JOINT';
  title: string;
  /** Matters of the community raised before the meeting, on its agenda. */
  agenda: number[];
}

export interface PlanVote {
  compound: number;
  title: string;
  /** When it opened; a closed vote ran for 14 days, an open one closes in 14 days from today. */
  daysAgo: number;
  open: boolean;
  /** Share of the compound's dwellings that cast a ballot. */
  turnout: number;
  /** Chance that a ballot is YES (NO and ABSTAIN share the rest 3:1). */
  yesShare: number;
  /** Seed of the stream that decides who votes and how. */
  ballotSeed: number;
}

export type PlanEvidence =
  | { kind: 'INSPECTION'; compound: number; company: number; daysAgo: number; points: [number, number, number] }
  | { kind: 'SURVEY'; compound: number; company: number; daysAgo: number; respondents: number; satisfactionHundredths: number }
  | { kind: 'VIOLATION'; compound: number; company: number; daysAgo: number; severity: 'MINOR' | 'MAJOR' | 'SERIOUS'; violationType: string; title: string }
  | { kind: 'COMMENDATION'; compound: number; company: number; daysAgo: number; level: 'COMMUNITY' | 'STREET' | 'DISTRICT'; title: string };

export interface PlanFund {
  kind: 'COMMUNITY_MICRO_FUND' | 'TRUST_PROPERTY_ACCOUNT' | 'VOLUNTEER_POINTS';
  name: string;
  community: number;
  /** The compound of a trust account. */
  compound: number | null;
}

export interface PlanDonation {
  fund: number;
  daysAgo: number;
  amountFen: number;
  donorKind: 'RESIDENT' | 'MERCHANT' | 'ENTERPRISE' | 'COMMUNITY_SELF_RAISING';
  donorName: string;
  anonymous: boolean;
}

export interface PlanExpenditure {
  fund: number;
  daysAgo: number;
  amountFen: number;
  category: 'EVENTS' | 'HELP_IN_NEED' | 'REPAIRS' | 'OTHER';
  title: string;
  payee: string;
  /** Approved by the committee and paid; otherwise rejected. */
  approved: boolean;
}

export interface PlanTrustMonth {
  fund: number;
  monthsAgo: number;
  /** Dwelling indexes (in the compound) that paid this month's bill through a recorded payment. */
  payers: number[];
  expenses: { category: 'CLEANING' | 'SECURITY' | 'UTILITIES' | 'REPAIRS'; amountFen: number; memo: string }[];
}

export interface PlanVolunteerService {
  community: number;
  /** Index of the volunteer among the residents the loader picks in that community. */
  volunteer: number;
  activityType: 'PATROL' | 'CLEANUP' | 'ELDERLY_CARE' | 'MEDIATION';
  minutes: number;
  daysAgo: number;
}

export interface SeedPlan {
  size: SizeName;
  seed: number;
  district: DistrictSize;
  rates: ActivityRates;
  areas: PlanArea[];
  /** Indexes into `areas` of the communities, in order. */
  communities: number[];
  compounds: PlanCompound[];
  companies: PlanCompany[];
  assignments: PlanAssignment[];
  matters: PlanMatter[];
  meetings: PlanMeeting[];
  votes: PlanVote[];
  evidence: PlanEvidence[];
  funds: PlanFund[];
  donations: PlanDonation[];
  expenditures: PlanExpenditure[];
  trustMonths: PlanTrustMonth[];
  volunteerServices: PlanVolunteerService[];
}

/** The names of the small district: Longquanyi (龙泉驿区) as `npm start` has always shown it. */
const SMALL_AREAS = ['龙泉驿区', '龙泉街道', '美景社区', '西河社区', '大面街道', '洪河社区', '青台山社区'];
const SMALL_COMPOUNDS: [string, CompoundType, ManagementMode, number][] = [
  ['美景华庭', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2008],
  ['龙泉花园', 'OLD_COMPOUND', 'SELF_MANAGED', 1996],
  ['西河小区', 'RESETTLEMENT', 'TRUST_BASED', 2012],
  ['西河苑', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2016],
  ['洪河花园', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2010],
  ['洪河北苑', 'WORK_UNIT', 'NONE', 1989],
  ['青台山居', 'RESETTLEMENT', 'TRUST_BASED', 2015],
  ['青台雅苑', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY', 2019],
];

const PLACES = ['龙泉', '大面', '十陵', '同安', '洛带', '西河', '洪河', '青台', '柏合', '东山', '黄土', '茶店', '山泉', '万兴', '幸福', '驿都', '桃源', '阳光', '书房', '蓝谷'];
const COMPOUND_SUFFIXES = ['花园', '华庭', '小区', '雅苑', '家园', '新村', '公馆', '苑', '名都', '水岸'];
const COMPANY_WORDS = ['美景', '红色', '安居', '锦城', '蓉城', '天府', '祥和', '和美', '恒信', '德润'];

const MATTER_TITLES: Record<MatterCategory, string[]> = {
  DOGS: ['夜间遛狗不牵绳', '犬只粪便无人清理', '楼道饲养大型犬'],
  EBIKES_IN_LIFTS: ['电瓶车进电梯屡禁不止', '楼道飞线充电', '电动车充电桩不足'],
  FACILITIES: ['单元门禁损坏', '路灯不亮', '健身器材破损', '电梯频繁故障'],
  HYGIENE: ['垃圾分类点清运不及时', '绿化带杂草丛生', '化粪池堵塞'],
  NEIGHBOUR_DISPUTE: ['楼上噪音扰民', '装修渗水纠纷', '公共区域堆放杂物'],
  OBJECTS_FROM_HEIGHT: ['高空抛物', '阳台花盆有坠落风险'],
  OTHER: ['希望增设休闲座椅', '建议开展邻里活动'],
  PARKING: ['地面停车位不足', '消防通道被占用', '外来车辆乱停'],
  PROPERTY_SERVICE: ['物业服务响应慢', '物业费公示不清', '保安夜间脱岗'],
};
const CATEGORIES = Object.keys(MATTER_TITLES) as MatterCategory[];
const VOTE_TITLES = ['更换物业服务企业', '使用维修资金更换电梯', '增设电动车充电桩', '修订管理规约', '改造小区停车场'];
const DONORS = ['爱心商家', '辖区企业', '热心居民', '社区自筹'];
const EXPENDITURE_TITLES: [PlanExpenditure['category'], string, string][] = [
  ['EVENTS', '重阳敬老宴', '社区食堂'],
  ['EVENTS', '邻里节活动', '文化活动中心'],
  ['HELP_IN_NEED', '困难家庭慰问', '社区慰问组'],
  ['REPAIRS', '休闲座椅维修', '五金维修部'],
  ['OTHER', '志愿者保险', '保险公司'],
];

/** A valid GB 32100 credit code for the i-th company of a district. */
export function companyCreditCode(i: number): string {
  const first17 = `91${DISTRICT_CODE}MA${String(i + 1).padStart(6, '0')}X`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A count with expectation `mean`: its whole part, plus one with the chance of its fraction. */
function countAbout(random: () => number, mean: number): number {
  return Math.floor(mean) + (random() < mean % 1 ? 1 : 0);
}

function weighted<T>(random: () => number, choices: [T, number][]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** The steps a matter has taken by today: older matters have mostly ended, recent ones are still under way. */
function matterFate(random: () => number, daysAgo: number): MatterStep[] {
  const old = daysAgo > 60;
  const fate = weighted<MatterStep[]>(random, [
    [['DELIBERATING', 'DECIDED', 'IN_PROGRESS', 'EVALUATING', 'CLOSED'], old ? 80 : 30],
    [['REJECTED'], old ? 8 : 5],
    [['ESCALATE', 'DELIBERATING', 'DECIDED', 'IN_PROGRESS'], 5],
    [['DELIBERATING', 'DECIDED', 'IN_PROGRESS'], old ? 4 : 25],
    [['DELIBERATING'], old ? 2 : 20],
    [[], old ? 1 : 15],
  ]);
  return [...fate];
}

/** Plans a district of the given size (deterministic for `seed`). */
export function planDistrict(size: SizeName, seed = 2026): SeedPlan {
  const district = SIZES[size];
  const rates = RATES[size];
  if (!district || !rates) throw new Error(`unknown size ${size}: use small, medium or district`);
  const random = seededRandom(seed);
  const small = size === 'small';

  const areas: PlanArea[] = [{ code: DISTRICT_CODE, name: SMALL_AREAS[0]!, level: 'DISTRICT' }];
  const communities: number[] = [];
  const compounds: PlanCompound[] = [];
  const usedNames = new Set<string>();
  for (let s = 0; s < district.streets; s++) {
    areas.push({ code: streetCode(s), name: small ? SMALL_AREAS[1 + s * 3]! : `${PLACES[s % PLACES.length]}街道`, level: 'STREET' });
    for (let c = 0; c < district.communitiesPerStreet; c++) {
      const community = communities.length;
      const name = small ? SMALL_AREAS[2 + s * 3 + c]! : `${PLACES[(s * 7 + c * 3) % PLACES.length]}${['东', '西', '南', '北', '中'][c % 5]}社区`;
      communities.push(areas.length);
      areas.push({ code: communityCode(s, c), name, level: 'COMMUNITY' });
      for (let k = 0; k < district.compoundsPerCommunity; k++) {
        let name: string;
        let type: CompoundType;
        let managementMode: ManagementMode;
        let builtYear: number;
        if (small) {
          [name, type, managementMode, builtYear] = SMALL_COMPOUNDS[compounds.length]!;
        } else {
          const base = `${pick(random, PLACES)}${pick(random, COMPOUND_SUFFIXES)}`;
          name = base;
          for (let phase = 2; usedNames.has(name); phase++) name = `${base}${phase}期`;
          type = weighted<CompoundType>(random, [['COMMODITY_HOUSING', 55], ['OLD_COMPOUND', 20], ['RESETTLEMENT', 15], ['WORK_UNIT', 10]]);
          managementMode = weighted<ManagementMode>(random, [['PROPERTY_COMPANY', 60], ['TRUST_BASED', 10], ['SELF_MANAGED', 15], ['NONE', 15]]);
          builtYear = type === 'COMMODITY_HOUSING' ? int(random, 2000, 2022) : int(random, 1980, 2015);
        }
        usedNames.add(name);
        compounds.push({
          code: compoundCode(s, c, k),
          communityCode: communityCode(s, c),
          community,
          name,
          type,
          managementMode,
          builtYear,
          landArea: int(random, 8, 60) * 1000,
          dwellings: district.dwellingsPerCompound,
          buildings: buildingsPerCompound(district),
        });
      }
    }
  }

  const companyCount = Math.max(2, Math.round(compounds.length * rates.companiesPerCompound));
  const companies: PlanCompany[] = Array.from({ length: companyCount }, (_, i) => ({
    name: `成都${COMPANY_WORDS[i % COMPANY_WORDS.length]}${i >= COMPANY_WORDS.length ? String(Math.floor(i / COMPANY_WORDS.length) + 1) : ''}物业服务有限公司`,
    creditCode: companyCreditCode(i),
  }));
  const assignments: PlanAssignment[] = [];
  compounds.forEach((compound, index) => {
    if (compound.managementMode !== 'PROPERTY_COMPANY' && compound.managementMode !== 'TRUST_BASED') return;
    assignments.push({
      compound: index,
      company: int(random, 0, companyCount - 1),
      monthsAgo: int(random, 13, 48),
      feeModel: compound.managementMode === 'TRUST_BASED' ? 'TRUST_BASED' : 'LUMP_SUM',
      feeStandardFen: int(random, 8, 30) * 10,
    });
  });
  const companyOf = new Map(assignments.map((a) => [a.compound, a.company]));

  const matters: PlanMatter[] = [];
  compounds.forEach((_, index) => {
    const count = countAbout(random, rates.mattersPerCompound);
    for (let i = 0; i < count; i++) {
      const category = pick(random, CATEGORIES);
      const daysAgo = int(random, 0, 364);
      const steps = matterFate(random, daysAgo);
      const channel = weighted<MatterChannel>(random, [['SELF_REPORT', 50], ['GRID_WORKER', 25], ['DOOR_KNOCKING', 10], ['CITY_HOTLINE', 10], ['MEETING', 5]]);
      const ratings = steps.includes('EVALUATING') ? Array.from({ length: int(random, 1, 3) }, () => weighted(random, [[5, 5], [4, 3], [3, 1], [2, 1]])) : [];
      matters.push({ compound: index, title: pick(random, MATTER_TITLES[category]), category, channel, daysAgo, steps, ratings });
    }
  });

  const meetings: PlanMeeting[] = [];
  communities.forEach((_, community) => {
    const count = countAbout(random, rates.meetingsPerCommunity);
    for (let i = 0; i < count; i++) {
      const daysAgo = Math.max(0, Math.round(((i + random()) / count) * 364));
      const candidates = matters
        .map((matter, index) => ({ matter, index }))
        .filter(({ matter }) => compounds[matter.compound]!.community === community && matter.daysAgo > daysAgo && matter.steps[0] === 'DELIBERATING')
        .slice(0, 3)
        .map(({ index }) => index);
      const joint = random() < 0.25;
      meetings.push({
        community,
        daysAgo,
        kind: joint ? 'FIVE_PARTY_JOINT' : 'MONTHLY_DELIBERATION',
        title: joint ? '五方联动协调会' : '说事议事会',
        agenda: candidates,
      });
    }
  });

  const votes: PlanVote[] = [];
  compounds.forEach((_, index) => {
    if (random() >= rates.ownersVoteShare) return;
    const open = random() < rates.openVoteShare;
    votes.push({
      compound: index,
      title: pick(random, VOTE_TITLES),
      daysAgo: open ? int(random, 0, 7) : int(random, 20, 330),
      open,
      turnout: 0.5 + random() * 0.35,
      yesShare: 0.45 + random() * 0.4,
      ballotSeed: int(random, 1, 2 ** 30),
    });
  });

  const evidence: PlanEvidence[] = [];
  compounds.forEach((_, index) => {
    const company = companyOf.get(index);
    if (company === undefined) return;
    const spread = (count: number, i: number) => Math.min(364, Math.round(((i + random()) / count) * 364));
    const inspections = countAbout(random, rates.inspectionsPerCompound);
    for (let i = 0; i < inspections; i++) {
      evidence.push({ kind: 'INSPECTION', compound: index, company, daysAgo: spread(inspections, i), points: [int(random, 20, 40), int(random, 15, 30), int(random, 15, 30)] });
    }
    const surveys = countAbout(random, rates.surveysPerCompound);
    for (let i = 0; i < surveys; i++) {
      evidence.push({ kind: 'SURVEY', compound: index, company, daysAgo: spread(surveys, i), respondents: int(random, 30, 150), satisfactionHundredths: int(random, 6000, 9800) });
    }
    for (let i = countAbout(random, rates.violationsPerCompound); i > 0; i--) {
      const severity = weighted<'MINOR' | 'MAJOR' | 'SERIOUS'>(random, [['MINOR', 70], ['MAJOR', 25], ['SERIOUS', 5]]);
      const violationType = weighted(random, [['SERVICE_BELOW_CONTRACT', 60], ['SAFETY_HAZARD', 25], ['ILLEGAL_CHARGES', 10], ['OTHER', 5]]);
      evidence.push({ kind: 'VIOLATION', compound: index, company, daysAgo: int(random, 0, 364), severity, violationType, title: '巡查发现问题' });
    }
    for (let i = countAbout(random, rates.commendationsPerCompound); i > 0; i--) {
      const level = weighted<'COMMUNITY' | 'STREET' | 'DISTRICT'>(random, [['COMMUNITY', 60], ['STREET', 30], ['DISTRICT', 10]]);
      evidence.push({ kind: 'COMMENDATION', compound: index, company, daysAgo: int(random, 0, 364), level, title: '红色物业示范' });
    }
  });

  const funds: PlanFund[] = [];
  communities.forEach((areaIndex, community) => {
    const name = areas[areaIndex]!.name;
    funds.push({ kind: 'COMMUNITY_MICRO_FUND', name: `${name}微基金`, community, compound: null });
    funds.push({ kind: 'VOLUNTEER_POINTS', name: `${name}志愿服务积分`, community, compound: null });
  });
  compounds.forEach((compound, index) => {
    if (compound.managementMode === 'TRUST_BASED') funds.push({ kind: 'TRUST_PROPERTY_ACCOUNT', name: `${compound.name}信托制物业账户`, community: compound.community, compound: index });
  });

  const donations: PlanDonation[] = [];
  const expenditures: PlanExpenditure[] = [];
  const trustMonths: PlanTrustMonth[] = [];
  funds.forEach((fund, index) => {
    if (fund.kind === 'COMMUNITY_MICRO_FUND') {
      // Donations of a month come in before its expenditures; one the fund could not pay is rejected.
      let balance = 0;
      for (let month = 12; month >= 1; month--) {
        const monthStart = month * 30;
        for (let i = countAbout(random, rates.donationsPerFundMonth); i > 0; i--) {
          const donorKind = weighted<PlanDonation['donorKind']>(random, [['RESIDENT', 50], ['MERCHANT', 25], ['ENTERPRISE', 15], ['COMMUNITY_SELF_RAISING', 10]]);
          const amountFen = int(random, 2, 200) * 1000;
          balance += amountFen;
          donations.push({
            fund: index,
            daysAgo: monthStart - int(random, 0, 14),
            amountFen,
            donorKind,
            donorName: `${pick(random, PLACES)}${DONORS[['RESIDENT', 'MERCHANT', 'ENTERPRISE', 'COMMUNITY_SELF_RAISING'].indexOf(donorKind)]}`,
            anonymous: donorKind === 'RESIDENT' && random() < 0.3,
          });
        }
        for (let i = countAbout(random, rates.expendituresPerFundMonth); i > 0; i--) {
          const [category, title, payee] = pick(random, EXPENDITURE_TITLES);
          const amountFen = int(random, 1, 30) * 1000;
          const approved = random() < 0.9 && amountFen <= balance;
          if (approved) balance -= amountFen;
          expenditures.push({ fund: index, daysAgo: monthStart - int(random, 15, 28), amountFen, category, title, payee, approved });
        }
      }
    }
    if (fund.kind === 'TRUST_PROPERTY_ACCOUNT') {
      const dwellings = compounds[fund.compound!]!.dwellings;
      for (let monthsAgo = 12; monthsAgo >= 1; monthsAgo--) {
        const payers: number[] = [];
        for (let d = 0; d < dwellings; d++) if (random() < rates.feePaymentShare) payers.push(d);
        trustMonths.push({
          fund: index,
          monthsAgo,
          payers,
          expenses: [
            { category: 'CLEANING', amountFen: int(random, 20, 60) * 1000, memo: '保洁服务' },
            { category: 'SECURITY', amountFen: int(random, 30, 80) * 1000, memo: '秩序维护' },
            ...(random() < 0.3 ? [{ category: 'REPAIRS' as const, amountFen: int(random, 5, 50) * 1000, memo: '公共设施维修' }] : []),
          ],
        });
      }
    }
  });

  const volunteerServices: PlanVolunteerService[] = [];
  communities.forEach((_, community) => {
    for (let month = 12; month >= 1; month--) {
      for (let i = countAbout(random, rates.volunteerServicesPerCommunityMonth); i > 0; i--) {
        volunteerServices.push({
          community,
          volunteer: int(random, 0, 9),
          activityType: pick(random, ['PATROL', 'CLEANUP', 'ELDERLY_CARE', 'MEDIATION'] as const),
          minutes: int(random, 1, 8) * 30,
          daysAgo: month * 30 - int(random, 0, 29),
        });
      }
    }
  });

  return {
    size,
    seed,
    district,
    rates,
    areas,
    communities,
    compounds,
    companies,
    assignments,
    matters,
    meetings,
    votes,
    evidence,
    funds,
    donations,
    expenditures,
    trustMonths,
    volunteerServices,
  };
}

/** Row counts of a plan, for progress and for the checks after loading (residents: see the generated files). */
export function planCounts(plan: SeedPlan) {
  const compounds = plan.compounds.length;
  return {
    areas: plan.areas.length,
    compounds,
    dwellings: compounds * plan.district.dwellingsPerCompound,
    companies: plan.companies.length,
    matters: plan.matters.length,
    meetings: plan.meetings.length,
    votes: plan.votes.length,
    evidence: plan.evidence.length,
    funds: plan.funds.length,
    donations: plan.donations.length,
    expenditures: plan.expenditures.length,
    feePayments: plan.trustMonths.reduce((sum, month) => sum + month.payers.length, 0),
    volunteerServices: plan.volunteerServices.length,
  };
}
