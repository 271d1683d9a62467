import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BENCHMARKS_MD = path.resolve(__dirname, '../../docs/benchmarks.md');

const HEADER = `# Benchmarks

Every figure is measured on the machine named in its section, against a baseline measured in the same run
(the ratio is what to compare across machines). \`npm run bench\` runs them all on a seeded district and writes the
summary; each section is rewritten by the command named in its heading (see tools/bench). Timing assertions are
never part of the test suite.
`;

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/**
 * Replaces the section between `<!-- bench:<name> -->` markers in docs/benchmarks.md, or adds it: at the end, or
 * with `first` before every other section (the summary of `npm run bench`).
 */
export function writeSection(name: string, markdown: string, options: { first?: boolean } = {}): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const current = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, 'utf8') : HEADER;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const firstSection = current.indexOf('<!-- bench:');
  const next = pattern.test(current)
    ? current.replace(pattern, () => block)
    : options.first && firstSection >= 0
      ? `${current.slice(0, firstSection)}${block}\n\n${current.slice(firstSection)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_MD, next);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
