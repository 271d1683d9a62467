/**
 * A small district for the gateway benchmark, loaded through the gateway's own mutations as a platform
 * administrator: 2 streets, 3 communities, 4 compounds; 2 property companies serving 2 of them; matters, an open
 * poll, a compound's trust account and a community micro-fund with a year of donations. The benchmark then finds
 * its sample entities by querying, so a bigger seeded district (tools/seed) serves as well.
 */
const AREAS = [
  ['510112', '龙泉驿区'],
  ['510112001', '龙泉街道'],
  ['510112001001', '美景社区'],
  ['510112001002', '西河社区'],
  ['510112002', '大面街道'],
  ['510112002001', '洪河社区'],
] as const;

const COMPOUNDS = [
  ['510112001001', '美景华庭', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY'],
  ['510112001001', '龙泉花园', 'OLD_COMPOUND', 'SELF_MANAGED'],
  ['510112001002', '西河小区', 'RESETTLEMENT', 'TRUST_BASED'],
  ['510112002001', '洪河花园', 'COMMODITY_HOUSING', 'PROPERTY_COMPANY'],
] as const;

const COMPANIES = [
  ['成都美景物业服务有限公司', '91350100M000100Y43'],
  ['龙泉红色物业服务有限公司', '91110000600037341L'],
] as const;

const CATEGORIES = ['EBIKES_IN_LIFTS', 'DOGS', 'PARKING', 'HYGIENE', 'FACILITIES', 'OBJECTS_FROM_HEIGHT', 'NEIGHBOUR_DISPUTE', 'PROPERTY_SERVICE'] as const;

interface Answer {
  data?: Record<string, { id: string } & Record<string, unknown>>;
  errors?: { message: string; extensions?: { reason?: string } }[];
}

async function call(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, { id: string } & Record<string, unknown>>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as Answer;
  if (answer.errors?.length || !answer.data) {
    const error = new Error(answer.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`) as Error & { reason?: string };
    error.reason = answer.errors?.[0]?.extensions?.reason;
    throw error;
  }
  return answer.data;
}

/** Retries while the other services have not yet mirrored the district org just created (events are async). */
async function whenMirrored<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries > 200 || !/^UNKNOWN_/.test(String((error as { reason?: string }).reason))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function seedBenchDistrict(url: string, token: string): Promise<void> {
  const run = (query: string, variables: Record<string, unknown>) => whenMirrored(() => call(url, token, query, variables));
  for (const [code, name] of AREAS) await run(`mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }`, { input: { code, name } });
  const compoundIds: string[] = [];
  for (const [communityCode, name, type, managementMode] of COMPOUNDS) {
    const created = await run(`mutation($input: CreateCompoundInput!) { createCompound(input: $input) { id } }`, { input: { communityCode, name, type, managementMode, builtYear: 2010 } });
    compoundIds.push(created.createCompound!.id);
  }
  const companyIds: string[] = [];
  for (const [name, creditCode] of COMPANIES) {
    const created = await run(`mutation($input: RegisterPropertyCompanyInput!) { registerPropertyCompany(input: $input) { id } }`, { input: { name, creditCode, districtCode: '510112' } });
    companyIds.push(created.registerPropertyCompany!.id);
  }
  for (const [i, companyId] of companyIds.entries()) {
    await run(`mutation($input: StartServiceAssignmentInput!) { startServiceAssignment(input: $input) { id } }`, {
      input: { companyId, compoundId: compoundIds[i]!, contractStart: '2025-01-01', contractEnd: '2027-12-31', feeModel: 'LUMP_SUM', feeStandardFen: 250 },
    });
  }
  for (let i = 0; i < 16; i++) {
    const compoundId = compoundIds[i < 12 ? 0 : i % compoundIds.length]!;
    await run(`mutation($input: RaiseMatterInput!) { raiseMatter(input: $input) { id } }`, { input: { compoundId, title: `基准事项 ${i + 1}`, category: CATEGORIES[i % CATEGORIES.length] } });
  }
  await run(`mutation($input: OpenVoteInput!) { openVote(input: $input) { id } }`, {
    input: { compoundId: compoundIds[0]!, kind: 'POLL', title: '电瓶车充电桩选址', secrecy: 'ROLL_CALL', closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  });
  await run(`mutation($input: OpenFundInput!) { openFund(input: $input) { id } }`, { input: { name: '美景华庭信托制物业账户', kind: 'TRUST_PROPERTY_ACCOUNT', compoundId: compoundIds[0]! } });
  const fund = await run(`mutation($input: OpenFundInput!) { openFund(input: $input) { id } }`, { input: { name: '美景社区微基金', kind: 'COMMUNITY_MICRO_FUND', communityCode: '510112001001' } });
  const kinds = ['MERCHANT', 'RESIDENT', 'ENTERPRISE', 'VOLUNTEER_FUNDRAISING'];
  for (let i = 0; i < 12; i++) {
    const receivedOn = new Date(Date.now() - (i * 30 + 1) * 86_400_000).toISOString().slice(0, 10);
    await run(`mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }`, {
      input: { fundId: fund.openFund!.id, amountFen: 10_000 * (i + 1), donorKind: kinds[i % kinds.length], donorName: `捐赠人 ${i + 1}`, idempotencyKey: `bench-donation-${i}`, receivedOn },
    });
  }
}
