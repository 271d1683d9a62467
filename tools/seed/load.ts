import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { EXAMPLE_RULES_V1 } from '@gongzhi/app-property';
import type { Role } from '@gongzhi/platform-auth';
import { dwellingAddress, writeDistrictFiles, type GeneratedFiles } from './district';
import { OPS, routeOperations, SERVICES, type OperationName, type ServiceName } from './operations';
import { planCounts, type PlanMatter, type SeedPlan } from './plan';
import { seededRandom } from './random';

/**
 * Loads a planned district into a running system. Every write goes through the services' own API, sent to the
 * subgraph that owns it: the registry (dwellings, owners, residents) through org's bulk import in chunks,
 * everything else mutation by mutation, many in flight. SQL is used only to read back the ids the next steps
 * need, to wait until the other services have applied org's events, for one last pass that moves the time
 * stamps deliberation gave matters, votes and meetings ("now") back to the planned days of the year, and to
 * ANALYZE the databases at the end.
 */
export interface ServiceEndpoint {
  /** The subgraph's GraphQL URL. */
  url: string;
  /** The subgraph's own database. */
  databaseUrl: string;
}

export interface SeedTarget {
  services: Record<ServiceName, ServiceEndpoint>;
  /** A bearer token for the roles, scopes and subject (development or test keys). */
  token(roles: Role[], scopes: string[], sub: string): Promise<string>;
}

export interface LoadOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** The day the year of history ends (default: now). */
  today?: Date;
  log?: (line: string) => void;
  /** How long to wait for the other services to apply org's events (default: 2 minutes plus 1 s per 500 dwellings). */
  eventTimeoutMs?: number;
}

export interface LoadResult {
  alreadyLoaded: boolean;
  seconds: number;
  requests: number;
  counts: Record<string, number>;
}

/** The label of the credit list the seed drafts last: finding it means a previous run completed. */
export const SEED_CREDIT_LIST_LABEL = 'SEED-1Y';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** At most this many bytes of CSV per startImport call (the API refuses more than 900,000 characters and 1 MB). */
const IMPORT_CHUNK_BYTES = 700_000;

export class SeedError extends Error {
  constructor(
    readonly operation: string,
    readonly variables: unknown,
    readonly errors: { message: string; extensions?: { reason?: string; field?: string } }[],
  ) {
    const first = errors[0];
    super(
      `${operation} failed: ${first?.message ?? 'no data'}${first?.extensions?.reason ? ` (${first.extensions.reason}${first.extensions.field ? ` at ${first.extensions.field}` : ''})` : ''}\n  variables: ${JSON.stringify(variables).slice(0, 400)}`,
    );
    this.name = 'SeedError';
  }
}

/** `/510112/510112001/…/` for an area or compound code. */
export function scopePathOf(code: string): string {
  const parts = [code.slice(0, 6)];
  for (let end = 9; end <= code.length; end += 3) parts.push(code.slice(0, end));
  return `/${parts.join('/')}/`;
}

/** Runs `work` for every item with at most `limit` in flight; the first failure stops the rest. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, progress?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  let failed: unknown = null;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && !failed) {
        const index = next++;
        try {
          await work(items[index]!, index);
        } catch (error) {
          failed ??= error;
          return;
        }
        progress?.(++done);
      }
    }),
  );
  if (failed) throw failed;
}

/** Splits a CSV file into pieces of at most `maxBytes`, each with the header, never between rows of one `groupOf` key. */
export function chunkCsv(text: string, maxBytes: number, groupOf: (line: string) => string = (line) => line): string[] {
  const lines = text.split('\n').filter(Boolean);
  const header = lines.shift() ?? '';
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = Buffer.byteLength(header) + 1;
  let lastGroup: string | null = null;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    const group = groupOf(line);
    if (current.length && bytes + size > maxBytes && group !== lastGroup) {
      chunks.push(`${header}\n${current.join('\n')}\n`);
      current = [];
      bytes = Buffer.byteLength(header) + 1;
    }
    current.push(line);
    bytes += size;
    lastGroup = group;
  }
  if (current.length) chunks.push(`${header}\n${current.join('\n')}\n`);
  return chunks;
}

interface CompoundIds {
  id: string;
  buildings: string[];
  /** Residents of the compound, by building then id (the loader takes the first few for posts). */
  residents: string[];
  /** Residents by building index, first of each. */
  buildingResidents: string[];
  /** Dwelling ids and areas (hundredths of m²) in file order. */
  dwellings: { id: string; area: number }[];
}

