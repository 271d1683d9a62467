import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createEnvelope,
  orgDwellingChangedV1,
  fundVoteRequestedV1,
  natsSubject,
  orgAreaCreatedV1,
  orgCompoundCreatedV1,
  orgDwellingRegisteredV1,
  orgOwnershipChangedV1,
  type NewEvent,
} from '@gongzhi/contracts-events';
import { bootSubgraph, eventually, graphqlRequest, TEST_NATS_URL, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadDeliberationConfig } from '../src';
import { deliberationModule } from '../src/schema';
import { countOwnersVote, type OwnersChoice } from '../src/modules/vote/owners-decision-rule';

const DISTRICT = '/510112/';
const STREET = '/510112/510112001/';
const COMMUNITY = '/510112/510112001/510112001001/';
const COMPOUND = `${COMMUNITY}510112001001001/`;
const OTHER_COMMUNITY = '/510112/510112001/510112001002/';

const ids = {
  district: randomUUID(),
  street: randomUUID(),
  community: randomUUID(),
  compound: randomUUID(),
  building: randomUUID(),
  unit: randomUUID(),
};
/** Four dwellings of compound 美景华庭; d3 and d4 belong to one buyer. */
const dwellings = Array.from({ length: 4 }, (_, i) => ({ id: randomUUID(), room: `${i + 1}01`, area: 9_000 + i * 1_000, owner: `owner-${i + 1}` }));
dwellings[3]!.owner = 'owner-3';

const RAISE = `mutation($input: RaiseMatterInput!) { raiseMatter(input: $input) { id status handlingLevel acknowledgeBy raisedAt channel } }`;
const MOVE = `mutation($input: MoveMatterInput!) { moveMatter(input: $input) { id status handler } }`;
const ESCALATE = `mutation($input: EscalateMatterInput!) { escalateMatter(input: $input) { id status handlingLevel } }`;
const TIMELINE = `query($compoundId: ID) { matters(compoundId: $compoundId, first: 100) { nodes { id status timeline { nodes { fromStatus toStatus fromLevel toLevel reason actorRole } } } } }`;
const OPEN_VOTE = `mutation($input: OpenVoteInput!) { openVote(input: $input) { id status electorateSize } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { id dwellingId choice channel } }`;
const CLOSE = `mutation($id: ID!) { closeVote(voteId: $id) { id status noticeUntil result {
  passed participationMet approvalMet totals { electorateArea electorateHeadcount participatingArea participatingHeadcount approvingArea approvingHeadcount }
  participation { measure value base numerator denominator comparison met } approval { measure met } choices { yes no abstain } } } }`;

interface MatterShape {
  id: string;
  status: string;
  handlingLevel: string;
  acknowledgeBy: string;
  raisedAt: string;
  channel: string;
}

