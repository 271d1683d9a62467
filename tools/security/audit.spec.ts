import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, findVulnerable, isVulnerable, packageName, type Advisory } from './audit';

const planner: Advisory = {
  id: 'GHSA-p2q6-pwh5-m6jr',
  package: '@apollo/gateway',
  introduced: '0.1.0',
  fixed: '2.10.1',
  severity: 'high',
  summary: 'query planner',
};

describe('dependency audit', () => {
  it('orders versions numerically, a pre-release before its release', () => {
    expect(compareVersions('2.10.1', '2.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.10.1-beta.1', '2.10.1')).toBeLessThan(0);
    expect(compareVersions('16.8.1', '16.8.1')).toBe(0);
    expect(() => compareVersions('latest', '1.0.0')).toThrow('"latest" is not a semantic version');
  });

  it('flags versions from introduced up to, not including, fixed', () => {
    expect(isVulnerable('2.10.0', planner)).toBe(true);
    expect(isVulnerable('2.10.1', planner)).toBe(false);
    expect(isVulnerable('0.0.9', planner)).toBe(false);
  });

  it('finds nested copies in the lock file and ignores links and the root', () => {
    const lock = {
      packages: {
        '': { version: '0.1.0' },
        'node_modules/@apollo/gateway': { version: '2.14.4' },
        'node_modules/some-tool/node_modules/@apollo/gateway': { version: '2.9.0' },
        'node_modules/@gongzhi/linked': { link: true },
      },
    };
    expect(packageName('node_modules/some-tool/node_modules/@apollo/gateway')).toBe('@apollo/gateway');
    expect(findVulnerable(lock, [planner])).toEqual([
      { advisory: planner, location: 'node_modules/some-tool/node_modules/@apollo/gateway', version: '2.9.0' },
    ]);
  });

  it('passes on this repository: the pinned versions meet every committed patched minimum', () => {
    const root = path.resolve(__dirname, '../..');
    const { advisories } = JSON.parse(readFileSync(path.join(__dirname, 'advisories.json'), 'utf8')) as { advisories: Advisory[] };
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    expect(advisories.map((a) => a.package)).toEqual(expect.arrayContaining(['@apollo/gateway', '@apollo/server', 'graphql']));
    expect(findVulnerable(lock, advisories)).toEqual([]);
  });
});
