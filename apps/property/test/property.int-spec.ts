import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createEnvelope,
  deliberationMatterEvaluatedV1,
  deliberationVoteClosedV1,
  envelopeSchema,
  natsSubject,
  orgAreaCreatedV1,
  orgCompoundCreatedV1,
  propertyStaffMemberEndedV1,
  propertyStaffMemberRegisteredV1,
  type NewEvent,
} from '@gongzhi/contracts-events';
import { bootSubgraph, eventually, graphqlRequest, TEST_NATS_URL, tokenFor, type BootedSubgraph } from '@gongzhi/platform-testing';
import { PropertyStaffMemberEvents1763825000000 } from '../migrations/1763825000000-staff-member-events';
import { loadPropertyConfig, propertyModule } from '../src';
import { EXAMPLE_RULES_V1, EXAMPLE_RULES_V2 } from '../src/modules/rules/example-rules';

const DISTRICT = '/510112/';
const COMMUNITY = '/510112/510112001/510112001001/';
const REGISTER = `mutation($input: RegisterPropertyCompanyInput!) { registerPropertyCompany(input: $input) { id name creditCode partyBranch qualifications } }`;
const START = `mutation($input: StartServiceAssignmentInput!) {
  startServiceAssignment(input: $input) { id status contractStart feeModel feeStandardFen company { name } compound { id } handover { id phase category confirmed } }
}`;
const END = `mutation($input: EndServiceAssignmentInput!) { endServiceAssignment(input: $input) { id status endedOn handover { phase category } } }`;
const CONFIRM = `mutation($input: ConfirmHandoverItemInput!) { confirmHandoverItem(input: $input) { id confirmed committeeConfirmedAt communityConfirmedAt } }`;
const ASSIGNMENTS = `query($compoundId: ID, $status: AssignmentStatus) {
  serviceAssignments(compoundId: $compoundId, status: $status) { nodes { id status startedByVoteId endReason company { name } } }
}`;
const SURVEY = `mutation($input: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $input) { id kind scoreHundredths } }`;
const INSPECTION = `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { id scoreHundredths } }`;
const VIOLATION = `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { id } }`;
const COMMENDATION = `mutation($input: RecordCommendationInput!) { recordCommendation(input: $input) { id } }`;
const DRAFT_CATALOGUE = `mutation($input: DraftRuleCatalogueInput!) { draftRuleCatalogue(input: $input) { id version status } }`;
const PUBLISH_CATALOGUE = `mutation($id: ID!) { publishRuleCatalogue(id: $id) { id version status } }`;
const DRAFT_LIST = `mutation($input: DraftCreditListInput!) {
  draftCreditList(input: $input) { id status catalogueVersion scores { nodes { scoreHundredths grade membership listReasons company { name } lines { rule points evidenceIds } } } }
}`;
const NOTICE = `mutation($input: StartCreditListNoticeInput!) { startCreditListNotice(input: $input) { id status noticeEndsAt } }`;
const APPEAL = `mutation($input: FileCreditAppealInput!) { fileCreditAppeal(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideCreditAppealInput!) { decideCreditAppeal(input: $input) { id status decisionReason } }`;
const PUBLISH_LIST = `mutation($id: ID!) { publishCreditList(id: $id) { id status publishedAt } }`;
const REGISTER_STAFF = `mutation($input: RegisterPropertyStaffMemberInput!) { registerPropertyStaffMember(input: $input) { id subject endedAt } }`;
const UPDATE_PROFILE = `mutation($input: UpdatePropertyCompanyProfileInput!) {
  updatePropertyCompanyProfile(input: $input) { name creditCode contactPerson contactPhone qualifications partyBranch partyInstructor profileUpdatedAt }
}`;
const PUBLIC_LIST = `query($districtCode: String!, $periodLabel: String) {
  publicCreditList(districtCode: $districtCode, periodLabel: $periodLabel) { periodLabel entries { nodes { rank companyName creditCode grade list periodLabel } } }
}`;

type Scores = { scoreHundredths: number; grade: string; membership: string; listReasons: string[]; company: { name: string }; lines: { rule: string; points: number; evidenceIds: string[] }[] }[];

