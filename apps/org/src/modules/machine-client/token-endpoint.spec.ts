import { FailedAuthLimiter } from './failed-auth-limiter';
import { OAuthError, parseTokenRequest } from './token-endpoint';

const FORM = 'application/x-www-form-urlencoded';
const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

function refusal(run: () => unknown): { status: number; error: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return { status: error.status, error: error.error };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsing a client-credentials token request', () => {
  it('reads Basic credentials as form-encoded parts split at the first colon', () => {
    expect(parseTokenRequest(`${FORM}; charset=UTF-8`, basic('c%3A1:s%2Bcret:with+colon'), 'grant_type=client_credentials')).toEqual({ clientId: 'c:1', clientSecret: 's+cret:with colon' });
  });

  it('reads credentials from the body, and a space-separated scope without repeats', () => {
    expect(parseTokenRequest(FORM, undefined, 'grant_type=client_credentials&client_id=c1&client_secret=s1&scope=%2F510112%2F+%2F510112%2F510112001%2F+%2F510112%2F')).toEqual({
      clientId: 'c1',
      clientSecret: 's1',
      scopes: ['/510112/', '/510112/510112001/'],
    });
  });

  it('treats a parameter sent without a value as not sent', () => {
    expect(parseTokenRequest(FORM, basic('c1:s1'), 'grant_type=client_credentials&scope=&client_secret=')).toEqual({ clientId: 'c1', clientSecret: 's1' });
  });

  it.each([
    ['a JSON body', 'application/json', basic('c1:s1'), '{"grant_type":"client_credentials"}', 400, 'invalid_request'],
    ['no content type', undefined, basic('c1:s1'), 'grant_type=client_credentials', 400, 'invalid_request'],
    ['no grant type', FORM, basic('c1:s1'), 'scope=%2F', 400, 'invalid_request'],
    ['another grant type', FORM, basic('c1:s1'), 'grant_type=refresh_token&refresh_token=x', 400, 'unsupported_grant_type'],
    ['a repeated parameter', FORM, basic('c1:s1'), 'grant_type=client_credentials&scope=%2F&scope=%2F510112%2F', 400, 'invalid_request'],
    ['two authentication methods', FORM, basic('c1:s1'), 'grant_type=client_credentials&client_secret=s1', 400, 'invalid_request'],
    ['a body client_id that differs from Basic', FORM, basic('c1:s1'), 'grant_type=client_credentials&client_id=c2', 400, 'invalid_request'],
    ['a scope that is not a scope path', FORM, basic('c1:s1'), 'grant_type=client_credentials&scope=read', 400, 'invalid_scope'],
    ['only blanks as scope', FORM, basic('c1:s1'), 'grant_type=client_credentials&scope=+++', 400, 'invalid_scope'],
    ['no credentials', FORM, undefined, 'grant_type=client_credentials', 401, 'invalid_client'],
    ['a client_id without a secret', FORM, undefined, 'grant_type=client_credentials&client_id=c1', 401, 'invalid_client'],
    ['a Bearer header', FORM, 'Bearer abc', 'grant_type=client_credentials', 401, 'invalid_client'],
    ['Basic without a colon', FORM, basic('c1'), 'grant_type=client_credentials', 401, 'invalid_client'],
    ['Basic with a broken escape', FORM, basic('c1:%E0%A4%A'), 'grant_type=client_credentials', 401, 'invalid_client'],
  ])('refuses %s', (_, contentType, authorization, body, status, error) => {
    expect(refusal(() => parseTokenRequest(contentType, authorization, body))).toEqual({ status, error });
  });
});

describe('the failed-authentication limiter', () => {
  it('refuses a client id for the rest of the window once it has failed the limit, and forgets it after', () => {
    let clock = 0;
    const limiter = new FailedAuthLimiter(3, 60_000, () => clock);
    for (let failure = 0; failure < 2; failure++) limiter.fail('c1');
    expect(limiter.blockedFor('c1')).toBeUndefined();
    limiter.fail('c1');
    clock = 15_000;
    expect(limiter.blockedFor('c1')).toBe(45);
    expect(limiter.blockedFor('c2')).toBeUndefined();
    clock = 60_000;
    expect(limiter.blockedFor('c1')).toBeUndefined();
    limiter.fail('c1');
    expect(limiter.blockedFor('c1')).toBeUndefined();
  });
});
