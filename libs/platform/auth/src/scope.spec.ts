import { canActIn, withinOrAboveScopes, withinScopes } from './scope';
import type { AuthUser } from './user';

const street: AuthUser = { sub: 's', roles: ['street_admin'], scopes: ['/510112/510112001/'] };

describe('scopes', () => {
  it('covers the node itself and everything below it, nothing beside it', () => {
    expect(canActIn(street, '/510112/510112001/')).toBe(true);
    expect(canActIn(street, '/510112/510112001/510112001001/510112001001001/')).toBe(true);
    expect(canActIn(street, '/510112/510112002/')).toBe(false);
    expect(canActIn(street, '/510112/')).toBe(false);
  });

  it('escapes LIKE wildcards so a scope matches only as a literal prefix', () => {
    const odd: AuthUser = { sub: 'x', roles: [], scopes: ['/51_1%/'] };
    expect(withinScopes(odd, 'c.scope_path').params).toEqual({ callerScopes: ['/51\\_1\\%/%'] });
  });

  it('matches nothing for a caller without scopes', () => {
    const nobody: AuthUser = { sub: 'n', roles: [], scopes: [] };
    expect(withinScopes(nobody, 'c.scope_path').params).toEqual({ callerScopes: [] });
  });

  it('lets records of a higher node reach callers below it', () => {
    const condition = withinOrAboveScopes(street, 'p.scope_path', 'scopes');
    expect(condition.sql).toContain('starts_with(caller_scope.path, p.scope_path)');
    expect(condition.params).toEqual({ scopesLike: ['/510112/510112001/%'], scopesRaw: ['/510112/510112001/'] });
  });
});
