import { RevocationSet } from '@gongzhi/platform-auth';
import { applyRevocation } from './revocation-feed';

const CLIENT = '019a8f3c-1d2e-7f00-8a1b-0123456789ab';
const KEY_1 = '019a8f3c-1d2e-7f00-8a1b-000000000001';
const KEY_2 = '019a8f3c-1d2e-7f00-8a1b-000000000002';
const machine = (keyId: string) => ({ sub: `client:${CLIENT}`, roles: ['city_platform' as const], scopes: ['/510112/'], clientId: CLIENT, keyId });

describe('the revocation feed', () => {
  it('revokes a key on key-revoked, and the client with its keys on revoked', () => {
    const revocations = new RevocationSet();
    applyRevocation(revocations, 'org.machine-client.key-revoked.v1', { clientId: CLIENT, scopePath: '/510112/', keyId: KEY_1, revokedAt: '2026-11-22T08:00:00Z' });
    expect([revocations.isRevoked(machine(KEY_1)), revocations.isRevoked(machine(KEY_2))]).toEqual([true, false]);
    applyRevocation(revocations, 'org.machine-client.revoked.v1', { clientId: CLIENT, scopePath: '/510112/', keyIds: [KEY_2], revokedAt: '2026-11-22T08:01:00Z' });
    expect(revocations.isRevoked(machine(KEY_2))).toBe(true);
    expect(revocations.isRevoked({ sub: 'someone', roles: [], scopes: [] })).toBe(false);
  });

  it('changes nothing for registrations, issued keys, or payloads that break their contract', () => {
    const revocations = new RevocationSet();
    applyRevocation(revocations, 'org.machine-client.key-issued.v1', { clientId: CLIENT, scopePath: '/510112/', keyId: KEY_1 });
    applyRevocation(revocations, 'org.machine-client.key-revoked.v1', { clientId: CLIENT, keyId: 'not-a-uuid' });
    expect(revocations.size).toBe(0);
  });
});
