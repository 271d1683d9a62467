import { readFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from './workspace';

describe('the committed supergraph', () => {
  const composed = composeSupergraph();

  it('is what the committed subgraph SDL files compose to (regenerate with: npx nx run gateway:compose)', () => {
    expect(composed.supergraphSdl).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });

  it('has an up-to-date client API schema beside it', () => {
    expect(composed.apiSchemaSdl).toBe(readFileSync(API_SCHEMA_PATH, 'utf8'));
  });

  it('joins all four subgraphs', () => {
    for (const name of ['ORG', 'DELIBERATION', 'PROPERTY', 'FUND']) expect(composed.supergraphSdl).toContain(`${name} @join__graph`);
  });
});
