import { FixedWindowLimiter, tokenSubject } from './rate-limit';

const jwt = (payload: object) => `Bearer e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

describe('FixedWindowLimiter', () => {
  it('admits the limit per key in a window, then names the seconds left until the window ends', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter(3, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([undefined, undefined, undefined]);
    now += 15_500;
    expect(limiter.take('a')).toBe(45);
    expect(limiter.take('b')).toBeUndefined();
    now += 44_500;
    expect(limiter.take('a')).toBeUndefined();
  });
});

describe('tokenSubject', () => {
  it('reads the subject of a bearer JWT without verifying it', () => {
    expect(tokenSubject(jwt({ sub: 'staff-meijing', scope: '/510112/' }))).toBe('staff-meijing');
  });

  it('has no identity for a missing, malformed or subject-less token', () => {
    expect(tokenSubject(undefined)).toBeUndefined();
    expect(tokenSubject('Bearer not-a-jwt')).toBeUndefined();
    expect(tokenSubject('Bearer e30.!!!.c2ln')).toBeUndefined();
    expect(tokenSubject(jwt({ scope: '/' }))).toBeUndefined();
    expect(tokenSubject(jwt({ sub: 42 }))).toBeUndefined();
  });
});
