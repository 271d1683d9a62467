import { ROLES, type Role } from '@gongzhi/platform-auth';
import { graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { changedTables, fingerprint } from '../src/fingerprint';
import { bootGraph, type Graph } from '../src/graph';
import { documentFor, loadApiSchema, operationsOf, type Operation } from '../src/operations';
import { probeArguments } from '../src/probe-values';
import { newAim, reachOf, showsTarget, type Outcome } from '../src/reach';
import { createForeignData, SCOPE_A, type ForeignCompound, type ForeignData } from '../src/scoped-district';

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

/**
 * Operations no call of the matrix gets as far as the service's scope decision for B or for C (see `Reach` in
 * `src/reach.ts`), each with the reason it cannot: for them the matrix proves only that the earlier refusal
 * holds. An operation that reaches scope must leave this list; one that does not must be in it.
 */
const NOT_REACHING_SCOPE: Record<string, string> = {
  publicCreditList: 'public by design: the published red/black list of a district, read without a token; there is no scope check to reach',
  raiseMatterWithIntakeCode: 'public by design: the QR code alone decides the compound, with no token and no scope check',
};

describe('the isolation matrix: every operation, every role, scoped to compound A, aimed at B and C', () => {
  let graph: Graph;
  let foreign: ForeignData;
  let personal: string[];
  const tokens = new Map<Role, string>();
  /** Per operation and target, where each role's call stopped. */
  const reached = new Map<string, Map<string, Outcome[]>>();
  const minted = new Map<string, string>();
  /** A token of `role` over `scope` for `subject`, minted once. */
  async function tokenOf(role: Role, scope: string, subject: string): Promise<string> {
    const key = `${role} ${scope} ${subject}`;
    if (!minted.has(key)) minted.set(key, await tokenFor(role, scope, subject));
    return minted.get(key)!;
  }

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
    for (const name of [...Object.keys(PUBLIC_OPERATIONS), ...Object.keys(NOT_GENERATED), ...Object.keys(NOT_REACHING_SCOPE)]) {
      expect(operations.map((op) => op.field.name)).toContain(name);
    }
  });

  it('set up data of every kind under B and C', () => {
    for (const compound of foreign.compounds) {
      expect([...compound.ids.keys()]).toEqual(expect.arrayContaining(['Compound', 'Dwelling', 'Resident', 'Matter', 'Fund', 'Grid', 'GovernanceBody', 'Vote', 'Evidence']));
    }
  });

  /**
   * What of B and C one operation shows each role holding `scopes`, aimed at B and at C; for A's scope, where
   * each call stopped is recorded in `reached`.
   */
  async function leaksOf(operation: Operation, scopes: string, roles: readonly Role[] = ROLES): Promise<string[]> {
    const name = operation.field.name;
    const watched = PUBLIC_OPERATIONS[name] ? personal : [...foreign.secrets];
    const leaks: string[] = [];
    const document = documentFor(operation, 4);
    // An operation without arguments answers about the caller: only the token's subject can aim it.
    const bySubject = operation.field.args.length === 0;
    for (const [index, target] of foreign.compounds.entries()) {
      const aim = newAim();
      const variables = probeArguments(operation, target, foreign.intakeCodes[index]!, aim);
      const sent = JSON.stringify(variables) + (bySubject ? target.personKey : '');
      const outcomes: Outcome[] = [];
      if (scopes === SCOPE_A) reached.set(name, (reached.get(name) ?? new Map<string, Outcome[]>()).set(target.label, outcomes));
      for (const role of roles) {
        const token = scopes !== SCOPE_A ? await tokenFor(role, scopes) : bySubject ? await tokenOf(role, SCOPE_A, target.personKey) : tokens.get(role);
        const result = await graphqlRequest(graph.gateway.url, document, variables, token);
        // A nested field the role may not read nulls a whole answer, and would hide whatever else it held: a
        // query is asked again two levels deep, and that answer is searched too.
        const nested = operation.kind === 'query' && result.data?.[name] == null && (result.errors ?? []).some((error) => (error.path?.length ?? 0) > 1);
        const shallow = nested ? await graphqlRequest(graph.gateway.url, documentFor(operation, 2), variables, token) : undefined;
        let outcome = reachOf(name, result, aim);
        if (scopes === SCOPE_A && needsControl(operation, outcome) && !outcomes.some((o) => o.reach !== 'before')) {
          outcome = await controlled(outcome, operation, variables, role, target, bySubject ? target.personKey : `control-${role}`);
        }
        outcomes.push(outcome);
        const data = JSON.stringify([result.data ?? null, shallow?.data ?? null]);
        const errors = JSON.stringify([...(result.errors ?? []), ...(shallow?.errors ?? [])]);
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

  /**
   * A query's empty answer or not-found proves the scope filter only if the target has data the query shows:
   * the same query by the same role scoped to the target's community (B) or street (C) must show some of it.
   * (A write is not repeated.)
   */
  function needsControl(operation: Operation, outcome: Outcome): boolean {
    return operation.kind === 'query' && outcome.reach !== 'before' && !outcome.detail.startsWith('FORBIDDEN/OUT_OF_SCOPE');
  }

  async function controlled(outcome: Outcome, operation: Operation, variables: Record<string, unknown>, role: Role, target: ForeignCompound, subject: string): Promise<Outcome> {
    // Two levels are enough to show ids, and keep a nested field the role may not read from nulling the answer.
    const control = await graphqlRequest(graph.gateway.url, documentFor(operation, 2), variables, await tokenOf(role, target.foreignScope, subject));
    if (showsTarget(control.data, target)) return outcome;
    return { reach: 'before', detail: `${outcome.detail}, and the same role scoped to ${target.foreignScope} sees none of ${target.label}'s data either` };
  }

  it('would notice: a caller scoped to B sees B’s compound and changes B’s rows', async () => {
    const [b] = foreign.compounds;
    const byName = (name: string) => operations.find((op) => op.field.name === name)!;
    expect(await leaksOf(byName('compound'), b!.scopePath, ['community_staff'])).toContain('community_staff → 西河: data shows 西河');
    const before = await fingerprint(graph, foreign.scopePrefixes, foreign.sharedScopes);
    const raised = await graphqlRequest(graph.gateway.url, documentFor(byName('raiseMatter'), 1), { input: { compoundId: b!.compoundId, title: 'control', category: 'DOGS' } }, await tokenFor('community_staff', b!.scopePath));
    expect(raised.errors).toBeUndefined();
    expect(Object.keys(changedTables(before, await fingerprint(graph, foreign.scopePrefixes, foreign.sharedScopes)))).toContain('deliberation.matter');
  });

  it.each(operations.filter((op) => !NOT_GENERATED[op.field.name]).map((op) => [`${op.kind} ${op.field.name}`, op] as const))(
    '%s shows and changes nothing of B or C',
    async (_, operation) => {
      const before = await fingerprint(graph, foreign.scopePrefixes, foreign.sharedScopes);
      expect(await leaksOf(operation, SCOPE_A)).toEqual([]);
      if (!PUBLIC_OPERATIONS[operation.field.name]) {
        expect(changedTables(before, await fingerprint(graph, foreign.scopePrefixes, foreign.sharedScopes))).toEqual({});
      }
      if (!NOT_REACHING_SCOPE[operation.field.name]) {
        // Aimed at B and at C, some role's call must get as far as the scope check, or the test proves little.
        expect({ operation: operation.field.name, notReachingScope: unreachedTargets(operation.field.name) }).toEqual({ operation: operation.field.name, notReachingScope: {} });
      }
    },
  );

  /** The targets no role's call reached scope for, with how often each refusal came. */
  function unreachedTargets(name: string): Record<string, string[]> {
    const unreached: Record<string, string[]> = {};
    for (const [target, outcomes] of reached.get(name) ?? []) {
      if (outcomes.some((outcome) => outcome.reach !== 'before')) continue;
      const counts = new Map<string, number>();
      for (const { detail } of outcomes) counts.set(detail, (counts.get(detail) ?? 0) + 1);
      unreached[target] = [...counts].map(([detail, n]) => `${detail} ×${n}`);
    }
    return unreached;
  }

  it('lists the operations that never reach a scope check, each allowed with its reason', () => {
    const names = operations.filter((op) => !NOT_GENERATED[op.field.name]).map((op) => op.field.name);
    expect(names.filter((name) => !reached.has(name))).toEqual([]);
    const never = names.filter((name) => Object.keys(unreachedTargets(name)).length > 0);
    const report = never.map((name) => `  ${name}: ${JSON.stringify(unreachedTargets(name))}${NOT_REACHING_SCOPE[name] ? ` (allowed: ${NOT_REACHING_SCOPE[name]})` : ''}`);
    process.stdout.write(`isolation matrix: ${names.length - never.length} of ${names.length} operations reach a scope check for B and C; ${never.length} do not${never.length ? `:\n${report.join('\n')}` : ''}\n`);
    // An allowed operation that now reaches scope leaves the list, so the list stays the truth.
    expect({ unlisted: never.filter((name) => !NOT_REACHING_SCOPE[name]), stale: Object.keys(NOT_REACHING_SCOPE).filter((name) => !never.includes(name)) }).toEqual({ unlisted: [], stale: [] });
  });
});
