import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createEnvelope,
  fundVoteRequestedV1,
  natsSubject,
  orgAreaCreatedV1,
  orgBodyMemberAppointedV1,
  orgBodyMemberRemovedV1,
  orgCompoundCreatedV1,
  type NewEvent,
} from '@gongzhi/contracts-events';
import { createLogger } from '@gongzhi/platform-service';
import { bootSubgraph, eventually, graphqlRequest, TEST_NATS_URL, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { loadDeliberationConfig } from '../src';
import { DueVoteCloser } from '../src/modules/vote/due-vote-closer';
import { deliberationModule } from '../src/schema';

const COMMUNITY = '/510112/510112001/510112001001/';
const COMPOUND = `${COMMUNITY}510112001001001/`;
const OTHER_COMPOUND = `${COMMUNITY}510112001001002/`;
const ids = { district: randomUUID(), street: randomUUID(), community: randomUUID(), compound: randomUUID() };

const OPEN_VOTE = `mutation($input: OpenVoteInput!) { openVote(input: $input) { id status electorateSize bodyId bodyKind } }`;
const CAST = `mutation($input: CastBallotInput!) { castBallot(input: $input) { id dwellingId memberResidentId choice } }`;
const CLOSE = `mutation($id: ID!) { closeVote(voteId: $id) { id status result { passed approvalMet totals { electorateHeadcount participatingHeadcount approvingHeadcount } choices { yes no abstain } } } }`;
const ROLL_CALL = `query($id: ID!) { vote(id: $id) { ballots { nodes { dwellingId memberResidentId choice } } } }`;

describe('votes over time and votes of a body', () => {
  let service: BootedSubgraph;
  let nc: NatsConnection;
  let staff: string;

  const publish = async <T>(event: NewEvent<T>, at?: Date): Promise<void> => {
    const envelope = createEnvelope(event, at);
    await jetstream(nc).publish(natsSubject(service.prefix, envelope.type), JSON.stringify(envelope), { msgID: envelope.id });
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await service.service.dataSource.query(sql, params)) as T[];
  const gql = <T = Record<string, unknown>>(document: string, variables: Record<string, unknown>, token = staff) => graphqlRequest<T>(service.url, document, variables, token);
  const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    service = await bootSubgraph(deliberationModule, loadDeliberationConfig, { env: { VOTE_CLOSE_SWEEP_SECONDS: '1' } });
    nc = await connect({ servers: TEST_NATS_URL });
    staff = await tokenFor('community_staff', COMMUNITY, 'staff-1');
    const areas = [
      { areaId: ids.district, code: '510112', name: '龙泉驿区', level: 'DISTRICT' as const, parentId: null, scopePath: '/510112/' },
      { areaId: ids.street, code: '510112001', name: '龙泉街道', level: 'STREET' as const, parentId: ids.district, scopePath: '/510112/510112001/' },
      { areaId: ids.community, code: '510112001001', name: '驿都社区', level: 'COMMUNITY' as const, parentId: ids.street, scopePath: COMMUNITY },
    ];
    for (const data of areas) await publish({ contract: orgAreaCreatedV1, subject: data.areaId, scope: data.scopePath, data });
    await publish({
      contract: orgCompoundCreatedV1,
      subject: ids.compound,
      scope: COMPOUND,
      data: { compoundId: ids.compound, code: '510112001001001', name: '美景华庭', communityId: ids.community, communityCode: '510112001001', scopePath: COMPOUND },
    });
    await eventually(async () => (await query(`SELECT 1 FROM org_node WHERE id = $1`, [ids.compound])).length === 1, 10_000, 'the compound mirror');
  }, 60_000);

  afterAll(async () => {
    await nc?.drain();
    await service?.stop();
  });

  describe('votes that close themselves', () => {
    it('closes a fund’s vote when its end time passes, without staff, and answers the fund', async () => {
      const requestId = randomUUID();
      const fundId = randomUUID();
      // Requested a day ago for one day, less five seconds: the vote ends five seconds from now.
      await publish(
        {
          contract: fundVoteRequestedV1,
          subject: requestId,
          scope: COMPOUND,
          data: { requestId, fundId, compoundId: ids.compound, title: '电梯维修', amountFen: 8_800_000, decisionClass: 'ORDINARY', openForDays: 1 },
        },
        new Date(Date.now() - 86_400_000 + 5_000),
      );
      const [vote] = await eventually(async () => {
        const rows = await query<{ id: string; status: string }>(`SELECT id, status FROM vote WHERE fund_request_id = $1`, [requestId]);
        return rows.length ? rows : null;
      }, 10_000, 'the vote the fund asked for');
      expect(vote!.status).toBe('OPEN');
      const [closed] = await eventually(async () => {
        const rows = await query<{ status: string; passed: boolean }>(`SELECT status, (result->>'passed')::boolean AS passed FROM vote WHERE id = $1 AND status = 'CLOSED'`, [vote!.id]);
        return rows.length ? rows : null;
      }, 15_000, 'the vote to close itself');
      // Nobody voted, so the owners did not take part and the expenditure is not approved.
      expect(closed).toEqual({ status: 'CLOSED', passed: false });
      const answers = await query<{ data: { subject: unknown; passed: boolean } }>(
        `SELECT envelope->'data' AS data FROM outbox WHERE type = 'deliberation.vote.closed.v1' AND envelope->>'subject' = $1`,
        [vote!.id],
      );
      expect(answers).toHaveLength(1);
      expect(answers[0]!.data).toMatchObject({ subject: { type: 'FUND_EXPENDITURE', fundId, requestId }, passed: false });
      const late = await gql(CLOSE, { id: vote!.id });
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VOTE_ALREADY_CLOSED' });
    }, 30_000);

    it('closes each due vote exactly once while several instances sweep at the same time', async () => {
      const due = Array.from({ length: 20 }, () => randomUUID());
      await query(
        `INSERT INTO vote (id, compound_id, scope_path, kind, decision_class, subject, title, ballot_mode, secrecy, status, opened_by, opened_at, closes_at)
         SELECT id, $2, $3, 'POLL', 'ORDINARY', '{"type":"GENERAL"}', '到期表决', 'YES_NO_ABSTAIN', 'SECRET', 'OPEN', 'test', now() - interval '2 hours', now() - interval '1 hour'
           FROM unnest($1::uuid[]) AS id`,
        [due, ids.compound, COMPOUND],
      );
      const silent = createLogger('deliberation', 'silent');
      const instances = Array.from({ length: 3 }, () => new DueVoteCloser(service.service.dataSource, 60_000, silent));
      await Promise.all(instances.map((instance) => instance.closeDue()));
      const [row] = await query<{ open: number; events: number; distinct_votes: number }>(
        `SELECT (SELECT count(*) FROM vote WHERE id = ANY ($1) AND status = 'OPEN')::int AS open,
                count(*)::int AS events, count(DISTINCT envelope->>'subject')::int AS distinct_votes
           FROM outbox WHERE type = 'deliberation.vote.closed.v1' AND (envelope->>'subject')::uuid = ANY ($1)`,
        [due],
      );
      expect(row).toEqual({ open: 0, events: 20, distinct_votes: 20 });
    });

    it('leaves a vote whose end time has not come open', async () => {
      const opened = await gql<{ openVote: { id: string } }>(OPEN_VOTE, {
        input: { compoundId: ids.compound, kind: 'POLL', title: '下月活动', closesAt: inADay() },
      });
      expect(opened.errors).toBeUndefined();
      await new DueVoteCloser(service.service.dataSource, 60_000, createLogger('deliberation', 'silent')).closeDue();
      expect(await query(`SELECT status FROM vote WHERE id = $1`, [opened.data!.openVote.id])).toEqual([{ status: 'OPEN' }]);
    });
  });

  describe('votes of a self-governance body', () => {
    const bodyId = randomUUID();
    const residents = { chair: randomUUID(), vice: randomUUID(), member: randomUUID(), former: randomUUID(), late: randomUUID() };
    const appointment = (residentId: string, post: string, memberId = randomUUID()) => ({
      bodyId,
      bodyKind: 'OWNERS_COMMITTEE' as const,
      memberId,
      residentId,
      post,
      isPartyMember: false,
      compoundId: ids.compound,
      scopePath: COMPOUND,
    });
    const appoint = (data: ReturnType<typeof appointment>, at?: Date) => publish({ contract: orgBodyMemberAppointedV1, subject: data.memberId, scope: COMPOUND, data }, at);
    let voteId: string;

    beforeAll(async () => {
      await appoint(appointment(residents.chair, '主任'));
      await appoint(appointment(residents.chair, '党支部联络人'));
      await appoint(appointment(residents.vice, '副主任'));
      await appoint(appointment(residents.member, '委员'));
      // The former member's removal reaches us before the appointment it ends: they must stay removed.
      const former = appointment(residents.former, '委员');
      await publish({ contract: orgBodyMemberRemovedV1, subject: former.memberId, scope: COMPOUND, data: former }, new Date(Date.now() + 1_000));
      await appoint(former, new Date(Date.now() - 60_000));
      await eventually(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM body_member WHERE body_id = $1`, [bodyId]))[0]!.n === 5, 15_000, 'the body members');
    });

    it('freezes the body’s serving members as the electorate, one elector per resident', async () => {
      const opened = await gql<{ openVote: { id: string; electorateSize: number; bodyId: string; bodyKind: string } }>(OPEN_VOTE, {
        input: { compoundId: ids.compound, kind: 'COMMITTEE_VOTE', bodyId, title: '续聘物业服务企业', secrecy: 'ROLL_CALL', closesAt: inADay() },
      });
      expect(opened.errors).toBeUndefined();
      expect(opened.data!.openVote).toMatchObject({ electorateSize: 3, bodyId, bodyKind: 'OWNERS_COMMITTEE' });
      voteId = opened.data!.openVote.id;
    });

    it('refuses a body for an owners’ joint decision, and a body nobody serves in', async () => {
      const owners = await gql(OPEN_VOTE, { input: { compoundId: ids.compound, kind: 'OWNERS_JOINT_DECISION', bodyId, title: '业主大会', closesAt: inADay() } });
      expect(owners.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.bodyId', reason: 'BODY_VOTES_ARE_ASSEMBLIES_OR_COMMITTEES' });
      const empty = await gql(OPEN_VOTE, { input: { compoundId: ids.compound, kind: 'COMMITTEE_VOTE', bodyId: randomUUID(), title: '空', closesAt: inADay() } });
      expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.bodyId', reason: 'NO_BODY_MEMBERS' });
    });

    it('takes one ballot per member, refuses members appointed later and removed ones, and tallies by members', async () => {
      await appoint(appointment(residents.late, '委员'));
      await eventually(async () => (await query(`SELECT 1 FROM body_member WHERE resident_id = $1`, [residents.late])).length === 1, 10_000, 'the late appointment');
      const paper = (memberResidentId: string, choice: string) => gql<{ castBallot: { memberResidentId: string; dwellingId: string | null } }>(CAST, { input: { voteId, memberResidentId, choice, channel: 'PAPER', witness: '社区 李' } });

      const first = await paper(residents.chair, 'YES');
      expect(first.errors).toBeUndefined();
      expect(first.data!.castBallot).toMatchObject({ memberResidentId: residents.chair, dwellingId: null });
      expect((await paper(residents.chair, 'NO')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_VOTED', field: 'input.memberResidentId' });
      for (const late of [residents.late, residents.former]) {
        const refused = await paper(late, 'YES');
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_IN_FROZEN_ELECTORATE', field: 'input.memberResidentId' });
        expect(refused.errors?.[0]?.message).toMatch(/frozen when the vote opened/);
      }
      const byDwelling = await gql(CAST, { input: { voteId, dwellingId: randomUUID(), choice: 'YES', channel: 'PAPER', witness: '社区 李' } });
      expect(byDwelling.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MEMBER_REQUIRED' });
      const online = await gql(CAST, { input: { voteId, memberResidentId: residents.vice, choice: 'YES', channel: 'ONLINE' } }, await tokenFor('resident', COMPOUND, residents.vice));
      expect(online.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.channel', reason: 'MEMBER_BALLOTS_ENTERED_BY_STAFF' });

      expect((await paper(residents.vice, 'YES')).errors).toBeUndefined();
      expect((await paper(residents.member, 'NO')).errors).toBeUndefined();
      const closed = await gql<{ closeVote: { result: unknown } }>(CLOSE, { id: voteId });
      expect(closed.errors).toBeUndefined();
      expect(closed.data!.closeVote.result).toEqual({
        passed: true,
        approvalMet: true,
        totals: { electorateHeadcount: 3, participatingHeadcount: 3, approvingHeadcount: 2 },
        choices: { yes: 2, no: 1, abstain: 0 },
      });
      const rollCall = await gql<{ vote: { ballots: { nodes: { memberResidentId: string; choice: string }[] } } }>(ROLL_CALL, { id: voteId });
      expect(rollCall.data!.vote.ballots.nodes.map((b) => [b.memberResidentId, b.choice]).sort()).toEqual(
        [
          [residents.chair, 'YES'],
          [residents.vice, 'YES'],
          [residents.member, 'NO'],
        ].sort(),
      );
      const [event] = await query<{ data: { bodyId: string; passed: boolean } }>(`SELECT envelope->'data' AS data FROM outbox WHERE type = 'deliberation.vote.closed.v1' AND envelope->>'subject' = $1`, [voteId]);
      expect(event!.data).toMatchObject({ bodyId, passed: true });
    });

    it('refuses a body of another compound', async () => {
      const elsewhere = randomUUID();
      await publish({
        contract: orgBodyMemberAppointedV1,
        subject: elsewhere,
        scope: OTHER_COMPOUND,
        data: { ...appointment(randomUUID(), '组长', elsewhere), bodyId: elsewhere, bodyKind: 'SELF_MANAGEMENT_GROUP', compoundId: randomUUID(), scopePath: OTHER_COMPOUND },
      });
      await eventually(async () => (await query(`SELECT 1 FROM body_member WHERE body_id = $1`, [elsewhere])).length === 1, 10_000, 'the other body');
      const refused = await gql(OPEN_VOTE, { input: { compoundId: ids.compound, kind: 'COMMITTEE_VOTE', bodyId: elsewhere, title: '越界', closesAt: inADay() } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.bodyId', reason: 'BODY_OUTSIDE_COMPOUND' });
    });
  });
});
