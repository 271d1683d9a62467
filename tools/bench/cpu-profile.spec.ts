import { ownerOf, summarizeProfile, type CpuProfile } from './cpu-profile';

describe('CPU profile summary', () => {
  it('names the package, Node internals or our project a function belongs to', () => {
    expect(ownerOf('file:///app/node_modules/@apollo/gateway/dist/executeQueryPlan.js', 'f')).toBe('@apollo/gateway');
    expect(ownerOf('file:///app/node_modules/a/node_modules/graphql/execution/execute.js', 'f')).toBe('graphql');
    expect(ownerOf('node:internal/streams/readable', 'f')).toBe('node: internals');
    expect(ownerOf('file:///app/dist/libs/platform/graphql/src/http.js', 'f')).toBe('libs/platform/graphql');
    expect(ownerOf('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it('adds self time per package and function, largest first', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('parse', 'file:///x/node_modules/graphql/language/parser.js') },
        { id: 3, callFrame: frame('request', 'file:///x/node_modules/undici/lib/api/api-request.js') },
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const summary = summarizeProfile(profile, 5);
    expect(summary).toContain('| graphql | 3 ms | 75.0% |');
    expect(summary).toContain('| undici | 1 ms | 25.0% |');
    expect(summary.indexOf('graphql')).toBeLessThan(summary.indexOf('undici'));
  });

  it('leaves out idle time and, when asked, everything before the last milliseconds', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', '') },
        { id: 2, callFrame: frame('compileFunction', 'node:internal/vm') },
        { id: 3, callFrame: frame('execute', 'file:///x/node_modules/graphql/execution/execute.js') },
      ],
      samples: [2, 2, 1, 3, 3],
      timeDeltas: [1000, 1000, 1000, 1000, 1000],
    };
    expect(summarizeProfile(profile, 5)).toContain('| node: internals | 2 ms | 50.0% |');
    const window = summarizeProfile(profile, 5, 2.5);
    expect(window).toContain('| graphql | 2 ms | 100.0% |');
    expect(window).not.toContain('internals');
  });
});