describe('deliberation service', () => {
  let service: BootedSubgraph;
  let nc: NatsConnection;
  let staff: string;

  const publish = async <T>(event: NewEvent<T>, at?: Date): Promise<string> => {
    const envelope = createEnvelope(event, at);
    await jetstream(nc).publish(natsSubject(service.prefix, envelope.type), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope.id;
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await service.service.dataSource.query(sql, params)) as T[];
  const gql = <T = Record<string, unknown>>(document: string, variables: Record<string, unknown>, token?: string) => graphqlRequest<T>(service.url, document, variables, token);

  const registerDwelling = (d: (typeof dwellings)[number]) =>
    publish({
      contract: orgDwellingRegisteredV1,
      subject: d.id,
      scope: COMPOUND,
      data: { dwellingId: d.id, compoundId: ids.compound, buildingId: ids.building, unitId: ids.unit, roomNumber: d.room, exclusiveArea: d.area, areaSource: 'REGISTER', developerUnsold: false, scopePath: COMPOUND },
    });
  const recordOwner = (d: (typeof dwellings)[number]) =>
    publish({
      contract: orgOwnershipChangedV1,
      subject: d.id,
      scope: COMPOUND,
      data: {
        dwellingId: d.id,
        compoundId: ids.compound,
        exclusiveArea: d.area,
        developerUnsold: false,
        headcountKey: d.owner,
        owners: [{ ownerId: randomUUID(), identityKey: d.owner, kind: 'PERSON', isDeveloper: false, shareNumerator: 1, shareDenominator: 1 }],
        scopePath: COMPOUND,
      },
    });
  const raise = async (title: string, category = 'DOGS'): Promise<MatterShape> => {
    const result = await gql<{ raiseMatter: MatterShape }>(RAISE, { input: { compoundId: ids.compound, title, category } }, staff);
    expect(result.errors).toBeUndefined();
    return result.data!.raiseMatter;
  };
  const move = (matterId: string, to: string, extra: Record<string, unknown> = {}) => gql<{ moveMatter: { status: string } }>(MOVE, { input: { matterId, to, ...extra } }, staff);
  const openVote = async (title: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const result = await gql<{ openVote: { id: string } }>(
      OPEN_VOTE,
      { input: { compoundId: ids.compound, kind: 'OWNERS_JOINT_DECISION', title, closesAt: new Date(Date.now() + 86_400_000).toISOString(), ...extra } },
      staff,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.openVote.id;
  };
  const paperBallot = (voteId: string, dwellingId: string, choice: string) =>
    gql<{ castBallot: { id: string } }>(CAST, { input: { voteId, dwellingId, choice, channel: 'PAPER', witness: '楼长 王' } }, staff);

  beforeAll(async () => {
    service = await bootSubgraph(deliberationModule, loadDeliberationConfig, { env: { INTAKE_RATE_LIMIT: '3' } });
    nc = await connect({ servers: TEST_NATS_URL });
    staff = await tokenFor('community_staff', COMMUNITY, 'staff-1');

    const areas = [
      { areaId: ids.district, code: '510112', name: '龙泉驿区', level: 'DISTRICT' as const, parentId: null, scopePath: DISTRICT },
      { areaId: ids.street, code: '510112001', name: '龙泉街道', level: 'STREET' as const, parentId: ids.district, scopePath: STREET },
      { areaId: ids.community, code: '510112001001', name: '驿都社区', level: 'COMMUNITY' as const, parentId: ids.street, scopePath: COMMUNITY },
    ];
    for (const data of areas) await publish({ contract: orgAreaCreatedV1, subject: data.areaId, scope: data.scopePath, data });
    await publish({
      contract: orgCompoundCreatedV1,
      subject: ids.compound,
      scope: COMPOUND,
      data: { compoundId: ids.compound, code: '510112001001001', name: '美景华庭', communityId: ids.community, communityCode: '510112001001', scopePath: COMPOUND },
    });
    for (const d of dwellings.slice(0, 3)) {
      await registerDwelling(d);
      await recordOwner(d);
    }
    // The last dwelling's ownership arrives before its registration: the read model must take both.
    await recordOwner(dwellings[3]!);
    await registerDwelling(dwellings[3]!);
    await eventually(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM electorate_dwelling WHERE room_number IS NOT NULL AND headcount_key IS NOT NULL`))[0]!.n === 4, 15_000, 'the electorate read model');
    await eventually(async () => (await query(`SELECT 1 FROM org_node WHERE id = $1`, [ids.compound])).length === 1, 10_000, 'the compound mirror');
  }, 60_000);

  afterAll(async () => {
    await nc?.drain();
    await service?.stop();
  });

  describe('electorate read model', () => {
    it('keeps every dwelling with its area, room and headcount key, whatever order org’s events arrive in', async () => {
      const rows = await query<{ dwelling_id: string; room_number: string; exclusive_area: string; headcount_key: string }>(
        `SELECT dwelling_id, room_number, exclusive_area, headcount_key FROM electorate_dwelling ORDER BY room_number`,
      );
      expect(rows.map((r) => [r.room_number, Number(r.exclusive_area), r.headcount_key])).toEqual([
        ['101', 9_000, 'owner-1'],
        ['201', 10_000, 'owner-2'],
        ['301', 11_000, 'owner-3'],
        ['401', 12_000, 'owner-3'],
      ]);
    });

    it('keeps the newer facts when an older change arrives late', async () => {
      const dwellingId = randomUUID();
      const elsewhere = randomUUID();
      const state = (exclusiveArea: number, roomNumber: string) => ({
        dwellingId, compoundId: elsewhere, buildingId: ids.building, unitId: ids.unit, roomNumber, exclusiveArea, areaSource: 'SURVEY' as const, developerUnsold: false, scopePath: COMPOUND,
      });
      await publish({ contract: orgDwellingChangedV1, subject: dwellingId, scope: COMPOUND, data: state(20_000, '902') }, new Date('2026-11-02T00:00:00Z'));
      const late = await publish({ contract: orgDwellingRegisteredV1, subject: dwellingId, scope: COMPOUND, data: state(15_000, '901') }, new Date('2026-11-01T00:00:00Z'));
      await eventually(async () => (await query(`SELECT 1 FROM inbox WHERE event_id = $1`, [late])).length === 1, 10_000, 'the late registration applied');
      const [row] = await query<{ exclusive_area: string; room_number: string }>(`SELECT exclusive_area, room_number FROM electorate_dwelling WHERE dwelling_id = $1`, [dwellingId]);
      expect([Number(row!.exclusive_area), row!.room_number]).toEqual([20_000, '902']);
    });
  });

  describe('matter lifecycle', () => {
    it('walks a matter through the five steps and refuses to move a closed matter back into progress', async () => {
      const matter = await raise('小区内遛狗不牵绳');
      for (const [to, extra] of [
        ['DELIBERATING', {}],
        ['DECIDED', {}],
        ['IN_PROGRESS', { handler: '物业公司' }],
        ['EVALUATING', {}],
        ['CLOSED', {}],
      ] as const) {
        const moved = await move(matter.id, to, extra);
        expect(moved.errors).toBeUndefined();
        expect(moved.data?.moveMatter.status).toBe(to);
      }
      const illegal = await move(matter.id, 'IN_PROGRESS');
      expect(illegal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ILLEGAL_TRANSITION', field: 'input.to' });
      expect(illegal.errors?.[0]?.message).toContain('a CLOSED matter cannot move to IN_PROGRESS');
      const [row] = await query<{ status: string; steps: number }>(
        `SELECT status, (SELECT count(*)::int FROM matter_transition t WHERE t.matter_id = m.id) AS steps FROM matter m WHERE id = $1`,
        [matter.id],
      );
      expect(row).toEqual({ status: 'CLOSED', steps: 6 });
      const closed = await query(`SELECT 1 FROM outbox WHERE type = 'deliberation.matter.closed.v1' AND envelope->>'subject' = $1`, [matter.id]);
      expect(closed).toHaveLength(1);
    });

    it('refuses skipping straight from raised to in progress', async () => {
      const matter = await raise('电瓶车进电梯');
      const skipped = await move(matter.id, 'IN_PROGRESS');
      expect(skipped.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ILLEGAL_TRANSITION' });
    });

    it('records staff channels only for staff, and hotline matters only with their ticket', async () => {
      const resident = await tokenFor('resident', COMPOUND, 'owner-1');
      const asGridWorker = await gql(RAISE, { input: { compoundId: ids.compound, title: '井盖松动', category: 'FACILITIES', channel: 'GRID_WORKER' } }, resident);
      expect(asGridWorker.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      const city = await tokenFor('city_platform', DISTRICT);
      const noTicket = await gql(RAISE, { input: { compoundId: ids.compound, title: '噪音扰民', category: 'NEIGHBOUR_DISPUTE', channel: 'CITY_HOTLINE' } }, city);
      expect(noTicket.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOTLINE_TICKET_REQUIRED', field: 'input.hotlineTicket' });
      const ticketed = await gql<{ raiseMatter: MatterShape }>(
        RAISE,
        { input: { compoundId: ids.compound, title: '噪音扰民', category: 'NEIGHBOUR_DISPUTE', channel: 'CITY_HOTLINE', hotlineTicket: '12345-20261122-0001' } },
        city,
      );
      expect(ticketed.data?.raiseMatter.channel).toBe('CITY_HOTLINE');
      const selfReport = await gql(RAISE, { input: { compoundId: ids.compound, title: '机器自报', category: 'OTHER' } }, city);
      expect(selfReport.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      expect(selfReport.errors?.[0]?.message).toContain('matter:raise');
    });

    it('refuses an auditor every mutation with READ_ONLY_ROLE, those open to every role and the QR intake included', async () => {
      const auditor = await tokenFor('auditor', COMMUNITY, 'auditor-1');
      const [{ n: before }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM matter`);
      const raised = await gql(RAISE, { input: { compoundId: ids.compound, title: '审计说事', category: 'OTHER' } }, auditor);
      expect(raised.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
      const scanned = await gql(
        `mutation($input: RaiseMatterWithIntakeCodeInput!) { raiseMatterWithIntakeCode(input: $input) { id } }`,
        { input: { code: 'whatever', title: '审计扫码', category: 'OTHER' } },
        auditor,
      );
      expect(scanned.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
      const [{ n: after }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM matter`);
      expect(after).toBe(before);
      const read = await gql<{ matters: { nodes: unknown[] } }>(`query { matters { nodes { id } } }`, {}, auditor);
      expect(read.data?.matters.nodes.length).toBeGreaterThan(0);
    });

    it('escalates a matter one level with its reason on the public timeline, and refuses an escalation without one', async () => {
      const matter = await raise('高空抛物屡禁不止', 'OBJECTS_FROM_HEIGHT');
      const blank = await gql(ESCALATE, { input: { matterId: matter.id, reason: '  ' } }, staff);
      expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

      const escalated = await gql<{ escalateMatter: { status: string; handlingLevel: string } }>(
        ESCALATE,
        { input: { matterId: matter.id, reason: '需要社区协调公安安装监控' } },
        staff,
      );
      expect(escalated.data?.escalateMatter).toEqual({ id: matter.id, status: 'ESCALATED', handlingLevel: 'COMMUNITY' });

      const timeline = await gql<{ matters: { nodes: { id: string; timeline: { nodes: Record<string, unknown>[] } }[] } }>(TIMELINE, { compoundId: ids.compound }, staff);
      const steps = timeline.data!.matters.nodes.find((m) => m.id === matter.id)!.timeline.nodes;
      expect(steps).toEqual([
        { fromStatus: null, toStatus: 'RAISED', fromLevel: null, toLevel: 'COMPOUND', reason: null, actorRole: 'community_staff' },
        { fromStatus: 'RAISED', toStatus: 'ESCALATED', fromLevel: 'COMPOUND', toLevel: 'COMMUNITY', reason: '需要社区协调公安安装监控', actorRole: 'community_staff' },
      ]);
      expect(JSON.stringify(timeline.data)).not.toContain('staff-1');
      const [event] = await query<{ data: { reason: string; toLevel: string } }>(
        `SELECT envelope->'data' AS data FROM outbox WHERE type = 'deliberation.matter.escalated.v1' AND envelope->>'subject' = $1`,
        [matter.id],
      );
      expect(event?.data).toMatchObject({ reason: '需要社区协调公安安装监控', toLevel: 'COMMUNITY' });
    });

    it('starts a matter at the level and deadlines the district’s guide catalog sets for its category', async () => {
      const admin = await tokenFor('district_admin', DISTRICT);
      const set = await gql(
        `mutation($input: SetGuideEntryInput!) { setGuideEntry(input: $input) { category defaultLevel } }`,
        { input: { districtId: ids.district, category: 'PARKING', defaultLevel: 'COMMUNITY', requiredParties: ['OWNERS_COMMITTEE', 'PROPERTY_COMPANY'], acknowledgeWithinHours: 2, answerWithinDays: 3 } },
        admin,
      );
      expect(set.errors).toBeUndefined();
      const matter = await raise('消防通道被占用停车', 'PARKING');
      expect(matter.handlingLevel).toBe('COMMUNITY');
      expect(new Date(matter.acknowledgeBy).getTime() - new Date(matter.raisedAt).getTime()).toBe(2 * 3_600_000);
    });

    it('lists a matter past its acknowledgement deadline as overdue until it is taken up', async () => {
      const matter = await raise('楼道堆放杂物', 'HYGIENE');
      // The shortest catalog deadline is an hour, so the test moves this matter's deadline into the past.
      await query(`UPDATE matter SET acknowledge_by = now() - interval '1 minute' WHERE id = $1`, [matter.id]);
      const overdue = async () =>
        (await gql<{ overdueMatters: { nodes: { id: string }[] } }>(`query { overdueMatters(first: 100) { nodes { id } } }`, {}, staff)).data!.overdueMatters.nodes.map((m) => m.id);
      expect(await overdue()).toContain(matter.id);
      const outsider = await tokenFor('community_staff', OTHER_COMMUNITY);
      const theirs = await gql<{ overdueMatters: { nodes: unknown[] } }>(`query { overdueMatters { nodes { id } } }`, {}, outsider);
      expect(theirs.data?.overdueMatters.nodes).toEqual([]);
      await move(matter.id, 'DELIBERATING');
      expect(await overdue()).not.toContain(matter.id);
    });
  });

  describe('owners’ joint decisions', () => {
    it('lets exactly one of 200 concurrent ballots for the same dwelling through', async () => {
      const voteId = await openVote('更换电梯');
      const attempts = await Promise.all(Array.from({ length: 200 }, () => paperBallot(voteId, dwellings[0]!.id, 'YES')));
      const accepted = attempts.filter((a) => a.data?.castBallot);
      const refused = attempts.filter((a) => a.errors?.[0]?.extensions?.reason === 'ALREADY_VOTED');
      expect(accepted).toHaveLength(1);
      expect(refused).toHaveLength(199);
      expect(refused[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.dwellingId' });
      const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ballot WHERE vote_id = $1`, [voteId]);
      expect(n).toBe(1);
    }, 60_000);

    it('refuses a ballot from a dwelling that joined after the vote opened, saying why', async () => {
      const voteId = await openVote('增设充电桩');
      const late = { id: randomUUID(), room: '501', area: 8_000, owner: 'owner-5' };
      await registerDwelling(late);
      await recordOwner(late);
      await eventually(async () => (await query(`SELECT 1 FROM electorate_dwelling WHERE dwelling_id = $1 AND headcount_key IS NOT NULL`, [late.id])).length === 1, 10_000, 'the new dwelling');
      const result = await paperBallot(voteId, late.id, 'YES');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_IN_FROZEN_ELECTORATE', field: 'input.dwellingId' });
      expect(result.errors?.[0]?.message).toMatch(/frozen when the vote opened/);
      // A vote opened after it joined does include it.
      const later = await openVote('增设非机动车棚');
      expect((await paperBallot(later, late.id, 'YES')).errors).toBeUndefined();
    });

    it('takes an online ballot only from an owner of the dwelling', async () => {
      const voteId = await openVote('选聘物业');
      const owner = await tokenFor('resident', COMPOUND, 'owner-2');
      const neighbour = await tokenFor('resident', COMPOUND, 'owner-1');
      const byNeighbour = await gql(CAST, { input: { voteId, dwellingId: dwellings[1]!.id, choice: 'NO' } }, neighbour);
      expect(byNeighbour.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_AN_OWNER' });
      const byOwner = await gql<{ castBallot: { channel: string } }>(CAST, { input: { voteId, dwellingId: dwellings[1]!.id, choice: 'YES' } }, owner);
      expect(byOwner.data?.castBallot.channel).toBe('ONLINE');
    });

    it('refuses a ballot with the first rule it breaks, naming the field, and writes nothing', async () => {
      const voteId = await openVote('加装门禁');
      const outsider = await tokenFor('community_staff', OTHER_COMMUNITY);
      const resident = await tokenFor('resident', COMPOUND, 'owner-1');
      const dwellingId = dwellings[0]!.id;
      const paper = { voteId, dwellingId, choice: 'YES', channel: 'PAPER', witness: '楼长 王' };
      const refusals: [Record<string, unknown>, string | undefined, Record<string, unknown>][] = [
        [{ ...paper, voteId: randomUUID() }, staff, { code: 'NOT_FOUND', reason: 'UNKNOWN_VOTE', field: 'input.voteId' }],
        [paper, outsider, { code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' }],
        [{ ...paper, choice: undefined, optionIndexes: [0] }, staff, { code: 'BAD_USER_INPUT', reason: 'CHOICE_REQUIRED', field: 'input.choice' }],
        [{ ...paper, optionIndexes: [] }, staff, { code: 'BAD_USER_INPUT', reason: 'CHOICE_REQUIRED', field: 'input.choice' }],
        [{ ...paper, dwellingId: undefined, memberResidentId: randomUUID() }, staff, { code: 'BAD_USER_INPUT', reason: 'DWELLING_REQUIRED', field: 'input.dwellingId' }],
        [{ ...paper, dwellingId: randomUUID() }, staff, { code: 'BAD_USER_INPUT', reason: 'NOT_IN_FROZEN_ELECTORATE', field: 'input.dwellingId' }],
        [paper, resident, { code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' }],
        [{ ...paper, witness: '  ' }, staff, { code: 'BAD_USER_INPUT', reason: 'WITNESS_REQUIRED', field: 'input.witness' }],
        [{ ...paper, channel: 'PROXY', witness: undefined }, staff, { code: 'BAD_USER_INPUT', reason: 'PROXY_HOLDER_REQUIRED', field: 'input.proxyHolder' }],
        [{ ...paper, channel: 'ONLINE', witness: undefined }, staff, { code: 'FORBIDDEN', reason: 'NOT_AN_OWNER' }],
      ];
      for (const [input, token, expected] of refusals) {
        const result = await gql(CAST, { input }, token);
        expect({ input, extensions: result.errors?.[0]?.extensions }).toEqual({ input, extensions: expect.objectContaining(expected) });
      }
      expect(await query(`SELECT id FROM ballot WHERE vote_id = $1`, [voteId])).toEqual([]);
      const proxy = await gql<{ castBallot: { dwellingId: string; choice: string; channel: string } }>(CAST, { input: { ...paper, channel: 'PROXY', witness: undefined, proxyHolder: ' 业主 张 ' } }, staff);
      expect(proxy.data?.castBallot).toMatchObject({ dwellingId, choice: 'YES', channel: 'PROXY' });
      expect(await query(`SELECT channel, cast_by, witness, proxy_holder FROM ballot WHERE vote_id = $1`, [voteId])).toEqual([
        { channel: 'PROXY', cast_by: 'staff-1', witness: null, proxy_holder: '业主 张' },
      ]);
    });

    it('takes a poll’s ballots by position, exactly one or several as the poll allows', async () => {
      const POLL_CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { id choice optionIndexes } }`;
      const single = await openVote('选择外墙颜色', { kind: 'POLL', ballotMode: 'SINGLE_CHOICE', options: ['米白', '浅灰', '赭石'] });
      const cast = (voteId: string, dwellingId: string, input: Record<string, unknown>) =>
        gql<{ castBallot: { choice: string | null; optionIndexes: number[] } }>(POLL_CAST, { input: { voteId, dwellingId, channel: 'PAPER', witness: '楼长 王', ...input } }, staff);
      for (const input of [{ optionIndexes: [0, 1] }, { optionIndexes: [3] }, { optionIndexes: [] }, { choice: 'YES' }, { choice: 'YES', optionIndexes: [1] }]) {
        const refused = await cast(single, dwellings[0]!.id, input);
        expect({ input, extensions: refused.errors?.[0]?.extensions }).toEqual({
          input,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_OPTIONS', field: 'input.optionIndexes' }),
        });
        expect(refused.errors?.[0]?.message).toMatch(/exactly one of the positions 0 to 2/);
      }
      expect((await cast(single, dwellings[0]!.id, { optionIndexes: [2] })).data?.castBallot).toEqual({ id: expect.any(String), choice: null, optionIndexes: [2] });

      const multiple = await openVote('选择健身器材', { kind: 'POLL', ballotMode: 'MULTIPLE_CHOICE', options: ['单杠', '太空漫步机', '乒乓球台'] });
      expect((await cast(multiple, dwellings[0]!.id, { optionIndexes: [2, 0, 2] })).data?.castBallot.optionIndexes).toEqual([0, 2]);
      expect((await cast(multiple, dwellings[1]!.id, { optionIndexes: [2] })).data?.castBallot.optionIndexes).toEqual([2]);
      expect((await cast(multiple, dwellings[2]!.id, { optionIndexes: [-1, 1] })).errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_OPTIONS' });
      const [stored] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ballot WHERE vote_id = $1`, [multiple]);
      expect(stored!.n).toBe(2);
    });

    it('closes, tallies by art. 278 and explains the result, counting the buyer of two dwellings once', async () => {
      const voteId = await openVote('使用维修资金维修屋面', { decisionClass: 'ORDINARY' });
      const early = await gql(CLOSE, { id: voteId }, staff);
      expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VOTE_STILL_RUNNING' });
      // The late dwelling of the previous test is in this electorate too: five dwellings, four owners.
      await paperBallot(voteId, dwellings[0]!.id, 'YES');
      await paperBallot(voteId, dwellings[2]!.id, 'YES');
      await paperBallot(voteId, dwellings[3]!.id, 'YES');
      const [{ id: lateId }] = await query<{ id: string }>(`SELECT dwelling_id AS id FROM vote_elector WHERE vote_id = $1 AND room_number = '501'`, [voteId]);
      await paperBallot(voteId, lateId, 'NO');
      await paperBallot(voteId, dwellings[1]!.id, 'YES');
      const closed = await gql<{ closeVote: { status: string; result: Record<string, unknown> } }>(CLOSE, { id: voteId }, staff);
      expect(closed.errors).toBeUndefined();
      expect(closed.data?.closeVote.status).toBe('CLOSED');
      expect(closed.data?.closeVote.result).toEqual({
        passed: true,
        participationMet: true,
        approvalMet: true,
        totals: { electorateArea: 50_000, electorateHeadcount: 4, participatingArea: 50_000, participatingHeadcount: 4, approvingArea: 42_000, approvingHeadcount: 3 },
        participation: [
          { measure: 'PARTICIPATING_AREA', value: 50_000, base: 50_000, numerator: 2, denominator: 3, comparison: 'AT_LEAST', met: true },
          { measure: 'PARTICIPATING_HEADCOUNT', value: 4, base: 4, numerator: 2, denominator: 3, comparison: 'AT_LEAST', met: true },
        ],
        approval: [
          { measure: 'APPROVING_AREA', met: true },
          { measure: 'APPROVING_HEADCOUNT', met: true },
        ],
        choices: { yes: 4, no: 1, abstain: 0 },
      });
      // The SQL aggregate counts exactly as the engine's dwelling-level definition does.
      const electors = await query<{ dwelling_id: string; exclusive_area: string; headcount_key: string }>(`SELECT dwelling_id, exclusive_area, headcount_key FROM vote_elector WHERE vote_id = $1`, [voteId]);
      const ballots = await query<{ dwelling_id: string; choice: OwnersChoice }>(`SELECT dwelling_id, choice FROM ballot WHERE vote_id = $1`, [voteId]);
      const reference = countOwnersVote(
        electors.map((e) => ({ dwellingId: e.dwelling_id, exclusiveArea: Number(e.exclusive_area), headcountKey: e.headcount_key })),
        new Map(ballots.map((b) => [b.dwelling_id, b.choice])),
      );
      expect(closed.data?.closeVote.result.totals).toEqual(reference);
      const [event] = await query<{ data: { passed: boolean; totals: { approvingHeadcount: number } } }>(
        `SELECT envelope->'data' AS data FROM outbox WHERE type = 'deliberation.vote.closed.v1' AND envelope->>'subject' = $1`,
        [voteId],
      );
      expect(event?.data).toMatchObject({ passed: true, totals: { approvingHeadcount: 3 } });
      const again = await paperBallot(voteId, dwellings[0]!.id, 'NO');
      expect(again.errors?.[0]?.extensions).toMatchObject({ reason: 'VOTE_NOT_OPEN' });
    });

    it('opens an owners’ vote for a fund’s request and answers it when the vote closes', async () => {
      const requestId = randomUUID();
      const fundId = randomUUID();
      await publish({
        contract: fundVoteRequestedV1,
        subject: requestId,
        scope: COMPOUND,
        data: { requestId, fundId, compoundId: ids.compound, title: '屋面防水维修', amountFen: 12_345_600, decisionClass: 'SPECIAL', openForDays: 14 },
      });
      const [vote] = await eventually(async () => {
        const rows = await query<{ id: string; kind: string; decision_class: string }>(`SELECT id, kind, decision_class FROM vote WHERE fund_request_id = $1`, [requestId]);
        return rows.length ? rows : null;
      }, 10_000, 'the vote the fund asked for');
      expect(vote).toMatchObject({ kind: 'OWNERS_JOINT_DECISION', decision_class: 'SPECIAL' });
      const electors = await query<{ dwelling_id: string }>(`SELECT dwelling_id FROM vote_elector WHERE vote_id = $1`, [vote!.id]);
      for (const { dwelling_id } of electors) await paperBallot(vote!.id, dwelling_id, 'YES');
      expect((await gql(CLOSE, { id: vote!.id }, staff)).errors).toBeUndefined();
      const [answer] = await query<{ data: { subject: unknown; passed: boolean } }>(
        `SELECT envelope->'data' AS data FROM outbox WHERE type = 'deliberation.vote.closed.v1' AND envelope->>'subject' = $1`,
        [vote!.id],
      );
      expect(answer?.data).toMatchObject({ subject: { type: 'FUND_EXPENDITURE', fundId, requestId }, passed: true });
      await eventually(async () => (await query(`SELECT 1 FROM outbox WHERE envelope->>'subject' = $1 AND published_at IS NULL`, [vote!.id])).length === 0, 10_000, 'the relay to publish the answer');
    });

    it('keeps the roll-call of a secret vote to itself', async () => {
      const voteId = await openVote('秘密表决', { secrecy: 'SECRET' });
      const result = await gql(`query($id: ID!) { vote(id: $id) { ballotsCast ballots { nodes { choice } } } }`, { id: voteId }, staff);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SECRET_BALLOT' });
    });
  });

  describe('meetings and evaluation', () => {
    const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id level agenda { id } } }`;
    const RECORD = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id heldAt attendance { party attendees } } }`;

    it('refuses a five-party joint meeting that leaves a party out', async () => {
      const result = await gql(
        SCHEDULE,
        { input: { nodeId: ids.community, kind: 'FIVE_PARTY_JOINT', title: '五方联动会', scheduledAt: new Date().toISOString(), invitedParties: ['COMMUNITY', 'OWNERS_COMMITTEE'] } },
        staff,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIVE_PARTIES_REQUIRED', field: 'input.invitedParties' });
    });

    it('records a meeting whose decisions move its agenda on, all or nothing', async () => {
      const first = await raise('小区停车位不足', 'PARKING');
      const second = await raise('垃圾分类点异味', 'HYGIENE');
      const scheduled = await gql<{ scheduleMeeting: { id: string; level: string; agenda: { id: string }[] } }>(
        SCHEDULE,
        {
          input: {
            nodeId: ids.compound,
            kind: 'MONTHLY_DELIBERATION',
            title: '三月说事议事会',
            scheduledAt: new Date().toISOString(),
            invitedParties: ['OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'RESIDENT_REPRESENTATIVES'],
            agendaMatterIds: [first.id, second.id],
          },
        },
        staff,
      );
      expect(scheduled.errors).toBeUndefined();
      const meeting = scheduled.data!.scheduleMeeting;
      expect(meeting.level).toBe('COMPOUND');
      expect(meeting.agenda.map((m) => m.id).sort()).toEqual([first.id, second.id].sort());

      // One decision is illegal (raised → in progress): nothing of the record may stay.
      const refused = await gql(
        RECORD,
        { input: { meetingId: meeting.id, minutes: '议定事项……', attendance: [{ party: 'OWNERS_COMMITTEE', attendees: 5 }], decisions: [{ matterId: first.id, to: 'DELIBERATING' }, { matterId: second.id, to: 'IN_PROGRESS' }] } },
        staff,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'ILLEGAL_TRANSITION', field: 'input.decisions.1.to' });
      const [untouched] = await query<{ status: string }>(`SELECT status FROM matter WHERE id = $1`, [first.id]);
      expect(untouched!.status).toBe('RAISED');

      const recorded = await gql<{ recordMeeting: { heldAt: string; attendance: unknown[] } }>(
        RECORD,
        { input: { meetingId: meeting.id, minutes: '议定事项……', attendance: [{ party: 'OWNERS_COMMITTEE', attendees: 5 }], decisions: [{ matterId: first.id, to: 'DELIBERATING' }, { matterId: second.id, to: 'REJECTED', reason: '属市政管辖，已转交' }] } },
        staff,
      );
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data?.recordMeeting.attendance).toEqual([{ party: 'OWNERS_COMMITTEE', attendees: 5 }]);
      const steps = await query<{ to_status: string; meeting_id: string }>(`SELECT to_status, meeting_id FROM matter_transition WHERE matter_id = ANY($1) AND meeting_id IS NOT NULL ORDER BY to_status`, [[first.id, second.id]]);
      expect(steps).toEqual([
        { to_status: 'DELIBERATING', meeting_id: meeting.id },
        { to_status: 'REJECTED', meeting_id: meeting.id },
      ]);
    });

    it('takes one rating per resident while a matter is evaluated and averages them by handler', async () => {
      const matter = await raise('单元门禁损坏', 'FACILITIES');
      for (const [to, extra] of [['DELIBERATING', {}], ['DECIDED', {}], ['IN_PROGRESS', { handler: '锦华物业' }]] as const) await move(matter.id, to, extra);
      const EVALUATE = `mutation($input: EvaluateMatterInput!) { evaluateMatter(input: $input) { ratings meanRatingHundredths } }`;
      const resident = (sub: string) => tokenFor('resident', COMPOUND, sub);
      const tooEarly = await gql(EVALUATE, { input: { matterId: matter.id, rating: 5 } }, await resident('r1'));
      expect(tooEarly.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_BEING_EVALUATED' });
      await move(matter.id, 'EVALUATING');
      await gql(EVALUATE, { input: { matterId: matter.id, rating: 5, comment: '修得很快' } }, await resident('r1'));
      const second = await gql<{ evaluateMatter: { ratings: number; meanRatingHundredths: number } }>(EVALUATE, { input: { matterId: matter.id, rating: 4 } }, await resident('r2'));
      expect(second.data?.evaluateMatter).toEqual({ ratings: 2, meanRatingHundredths: 450 });
      const twice = await gql(EVALUATE, { input: { matterId: matter.id, rating: 1 } }, await resident('r2'));
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EVALUATED' });
      const outOfRange = await gql(EVALUATE, { input: { matterId: matter.id, rating: 6 } }, await resident('r3'));
      expect(outOfRange.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating' });
      // The company that carried the matter out does not rate it (its ratings become evidence about it), nor do staff.
      for (const role of ['property_staff', 'community_staff', 'city_platform'] as const) {
        const rater = await gql(EVALUATE, { input: { matterId: matter.id, rating: 5 } }, await tokenFor(role, COMPOUND, `rater-${role}`));
        expect({ role, ...rater.errors?.[0]?.extensions }).toMatchObject({ role, code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      }

      const averages = await gql<{ evaluationAverages: { nodes: unknown[] } }>(`query { evaluationAverages(groupBy: HANDLER) { nodes { key ratings meanRatingHundredths } } }`, {}, staff);
      expect(averages.data?.evaluationAverages.nodes).toEqual([{ key: '锦华物业', ratings: 2, meanRatingHundredths: 450 }]);

      await move(matter.id, 'CLOSED');
      const [evaluated] = await query<{ data: { ratings: number; meanRatingHundredths: number } }>(
        `SELECT envelope->'data' AS data FROM outbox WHERE type = 'deliberation.matter.evaluated.v1' AND envelope->>'subject' = $1`,
        [matter.id],
      );
      expect(evaluated?.data).toMatchObject({ ratings: 2, meanRatingHundredths: 450 });
    });
  });

  describe('conventions', () => {
    it('adopts a management statute by an owners’ vote and keeps the earlier text as superseded', async () => {
      const drafted = await gql<{ draftConvention: { id: string } }>(
        `mutation($input: DraftConventionInput!) { draftConvention(input: $input) { id } }`,
        { input: { compoundId: ids.compound, kind: 'MANAGEMENT_STATUTE', title: '美景华庭管理规约', body: '第一条 ……' } },
        staff,
      );
      const conventionId = drafted.data!.draftConvention.id;
      const versions = async () =>
        (
          await gql<{ conventions: { nodes: { id: string; inForce: { version: number } | null; versions: { nodes: { id: string; version: number; status: string }[] } }[] } }>(
            `query($c: ID) { conventions(compoundId: $c) { nodes { id inForce { version } versions { nodes { id version status } } } } }`,
            { c: ids.compound },
            staff,
          )
        ).data!.conventions.nodes.find((c) => c.id === conventionId)!;
      const adopt = async (versionId: string) => {
        const put = await gql<{ putConventionToVote: { id: string } }>(
          `mutation($input: PutConventionToVoteInput!) { putConventionToVote(input: $input) { id kind } }`,
          { input: { versionId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } },
          staff,
        );
        expect(put.errors).toBeUndefined();
        const voteId = put.data!.putConventionToVote.id;
        const electors = await query<{ dwelling_id: string }>(`SELECT dwelling_id FROM vote_elector WHERE vote_id = $1`, [voteId]);
        for (const { dwelling_id } of electors) await paperBallot(voteId, dwelling_id, 'YES');
        expect((await gql(CLOSE, { id: voteId }, staff)).errors).toBeUndefined();
      };
      await adopt((await versions()).versions.nodes[0]!.id);
      const revised = await gql<{ reviseConvention: { id: string } }>(
        `mutation($input: ReviseConventionInput!) { reviseConvention(input: $input) { id } }`,
        { input: { conventionId, body: '第一条（修订）……' } },
        staff,
      );
      await adopt(revised.data!.reviseConvention.id);
      const after = await versions();
      expect(after.inForce).toEqual({ version: 2 });
      expect(after.versions.nodes.map((v) => [v.version, v.status])).toEqual([
        [1, 'SUPERSEDED'],
        [2, 'ADOPTED'],
      ]);
    });
  });

  describe('QR intake (码上办)', () => {
    const ISSUE = `mutation($id: ID!) { issueIntakeCode(compoundId: $id) { code intakeUrl qrSvg qrPng intakeCode { id } } }`;
    const RAISE_WITH_CODE = `mutation($input: RaiseMatterWithIntakeCodeInput!) { raiseMatterWithIntakeCode(input: $input) { id channel status compound { id } } }`;

    it('raises matters without a login into the code’s compound only, limits a flood, and stops when revoked', async () => {
      const issued = await gql<{ issueIntakeCode: { code: string; intakeUrl: string; qrSvg: string; qrPng: string; intakeCode: { id: string } } }>(ISSUE, { id: ids.compound }, staff);
      expect(issued.errors).toBeUndefined();
      const { code, intakeUrl, qrSvg, intakeCode } = issued.data!.issueIntakeCode;
      expect(qrSvg).toMatch(/^<svg/);
      const png = Buffer.from(issued.data!.issueIntakeCode.qrPng.replace(/^data:image\/png;base64,/, ''), 'base64');
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      // The same code as the SVG: square, as many modules wide as its viewBox (margin included), eight pixels each.
      const modules = Number(/viewBox="0 0 (\d+) \1"/.exec(qrSvg)![1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([modules * 8, modules * 8]);
      expect(new URL(intakeUrl).searchParams.get('code')).toBe(code);

      const raised = await gql<{ raiseMatterWithIntakeCode: { channel: string; compound: { id: string } } }>(RAISE_WITH_CODE, { input: { code, title: '路灯坏了', category: 'FACILITIES' } });
      expect(raised.data?.raiseMatterWithIntakeCode).toMatchObject({ channel: 'INTAKE_CODE', status: 'RAISED', compound: { id: ids.compound } });

      const forged = await gql(RAISE_WITH_CODE, { input: { code: `${code.slice(0, -2)}xx`, title: '伪造', category: 'OTHER' } });
      expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INTAKE_CODE', field: 'input.code' });

      await gql(RAISE_WITH_CODE, { input: { code, title: '第二件', category: 'OTHER' } });
      await gql(RAISE_WITH_CODE, { input: { code, title: '第三件', category: 'OTHER' } });
      const flooded = await gql(RAISE_WITH_CODE, { input: { code, title: '第四件', category: 'OTHER' } });
      expect(flooded.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RATE_LIMITED' });
      const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM matter WHERE intake_code_id = $1`, [intakeCode.id]);
      expect(n).toBe(3);

      await gql(`mutation($id: ID!) { revokeIntakeCode(id: $id) { revokedAt } }`, { id: intakeCode.id }, staff);
      const revoked = await gql(RAISE_WITH_CODE, { input: { code, title: '撤销后', category: 'OTHER' } });
      expect(revoked.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INTAKE_CODE_REVOKED' });
    });
  });

  it('shows nothing of the compound to staff of another community', async () => {
    const outsider = await tokenFor('community_staff', OTHER_COMMUNITY);
    const matters = await gql<{ matters: { nodes: unknown[] } }>(`query { matters { nodes { id } } }`, {}, outsider);
    expect(matters.data?.matters.nodes).toEqual([]);
    const raised = await gql(RAISE, { input: { compoundId: ids.compound, title: '越权', category: 'OTHER' } }, outsider);
    expect(raised.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
  });
});
