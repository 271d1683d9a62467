import { commonScopePrefix } from './resident.service';

describe('commonScopePrefix', () => {
  it('is the deepest scope path all the scopes lie under', () => {
    expect(commonScopePrefix(['/510112/510112001/510112001002/'])).toBe('/510112/510112001/510112001002/');
    expect(commonScopePrefix(['/510112/510112001/510112001002/', '/510112/510112001/510112001003/'])).toBe('/510112/510112001/');
    expect(commonScopePrefix(['/510112/510112001/', '/510112/510112002/510112002001/'])).toBe('/510112/');
  });

  it('is the root when the scopes share nothing, or one of them is the root', () => {
    expect(commonScopePrefix(['/510112/', '/510113/'])).toBe('/');
    expect(commonScopePrefix(['/', '/510112/'])).toBe('/');
    expect(commonScopePrefix([])).toBe('/');
  });
});
