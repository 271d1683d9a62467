import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { documentHash } from './persisted-documents';

export type Admission = { admitted: HTTPGraphQLRequest } | { refused: HTTPGraphQLResponse };

interface PersistedQueryExtension {
  persistedQuery?: { sha256Hash?: unknown };
}

function refusal(message: string): { refused: HTTPGraphQLResponse } {
  return {
    refused: {
      status: 400,
      headers: new HeaderMap([['content-type', 'application/json; charset=utf-8']]),
      body: { kind: 'complete', string: JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_NOT_ALLOWED' } }] }) },
    },
  };
}

function parseExtensions(raw: string | null): PersistedQueryExtension | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PersistedQueryExtension;
  } catch {
    return undefined;
  }
}

/**
 * The allow-list mode: only operations of the persisted-document manifest run. A client names one by its hash
 * (Apollo's `persistedQuery` extension, with or without the text) or sends the very text the manifest holds.
 * A hash-only request gets its text filled in here, so Apollo's own persisted-query cache never has to hold
 * (or be trusted with) the list. Shapes this does not recognise (a batch, no query at all) go on unchanged for
 * Apollo Server to refuse in its usual way.
 */
export function admitPersisted(request: HTTPGraphQLRequest, allowed: ReadonlyMap<string, string>): Admission {
  const params = new URLSearchParams(request.search);
  const isGet = request.method === 'GET';
  const body = request.body as { query?: unknown; extensions?: PersistedQueryExtension } | undefined;
  if (!isGet && (typeof body !== 'object' || body === null || Array.isArray(body))) return { admitted: request };

  const query = isGet ? (params.get('query') ?? undefined) : body?.query;
  const extensions = isGet ? parseExtensions(params.get('extensions')) : body?.extensions;
  const hash = extensions?.persistedQuery?.sha256Hash;

  if (typeof hash === 'string') {
    const text = allowed.get(hash);
    if (text === undefined) return refusal('Only persisted operations are accepted: this document hash is not in the manifest');
    if (query !== undefined) return { admitted: request };
    if (isGet) {
      params.set('query', text);
      return { admitted: { ...request, search: `?${params.toString()}` } };
    }
    return { admitted: { ...request, body: { ...body, query: text } } };
  }
  if (typeof query === 'string') {
    return allowed.has(documentHash(query))
      ? { admitted: request }
      : refusal('Only persisted operations are accepted: this document is not in the manifest');
  }
  return { admitted: request };
}
