import fc from 'fast-check';
import { graphqlRequest, tokenFor } from '@gongzhi/platform-testing';
import { rowCounts } from '../src/fingerprint';
import { fuzzedArguments, type KnownIds } from '../src/fuzz-values';
import { bootGraph, type Graph } from '../src/graph';
import { documentFor, loadApiSchema, operationsOf } from '../src/operations';
import { createForeignData } from '../src/scoped-district';

const schema = loadApiSchema();
const mutations = operationsOf(schema).filter((op) => op.kind === 'mutation');

/** The closed set of refusals a client can act on; INTERNAL_SERVER_ERROR is a bug. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

const SEED = 20_261_107;
const RUNS = 5;

/** Waits until other services have applied the events of an accepted call, so they do not count against the next. */
async function settled(graph: Graph): Promise<void> {
  let last = JSON.stringify(await rowCounts(graph));
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const now = JSON.stringify(await rowCounts(graph));
    if (now === last) return;
    last = now;
  }
}

describe('fuzzed input to every mutation, as a platform admin', () => {
  let graph: Graph;
  let admin: string;
  const known: KnownIds = new Map();

  beforeAll(async () => {
    graph = await bootGraph();
    admin = await tokenFor('platform_admin', '/', 'fuzzer');
    const foreign = await createForeignData(graph, schema, await tokenFor(['platform_admin', 'district_admin', 'community_staff'], '/', 'setup'));
    for (const compound of foreign.compounds) {
      for (const [type, ids] of compound.ids) known.set(type, [...(known.get(type) ?? []), ...ids]);
    }
  }, 300_000);

  afterAll(() => graph?.stop());

  it.each(mutations.map((op) => [op.field.name, op] as const))('%s answers only closed-set refusals and leaves no rows when it refuses', async (name, operation) => {
    const document = documentFor(operation, 1);
    await fc.assert(
      fc.asyncProperty(fuzzedArguments(operation, known), async (variables) => {
        const before = await rowCounts(graph);
        const result = await graphqlRequest(graph.gateway.url, document, variables, admin);
        const codes = (result.errors ?? []).map((error) => error.extensions?.code);
        expect(codes.filter((code) => !REFUSALS.has(code ?? ''))).toEqual([]);
        if (result.data?.[name] == null) expect(await rowCounts(graph)).toEqual(before);
        else await settled(graph);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
