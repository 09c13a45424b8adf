// Shared helpers for the benchmarks: build, child processes, bounded HTTP load, Redis cleanup,
// statistics and output. Everything targets 127.0.0.1 only; every loop is bounded.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import Redis, { Cluster } from 'ioredis';

export const ROOT = resolve(__dirname, '..', '..');
export const STAFF_KEY = 'bench-staff-key-0123456789abcdef';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Logs of the child processes of the last run (for when a figure looks wrong). */
export const LOG_DIR = join(ROOT, 'bench', '.logs');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function machine(): { node: string; cpus: number; cpuModel: string; memGb: number; loadavg: number[] } {
  // loadavg: the machine is shared; a load above the core count means the figures are CPU-starved.
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGb: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map((x) => round(x, 2)),
  };
}

export function randomPrefix(name: string): string {
  return `bvsbench${name}${randomBytes(3).toString('hex')}`;
}

let built = false;
/** `npm run build` once per run (skip with BENCH_SKIP_BUILD=1), so child processes run compiled JS. */
export function ensureBuilt(log: (l: string) => void = console.log): void {
  if (built || process.env.BENCH_SKIP_BUILD === '1') return;
  log('building dist/ (npm run build; BENCH_SKIP_BUILD=1 skips)...');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
  built = true;
}

export interface AppProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a built app (`node dist/apps/<app>/src/main.js`) with only the given environment; output goes to bench/.logs. */
export function startDistApp(app: 'worker' | 'api', name: string, env: Record<string, string>): AppProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const out = openSync(join(LOG_DIR, `${name}.log`), 'w');
  // BENCH_PROFILE=1 writes a V8 CPU profile per child process into bench/.logs/prof.
  const profile =
    process.env.BENCH_PROFILE === '1'
      ? ['--cpu-prof', '--cpu-prof-dir', join(LOG_DIR, 'prof'), '--cpu-prof-name', `${name}.cpuprofile`]
      : [];
  // BENCH_NODE_FLAGS: extra node/V8 flags for the API and worker processes (to try GC settings
  // that NODE_OPTIONS does not accept, e.g. --single-threaded-gc); none by default.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...profile, ...flags, join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  return {
    name,
    child,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess, graceMs = 12_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Polls `url` until it answers 200, at most `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Peak (VmHWM) and current (VmRSS) resident set of a process, in MB, from /proc. */
export function processMemoryMb(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return 0;
  }
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; stops early past `deadline`. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>, deadline = Infinity): Promise<number> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < count && Date.now() < deadline) {
      const i = next++;
      await task(i);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return done;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => String(cell).padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Deletes every key of a bench prefix (store keys `<prefix>:*` and BullMQ keys `{<prefix>}:*`), on every master of a cluster too. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const clusterNodes = parseClusterNodes(url);
  const nodes = clusterNodes ?? [url];
  let cluster: Cluster | undefined;
  const clients: Redis[] = [];
  try {
    if (clusterNodes) {
      cluster = new Cluster(clusterNodes.map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })));
      await cluster.ping();
      clients.push(...cluster.nodes('master'));
    } else {
      clients.push(new Redis(nodes[0], { maxRetriesPerRequest: 2 }));
    }
    for (const client of clients) {
      for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
        let cursor = '0';
        let rounds = 0;
        do {
          const [nextCursor, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = nextCursor;
          // one key per DEL: on a cluster the keys of a batch may live on different slots
          if (keys.length > 0) await Promise.all(keys.map((k) => client.unlink(k)));
        } while (cursor !== '0' && ++rounds < 100_000);
      }
    }
  } finally {
    if (cluster) cluster.disconnect();
    else for (const c of clients) c.disconnect();
  }
}

/** `redis-cluster://h1:p1,h2:p2` -> ['h1:p1', 'h2:p2']; null for a plain redis:// URL. */
export function parseClusterNodes(url: string): string[] | null {
  const m = /^rediss?-cluster:\/\/(?:[^@/]*@)?([^/?]+)/.exec(url);
  return m ? m[1].split(',') : null;
}

/** Prints the machine-readable line every bench ends with. */
export function emitJson(bench: string, result: object): void {
  console.log(JSON.stringify({ bench, ...result, machine: machine(), at: new Date().toISOString() }));
}

