import { newAim, reachOf, showsTarget, type Aim } from './reach';
import type { ForeignCompound } from './scoped-district';

const B_DWELLING = '01a20000-0000-7000-8000-00000000000b';

function aim(aimed: string[], unaimed: string[] = []): Aim {
  return { aimed: new Set(aimed), unaimed: new Set(unaimed) };
}

const refusal = (code: string, reason: string, field?: string, path: (string | number)[] = ['op']) => ({ message: reason, path, extensions: { code, reason, field } });

describe('reachOf: how far a call got into the service', () => {
  it('counts a refusal by the scope check', () => {
    expect(reachOf('op', { data: null, errors: [refusal('FORBIDDEN', 'OUT_OF_SCOPE')] }, newAim())).toEqual({ reach: 'scope', detail: 'FORBIDDEN/OUT_OF_SCOPE' });
  });

  it('counts a not-found as the scope filter only for an id of the target’s own data', () => {
    const notFound = { data: null, errors: [refusal('BAD_USER_INPUT', 'UNKNOWN_DWELLING', 'input.dwellingId')] };
    expect(reachOf('op', notFound, aim(['input.dwellingId'])).reach).toBe('scope');
    expect(reachOf('op', notFound, aim([], ['input.dwellingId'])).reach).toBe('before');
    const inList = { data: null, errors: [refusal('NOT_FOUND', 'EVIDENCE_NOT_FOUND', 'input.disputedEvidenceIds.0')] };
    expect(reachOf('op', inList, aim(['input.disputedEvidenceIds'])).reach).toBe('scope');
  });

  it('counts role lists, validation and preconditions as stopping before the scope check', () => {
    for (const error of [refusal('FORBIDDEN', 'ROLE_REQUIRED'), refusal('BAD_USER_INPUT', 'VALIDATION_FAILED', 'input.building'), refusal('CONFLICT', 'NOT_A_DRAFT', 'id')]) {
      expect(reachOf('op', { data: null, errors: [error] }, aim(['id'])).reach).toBe('before');
    }
    expect(reachOf('op', { data: null }, aim(['id']))).toEqual({ reach: 'before', detail: 'no answer' });
  });

  it('counts an answer only when every id was the target’s', () => {
    expect(reachOf('op', { data: { op: null } }, aim(['id'])).reach).toBe('answered');
    expect(reachOf('op', { data: { op: { edges: [] } } }, aim([], ['input.termId']))).toEqual({ reach: 'before', detail: 'answered to stand-ins for input.termId' });
  });

  it('counts an answer nulled by a nested field the role may not read as answered', () => {
    const nested = { data: null, errors: [refusal('FORBIDDEN', 'ROLE_REQUIRED', undefined, ['op', 'dwellings', 0, 'owners'])] };
    expect(reachOf('op', nested, aim(['id'])).reach).toBe('answered');
  });
});

describe('showsTarget', () => {
  const target = {
    compoundCode: '510112001002001',
    communityCode: '510112001002',
    foreignScope: '/510112/510112001/510112001002/',
    ids: new Map([['Dwelling', [B_DWELLING]]]),
  } as unknown as ForeignCompound;

  it('finds the target’s ids, codes and scope paths in an answer, and nothing in an empty one', () => {
    expect(showsTarget({ op: { nodes: [{ id: B_DWELLING }] } }, target)).toBe(true);
    expect(showsTarget({ op: { scopePath: '/510112/510112001/510112001002/510112001002001/' } }, target)).toBe(true);
    expect(showsTarget({ op: { nodes: [] } }, target)).toBe(false);
    expect(showsTarget(null, target)).toBe(false);
  });
});
