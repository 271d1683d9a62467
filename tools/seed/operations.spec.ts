import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { OPS, rootFieldOf, routeOperations } from './operations';

describe('the seed’s operations', () => {
  const api = buildSchema(readFileSync(path.resolve(__dirname, '../../apps/gateway/api-schema.graphql'), 'utf8'));

  it.each(Object.entries(OPS))('%s is valid against the composed API schema', (_, document) => {
    expect(validate(api, parse(document)).map((error) => error.message)).toEqual([]);
  });

  it('sends each one to the subgraph that owns its root field', () => {
    const routes = routeOperations();
    expect(routes).toMatchObject({
      startImport: 'org',
      createCompound: 'org',
      raiseMatter: 'deliberation',
      castBallot: 'deliberation',
      recordInspection: 'property',
      draftCreditList: 'property',
      recordFeePayment: 'fund',
      publishDisclosure: 'fund',
    });
    expect(Object.keys(routes).sort()).toEqual(Object.keys(OPS).sort());
  });

  it('names the root field of a document', () => {
    expect(rootFieldOf('mutation($id: ID!) { closeVote(voteId: $id) { id } }')).toEqual({ operation: 'mutation', field: 'closeVote' });
    expect(rootFieldOf('{ areas { nodes { id } } }')).toEqual({ operation: 'query', field: 'areas' });
    expect(() => rootFieldOf('fragment F on Area { id }')).toThrow(/not a query or mutation/);
  });
});
