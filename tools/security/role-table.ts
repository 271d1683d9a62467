// Writes the role policy (libs/platform/auth/src/policy.ts) into docs/security.md between its markers.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withPolicyTables } from '@gongzhi/platform-auth';

const doc = path.resolve(__dirname, '../../docs/security.md');
const before = readFileSync(doc, 'utf8');
const after = withPolicyTables(before);
if (after !== before) writeFileSync(doc, after);
console.log(after === before ? 'docs/security.md: the role tables are up to date' : 'docs/security.md: role tables rewritten');
