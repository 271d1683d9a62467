/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by package (node_modules/<pkg>, node: internals,
 * our code) and the hottest functions, as markdown tables.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime?: number;
  endTime?: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a script belongs: `@scope/pkg` or `pkg` inside node_modules, `node:internal`, `(program)`/`(gc)`, or our path. */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) return /^((?:@[^/]+\/)?[^/]+)/.exec(url.slice(inModules + 'node_modules/'.length))![1]!;
  const ours = /\/(apps|libs|tools)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]!.split('/').slice(0, ours[1] === 'libs' ? 2 : 1).join('/')}` : url;
}

/**
 * Self time by package and by function, as shares of the busy time (idle left out). `lastMs` keeps only the
 * samples of the profile's last milliseconds (the load window, not the start-up before it).
 */
export function summarizeProfile(profile: CpuProfile, top = 10, lastMs?: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  const end = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const from = lastMs === undefined ? -Infinity : end - lastMs * 1000;
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from && byId.get(id)?.callFrame.functionName !== '(idle)') selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0) || 1;
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { callFrame } = byId.get(id)!;
    const owner = ownerOf(callFrame.url, callFrame.functionName);
    packages.set(owner, (packages.get(owner) ?? 0) + ms);
    const where = callFrame.url.startsWith('node:') ? callFrame.url : owner;
    const name = `${callFrame.functionName || '(anonymous)'} — ${where}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const table = (title: string, entries: Map<string, number>) =>
    [
      `| ${title} | self time | share |`,
      '| --- | --- | --- |',
      ...[...entries.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, ms]) => `| ${name.replaceAll('|', '\\|')} | ${ms.toFixed(0)} ms | ${((100 * ms) / total).toFixed(1)}% |`),
    ].join('\n');
  return `${table('package', packages)}\n\n${table('function', functions)}`;
}
