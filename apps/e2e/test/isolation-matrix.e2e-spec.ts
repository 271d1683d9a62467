import { ROLES, type Role } from '@gongzhi/platform-auth';
import { graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { changedTables, fingerprint } from '../src/fingerprint';
import { bootGraph, type Graph } from '../src/graph';
import { argumentsFor, documentFor, loadApiSchema, operationsOf, type Operation } from '../src/operations';
import { aimedAt } from '../src/probe-values';
import { createForeignData, SCOPE_A, type ForeignData } from '../src/scoped-district';

const schema = loadApiSchema();
const operations = operationsOf(schema);

/**
 * Operations that answer without a token, and why; they may touch B's data by design, but must still show
 * no personal data. Anything else answers an A-scoped caller with nothing of B or C.
 */
const PUBLIC_OPERATIONS: Record<string, string> = {
  publicCreditList: 'the published red/black list (红黑榜) of a district is public by design',
  raiseMatterWithIntakeCode: 'whoever scans a compound’s posted QR code (码上办) may raise a matter there without logging in',
};

/** Operations the argument generator cannot aim at B or C, each with the reason; none today. */
const NOT_GENERATED: Record<string, string> = {};

describe('the isolation matrix: every operation, every role, scoped to compound A, aimed at B and C', () => {
  let graph: Graph;
  let foreign: ForeignData;
  let personal: string[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    graph = await bootGraph(undefined, { MAX_DEPTH: '30', MAX_COST: '10000000', MAX_TOKENS: '1000000', MAX_ALIASES: '100' });
    foreign = await createForeignData(graph, schema, await tokenFor(['platform_admin', 'district_admin', 'community_staff'], '/', 'setup'));
    personal = [...foreign.secrets].filter((secret) => /^\d{17}[\dX]$|^1\d{10}$|居民/.test(secret));
    for (const role of ROLES) tokens.set(role, await tokenFor(role, SCOPE_A, `a-${role}`));
  }, 300_000);

  afterAll(() => graph?.stop());

  it('discovers every operation of the composed schema', () => {
    expect(operations.filter((op) => op.kind === 'query').length).toBeGreaterThan(40);
    expect(operations.filter((op) => op.kind === 'mutation').length).toBeGreaterThan(80);
    for (const name of [...Object.keys(PUBLIC_OPERATIONS), ...Object.keys(NOT_GENERATED)]) {
      expect(operations.map((op) => op.field.name)).toContain(name);
    }
  });

  it('set up data of every kind under B and C', () => {
    for (const compound of foreign.compounds) {
      expect([...compound.ids.keys()]).toEqual(expect.arrayContaining(['Compound', 'Dwelling', 'Resident', 'Matter', 'Fund', 'Grid', 'GovernanceBody', 'Vote', 'Evidence']));
    }
  });

  /** What of B and C one operation shows each role holding `scopes`, aimed at B and at C. */
  async function leaksOf(operation: Operation, scopes: string, roles: readonly Role[] = ROLES): Promise<string[]> {
    const watched = PUBLIC_OPERATIONS[operation.field.name] ? personal : [...foreign.secrets];
    const leaks: string[] = [];
    const document = documentFor(operation, 4);
    for (const [index, target] of foreign.compounds.entries()) {
      const variables = argumentsFor(operation, aimedAt(target, foreign.intakeCodes[index]!));
      const sent = JSON.stringify(variables);
      for (const role of roles) {
        const token = scopes === SCOPE_A ? tokens.get(role) : await tokenFor(role, scopes);
        const result = await graphqlRequest(graph.gateway.url, document, variables, token);
        const data = JSON.stringify(result.data ?? null);
        const errors = JSON.stringify(result.errors ?? []);
        for (const secret of watched) {
          // An answer may repeat what the caller sent (a refused id, an import's rejected code), nothing else.
          if (sent.includes(secret)) continue;
          if (data.includes(secret)) leaks.push(`${role} → ${target.label}: data shows ${secret}`);
          if (errors.includes(secret)) leaks.push(`${role} → ${target.label}: an error shows ${secret}`);
        }
      }
    }
    return leaks;
  }

  it('would notice: a caller scoped to B sees B’s compound and changes B’s rows', async () => {
    const [b] = foreign.compounds;
    const byName = (name: string) => operations.find((op) => op.field.name === name)!;
    expect(await leaksOf(byName('compound'), b!.scopePath, ['community_staff'])).toContain('community_staff → 西河: data shows 西河');
    const before = await fingerprint(graph, foreign.scopePrefixes);
    const raised = await graphqlRequest(graph.gateway.url, documentFor(byName('raiseMatter'), 1), { input: { compoundId: b!.compoundId, title: 'control', category: 'DOGS' } }, await tokenFor('community_staff', b!.scopePath));
    expect(raised.errors).toBeUndefined();
    expect(Object.keys(changedTables(before, await fingerprint(graph, foreign.scopePrefixes)))).toContain('deliberation.matter');
  });

  it.each(operations.filter((op) => !NOT_GENERATED[op.field.name]).map((op) => [`${op.kind} ${op.field.name}`, op] as const))(
    '%s shows and changes nothing of B or C',
    async (_, operation) => {
      const before = await fingerprint(graph, foreign.scopePrefixes);
      expect(await leaksOf(operation, SCOPE_A)).toEqual([]);
      if (!PUBLIC_OPERATIONS[operation.field.name]) {
        expect(changedTables(before, await fingerprint(graph, foreign.scopePrefixes))).toEqual({});
      }
    },
  );
});
