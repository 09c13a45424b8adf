// Summarises a V8 .cpuprofile (from BENCH_PROFILE=1): self time by function and by package/file.
// Run: node -r ts-node/register/transpile-only bench/lib/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export function summarize(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const total = profile.samples.length;
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    const area = url.includes('node_modules/')
      ? url
          .split('node_modules/')[1]
          .split('/')
          .slice(0, url.split('node_modules/')[1].startsWith('@') ? 2 : 1)
          .join('/')
      : url.includes('/dist/')
        ? url.split('/dist/')[1].split('/').slice(0, 3).join('/')
        : url || `(${node.callFrame.functionName || 'native'})`;
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
  }
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `${total} samples\n-- by area --\n${fmt(byArea)}\n-- by function (self) --\n${fmt(byFn)}`;
}

if (require.main === module) console.log(summarize(process.argv[2], Number(process.argv[3] ?? 25)));
