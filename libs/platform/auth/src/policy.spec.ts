import { readFileSync } from 'node:fs';
import path from 'node:path';
import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { DomainError } from '@gongzhi/platform-graphql';
import { authChecker, type AuthContext } from './auth-checker';
import { can, canOnlyAs, capabilitiesOf, CAPABILITIES, isReadOnly, POLICY, readOnlyRoles, requireCapability, rolesWith, type Capability } from './policy';
import { POLICY_TABLE_BEGIN, POLICY_TABLE_END, renderPolicyTables } from './policy-table';
import { guardMutations } from './read-only';
import { ROLES, type Role } from './roles';
import type { AuthUser } from './user';

const as = (...roles: Role[]): AuthUser => ({ sub: 'someone', roles, scopes: ['/510112/'] });

function refusal(run: () => unknown): { code: string; reason: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the role policy', () => {
  it('is what docs/security.md shows (regenerate with: node tools/scripts/run-ts.mjs tools/security/role-table.ts)', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../../../docs/security.md'), 'utf8');
    const begin = doc.indexOf(POLICY_TABLE_BEGIN);
    const end = doc.indexOf(POLICY_TABLE_END);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(begin);
    expect(doc.slice(begin + POLICY_TABLE_BEGIN.length, end).trim()).toBe(renderPolicyTables());
  });

  it('names only known roles, each capability held by at least one', () => {
    for (const capability of CAPABILITIES) {
      expect(rolesWith(capability).length).toBeGreaterThan(0);
      expect(rolesWith(capability)).toEqual(expect.arrayContaining([...POLICY[capability].roles]));
    }
    for (const role of ROLES) expect(capabilitiesOf(role).length).toBeGreaterThan(0);
  });

  it('keeps residents’ registry, household visits and party members from residents, property staff and city platforms', () => {
    for (const role of ['resident', 'property_staff', 'city_platform'] as const) {
      for (const capability of ['registry:read', 'owners:read', 'field-work:read', 'party-members:read', 'volunteer-service:read', 'sensitive:read', 'personal:read-full'] as const) {
        expect({ role, capability, granted: can(as(role), capability) }).toEqual({ role, capability, granted: false });
      }
    }
  });

  it('gives full numbers to district administrators only, and sensitive tags to community and street staff too', () => {
    expect(rolesWith('personal:read-full')).toEqual(['district_admin']);
    expect(rolesWith('sensitive:read')).toEqual(['district_admin', 'street_admin', 'community_staff']);
    expect(rolesWith('personal:read-own')).toEqual(['resident']);
  });

  it('lets the auditor read all money and the access log, and change nothing', () => {
    const auditor = as('auditor');
    for (const capability of ['fund:read-books', 'fund:donor-names', 'fund:committee-ids', 'points:read', 'access-log:read'] as const) expect(can(auditor, capability)).toBe(true);
    expect(capabilitiesOf('auditor').every((capability) => POLICY[capability].kind === 'read')).toBe(true);
    expect(readOnlyRoles()).toEqual(['auditor']);
    expect(isReadOnly(auditor)).toBe(true);
    expect(isReadOnly(as('auditor', 'resident'))).toBe(false);
    expect(isReadOnly(as())).toBe(false);
  });

  it('tells when a capability is held through one role alone', () => {
    expect(canOnlyAs(as('property_staff'), 'fund:bookkeep', 'property_staff')).toBe(true);
    expect(canOnlyAs(as('property_staff', 'community_staff'), 'fund:bookkeep', 'property_staff')).toBe(false);
    expect(canOnlyAs(as('resident'), 'fund:bookkeep', 'property_staff')).toBe(false);
  });

  it('refuses a missing capability with FORBIDDEN, naming it and the roles that hold it', () => {
    expect(() => requireCapability(as('committee_member'), 'fund:spend')).not.toThrow();
    expect(refusal(() => requireCapability(as('resident'), 'fund:spend', 'fund:bookkeep'))).toEqual({
      code: 'FORBIDDEN',
      reason: 'ROLE_REQUIRED',
      message: expect.stringContaining('fund:spend or fund:bookkeep, which the roles platform_admin, district_admin, street_admin, community_staff, committee_member, property_staff hold'),
    });
  });
});

describe('the auth checker', () => {
  const check = (user: AuthUser | null, required: string[]) => authChecker({ context: { user } as AuthContext, root: {}, args: {}, info: {} as never }, required);

  it('reads capabilities through the policy and role names as roles', () => {
    expect(check(as('grid_worker'), ['registry:read'])).toBe(true);
    expect(check(as('grid_worker'), ['grid_worker'])).toBe(true);
    expect(refusal(() => check(as('resident'), ['registry:read' satisfies Capability]))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(refusal(() => check(as('resident'), ['platform_admin']))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });

  it('needs a caller even for operations open to every role', () => {
    expect(check(as('auditor'), [])).toBe(true);
    expect(refusal(() => check(null, []))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REQUIRED' });
  });
});

describe('read-only callers', () => {
  const schema = guardMutations(
    new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'hi' } } }),
      mutation: new GraphQLObjectType({ name: 'Mutation', fields: { change: { type: GraphQLString, resolve: () => 'changed' } } }),
    }),
  );
  const run = (source: string, user: AuthUser | null) => graphql({ schema, source, contextValue: { user } satisfies AuthContext });

  it('are refused on every mutation with READ_ONLY_ROLE, before the mutation runs', async () => {
    const result = await run('mutation { change }', as('auditor'));
    expect(result.data).toEqual({ change: null });
    expect(result.errors?.[0]?.originalError).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
  });

  it('still read, and leave other callers’ mutations alone', async () => {
    expect((await run('{ hello }', as('auditor'))).data).toEqual({ hello: 'hi' });
    expect((await run('mutation { change }', as('auditor', 'committee_member'))).data).toEqual({ change: 'changed' });
    expect((await run('mutation { change }', null)).data).toEqual({ change: 'changed' });
  });
});
