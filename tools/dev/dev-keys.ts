import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { mintToken, type Role } from '@gongzhi/platform-auth';

export const DEV_KEYS_PATH = path.resolve(__dirname, '../../.data/dev-keys.json');

interface DevKeys {
  issuer: string;
  audience: string;
  privateJwk: JWK;
}

/** A token signed with the development key pair `npm start` keeps in .data/dev-keys.json. */
export async function devToken(roles: Role[], scopes: string[], sub: string, expiresIn = '8h', keysPath = DEV_KEYS_PATH): Promise<string> {
  let keys: DevKeys;
  try {
    keys = JSON.parse(readFileSync(keysPath, 'utf8')) as DevKeys;
  } catch {
    throw new Error(`no development keys at ${keysPath}: run npm start once to create them`);
  }
  return mintToken(keys.privateJwk, { sub, roles, scopes }, { issuer: keys.issuer, audience: keys.audience, expiresIn });
}
