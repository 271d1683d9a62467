import { parseArgs } from 'node:util';
import { isRole, ROLES, SCOPE_PATH, type Role } from '@gongzhi/platform-auth';
import { DEV_KEYS_PATH, devToken } from './dev-keys';

const HELP = `Mints a development token, signed with the key pair npm start keeps in .data/dev-keys.json:

  npm run token -- --role <role> --scope <path> [--role …] [--scope …] [--sub dev-user] [--expires 8h] [--keys <file>]

  roles: ${ROLES.join(', ')}
  e.g.   npm run token -- --role street_admin --scope /510112/510112001/

Machine clients (city platforms) get their own tokens instead, with client credentials (docs/security.md,
"Machine clients"): a district administrator registers the client (registerMachineClient answers its
clientId and clientSecret, once), and the platform asks the gateway for a ten-minute token:

  curl -s -u "<clientId>:<clientSecret>" -d grant_type=client_credentials http://127.0.0.1:4000/oauth/token
`;

/**
 * Mints a development token with the key pair `npm start` keeps in .data/dev-keys.json:
 *   npm run token -- --role street_admin --scope /510112/510112001/ [--sub alice] [--expires 8h]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: [] },
      scope: { type: 'string', multiple: true, default: [] },
      sub: { type: 'string', default: 'dev-user' },
      expires: { type: 'string', default: '8h' },
      keys: { type: 'string', default: DEV_KEYS_PATH },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const problems: string[] = [];
  const roles = values.role as string[];
  const scopes = values.scope as string[];
  if (roles.length === 0) problems.push(`--role is required (one of: ${ROLES.join(', ')})`);
  for (const role of roles) if (!isRole(role)) problems.push(`--role ${role}: not a role (one of: ${ROLES.join(', ')})`);
  if (scopes.length === 0) problems.push('--scope is required, e.g. --scope /510112/510112001/ (or / for everything)');
  for (const scope of scopes) if (!SCOPE_PATH.test(scope)) problems.push(`--scope ${scope}: must be a slash-terminated path like /510112/510112001/`);
  if (problems.length) throw new Error(`${problems.join('\n')}\n(npm run token -- --help for usage)`);
  const token = await devToken(roles as Role[], scopes, values.sub as string, values.expires as string, values.keys as string);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