export async function loadDistrict(plan: SeedPlan, target: SeedTarget, options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const concurrency = options.concurrency ?? 8;
  const today = options.today ?? new Date();
  const log = options.log ?? ((line: string) => process.stdout.write(`[seed] ${line}\n`));
  const counts = planCounts(plan);
  const eventTimeoutMs = options.eventTimeoutMs ?? 120_000 + counts.dwellings * 2;
  const routes = routeOperations();
  const pools = Object.fromEntries(SERVICES.map((s) => [s, new Pool({ connectionString: target.services[s].databaseUrl, max: 2 })])) as Record<ServiceName, Pool>;
  const sql = async <T>(service: ServiceName, text: string, params: unknown[] = []): Promise<T[]> => (await pools[service].query(text, params)).rows as T[];
  let requests = 0;

  const tokens = new Map<string, Promise<string>>();
  const token = (roles: Role[], scope: string, sub: string) => {
    const key = `${roles.join(',')}|${scope}|${sub}`;
    let found = tokens.get(key);
    if (!found) tokens.set(key, (found = target.token(roles, [scope], sub)));
    return found;
  };
  const admin = () => token(['platform_admin'], '/', 'seed');

  async function call<T = Record<string, unknown>>(operation: OperationName, variables: Record<string, unknown>, bearer?: string): Promise<T> {
    const service = routes[operation];
    const body = JSON.stringify({ query: OPS[operation], variables });
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(target.services[service].url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer ?? (await admin())}` },
          body,
        });
      } catch (error) {
        // A connection dropped under load: the request never reached the service, so it is safe to send again.
        if (attempt < 4) {
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          continue;
        }
        throw error;
      }
      requests++;
      const answer = (await response.json()) as { data?: Record<string, unknown> | null; errors?: SeedError['errors'] };
      if (answer.errors?.length || !answer.data) throw new SeedError(operation, variables, answer.errors ?? []);
      return answer.data[Object.keys(answer.data)[0]!] as T;
    }
  }

  const dayOf = (daysAgo: number) => new Date(today.getTime() + CHINA_OFFSET_MS - daysAgo * DAY_MS).toISOString().slice(0, 10);
  const instantOf = (daysAgo: number, hourChina: number) => new Date(Date.parse(`${dayOf(daysAgo)}T00:00:00Z`) - CHINA_OFFSET_MS + hourChina * 3_600_000);
  const periodOf = (monthsAgo: number) => {
    const china = new Date(today.getTime() + CHINA_OFFSET_MS);
    const month = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - monthsAgo, 1));
    return month.toISOString().slice(0, 7);
  };
  const phase = async (name: string, total: number, run: (tick: () => void) => Promise<void>) => {
    const phaseStart = Date.now();
    let done = 0;
    let lastReport = phaseStart;
    log(`${name} (${total}) …`);
    await run(() => {
      done++;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  ${name}: ${done}/${total} (${Math.round(done / ((Date.now() - phaseStart) / 1000))}/s)`);
      }
    });
    const seconds = (Date.now() - phaseStart) / 1000;
    log(`  ${name}: done in ${seconds.toFixed(1)} s`);
  };
  const waitUntil = async (what: string, probe: () => Promise<{ have: number; want: number }>) => {
    const deadline = Date.now() + eventTimeoutMs;
    let lastReport = Date.now();
    for (;;) {
      const { have, want } = await probe();
      if (have >= want) return;
      if (Date.now() > deadline) throw new Error(`timed out after ${eventTimeoutMs / 1000} s waiting for ${what}: ${have} of ${want}`);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  waiting for ${what}: ${have}/${want}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  let workDir: string | null = null;
  try {
    // A second run finds the district and changes nothing; a run that stopped half-way is reported, not repaired.
    const districts = await call<{ nodes: { code: string }[] }>('areas', { level: 'DISTRICT', first: 100 });
    if (districts.nodes.some((area) => area.code === plan.areas[0]!.code)) {
      const [done] = await sql<{ n: number }>('property', `SELECT count(*)::int AS n FROM credit_list WHERE period_label = $1`, [SEED_CREDIT_LIST_LABEL]);
      if (done!.n > 0) return { alreadyLoaded: true, seconds: (Date.now() - started) / 1000, requests, counts };
      throw new Error(`district ${plan.areas[0]!.code} exists but an earlier seed did not finish; load into empty databases (for npm start: stop it and remove .data/)`);
    }

    // ── The administrative tree and the compounds ──────────────────────────────────────────────────────────
    const areaIds = new Map<string, string>();
    await phase('areas', plan.areas.length, async (tick) => {
      for (const level of ['DISTRICT', 'STREET', 'COMMUNITY'] as const) {
        await inParallel(plan.areas.filter((a) => a.level === level), concurrency, async (area) => {
          areaIds.set(area.code, (await call<{ id: string }>('createArea', { input: { code: area.code, name: area.name } })).id);
          tick();
        });
      }
    });
    const compoundIds: string[] = new Array(plan.compounds.length);
    await phase('compounds', plan.compounds.length, (tick) =>
      inParallel(plan.compounds, concurrency, async (c, i) => {
        const input = { code: c.code, communityCode: c.communityCode, name: c.name, type: c.type, managementMode: c.managementMode, builtYear: c.builtYear, landArea: c.landArea };
        compoundIds[i] = (await call<{ id: string }>('createCompound', { input })).id;
        tick();
      }),
    );
    const nodes = plan.areas.length + plan.compounds.length;
    for (const service of ['deliberation', 'property', 'fund'] as const) {
      await waitUntil(`${service} to mirror the tree`, async () => {
        const [row] = await sql<{ n: number }>(service, `SELECT count(*)::int AS n FROM org_node`);
        return { have: row!.n, want: nodes };
      });
    }

    // ── The registry: dwellings, owners and residents through org's bulk import ───────────────────────────
    workDir = mkdtempSync(path.join(tmpdir(), 'gz-seed-'));
    const files: GeneratedFiles = await writeDistrictFiles(plan.district, workDir, plan.seed);
    const addressKey = (line: string) => line.split(',').slice(0, 4).join(',');
    for (const [kind, file, rows] of [
      ['DWELLINGS', files.dwellings, files.dwellingRows],
      ['OWNERS', files.owners, files.ownerRows],
      ['RESIDENTS', files.residents, files.residentRows],
    ] as const) {
      // Co-owners of one dwelling stay in one piece: their shares are checked together.
      const chunks = chunkCsv(readFileSync(file, 'utf8'), IMPORT_CHUNK_BYTES, kind === 'OWNERS' ? addressKey : undefined);
      await phase(`import ${kind.toLowerCase()} (${rows} rows in ${chunks.length} pieces)`, chunks.length, (tick) =>
        inParallel(chunks, 2, async (content) => {
          const job = await call<{ rejected: number; rejections: { nodes: unknown[] } }>('startImport', { input: { kind, format: 'CSV', content } });
          if (job.rejected > 0) throw new Error(`import ${kind}: ${job.rejected} rows rejected, e.g. ${JSON.stringify(job.rejections.nodes)}`);
          tick();
        }),
      );
    }

    // Ids the next steps need, read back from org's tables.
    const byCode = new Map(plan.compounds.map((c, i) => [c.code, i]));
    const ids: CompoundIds[] = compoundIds.map((id) => ({ id, buildings: [], residents: [], buildingResidents: [], dwellings: [] }));
    const buildingRows = await sql<{ code: string; id: string; number: string }>('org', `SELECT c.code, b.id, b.number FROM building b JOIN compound c ON c.id = b.compound_id`);
    for (const row of buildingRows) ids[byCode.get(row.code)!]!.buildings[Number(row.number) - 1] = row.id;
    const residentRows = await sql<{ code: string; id: string; building: string }>(
      'org',
      `SELECT code, id, building FROM (
         SELECT c.code, r.id, b.number AS building, row_number() OVER (PARTITION BY c.id, b.id ORDER BY r.id) AS n
           FROM residency y JOIN resident r ON r.id = y.resident_id JOIN dwelling d ON d.id = y.dwelling_id
           JOIN building b ON b.id = d.building_id JOIN compound c ON c.id = d.compound_id
          WHERE y.moved_out IS NULL) x
        WHERE n <= 12 ORDER BY code, building::int, id`,
    );
    for (const row of residentRows) {
      const compound = ids[byCode.get(row.code)!]!;
      compound.residents.push(row.id);
      compound.buildingResidents[Number(row.building) - 1] ??= row.id;
    }
    const dwellingRows = await sql<{ code: string; id: string; building: string; unit: string; room: string; area: string }>(
      'org',
      `SELECT c.code, d.id, b.number AS building, u.number AS unit, d.room_number AS room, d.exclusive_area AS area
         FROM dwelling d JOIN unit u ON u.id = d.unit_id JOIN building b ON b.id = d.building_id JOIN compound c ON c.id = d.compound_id`,
    );
    const dwellingIndex = new Map<string, number>();
    for (let d = 0; d < plan.district.dwellingsPerCompound; d++) {
      const a = dwellingAddress(d);
      dwellingIndex.set(`${a.building}-${a.unit}-${a.room}`, d);
    }
    for (const row of dwellingRows) {
      const compound = ids[byCode.get(row.code)!]!;
      compound.dwellings[dwellingIndex.get(`${row.building}-${row.unit}-${row.room}`)!] = { id: row.id, area: Number(row.area) };
    }
    const communityResidents = plan.communities.map((_, community) =>
      plan.compounds.flatMap((c, i) => (c.community === community ? ids[i]!.residents : [])).slice(0, 10),
    );

    // ── org: grids, party organization, self-governance bodies, building leaders ─────────────────────────
    const appointed = { bodyMembers: 0 };
    await phase('grids, party organizations, bodies and building leaders', plan.communities.length, (tick) =>
      inParallel(plan.communities, concurrency, async (areaIndex, community) => {
        const communityCode = plan.areas[areaIndex]!.code;
        const day = dayOf(700);
        const master = await call<{ id: string }>('createGrid', { input: { communityCode, kind: 'MASTER', name: `${plan.areas[areaIndex]!.name}总网格` } });
        const committee = await call<{ id: string }>('createPartyOrganization', { input: { communityCode, kind: 'COMMITTEE', name: `${plan.areas[areaIndex]!.name}党委` } });
        for (const [i, c] of plan.compounds.entries()) {
          if (c.community !== community) continue;
          const compound = ids[i]!;
          const grid = await call<{ id: string }>('createGrid', { input: { communityCode, kind: 'GENERAL', name: `${c.name}网格`, parentId: master.id } });
          for (const buildingId of compound.buildings) await call('coverGrid', { input: { gridId: grid.id, buildingId } });
          await call('assignGridWorker', { input: { gridId: grid.id, staffSub: `grid-worker-${c.code}`, name: `${c.name}网格员`, assignedOn: day } });
          const branch = await call<{ id: string }>('createPartyOrganization', {
            input: { communityCode, compoundId: compound.id, parentId: committee.id, kind: 'BRANCH', name: `${c.name}党支部` },
          });
          for (const [k, residentId] of compound.residents.slice(5, 8).entries()) {
            await call('enrolPartyMember', { input: { organizationId: branch.id, residentId, category: k === 0 ? 'EMPLOYED' : 'RETIRED' } });
          }
          if (c.managementMode !== 'NONE') {
            const body = await call<{ id: string }>('createGovernanceBody', {
              input: { communityCode, compoundId: compound.id, kind: c.managementMode === 'SELF_MANAGED' ? 'SELF_MANAGEMENT_GROUP' : 'OWNERS_COMMITTEE', name: `${c.name}业主委员会` },
            });
            await call('addBodyTerm', { input: { bodyId: body.id, startsOn: dayOf(700), endsOn: dayOf(-1100) } });
            const posts = ['CHAIR', 'VICE_CHAIR', 'MEMBER', 'MEMBER', 'MEMBER'];
            for (const [k, residentId] of compound.residents.slice(0, 5).entries()) {
              await call('appointBodyMember', { input: { bodyId: body.id, residentId, post: posts[k], appointedOn: day } });
              appointed.bodyMembers++;
            }
          }
          for (const [b, buildingId] of compound.buildings.entries()) {
            const residentId = compound.buildingResidents[b];
            if (residentId) await call('appointBuildingLeader', { input: { buildingId, residentId, appointedOn: day } });
          }
        }
        tick();
      }),
    );

    // ── property: companies, a published rule catalogue, assignments and a year of evidence ──────────────
    const companyIds: string[] = new Array(plan.companies.length);
    const districtCode = plan.areas[0]!.code;
    await phase('property companies', plan.companies.length, (tick) =>
      inParallel(plan.companies, concurrency, async (company, i) => {
        companyIds[i] = (await call<{ id: string }>('registerPropertyCompany', { input: { name: company.name, creditCode: company.creditCode, districtCode } })).id;
        tick();
      }),
    );
    const catalogue = await call<{ id: string }>('draftRuleCatalogue', { input: { districtCode, rules: EXAMPLE_RULES_V1 } });
    await call('publishRuleCatalogue', { id: catalogue.id });
    await phase('service assignments', plan.assignments.length, (tick) =>
      inParallel(plan.assignments, concurrency, async (a) => {
        await call('startServiceAssignment', {
          input: {
            companyId: companyIds[a.company],
            compoundId: ids[a.compound]!.id,
            contractStart: periodOf(a.monthsAgo) + '-01',
            contractEnd: periodOf(a.monthsAgo - 36) + '-01',
            feeModel: a.feeModel,
            feeStandardFen: a.feeStandardFen,
          },
        });
        tick();
      }),
    );
    await phase('evidence', plan.evidence.length, (tick) =>
      inParallel(plan.evidence, concurrency, async (e) => {
        const base = { companyId: companyIds[e.company], compoundId: ids[e.compound]!.id, occurredOn: dayOf(e.daysAgo) };
        if (e.kind === 'INSPECTION') {
          const checklist = [
            { item: '环境卫生', maxPoints: 40, points: e.points[0] },
            { item: '秩序维护', maxPoints: 30, points: e.points[1] },
            { item: '设施设备', maxPoints: 30, points: e.points[2] },
          ];
          await call('recordInspection', { input: { ...base, checklist } });
        } else if (e.kind === 'SURVEY') {
          await call('recordSatisfactionSurvey', { input: { ...base, respondents: e.respondents, satisfactionHundredths: e.satisfactionHundredths } });
        } else if (e.kind === 'VIOLATION') {
          await call('recordViolation', { input: { ...base, severity: e.severity, violationType: e.violationType, title: e.title, proofReference: `巡查记录 ${base.occurredOn}` } });
        } else {
          await call('recordCommendation', { input: { ...base, level: e.level, title: e.title } });
        }
        tick();
      }),
    );

    // ── deliberation: the guide, a year of matters and meetings ──────────────────────────────────────────
    const districtId = areaIds.get(districtCode)!;
    for (const [i, category] of ['DOGS', 'EBIKES_IN_LIFTS', 'FACILITIES', 'HYGIENE', 'NEIGHBOUR_DISPUTE', 'OBJECTS_FROM_HEIGHT', 'OTHER', 'PARKING', 'PROPERTY_SERVICE'].entries()) {
      await call('setGuideEntry', {
        input: {
          districtId,
          category,
          defaultLevel: category === 'NEIGHBOUR_DISPUTE' ? 'COMMUNITY' : 'COMPOUND',
          acknowledgeWithinHours: 24 + (i % 3) * 24,
          answerWithinDays: 7 + (i % 3) * 4,
          requiredParties: category === 'PROPERTY_SERVICE' ? ['OWNERS_COMMITTEE', 'PROPERTY_COMPANY'] : ['COMMUNITY', 'OWNERS_COMMITTEE'],
        },
      });
    }
    const companyOfCompound = new Map(plan.assignments.map((a) => [a.compound, companyIds[a.company]!]));
    const matterIds: string[] = new Array(plan.matters.length);
    await phase('matters', plan.matters.length, (tick) =>
      inParallel(plan.matters, concurrency, async (m: PlanMatter, i) => {
        const compound = plan.compounds[m.compound]!;
        const compoundId = ids[m.compound]!.id;
        const matter = await call<{ id: string }>('raiseMatter', {
          input: { compoundId, title: m.title, category: m.category, channel: m.channel, ...(m.channel === 'CITY_HOTLINE' ? { hotlineTicket: `12345-${plan.seed}-${i}` } : {}) },
        });
        matterIds[i] = matter.id;
        for (const step of m.steps) {
          if (step === 'ESCALATE') {
            await call('escalateMatter', { input: { matterId: matter.id, reason: '需社区协调多方解决' } });
            continue;
          }
          if (step === 'CLOSED') {
            for (const [k, rating] of m.ratings.entries()) {
              const resident = await token(['resident'], scopePathOf(compound.code), `resident-${compound.code}-${k}`);
              await call('evaluateMatter', { input: { matterId: matter.id, rating } }, resident);
            }
          }
          const company = m.category === 'PROPERTY_SERVICE' && step === 'DELIBERATING' ? companyOfCompound.get(m.compound) : undefined;
          await call('moveMatter', {
            input: {
              matterId: matter.id,
              to: step,
              ...(step === 'REJECTED' ? { reason: '不属于小区公共事务，已告知居民' } : {}),
              ...(step === 'IN_PROGRESS' ? { handler: `${compound.name}网格员` } : {}),
              ...(company ? { propertyCompanyId: company } : {}),
            },
          });
        }
        tick();
      }),
    );
    const meetingIds: string[] = new Array(plan.meetings.length);
    const fiveParties = ['COMMUNITY', 'COMPOUND_PARTY_ORGANIZATION', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'RESIDENT_REPRESENTATIVES'];
    await phase('meetings', plan.meetings.length, (tick) =>
      inParallel(plan.meetings, concurrency, async (m, i) => {
        const parties = m.kind === 'FIVE_PARTY_JOINT' ? fiveParties : ['COMMUNITY', 'OWNERS_COMMITTEE', 'RESIDENT_REPRESENTATIVES'];
        const meeting = await call<{ id: string }>('scheduleMeeting', {
          input: {
            nodeId: areaIds.get(plan.areas[plan.communities[m.community]!]!.code),
            kind: m.kind,
            title: m.title,
            scheduledAt: instantOf(m.daysAgo, 19).toISOString(),
            invitedParties: parties,
            agendaMatterIds: m.agenda.map((matter) => matterIds[matter]),
          },
        });
        meetingIds[i] = meeting.id;
        await call('recordMeeting', {
          input: { meetingId: meeting.id, minutes: `${m.title}纪要：逐项听取议题，形成处理意见。`, attendance: parties.map((party, k) => ({ party, attendees: 1 + ((i + k) % 4) })) },
        });
        tick();
      }),
    );

    // ── deliberation: owners' joint decisions, once the electorate has arrived from org ───────────────────
    await waitUntil('deliberation to hold every dwelling’s owners', async () => {
      const [row] = await sql<{ n: number }>('deliberation', `SELECT count(*)::int AS n FROM electorate_dwelling WHERE cardinality(owner_keys) > 0`);
      return { have: row!.n, want: counts.dwellings };
    });
    const voteIds: string[] = new Array(plan.votes.length);
    const ballots = plan.votes.map((v) => {
      const random = seededRandom(v.ballotSeed);
      return ids[v.compound]!.dwellings.flatMap((d) => {
        if (random() >= v.turnout) return [];
        const roll = random();
        return [{ dwellingId: d.id, choice: roll < v.yesShare ? 'YES' : roll < v.yesShare + (1 - v.yesShare) * 0.75 ? 'NO' : 'ABSTAIN' }];
      });
    });
    await phase('votes', plan.votes.length, (tick) =>
      inParallel(plan.votes, concurrency, async (v, i) => {
        const compound = plan.compounds[v.compound]!;
        const vote = await call<{ id: string; electorateSize: number }>('openVote', {
          input: { compoundId: ids[v.compound]!.id, kind: 'OWNERS_JOINT_DECISION', title: v.title, closesAt: new Date(Date.now() + 14 * DAY_MS).toISOString() },
        });
        if (vote.electorateSize !== compound.dwellings) throw new Error(`vote in ${compound.name}: an electorate of ${vote.electorateSize}, not ${compound.dwellings}`);
        voteIds[i] = vote.id;
        tick();
      }),
    );
    const allBallots = ballots.flatMap((list, vote) => list.map((b) => ({ ...b, vote })));
    await phase('ballots', allBallots.length, (tick) =>
      inParallel(allBallots, concurrency, async (b) => {
        const compound = plan.compounds[plan.votes[b.vote]!.compound]!;
        const staff = await token(['community_staff'], scopePathOf(compound.communityCode), `staff-${compound.communityCode}`);
        await call('castBallot', { input: { voteId: voteIds[b.vote], dwellingId: b.dwellingId, choice: b.choice, channel: 'PAPER', witness: `${compound.name}楼长` } }, staff);
        tick();
      }),
    );

    // ── fund: micro-funds, trust-based property accounts, volunteer points ──────────────────────────────
    await waitUntil('fund to hold every dwelling', async () => {
      const [row] = await sql<{ n: number }>('fund', `SELECT count(*)::int AS n FROM fund_dwelling`);
      return { have: row!.n, want: counts.dwellings };
    });
    const fundIds: string[] = new Array(plan.funds.length);
    const committees: string[][] = plan.funds.map((_, i) => [0, 1, 2].map((k) => `fund-committee-${i}-${k}`));
    await phase('funds', plan.funds.length, (tick) =>
      inParallel(plan.funds, concurrency, async (f, i) => {
        const owner = f.compound !== null ? { compoundId: ids[f.compound]!.id } : { communityCode: plan.areas[plan.communities[f.community]!]!.code };
        const fund = await call<{ id: string }>('openFund', { input: { ...owner, kind: f.kind, name: f.name } });
        fundIds[i] = fund.id;
        if (f.kind === 'VOLUNTEER_POINTS') {
          for (const [activityType, pointsPerHour] of [['PATROL', 10], ['CLEANUP', 8], ['ELDERLY_CARE', 12], ['MEDIATION', 15]] as const) {
            await call('setPointsRule', { input: { programId: fund.id, activityType, pointsPerHour } });
          }
        } else {
          const assignment = plan.assignments.find((a) => a.compound === f.compound);
          await call('configureFund', {
            input: {
              fundId: fund.id,
              approvalsRequired: 2,
              ...(f.kind === 'COMMUNITY_MICRO_FUND'
                ? { hostName: '龙泉驿区慈善会', voteThresholdFen: 10_000_000 }
                : { feeFenPerSquareMetreMonth: assignment?.feeStandardFen ?? 150, remunerationFenPerMonth: 300_000 }),
            },
          });
          for (const member of committees[i]!) await call('appointFundCommitteeMember', { input: { fundId: fund.id, member } });
        }
        tick();
      }),
    );
    type FundWork = { daysAgo: number; run: () => Promise<void> };
    const fundWork: FundWork[][] = plan.funds.map(() => []);
    plan.donations.forEach((d, i) =>
      fundWork[d.fund]!.push({
        daysAgo: d.daysAgo,
        run: () =>
          call('recordDonation', {
            input: { fundId: fundIds[d.fund], amountFen: String(d.amountFen), donorKind: d.donorKind, donorName: d.donorName, anonymous: d.anonymous, idempotencyKey: `seed-donation-${i}`, receivedOn: dayOf(d.daysAgo) },
          }).then(() => undefined),
      }),
    );
    plan.expenditures.forEach((e, i) =>
      fundWork[e.fund]!.push({
        daysAgo: e.daysAgo,
        run: async () => {
          const community = plan.areas[plan.communities[plan.funds[e.fund]!.community]!]!.code;
          const staff = await token(['community_staff'], scopePathOf(community), `staff-${community}`);
          const expenditure = await call<{ id: string }>('requestExpenditure', {
            input: { fundId: fundIds[e.fund], amountFen: String(e.amountFen), category: e.category, title: e.title, payee: e.payee, idempotencyKey: `seed-expenditure-${i}` },
          }, staff);
          // Two of the three members approve; for one the committee turns down, the first member's refusal is it.
          for (const member of committees[e.fund]!.slice(0, e.approved ? 2 : 1)) {
            const decide = await token(['committee_member'], scopePathOf(community), member);
            await call('decideExpenditure', { input: { expenditureId: expenditure.id, decision: e.approved ? 'APPROVE' : 'REJECT' } }, decide);
          }
          if (e.approved) await call('payExpenditure', { input: { expenditureId: expenditure.id, paidOn: dayOf(Math.max(0, e.daysAgo - 2)) } });
        },
      }),
    );
    plan.trustMonths.forEach((m, i) => {
      const fund = plan.funds[m.fund]!;
      const compound = ids[fund.compound!]!;
      const feeFen = plan.assignments.find((a) => a.compound === fund.compound)?.feeStandardFen ?? 150;
      fundWork[m.fund]!.push({
        daysAgo: m.monthsAgo * 30,
        run: async () => {
          const period = periodOf(m.monthsAgo);
          await call('issueMonthlyBills', { input: { fundId: fundIds[m.fund], period } });
          for (const d of m.payers) {
            const dwelling = compound.dwellings[d]!;
            await call('recordFeePayment', {
              input: { fundId: fundIds[m.fund], dwellingId: dwelling.id, amountFen: String(Math.round((dwelling.area * feeFen) / 100)), paidOn: `${period}-${String(5 + (d % 20)).padStart(2, '0')}`, idempotencyKey: `seed-fee-${i}-${d}` },
            });
          }
          for (const [k, e] of m.expenses.entries()) {
            await call('recordPropertyExpense', { input: { fundId: fundIds[m.fund], amountFen: String(e.amountFen), category: e.category, memo: e.memo, spentOn: `${period}-25`, idempotencyKey: `seed-expense-${i}-${k}` } });
          }
          await call('payCompanyRemuneration', { input: { fundId: fundIds[m.fund], period } });
        },
      });
    });
    const ledgerFunds = fundWork.map((work, fund) => ({ fund, work: work.sort((a, b) => b.daysAgo - a.daysAgo) })).filter((f) => f.work.length > 0);
    const ledgerSteps = ledgerFunds.reduce((sum, f) => sum + f.work.length, 0);
    // One fund's entries are posted in date order (its chain and balance depend on it); funds run side by side.
    await phase('donations, expenditures, bills, fee payments and expenses', ledgerSteps, (tick) =>
      inParallel(ledgerFunds, concurrency, async ({ work }) => {
        for (const step of work) {
          await step.run();
          tick();
        }
      }),
    );
    const disclosures = plan.funds.flatMap((f, fund) => (f.kind === 'VOLUNTEER_POINTS' ? [] : Array.from({ length: 12 }, (_, k) => ({ fund, monthsAgo: 12 - k }))));
    await phase('monthly disclosures', disclosures.length, (tick) =>
      inParallel(
        plan.funds.map((_, fund) => disclosures.filter((d) => d.fund === fund)),
        concurrency,
        async (list) => {
          for (const d of list) {
            await call('publishDisclosure', { input: { fundId: fundIds[d.fund], period: periodOf(d.monthsAgo) } });
            tick();
          }
        },
      ),
    );
    await phase('volunteer services', plan.volunteerServices.length, (tick) =>
      inParallel(plan.volunteerServices, concurrency, async (v) => {
        const residents = communityResidents[v.community]!;
        await call('recordVolunteerService', { input: { residentId: residents[v.volunteer % residents.length], activityType: v.activityType, minutes: v.minutes, serviceDate: dayOf(v.daysAgo) } });
        tick();
      }),
    );

    // ── A year of history: move deliberation's "now" stamps back to the planned days ────────────────────
    log('spreading matters, meetings and votes over the year …');
    await backdate(pools.deliberation, plan, today, { matterIds, meetingIds, voteIds });
    const pastVotes = plan.votes.map((v, i) => ({ v, id: voteIds[i]! })).filter(({ v }) => !v.open);
    await phase('closing the year’s past votes', pastVotes.length, (tick) =>
      inParallel(pastVotes, concurrency, async ({ id }) => {
        try {
          await call('closeVote', { voteId: id });
        } catch (error) {
          // The service's own sweep may have closed it first: that is the same outcome.
          if (!(error instanceof SeedError && error.errors[0]?.extensions?.reason === 'VOTE_ALREADY_CLOSED')) throw error;
        }
        tick();
      }),
    );
    await pools.deliberation.query(
      `UPDATE vote SET notice_until = closes_at + interval '1 hour' + (notice_until - closed_at), closed_at = closes_at + interval '1 hour'
        WHERE id = ANY($1) AND status = 'CLOSED'`,
      [pastVotes.map((p) => p.id)],
    );

    // Fresh statistics, as autovacuum would gather after a load this size (it may be off, as on test machines):
    // without them the planner guesses the sizes of tables that grew from nothing.
    log('analyzing the databases …');
    for (const service of SERVICES) await pools[service].query('ANALYZE');

    // Last: the credit list of the year; a later run finds it and knows this one completed.
    await call('draftCreditList', { input: { districtCode, periodStart: dayOf(365), periodEnd: dayOf(1), periodLabel: SEED_CREDIT_LIST_LABEL } });

    const seconds = (Date.now() - started) / 1000;
    log(`loaded in ${seconds.toFixed(0)} s with ${requests} requests (${Math.round(requests / seconds)}/s)`);
    return {
      alreadyLoaded: false,
      seconds,
      requests,
      counts: { ...counts, residents: files.residentRows, owners: files.ownerRows, ballots: allBallots.length, bodyMembers: appointed.bodyMembers },
    };
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await Promise.all(Object.values(pools).map((pool) => pool.end()));
  }
}

/**
 * Deliberation stamps a matter, a meeting or a vote with the time of the call. This pass moves those stamps to
 * the planned days: a matter's steps follow its raising a few days apart (never past today), its deadlines
 * keep their distance to the raising (so an old matter nobody acknowledged is overdue), a meeting is held two
 * hours after it was scheduled, a past vote opened on its day and closed two weeks later.
 */
async function backdate(pool: Pool, plan: SeedPlan, today: Date, ids: { matterIds: string[]; meetingIds: string[]; voteIds: string[] }): Promise<void> {
  const now = today.getTime();
  const matters = plan.matters.map((m, i) => {
    const raisedAt = now - m.daysAgo * DAY_MS - ((i * 7919) % 36_000) * 1000;
    const steps = m.steps.length + (m.ratings.length ? 1 : 0);
    const gapHours = Math.min(24 + (i % 6) * 24, steps ? Math.floor((now - raisedAt) / 3_600_000 / (steps + 1)) : 0);
    return { id: ids.matterIds[i]!, raisedAt: new Date(raisedAt).toISOString(), gapHours };
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE planned (id uuid PRIMARY KEY, raised_at timestamptz NOT NULL, gap interval NOT NULL) ON COMMIT DROP`);
    await client.query(
      `INSERT INTO planned (id, raised_at, gap)
       SELECT id, raised_at, make_interval(hours => gap_hours) FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS p(id, raised_at, gap_hours)`,
      [matters.map((m) => m.id), matters.map((m) => m.raisedAt), matters.map((m) => m.gapHours)],
    );
    await client.query(`
      WITH ordered AS (
        SELECT t.id, p.raised_at + (row_number() OVER (PARTITION BY t.matter_id ORDER BY t.at, t.id) - 1) * p.gap AS at
          FROM matter_transition t JOIN planned p ON p.id = t.matter_id)
      UPDATE matter_transition t SET at = o.at FROM ordered o WHERE o.id = t.id`);
    await client.query(`
      UPDATE matter_evaluation e SET at = x.at + interval '2 hours'
        FROM (SELECT matter_id, max(at) AS at FROM matter_transition WHERE to_status = 'EVALUATING' GROUP BY matter_id) x
       WHERE x.matter_id = e.matter_id AND e.matter_id IN (SELECT id FROM planned)`);
    await client.query(`
      UPDATE matter m SET
        acknowledge_by = p.raised_at + (m.acknowledge_by - m.raised_at),
        answer_by = p.raised_at + (m.answer_by - m.raised_at),
        acknowledged_at = CASE WHEN m.acknowledged_at IS NULL THEN NULL
          ELSE (SELECT min(t.at) FROM matter_transition t WHERE t.matter_id = m.id AND t.from_status IS NOT NULL) END,
        answered_at = CASE WHEN m.answered_at IS NULL THEN NULL
          ELSE (SELECT min(t.at) FROM matter_transition t WHERE t.matter_id = m.id AND t.to_status IN ('DECIDED', 'REJECTED', 'MERGED')) END,
        closed_at = CASE WHEN m.closed_at IS NULL THEN NULL
          ELSE (SELECT max(t.at) FROM matter_transition t WHERE t.matter_id = m.id) END,
        raised_at = p.raised_at
        FROM planned p WHERE p.id = m.id`);
    await client.query(`UPDATE meeting SET held_at = scheduled_at + interval '2 hours' WHERE id = ANY($1) AND held_at IS NOT NULL`, [ids.meetingIds]);
    const votes = plan.votes.map((v, i) => ({ id: ids.voteIds[i]!, openedAt: new Date(now - v.daysAgo * DAY_MS - 36_000_000).toISOString(), open: v.open }));
    await client.query(
      `UPDATE vote v SET opened_at = p.opened_at, closes_at = CASE WHEN p.open THEN v.closes_at ELSE p.opened_at + interval '14 days' END
         FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) AS p(id, opened_at, open) WHERE p.id = v.id`,
      [votes.map((v) => v.id), votes.map((v) => v.openedAt), votes.map((v) => v.open)],
    );
    await client.query(
      `UPDATE ballot b SET cast_at = v.opened_at + (least(v.closes_at, now()) - v.opened_at) * ((abs(hashtext(b.id::text)) % 997) / 997.0)
         FROM vote v WHERE v.id = b.vote_id AND v.id = ANY($1)`,
      [votes.map((v) => v.id)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
