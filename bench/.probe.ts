import { spawnSync } from 'node:child_process';
import { startBenchStack, collectSettled, waitForSandbox } from './lib/stack';
import { pool, sleep } from './lib/common';
const stats = () => Object.fromEntries((spawnSync('redis-cli', ['info', 'commandstats'], { encoding: 'utf8' }).stdout).split('\n').filter((l) => l.startsWith('cmdstat_')).map((l) => [l.split(':')[0]!.slice(8), Number(/calls=(\d+)/.exec(l)![1])]));
(async () => {
  const stack = await startBenchStack({ name: 'probe', sandboxDelayMs: 0, workers: 1, workerConcurrency: 20 });
  try {
    await sleep(1500);
    const warm: string[] = [];
    await pool(50, 8, async () => void warm.push(await stack.create()));
    await waitForSandbox(stack, 50, 30000); await collectSettled(stack, warm, 30000);
    await sleep(500);
    const a = stats();
    const ids: string[] = [];
    await pool(200, 8, async () => void ids.push(await stack.create()));
    await waitForSandbox(stack, 250, 30000);
    await sleep(1500);
    const b = stats();
    const d = Object.entries(b).map(([k, v]) => [k, (v - (a[k] ?? 0)) / 200] as const).filter(([, v]) => v > 0.05).sort((x, y) => y[1] - x[1]);
    console.log(d.map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' '), 'total', d.reduce((n, [, v]) => n + v, 0).toFixed(1));
  } finally { await stack.stop(); }
})();
