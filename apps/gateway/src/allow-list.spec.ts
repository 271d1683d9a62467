import type { HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { admitPersisted } from './allow-list';
import { documentHash } from './persisted-documents';

const DOCUMENT = 'query Areas {\n  areas {\n    nodes {\n      code\n    }\n  }\n}';
const allowed = new Map([[documentHash(DOCUMENT), DOCUMENT]]);
const post = (body: unknown): HTTPGraphQLRequest => ({ method: 'POST', headers: new HeaderMap(), search: '', body });

function refusalOf(request: HTTPGraphQLRequest) {
  const admission = admitPersisted(request, allowed);
  if (!('refused' in admission)) return undefined;
  const body = admission.refused.body;
  return { status: admission.refused.status, body: body.kind === 'complete' ? JSON.parse(body.string) : undefined };
}

describe('admitPersisted', () => {
  it('admits a manifest document sent in full', () => {
    expect(admitPersisted(post({ query: DOCUMENT }), allowed)).toEqual({ admitted: post({ query: DOCUMENT }) });
  });

  it('fills in the text of a manifest document named only by its hash', () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentHash(DOCUMENT) } };
    expect(admitPersisted(post({ extensions }), allowed)).toEqual({ admitted: post({ extensions, query: DOCUMENT }) });
    const get: HTTPGraphQLRequest = { method: 'GET', headers: new HeaderMap(), search: `?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, body: undefined };
    const admitted = admitPersisted(get, allowed);
    expect('admitted' in admitted && new URLSearchParams(admitted.admitted.search).get('query')).toBe(DOCUMENT);
  });

  it('refuses any other document or hash with OPERATION_NOT_ALLOWED', () => {
    const expected = { status: 400, body: { errors: [{ message: expect.stringContaining('not in the manifest'), extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_NOT_ALLOWED' } }] } };
    expect(refusalOf(post({ query: `${DOCUMENT} ` }))).toEqual(expected);
    expect(refusalOf(post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ __typename }') } } }))).toEqual(expected);
    expect(refusalOf({ method: 'GET', headers: new HeaderMap(), search: '?query=%7B__typename%7D', body: undefined })).toEqual(expected);
  });
});