/** The local redis-server's pid (for CPU accounting), or 0 when not on this machine. */
export function redisPid(port = Number(new URL(REDIS_URL).port || 6379)): number {
  const out = spawnSync('redis-cli', ['-p', String(port), 'info', 'server'], { encoding: 'utf8' }).stdout ?? '';
  return Number(/process_id:(\d+)/.exec(out)?.[1] ?? 0);
}

/** CPU seconds used by each named process between start() and stop(); `self` is this process. */
export function cpuMeter(pids: Record<string, number>) {
  const self0 = process.cpuUsage();
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, processCpuSeconds(pid)]));
  const t0 = Date.now();
  return () => {
    const wall = (Date.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    const used: Record<string, number> = { driver: round((self.user + self.system) / 1e6 / wall, 2) };
    for (const [k, pid] of Object.entries(pids)) used[k] = round((processCpuSeconds(pid) - before[k]) / wall, 2);
    return used; // cores busy on average over the window
  };
}

/**
 * CPU seconds (user + system, from /proc/<pid>/stat, 10 ms ticks) each named process used between
 * start and stop(); `self` is this process (process.cpuUsage, µs). Also the wall seconds.
 */
export function cpuSecondsMeter(pids: Record<string, number>) {
  const self0 = process.cpuUsage();
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, processCpuSeconds(pid)]));
  const t0 = Date.now();
  return (): { wallSeconds: number; seconds: Record<string, number> } => {
    const self = process.cpuUsage(self0);
    const seconds: Record<string, number> = { self: (self.user + self.system) / 1e6 };
    for (const [k, pid] of Object.entries(pids)) seconds[k] = processCpuSeconds(pid) - before[k];
    return { wallSeconds: (Date.now() - t0) / 1000, seconds };
  };
}

/** Redis `INFO commandstats` as calls per command, for counting the commands a run sends (deltas: the Redis is shared). */
export async function redisCommandCalls(url = REDIS_URL): Promise<Map<string, number>> {
  if (parseClusterNodes(url)) return new Map(); // per node; not counted on a cluster
  const client = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    const info = await client.info('commandstats');
    const calls = new Map<string, number>();
    for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(m[1], Number(m[2]));
    return calls;
  } finally {
    client.disconnect();
  }
}

/** Commands sent between two redisCommandCalls() snapshots, largest first, divided by `per`. */
export function commandDelta(before: Map<string, number>, after: Map<string, number>, per: number): Record<string, number> {
  const out: [string, number][] = [];
  for (const [cmd, n] of after) {
    const d = n - (before.get(cmd) ?? 0);
    if (d > 0) out.push([cmd, round(d / per, 2)]);
  }
  out.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(out);
}

export interface RuntimeReading {
  /** Event-loop delay over the window since the previous scrape (prom-client resets it on each scrape). */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** GC totals since the process started (subtract two readings for a window). */
  gcCount: number;
  gcMs: number;
  /** Of which major (mark-compact) collections. */
  gcMajorCount: number;
  gcMajorMs: number;
}

/** Reads a process's event-loop delay and GC totals from its Prometheus text (prom-client's default metrics). */
export async function scrapeRuntime(metricsUrl: string, headers: Record<string, string> = {}): Promise<RuntimeReading | null> {
  try {
    const res = await fetch(metricsUrl, { headers });
    if (!res.ok) return null;
    const text = await res.text();
    const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
    const total = (name: string) => {
      let sum = 0;
      for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))) sum += Number(m[1]);
      return sum;
    };
    return {
      lagP50Ms: round(value('nodejs_eventloop_lag_p50_seconds') * 1000, 1),
      lagP99Ms: round(value('nodejs_eventloop_lag_p99_seconds') * 1000, 1),
      lagMaxMs: round(value('nodejs_eventloop_lag_max_seconds') * 1000, 1),
      gcCount: total('nodejs_gc_duration_seconds_count'),
      gcMs: round(total('nodejs_gc_duration_seconds_sum') * 1000, 1),
      gcMajorCount: value('nodejs_gc_duration_seconds_count\\{kind="major"\\}') || 0,
      gcMajorMs: round((value('nodejs_gc_duration_seconds_sum\\{kind="major"\\}') || 0) * 1000, 1),
    };
  } catch {
    return null;
  }
}
