import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { WORKSPACE_ROOT } from './workspace';

/** The manifest the allow-list mode reads: every operation libs/client ships, keyed by the sha256 of its text. */
export const PERSISTED_DOCUMENTS_PATH = path.join(WORKSPACE_ROOT, 'apps/gateway/persisted-documents.json');
const CLIENT_DOCUMENTS_PATH = path.join(WORKSPACE_ROOT, 'libs/client/src/generated/graphql.ts');

export interface PersistedOperation {
  /** sha256 (hex) of `body`, as Apollo's persisted-query extension sends it. */
  id: string;
  name: string;
  type: OperationDefinitionNode['operation'];
  /** The document exactly as a client prints it (graphql-js `print`). */
  body: string;
}

/** Apollo's persisted-query manifest format, so standard tooling can read it. */
export interface PersistedDocumentManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads the documents codegen wrote into libs/client as text (one `export const …Document = {AST} as unknown as
 * DocumentNode<…>` per line) rather than importing the library: libs/client is generated from the gateway's
 * schema, so an import would make the project graph circular.
 */
function clientDocuments(source: string): { name: string; document: DocumentNode }[] {
  const documents = [...source.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode</gm)].map((match) => ({
    name: match[1]!,
    document: JSON.parse(match[2]!) as DocumentNode,
  }));
  if (documents.length === 0) throw new Error(`no documents found in ${CLIENT_DOCUMENTS_PATH}`);
  return documents;
}

export function buildManifest(source = readFileSync(CLIENT_DOCUMENTS_PATH, 'utf8')): PersistedDocumentManifest {
  const operations = clientDocuments(source).map(({ name, document }) => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation) throw new Error(`${name}Document holds no operation`);
    const body = print(document);
    return { id: documentHash(body), name: operation.name?.value ?? name, type: operation.operation, body };
  });
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export function renderManifest(manifest: PersistedDocumentManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Hash → document text of the committed manifest. */
export function readAllowList(file = PERSISTED_DOCUMENTS_PATH): ReadonlyMap<string, string> {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as PersistedDocumentManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
    throw new Error(`${file} is not a version 1 persisted-query manifest`);
  }
  return new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
}

if (require.main === module) {
  writeFileSync(PERSISTED_DOCUMENTS_PATH, renderManifest(buildManifest()));
  process.stdout.write(`wrote ${PERSISTED_DOCUMENTS_PATH}\n`);
}