describe('property service', () => {
  let property: BootedSubgraph;
  let nc: NatsConnection;
  let root: string;
  let district: string;
  const ids = { district: randomUUID(), street: randomUUID(), community: randomUUID(), compoundA: randomUUID(), compoundB: randomUUID(), compoundC: randomUUID() };
  const companies: Record<string, string> = {};

  /** Publishes an event onto JetStream as its producer's relay would. */
  const publish = async <T>(event: NewEvent<T>, time = new Date()): Promise<string> => {
    const envelope = createEnvelope(event, time);
    await jetstream(nc).publish(natsSubject(property.prefix, envelope.type), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope.id;
  };

  const call = async <T>(query: string, variables: Record<string, unknown>, token = root): Promise<T> => {
    const result = await graphqlRequest<T>(property.url, query, variables, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };

  const register = async (name: string, creditCode: string): Promise<string> => {
    const data = await call<{ registerPropertyCompany: { id: string } }>(REGISTER, { input: { name, creditCode, districtCode: '510112' } }, district);
    return data.registerPropertyCompany.id;
  };

  const startAssignment = (companyId: string, compoundId: string) =>
    graphqlRequest<{ startServiceAssignment: { id: string; handover: { id: string; phase: string; category: string; confirmed: boolean }[] } }>(
      property.url,
      START,
      { input: { companyId, compoundId, contractStart: '2025-01-01', contractEnd: '2027-12-31', feeModel: 'LUMP_SUM', feeStandardFen: 250 } },
      district,
    );

  beforeAll(async () => {
    property = await bootSubgraph(propertyModule, loadPropertyConfig);
    nc = await connect({ servers: TEST_NATS_URL });
    root = await tokenFor('platform_admin', '/');
    district = await tokenFor('district_admin', DISTRICT);
    // The org tree arrives the way it does in production: org's events through JetStream into the mirror.
    const area = (areaId: string, code: string, level: 'DISTRICT' | 'STREET' | 'COMMUNITY', parentId: string | null, scopePath: string) =>
      publish({ contract: orgAreaCreatedV1, subject: areaId, scope: scopePath, data: { areaId, code, name: `区域${code}`, level, parentId, scopePath } });
    await area(ids.district, '510112', 'DISTRICT', null, DISTRICT);
    await area(ids.street, '510112001', 'STREET', ids.district, '/510112/510112001/');
    await area(ids.community, '510112001001', 'COMMUNITY', ids.street, COMMUNITY);
    for (const [id, code] of [[ids.compoundA, '510112001001001'], [ids.compoundB, '510112001001002'], [ids.compoundC, '510112001001003']] as const) {
      const scopePath = `${COMMUNITY}${code}/`;
      await publish({ contract: orgCompoundCreatedV1, subject: id, scope: scopePath, data: { compoundId: id, code, name: `小区${code}`, communityId: ids.community, communityCode: '510112001001', scopePath } });
    }
    await eventually(async () => {
      const [{ n }] = await property.service.dataSource.query(`SELECT count(*)::int AS n FROM org_node`);
      return n === 6;
    }, 10_000, 'the org mirror');
    companies.meijing = await register('成都美景物业服务有限公司', '91350100M000100Y43');
    companies.longquan = await register('龙泉红色物业服务有限公司', '91110000600037341L');
  }, 30_000);

  afterAll(async () => {
    await nc?.drain();
    await property?.stop();
  });

  describe('companies', () => {
    it('refuses a credit code with a wrong check character, naming the field, and writes nothing', async () => {
      const result = await graphqlRequest(property.url, REGISTER, { input: { name: '蓝光物业', creditCode: '91350100M000100Y44', districtCode: '510112' } }, district);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CREDIT_CODE_CHECK_CHARACTER', field: 'input.creditCode' });
      const [{ n }] = await property.service.dataSource.query(`SELECT count(*)::int AS n FROM property_company WHERE name = '蓝光物业'`);
      expect(n).toBe(0);
    });

    it('accepts a valid credit code with the company’s party branch and qualifications', async () => {
      const result = await call<{ registerPropertyCompany: { creditCode: string; partyBranch: string; qualifications: string[] } }>(
        REGISTER,
        { input: { name: '红色家园物业', creditCode: '91510100MA61R8X71K', districtCode: '510112', partyBranch: '红色家园物业党支部', qualifications: ['物业服务一级'] } },
        district,
      );
      expect(result.registerPropertyCompany).toEqual({ id: expect.any(String), name: '红色家园物业', creditCode: '91510100MA61R8X71K', partyBranch: '红色家园物业党支部', qualifications: ['物业服务一级'] });
    });

    it('edits a company’s profile after registration, clearing what is sent as null and keeping the rest', async () => {
      const id = await register('蓝天物业', '91510100MA6CGUGA1W');
      const edited = await call<{ updatePropertyCompanyProfile: Record<string, unknown> }>(
        UPDATE_PROFILE,
        { input: { companyId: id, name: '蓝天物业服务有限公司', contactPerson: '王经理', contactPhone: '028-84851234', qualifications: ['物业服务二级'], partyBranch: null } },
        district,
      );
      expect(edited.updatePropertyCompanyProfile).toEqual({
        name: '蓝天物业服务有限公司',
        creditCode: '91510100MA6CGUGA1W',
        contactPerson: '王经理',
        contactPhone: '028-84851234',
        qualifications: ['物业服务二级'],
        partyBranch: null,
        partyInstructor: null,
        profileUpdatedAt: expect.any(String),
      });
      const renamedAgain = await call<{ updatePropertyCompanyProfile: { name: string; contactPerson: string } }>(UPDATE_PROFILE, { input: { companyId: id, contactPerson: '李经理' } }, district);
      expect(renamedAgain.updatePropertyCompanyProfile).toMatchObject({ name: '蓝天物业服务有限公司', contactPerson: '李经理' });
    });

    it('never changes a company’s credit code: not through the API, nor by direct SQL', async () => {
      const [{ id }] = await property.service.dataSource.query(`SELECT id FROM property_company WHERE credit_code = '91510100MA6CGUGA1W'`);
      const viaApi = await graphqlRequest(property.url, UPDATE_PROFILE, { input: { companyId: id, creditCode: '91350100M000100Y43' } }, district);
      expect(viaApi.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(viaApi.errors?.[0]?.message).toMatch(/creditCode/);
      const nullName = await graphqlRequest(property.url, UPDATE_PROFILE, { input: { companyId: id, name: null } }, district);
      expect(nullName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NAME_REQUIRED', field: 'input.name' });
      await expect(property.service.dataSource.query(`UPDATE property_company SET credit_code = '91110000600037341L' WHERE id = $1`, [id])).rejects.toThrow(/cannot change/);
      const otherDistrict = await graphqlRequest(property.url, UPDATE_PROFILE, { input: { companyId: id, name: '冒名' } }, await tokenFor('district_admin', '/510113/'));
      expect(otherDistrict.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
    });

    it('ties a person to one company at a time, as the district registers them', async () => {
      const first = await call<{ registerPropertyStaffMember: { id: string; subject: string } }>(REGISTER_STAFF, { input: { companyId: companies.longquan, subject: 'longquan-staff' } }, district);
      expect(first.registerPropertyStaffMember.subject).toBe('longquan-staff');
      const twice = await graphqlRequest(property.url, REGISTER_STAFF, { input: { companyId: companies.meijing, subject: 'longquan-staff' } }, district);
      expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_STAFF', field: 'input.subject' });
      await call(REGISTER_STAFF, { input: { companyId: companies.meijing, subject: 'meijing-manager' } }, district);
      const former = await call<{ registerPropertyStaffMember: { id: string } }>(REGISTER_STAFF, { input: { companyId: companies.meijing, subject: 'meijing-former' } }, district);
      const ended = await call<{ endPropertyStaffMember: { endedAt: string | null } }>(`mutation($id: ID!) { endPropertyStaffMember(id: $id) { endedAt } }`, { id: former.registerPropertyStaffMember.id }, district);
      expect(ended.endPropertyStaffMember.endedAt).toEqual(expect.any(String));
      const listed = await call<{ propertyCompanies: { nodes: { name: string; staff: { nodes: { subject: string }[] } }[] } }>(`{ propertyCompanies { nodes { name staff { nodes { subject } } } } }`, {}, district);
      expect(listed.propertyCompanies.nodes.find((c) => c.name === '龙泉红色物业服务有限公司')?.staff.nodes).toEqual([{ subject: 'longquan-staff' }]);

      // fund learns the register from these events; a refused registration publishes nothing.
      const events = (await property.service.dataSource.query(
        `SELECT type, envelope->'data'->>'subject' AS subject, envelope->'data'->>'companyId' AS company FROM outbox WHERE type LIKE 'property.staff-member.%' ORDER BY seq`,
      )) as { type: string; subject: string; company: string }[];
      expect(events).toEqual([
        { type: 'property.staff-member.registered.v1', subject: 'longquan-staff', company: companies.longquan },
        { type: 'property.staff-member.registered.v1', subject: 'meijing-manager', company: companies.meijing },
        { type: 'property.staff-member.registered.v1', subject: 'meijing-former', company: companies.meijing },
        { type: 'property.staff-member.ended.v1', subject: 'meijing-former', company: companies.meijing },
      ]);
    });

    it('refuses an auditor every mutation with READ_ONLY_ROLE, and lets it read', async () => {
      const auditor = await tokenFor('auditor', '/510112/', 'auditor-1');
      const attempt = await graphqlRequest(property.url, REGISTER_STAFF, { input: { companyId: companies.longquan, subject: 'audited' } }, auditor);
      expect(attempt.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
      expect(await property.service.dataSource.query(`SELECT 1 FROM property_staff_member WHERE subject = 'audited'`)).toEqual([]);
      const read = await graphqlRequest<{ propertyCompanies: { nodes: unknown[] } }>(property.url, `{ propertyCompanies { nodes { name } } }`, {}, auditor);
      expect(read.data?.propertyCompanies.nodes.length).toBeGreaterThan(0);
      const staffList = await graphqlRequest(property.url, `{ propertyCompanies { nodes { staff { nodes { subject } } } } }`, {}, auditor);
      expect(staffList.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    });

    it('puts registrations made before the staff events existed into the outbox as valid events (migration)', async () => {
      const runner = property.service.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        const [{ seq }] = (await runner.query(`SELECT coalesce(max(seq), 0) AS seq FROM outbox`)) as { seq: string }[];
        await new PropertyStaffMemberEvents1763825000000().up(runner);
        const rows = (await runner.query(`SELECT id, type, envelope FROM outbox WHERE seq > $1 ORDER BY seq`, [seq])) as { id: string; type: string; envelope: unknown }[];
        const contracts = { [propertyStaffMemberRegisteredV1.type]: propertyStaffMemberRegisteredV1, [propertyStaffMemberEndedV1.type]: propertyStaffMemberEndedV1 };
        const events = rows.map((row) => {
          const envelope = envelopeSchema.parse(row.envelope);
          expect(envelope.id).toBe(row.id);
          return { type: row.type, ...(contracts[row.type]!.schema.parse(envelope.data) as { subject: string }) };
        });
        expect(events.map((e) => [e.type, e.subject])).toEqual([
          ['property.staff-member.registered.v1', 'longquan-staff'],
          ['property.staff-member.registered.v1', 'meijing-manager'],
          ['property.staff-member.registered.v1', 'meijing-former'],
          ['property.staff-member.ended.v1', 'meijing-former'],
        ]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });

  describe('assignments', () => {
    it('starts an assignment with an entry handover checklist and refuses a second active one for the same compound', async () => {
      const first = await startAssignment(companies.meijing!, ids.compoundA);
      expect(first.errors).toBeUndefined();
      expect(first.data?.startServiceAssignment.handover.map((h) => [h.phase, h.category, h.confirmed])).toEqual([
        ['ENTRY', 'ACCOUNTS', false],
        ['ENTRY', 'DOCUMENTS', false],
        ['ENTRY', 'FACILITIES', false],
        ['ENTRY', 'KEYS', false],
      ]);

      const second = await startAssignment(companies.longquan!, ids.compoundA);
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPOUND_ALREADY_SERVED', field: 'input.compoundId' });
      const active = await call<{ serviceAssignments: { nodes: { company: { name: string } }[] } }>(ASSIGNMENTS, { compoundId: ids.compoundA, status: 'ACTIVE' });
      expect(active.serviceAssignments.nodes.map((a) => a.company.name)).toEqual(['成都美景物业服务有限公司']);
    });

    it('holds one active assignment per compound in the database itself', async () => {
      const [{ company_id, scope_path }] = await property.service.dataSource.query(`SELECT company_id, scope_path FROM service_assignment WHERE compound_id = $1`, [ids.compoundA]);
      await expect(
        property.service.dataSource.query(
          `INSERT INTO service_assignment (id, company_id, compound_id, scope_path, contract_start, status) VALUES ($1, $2, $3, $4, '2026-01-01', 'ACTIVE')`,
          [randomUUID(), company_id, ids.compoundA, scope_path],
        ),
      ).rejects.toThrow(/service_assignment_one_active_per_compound/);
    });

    it('has each handover item confirmed by the owners’ committee and the community', async () => {
      const started = await startAssignment(companies.longquan!, ids.compoundC);
      const item = started.data!.startServiceAssignment.handover[0]!;
      const committee = await tokenFor('committee_member', `${COMMUNITY}510112001001003/`, 'committee-chair');
      const staff = await tokenFor('community_staff', COMMUNITY, 'community-staff');
      const afterCommittee = await call<{ confirmHandoverItem: { confirmed: boolean } }>(CONFIRM, { input: { itemId: item.id, party: 'OWNERS_COMMITTEE', note: '账户移交完毕' } }, committee);
      expect(afterCommittee.confirmHandoverItem.confirmed).toBe(false);
      const asCommunity = await graphqlRequest(property.url, CONFIRM, { input: { itemId: item.id, party: 'COMMUNITY' } }, committee);
      expect(asCommunity.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
      const afterCommunity = await call<{ confirmHandoverItem: { confirmed: boolean } }>(CONFIRM, { input: { itemId: item.id, party: 'COMMUNITY' } }, staff);
      expect(afterCommunity.confirmHandoverItem.confirmed).toBe(true);
    });

    it('ends an assignment with an exit handover, after which another company may start', async () => {
      const [{ id }] = await property.service.dataSource.query(`SELECT id FROM service_assignment WHERE compound_id = $1 AND status = 'ACTIVE'`, [ids.compoundC]);
      const ended = await call<{ endServiceAssignment: { status: string; handover: { phase: string }[] } }>(END, { input: { assignmentId: id, endedOn: '2026-03-31', reason: '合同到期' } }, district);
      expect(ended.endServiceAssignment.status).toBe('ENDED');
      expect(ended.endServiceAssignment.handover.filter((h) => h.phase === 'EXIT')).toHaveLength(4);
      const next = await startAssignment(companies.meijing!, ids.compoundC);
      expect(next.errors).toBeUndefined();
      const events = await property.service.dataSource.query(`SELECT type FROM outbox WHERE type LIKE 'property.assignment.%' ORDER BY seq`);
      expect(events.map((e: { type: string }) => e.type)).toEqual([
        'property.assignment.started.v1',
        'property.assignment.started.v1',
        'property.assignment.ended.v1',
        'property.assignment.started.v1',
      ]);
    });

    it('shows a community outside the compound’s tree none of its assignments', async () => {
      const other = await tokenFor('community_staff', '/510112/510112002/510112002001/');
      const view = await call<{ serviceAssignments: { nodes: unknown[] } }>(ASSIGNMENTS, {}, other);
      expect(view.serviceAssignments.nodes).toEqual([]);
    });

    it('publishes a company’s service standards and fees for the residents of the compound it serves (双晒)', async () => {
      const [{ id: assignmentId }] = await property.service.dataSource.query(`SELECT id FROM service_assignment WHERE compound_id = $1 AND status = 'ACTIVE'`, [ids.compoundA]);
      const staff = await tokenFor('property_staff', `${COMMUNITY}510112001001001/`, 'meijing-manager');
      // Another company's staff, though their scopes cover the compound, cannot publish for 美景.
      const rival = await graphqlRequest(
        property.url,
        `mutation($input: PublishServiceDisclosureInput!) { publishServiceDisclosure(input: $input) { id } }`,
        { input: { assignmentId, serviceStandards: '冒名公示', fees: [{ item: '物业服务费', amountFen: 1, unit: 'PER_SQUARE_METRE_MONTH' }] } },
        await tokenFor('property_staff', `${COMMUNITY}510112001001001/`, 'longquan-staff'),
      );
      expect(rival.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_COMPANY_STAFF' });
      const formerStaff = await graphqlRequest(
        property.url,
        `mutation($input: PublishServiceDisclosureInput!) { publishServiceDisclosure(input: $input) { id } }`,
        { input: { assignmentId, serviceStandards: '离职员工的公示', fees: [{ item: '物业服务费', amountFen: 1, unit: 'PER_SQUARE_METRE_MONTH' }] } },
        await tokenFor('property_staff', `${COMMUNITY}510112001001001/`, 'meijing-former'),
      );
      expect(formerStaff.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_COMPANY_STAFF' });
      await call(
        `mutation($input: PublishServiceDisclosureInput!) { publishServiceDisclosure(input: $input) { id } }`,
        { input: { assignmentId, serviceStandards: '二级服务标准：每日清扫两次，24小时门岗', fees: [{ item: '物业服务费', amountFen: 250, unit: 'PER_SQUARE_METRE_MONTH' }, { item: '停车费', amountFen: 15000, unit: 'PER_SPACE_MONTH' }] } },
        staff,
      );
      const read = (token: string) =>
        call<{ _entities: { serviceDisclosures: { nodes: { serviceStandards: string; fees: { item: string; amountFen: number }[]; company: { name: string } }[] } }[] }>(
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Compound { serviceDisclosures { nodes { serviceStandards fees { item amountFen } company { name } } } } } }`,
          { reps: [{ __typename: 'Compound', id: ids.compoundA }] },
          token,
        );
      const resident = await read(await tokenFor('resident', `${COMMUNITY}510112001001001/`, 'resident-a'));
      expect(resident._entities[0]!.serviceDisclosures.nodes).toEqual([
        { serviceStandards: '二级服务标准：每日清扫两次，24小时门岗', fees: [{ item: '物业服务费', amountFen: 250 }, { item: '停车费', amountFen: 15000 }], company: { name: '成都美景物业服务有限公司' } },
      ]);
      const neighbour = await read(await tokenFor('resident', `${COMMUNITY}510112001001002/`, 'resident-b'));
      expect(neighbour._entities[0]!.serviceDisclosures.nodes).toEqual([]);
    });

    it('hires and dismisses a company on the owners’ vote results delivered through JetStream, whatever their order', async () => {
      const vote = (type: 'HIRE_PROPERTY_COMPANY' | 'DISMISS_PROPERTY_COMPANY', closedAt: string) => {
        const voteId = randomUUID();
        return publish({
          contract: deliberationVoteClosedV1,
          subject: voteId,
          scope: `${COMMUNITY}510112001001002/`,
          data: {
            voteId,
            compoundId: ids.compoundB,
            kind: 'OWNERS_JOINT_DECISION',
            decisionClass: 'ORDINARY',
            subject: { type, companyId: companies.longquan! },
            passed: true,
            participationMet: true,
            totals: { electorateArea: 900000, electorateHeadcount: 90, participatingArea: 700000, participatingHeadcount: 70, approvingArea: 500000, approvingHeadcount: 50 },
            closedAt,
          },
        });
      };
      const assignmentsOfB = async () =>
        (await call<{ serviceAssignments: { nodes: { status: string; startedByVoteId: string | null; endReason: string | null }[] } }>(ASSIGNMENTS, { compoundId: ids.compoundB })).serviceAssignments.nodes;

      // The dismissal (closed later) arrives before the hire (closed earlier): the hire must not revive the company.
      await vote('DISMISS_PROPERTY_COMPANY', '2026-05-01T02:00:00Z');
      await vote('HIRE_PROPERTY_COMPANY', '2026-04-01T02:00:00Z');
      await eventually(async () => (await property.service.dataSource.query(`SELECT 1 FROM owners_decision WHERE compound_id = $1`, [ids.compoundB])).length === 2, 10_000, 'both votes applied');
      expect(await assignmentsOfB()).toEqual([]);

      await vote('HIRE_PROPERTY_COMPANY', '2026-06-01T02:00:00Z');
      const hired = await eventually(async () => (await assignmentsOfB()).find((a) => a.status === 'ACTIVE'), 10_000, 'the hire');
      expect(hired.startedByVoteId).toEqual(expect.any(String));
      const [{ id: hiredId }] = await property.service.dataSource.query(`SELECT id FROM service_assignment WHERE compound_id = $1 AND status = 'ACTIVE'`, [ids.compoundB]);
      const terms = await call<{ setServiceAssignmentTerms: { contractEnd: string; feeModel: string; feeStandardFen: number } }>(
        `mutation($input: SetServiceAssignmentTermsInput!) { setServiceAssignmentTerms(input: $input) { contractEnd feeModel feeStandardFen } }`,
        { input: { assignmentId: hiredId, contractEnd: '2029-05-31', feeModel: 'TRUST_BASED', feeStandardFen: 180 } },
        district,
      );
      expect(terms.setServiceAssignmentTerms).toEqual({ contractEnd: '2029-05-31', feeModel: 'TRUST_BASED', feeStandardFen: 180 });

      await vote('DISMISS_PROPERTY_COMPANY', '2026-09-01T02:00:00Z');
      const dismissed = await eventually(async () => (await assignmentsOfB()).find((a) => a.status === 'ENDED'), 10_000, 'the dismissal');
      expect(dismissed.endReason).toMatch(/^dismissed by owners' vote /);
    }, 40_000);
  });

  describe('credit rating and red/black lists', () => {
    let v1: string;
    const evidenceIds: Record<string, string> = {};

    beforeAll(async () => {
      const draft = await call<{ draftRuleCatalogue: { id: string; version: number } }>(DRAFT_CATALOGUE, { input: { districtCode: '510112', rules: EXAMPLE_RULES_V1 } }, district);
      v1 = draft.draftRuleCatalogue.id;
      await call(PUBLISH_CATALOGUE, { id: v1 }, district);
      const staff = await tokenFor('community_staff', COMMUNITY);
      // 美景 serves compound A: the evidence of the unit spec's worked example, less what only deliberation sends.
      const record = async (key: string, query: string, input: Record<string, unknown>) => {
        const data = await call<Record<string, { id: string }>>(query, { input }, staff);
        evidenceIds[key] = Object.values(data)[0]!.id;
      };
      await record('s1', SURVEY, { compoundId: ids.compoundA, occurredOn: '2026-03-15', satisfactionHundredths: 9000, respondents: 120 });
      await record('s2', SURVEY, { compoundId: ids.compoundA, occurredOn: '2026-05-20', satisfactionHundredths: 8500, respondents: 80 });
      await record('i1', INSPECTION, { compoundId: ids.compoundA, occurredOn: '2026-02-10', checklist: [{ item: '保洁', maxPoints: 40, points: 37 }, { item: '秩序', maxPoints: 60, points: 54 }] });
      await record('c1', COMMENDATION, { compoundId: ids.compoundA, occurredOn: '2026-04-01', level: 'DISTRICT', title: '最美物业' });
      await record('v1', VIOLATION, { compoundId: ids.compoundA, occurredOn: '2026-03-03', violationType: 'SERVICE_BELOW_CONTRACT', severity: 'MINOR', proofReference: '龙街检〔2026〕12号' });
      // 龙泉 once served compound C and abandoned it.
      await record('abandoned', VIOLATION, { compoundId: ids.compoundC, companyId: companies.longquan, occurredOn: '2026-03-30', violationType: 'ABANDONED_COMPOUND', severity: 'SERIOUS', proofReference: '龙街检〔2026〕15号' });
      // A property matter residents rated 4.5 stars, sent by deliberation.
      const matterId = randomUUID();
      await publish({
        contract: deliberationMatterEvaluatedV1,
        subject: matterId,
        scope: `${COMMUNITY}510112001001001/`,
        data: { matterId, compoundId: ids.compoundA, category: 'PROPERTY_SERVICE', propertyCompanyId: companies.meijing!, ratings: 12, meanRatingHundredths: 450, evaluatedAt: '2026-05-05T03:00:00Z' },
      });
      await eventually(async () => (await property.service.dataSource.query(`SELECT id FROM evidence WHERE matter_id = $1`, [matterId]))[0]?.id, 10_000, 'the evaluated matter as evidence');
    }, 30_000);

    it('refuses evidence it cannot attribute or whose checklist does not add up, naming the field, and writes nothing', async () => {
      const staff = await tokenFor('community_staff', COMMUNITY);
      const before = (await property.service.dataSource.query(`SELECT count(*)::int AS n FROM evidence`))[0].n;
      const unserved = await graphqlRequest(property.url, SURVEY, { input: { compoundId: ids.compoundB, occurredOn: '2026-03-01', satisfactionHundredths: 9000, respondents: 10 } }, staff);
      expect(unserved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_ACTIVE_ASSIGNMENT', field: 'input.compoundId' });
      const overfull = await graphqlRequest(property.url, INSPECTION, { input: { compoundId: ids.compoundA, occurredOn: '2026-03-01', checklist: [{ item: '保洁', maxPoints: 40, points: 40 }, { item: '绿化', maxPoints: 10, points: 11 }] } }, staff);
      expect(overfull.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'POINTS_ABOVE_MAXIMUM', field: 'input.checklist.1.points' });
      const badDate = await graphqlRequest(property.url, SURVEY, { input: { compoundId: ids.compoundA, occurredOn: '2026-02-30', satisfactionHundredths: 9000, respondents: 10 } }, staff);
      expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE', field: 'input.occurredOn' });
      expect((await property.service.dataSource.query(`SELECT count(*)::int AS n FROM evidence`))[0].n).toBe(before);
    });

    it('takes a property matter from deliberation as evidence once, however often it is delivered', async () => {
      const [{ matter_id: matterId }] = await property.service.dataSource.query(`SELECT matter_id FROM evidence WHERE kind = 'MATTER_EVALUATED'`);
      // The same matter's evaluation again under a new event id (a republication the inbox cannot recognise).
      const again = await publish({
        contract: deliberationMatterEvaluatedV1,
        subject: matterId,
        scope: `${COMMUNITY}510112001001001/`,
        data: { matterId, compoundId: ids.compoundA, category: 'PROPERTY_SERVICE', propertyCompanyId: companies.meijing!, ratings: 13, meanRatingHundredths: 100, evaluatedAt: '2026-05-06T03:00:00Z' },
      });
      await eventually(async () => (await property.service.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [again])).length === 1, 10_000, 'the second delivery');
      const rows = await property.service.dataSource.query(`SELECT mean_rating_hundredths FROM evidence WHERE matter_id = $1`, [matterId]);
      expect(rows).toEqual([{ mean_rating_hundredths: 450 }]);
    }, 20_000);

    it('lists the evidence about a company to those whose scopes cover where it was recorded', async () => {
      const EVIDENCE = `query($companyId: ID) { propertyEvidence(companyId: $companyId) { nodes { kind company { name } } } }`;
      const street = await call<{ propertyEvidence: { nodes: { kind: string; company: { name: string } }[] } }>(EVIDENCE, { companyId: companies.meijing }, await tokenFor('street_admin', '/510112/510112001/'));
      expect(street.propertyEvidence.nodes.map((e) => e.kind).sort()).toEqual(['COMMENDATION', 'INSPECTION', 'MATTER_EVALUATED', 'SATISFACTION_SURVEY', 'SATISFACTION_SURVEY', 'VIOLATION']);
      const otherStreet = await call<{ propertyEvidence: { nodes: unknown[] } }>(EVIDENCE, { companyId: companies.meijing }, await tokenFor('street_admin', '/510112/510112002/'));
      expect(otherStreet.propertyEvidence.nodes).toEqual([]);
    });

    it('refuses a catalogue that breaks its rules, naming the field', async () => {
      const result = await graphqlRequest(property.url, DRAFT_CATALOGUE, { input: { districtCode: '510112', rules: { ...EXAMPLE_RULES_V1, weights: { base: 50, satisfaction: 50, inspection: 50 } } } }, district);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_RULES', field: 'input.rules.weights' });
    });

    it('computes the draft list from the evidence and catalogue v1, every score explained', async () => {
      const data = await call<{ draftCreditList: { catalogueVersion: number; scores: { nodes: Scores } } }>(
        DRAFT_LIST,
        { input: { districtCode: '510112', periodLabel: '2026H1', periodStart: '2026-01-01', periodEnd: '2026-06-30' } },
        district,
      );
      expect(data.draftCreditList.catalogueVersion).toBe(1);
      const byName = Object.fromEntries(data.draftCreditList.scores.nodes.map((s) => [s.company.name, s]));
      // 美景 by hand: base 8000 × 20 % = 1600; satisfaction (9000×120 + 8500×80)/200 = 8800 × 50 % = 4400;
      // inspection (37+54)/100 = 91.00 → 9100 × 30 % = 2730; commendation +300; rated matter +50; minor violation −200.
      // 1600 + 4400 + 2730 + 300 + 50 − 200 = 8880 → AAA, no major or serious violation → red list.
      expect(byName['成都美景物业服务有限公司']).toMatchObject({ scoreHundredths: 8880, grade: 'AAA', membership: 'RED' });
      expect(byName['成都美景物业服务有限公司']!.lines.map((l) => [l.rule, l.points])).toEqual([
        ['baseScore', 1600],
        ['weights.satisfaction', 4400],
        ['weights.inspection', 2730],
        ['additions.commendation.DISTRICT', 300],
        ['additions.wellRatedMatter', 50],
        ['deductions.violation.MINOR', -200],
      ]);
      // 龙泉 by hand: no survey or inspection → base 8000 × 100 % = 8000; serious violation −1500 → 6500 = A;
      // abandoning a compound puts it on the black list whatever the grade.
      expect(byName['龙泉红色物业服务有限公司']).toMatchObject({ scoreHundredths: 6500, grade: 'A', membership: 'BLACK', listReasons: ['violation ABANDONED_COMPOUND'] });
    });

    it('names a caller below the district only the evidence inside its scopes, in a list it reads whole', async () => {
      const LISTS = `query { creditLists(districtCode: "510112", first: 10) { nodes { periodLabel scores(first: 10) { nodes { companyName lines { evidenceIds } } } } } }`;
      type Lists = { creditLists: { nodes: { periodLabel: string; scores: { nodes: { companyName: string; lines: { evidenceIds: string[] }[] }[] } }[] } };
      const evidenceOf = async (token: string, company: string) => {
        const { creditLists } = await call<Lists>(LISTS, {}, token);
        const scores = creditLists.nodes.find((list) => list.periodLabel === '2026H1')!.scores.nodes;
        return scores.find((score) => score.companyName === company)!.lines.flatMap((line) => line.evidenceIds).sort();
      };
      const residentOfA = await tokenFor('resident', `${COMMUNITY}510112001001001/`, 'resident-of-a');
      // 美景's evidence was recorded in compound A, 龙泉's abandonment in compound C.
      expect(await evidenceOf(district, '成都美景物业服务有限公司')).toEqual(expect.arrayContaining([evidenceIds.s1, evidenceIds.i1, evidenceIds.v1]));
      expect(await evidenceOf(district, '龙泉红色物业服务有限公司')).toEqual([evidenceIds.abandoned]);
      expect(await evidenceOf(residentOfA, '成都美景物业服务有限公司')).toEqual(await evidenceOf(district, '成都美景物业服务有限公司'));
      expect(await evidenceOf(residentOfA, '龙泉红色物业服务有限公司')).toEqual([]);
    });

    it('discards a draft list, freeing its period, but never a list once under public notice', async () => {
      const DISCARD = `mutation($id: ID!) { discardCreditList(id: $id) }`;
      const draftQ1 = () => call<{ draftCreditList: { id: string } }>(DRAFT_LIST, { input: { districtCode: '510112', periodLabel: '2026Q1', periodStart: '2026-01-01', periodEnd: '2026-03-31' } }, district);
      const { draftCreditList: wrong } = await draftQ1();
      expect((await call<{ discardCreditList: string }>(DISCARD, { id: wrong.id }, district)).discardCreditList).toBe(wrong.id);
      const gone = await graphqlRequest(property.url, `query($id: ID!) { creditList(id: $id) { id } }`, { id: wrong.id }, district);
      expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect((await property.service.dataSource.query(`SELECT count(*)::int AS n FROM credit_score WHERE list_id = $1`, [wrong.id]))[0].n).toBe(0);

      const { draftCreditList: again } = await draftQ1();
      await call(NOTICE, { input: { listId: again.id, noticeEndsAt: new Date(Date.now() + 3_600_000).toISOString() } }, district);
      const inNotice = await graphqlRequest(property.url, DISCARD, { id: again.id }, district);
      expect(inNotice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_DRAFT', field: 'id' });
      // Leave nothing pending for later publications: the district decides nothing is wrong with Q1 either.
      await property.service.dataSource.query(`UPDATE credit_list SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [again.id]);
    });

    it('changes the published list when an appeal is upheld during the notice, and refuses an appeal after it', async () => {
      const { draftCreditList: list } = await call<{ draftCreditList: { id: string } }>(
        DRAFT_LIST,
        { input: { districtCode: '510112', periodLabel: '2026Q2', periodStart: '2026-04-01', periodEnd: '2026-06-30' } },
        district,
      );
      await call(NOTICE, { input: { listId: list.id, noticeEndsAt: new Date(Date.now() + 3_600_000).toISOString() } }, district);
      const companyStaff = await tokenFor('property_staff', `${COMMUNITY}510112001001003/`, 'longquan-staff');
      const rivalStaff = await tokenFor('property_staff', DISTRICT, 'meijing-manager');
      const forRival = await graphqlRequest(
        property.url,
        APPEAL,
        { input: { listId: list.id, companyId: companies.longquan, reason: '替对手申诉', disputedEvidenceIds: [evidenceIds.abandoned] } },
        rivalStaff,
      );
      expect(forRival.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_COMPANY_STAFF' });
      const appeal = await call<{ fileCreditAppeal: { id: string; status: string } }>(
        APPEAL,
        { input: { listId: list.id, companyId: companies.longquan, reason: '该小区系开发商未交付，不属弃管', disputedEvidenceIds: [evidenceIds.abandoned] } },
        companyStaff,
      );
      expect(appeal.fileCreditAppeal.status).toBe('PENDING');
      const early = await graphqlRequest(property.url, PUBLISH_LIST, { id: list.id }, district);
      expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOTICE_PERIOD_RUNNING' });
      const decided = await call<{ decideCreditAppeal: { status: string } }>(DECIDE, { input: { appealId: appeal.fileCreditAppeal.id, upheld: true, reason: '经核查属实' } }, district);
      expect(decided.decideCreditAppeal.status).toBe('UPHELD');

      // The notice period passes.
      await property.service.dataSource.query(`UPDATE credit_list SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [list.id]);
      const late = await graphqlRequest(property.url, APPEAL, { input: { listId: list.id, companyId: companies.meijing, reason: '迟到的申诉', disputedEvidenceIds: [evidenceIds.v1] } }, district);
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOTICE_PERIOD_OVER', field: 'input.listId' });

      await call(PUBLISH_LIST, { id: list.id }, district);
      const published = await graphqlRequest<{ publicCreditList: { entries: { nodes: { companyName: string; list: string }[] } } }>(property.url, PUBLIC_LIST, { districtCode: '510112', periodLabel: '2026Q2' });
      // 龙泉 without the disputed violation: 8000 → AA, on neither list.
      expect(published.data?.publicCreditList.entries.nodes.map((e) => [e.companyName, e.list])).toEqual([['成都美景物业服务有限公司', 'RED']]);
    });

    it('publishes the 2026H1 list openly, with no personal data, and keeps it when catalogue version 2 re-rates the same evidence', async () => {
      const [{ id: h1 }] = await property.service.dataSource.query(`SELECT id FROM credit_list WHERE period_label = '2026H1'`);
      await call(NOTICE, { input: { listId: h1, noticeEndsAt: new Date(Date.now() + 3_600_000).toISOString() } }, district);
      await property.service.dataSource.query(`UPDATE credit_list SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [h1]);
      await call(PUBLISH_LIST, { id: h1 }, district);

      const v2 = await call<{ draftRuleCatalogue: { id: string; version: number } }>(DRAFT_CATALOGUE, { input: { districtCode: '510112', rules: EXAMPLE_RULES_V2 } }, district);
      expect(v2.draftRuleCatalogue.version).toBe(2);
      await call(PUBLISH_CATALOGUE, { id: v2.draftRuleCatalogue.id }, district);
      const h2 = await call<{ draftCreditList: { id: string; catalogueVersion: number; scores: { nodes: Scores } } }>(
        DRAFT_LIST,
        { input: { districtCode: '510112', periodLabel: '2026H1-v2', periodStart: '2026-01-01', periodEnd: '2026-06-30' } },
        district,
      );
      // Same evidence, same 88.80, but v2 starts AAA at 90 and bars any violation from the red list.
      expect(h2.draftCreditList.catalogueVersion).toBe(2);
      expect(h2.draftCreditList.scores.nodes.find((s) => s.company.name === '成都美景物业服务有限公司')).toMatchObject({ scoreHundredths: 8880, grade: 'AA', membership: 'NONE' });
      await call(NOTICE, { input: { listId: h2.draftCreditList.id, noticeEndsAt: new Date(Date.now() + 3_600_000).toISOString() } }, district);
      await property.service.dataSource.query(`UPDATE credit_list SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [h2.draftCreditList.id]);
      await call(PUBLISH_LIST, { id: h2.draftCreditList.id }, district);

      const old = await graphqlRequest<{ publicCreditList: { periodLabel: string; entries: { nodes: Record<string, string | number>[] } } }>(property.url, PUBLIC_LIST, { districtCode: '510112', periodLabel: '2026H1' });
      expect(old.errors).toBeUndefined();
      expect(old.data?.publicCreditList.entries.nodes).toEqual([
        { rank: 1, companyName: '成都美景物业服务有限公司', creditCode: '91350100M000100Y43', grade: 'AAA', list: 'RED', periodLabel: '2026H1' },
        // Ranks 2 and 3 are 红色家园 and 蓝天 at 80.00 each, on neither list.
        { rank: 4, companyName: '龙泉红色物业服务有限公司', creditCode: '91110000600037341L', grade: 'A', list: 'BLACK', periodLabel: '2026H1' },
      ]);
      const latest = await graphqlRequest<{ publicCreditList: { periodLabel: string; entries: { nodes: { companyName: string; list: string }[] } } }>(property.url, PUBLIC_LIST, { districtCode: '510112' });
      expect(latest.data?.publicCreditList.periodLabel).toBe('2026H1-v2');
      expect(latest.data?.publicCreditList.entries.nodes.map((e) => [e.companyName, e.list])).toEqual([['龙泉红色物业服务有限公司', 'BLACK']]);

      const types = (await property.service.dataSource.query(`SELECT type, envelope->'data'->>'companyId' AS company FROM outbox WHERE type LIKE 'property.company.%listed.v1' ORDER BY seq`)) as { type: string; company: string }[];
      expect(types.filter((t) => t.company === companies.meijing).map((t) => t.type)).toEqual([
        'property.company.red-listed.v1', // 2026Q2
        'property.company.red-listed.v1', // 2026H1
        'property.company.delisted.v1', // 2026H1-v2
      ]);
    });

    it('never changes a published list or catalogue, even by direct SQL', async () => {
      await expect(property.service.dataSource.query(`UPDATE credit_score SET grade = 'AAA' WHERE list_id = (SELECT id FROM credit_list WHERE period_label = '2026H1')`)).rejects.toThrow(/published/);
      await expect(property.service.dataSource.query(`UPDATE rule_catalogue SET rules = '{}' WHERE version = 1`)).rejects.toThrow(/published/);
    });

    it('refuses personal-data fields on the public list', async () => {
      const result = await graphqlRequest(property.url, `{ publicCreditList(districtCode: "510112") { entries { nodes { contactPhone } } } }`, {});
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
    });

    it('keeps each company’s grade history across published lists', async () => {
      const data = await call<{ propertyCompanies: { nodes: { name: string; creditHistory: { nodes: { grade: string; list: { periodLabel: string } }[] } }[] } }>(
        `{ propertyCompanies { nodes { name creditHistory { nodes { grade list { periodLabel } } } } } }`,
        {},
      );
      const meijing = data.propertyCompanies.nodes.find((c) => c.name === '成都美景物业服务有限公司')!;
      expect(meijing.creditHistory.nodes.map((s) => [s.list.periodLabel, s.grade])).toEqual([
        ['2026H1', 'AAA'],
        ['2026Q2', 'AAA'],
        ['2026H1-v2', 'AA'],
      ]);
    });

    it('shows a published list with the names it was published with, after a company renames itself', async () => {
      await call(UPDATE_PROFILE, { input: { companyId: companies.longquan, name: '龙泉新红物业服务有限公司' } }, district);
      const old = await graphqlRequest<{ publicCreditList: { entries: { nodes: { companyName: string; creditCode: string }[] } } }>(property.url, PUBLIC_LIST, { districtCode: '510112', periodLabel: '2026H1' });
      expect(old.data?.publicCreditList.entries.nodes.find((e) => e.creditCode === '91110000600037341L')?.companyName).toBe('龙泉红色物业服务有限公司');
    });
  });
});
