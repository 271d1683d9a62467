import { readFileSync } from 'node:fs';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { loadConfig } from './config';
import { operationLimits } from './limits';
import { buildManifest, documentHash, PERSISTED_DOCUMENTS_PATH, readAllowList, renderManifest } from './persisted-documents';
import { API_SCHEMA_PATH } from './workspace';

describe('the persisted-document manifest', () => {
  const manifest = buildManifest();

  it('is what libs/client generates (regenerate with: node tools/scripts/run-ts.mjs apps/gateway/src/persisted-documents.ts)', () => {
    expect(renderManifest(manifest)).toBe(readFileSync(PERSISTED_DOCUMENTS_PATH, 'utf8'));
  });

  it('keys every client operation by the sha256 of the text a client sends', () => {
    expect(manifest.operations.map((o) => o.name)).toEqual(expect.arrayContaining(['CompoundDashboard', 'CreateArea', 'Compounds']));
    for (const operation of manifest.operations) expect(operation.id).toBe(documentHash(operation.body));
    expect(readAllowList().get(manifest.operations[0]!.id)).toBe(manifest.operations[0]!.body);
  });

  it('holds only operations that pass the default operation limits', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
    const limits = operationLimits(loadConfig({}));
    for (const operation of manifest.operations) {
      const document = parse(operation.body, limits.parseOptions);
      expect({ name: operation.name, errors: validate(schema, document, [...specifiedRules, ...limits.validationRules]).map((e) => e.message) }).toEqual({
        name: operation.name,
        errors: [],
      });
    }
  });
});
