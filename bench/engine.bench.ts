// Engine ceiling vs service: raw BullMQ no-op jobs per second (this process produces, a worker
// process consumes; same Redis, same concurrency, the service's job options) against end-to-end
// verifications per second (this process POSTs to the API process; worker process; sandbox
// answering at once; records in Redis). Both are measured as N / (last completion - start of
// the measured batch), after a warm-up batch that is not counted. Target: ratio >= 0.5.
// CPU per item, per OS process, from /proc/<pid>/stat over the measured batch (issue 19): the
// no-op job (its worker process, Redis, this process as the producer) and the verification (API,
// each worker, Redis, the sandbox in its own process, this process as the load generator), and
// Redis commands per item from INFO commandstats deltas. The Redis is shared: its CPU and command
// counts include anyone else's traffic during the window (compare with the load average).
// Run: npm run bench:engine. Env: BENCH_N (default 2000), BENCH_WARMUP (200),
// BENCH_CONCURRENCY (worker concurrency, 20 = the service default), BENCH_CLIENTS (32).
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { ELIGIBILITY_QUEUE, bullConnection, bullPrefix, verifyJobOptions } from '@bvs/queue';
import {
  REDIS_URL,
  ROOT,
  commandDelta,
  cpuSecondsMeter,
  deleteKeys,
  emitJson,
  pool,
  randomPrefix,
  redisCommandCalls,
  redisPid,
  round,
  sleep,
  stopChild,
  table,
} from './lib/common';
import { type BenchStack, collectSettled, startBenchStack, waitForSandbox } from './lib/stack';

export interface EngineOptions {
  n?: number;
  warmup?: number;
  concurrency?: number;
  clients?: number;
  redisUrl?: string;
  log?: (l: string) => void;
}

export interface RawResult {
  jobs: number;
  jobsPerSec: number;
  /** CPU ms per job by process: noopWorker, redis, producer (this process), and total. */
  cpuMsPerJob: Record<string, number>;
  redisCommandsPerJob: number;
}

/** CPU ms per item by name from a meter's seconds; `self` renamed to `selfName`. */
function perItemMs(seconds: Record<string, number>, items: number, selfName: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(seconds)) out[k === 'self' ? selfName : k] = round((1000 * v) / Math.max(1, items), 3);
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Raw BullMQ: no-op jobs through a worker process. */
export async function runRawBullmq(
  o: Required<Omit<EngineOptions, 'log'>>,
  redisPids: Record<string, number> = { redis: redisPid() },
): Promise<RawResult> {
  const prefix = randomPrefix('raw');
  const child: ChildProcess = fork(join(ROOT, 'bench', 'lib', 'noop-worker.ts'), [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL: o.redisUrl,
      REDIS_PREFIX: prefix,
      WORKER_CONCURRENCY: String(o.concurrency),
      BENCH_MAX_MS: '300000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue = new Queue('noop', { connection: bullConnection(o.redisUrl), prefix: bullPrefix(prefix) });
  const count = () =>
    new Promise<{ completed: number; lastMs: number }>((resolve) => {
      child.once('message', (m) => resolve(m as { completed: number; lastMs: number }));
      child.send('count');
    });
  const waitFor = async (n: number, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const c = await count();
      if (c.completed >= n || Date.now() > end) return c;
      await sleep(50);
    }
  };
  const add = (i: number) =>
    queue
      .add(
        'noop',
        { verificationId: `vrf_${randomUUID()}` },
        {
          ...verifyJobOptions(`job-${i}`, new Date(Date.now() + 86_400_000), { attempts: 5, backoffDelayMs: 2000 }),
          backoff: { type: 'fixed', delay: 2000 },
        },
      )
      .then(() => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', () => reject(new Error('no-op worker exited')));
    });
    await pool(o.warmup, o.clients, (i) => add(i));
    await waitFor(o.warmup, 60_000);
    const commands0 = await redisCommandCalls(o.redisUrl).catch(() => new Map<string, number>());
    const meter = cpuSecondsMeter({ noopWorker: child.pid!, ...redisPids });
    const t0 = Date.now();
    await pool(o.n, o.clients, (i) => add(o.warmup + i), t0 + 120_000);
    const c = await waitFor(o.warmup + o.n, 120_000);
    const cpu = meter();
    const commands = commandDelta(commands0, await redisCommandCalls(o.redisUrl).catch(() => new Map<string, number>()), 1);
    const done = c.completed - o.warmup;
    const cpuMsPerJob = perItemMs(cpu.seconds, done, 'producer');
    cpuMsPerJob.total = round(sum(Object.values(cpuMsPerJob)), 3);
    return {
      jobs: done,
      jobsPerSec: round(done / ((c.lastMs - t0) / 1000), 1),
      cpuMsPerJob,
      redisCommandsPerJob: round(sum(Object.values(commands)) / Math.max(1, done), 1),
    };
  } finally {
    await queue.close();
    child.send('stop');
    await stopChild(child, 5_000);
    await deleteKeys(o.redisUrl, prefix);
  }
}

export interface EndToEndResult {
  verifications: number;
  settled: number;
  completed: number;
  verificationsPerSec: number;
  postsPerSec: number;
  /** CPU ms per verification by process: api, worker1.., redis, sandbox, loadGenerator (this process). */
  cpuMsPerVerification: Record<string, number>;
  /** api + workers + redis: the service's own CPU per verification. */
  serviceCpuMs: number;
  /** Redis commands per verification, by command (INFO commandstats deltas). */
  redisCommands: Record<string, number>;
  redisCommandsPerVerification: number;
}

/** End to end: POST → API → queue → worker → sandbox (0 ms) → store, N verifications. */
export async function runEndToEnd(
  o: Required<Omit<EngineOptions, 'log'>>,
  name = 'engine',
  redisPids: Record<string, number> = { redis: redisPid() },
): Promise<EndToEndResult> {
  const stack: BenchStack = await startBenchStack({
    name,
    sandboxDelayMs: 0,
    workers: 1,
    workerConcurrency: o.concurrency,
    redisUrl: o.redisUrl,
  });
  try {
    const warm: string[] = [];
    await pool(o.warmup, o.clients, async () => void warm.push(await stack.create()));
    await waitForSandbox(stack, o.warmup, 120_000);
    await collectSettled(stack, warm, 60_000);
    const ids: string[] = [];
    const workers = Object.fromEntries(stack.workers.map((w, i) => [`worker${i + 1}`, w.pid]));
    const queue = new Queue(ELIGIBILITY_QUEUE, { connection: bullConnection(o.redisUrl), prefix: bullPrefix(stack.prefix) });
    const commands0 = await redisCommandCalls(o.redisUrl).catch(() => new Map<string, number>());
    const meter = cpuSecondsMeter({ api: stack.api.pid, ...workers, ...redisPids, sandbox: stack.sandbox.pid });
    const t0 = Date.now();
    await pool(o.n, o.clients, async () => void ids.push(await stack.create()), t0 + 180_000);
    const postsDone = Date.now();
    await waitForSandbox(stack, o.warmup + ids.length, 180_000);
    // The window ends when the queue is empty (every answer processed and settled), not before:
    // the worker's work after the payer's answer is part of a verification's cost.
    for (const end = Date.now() + 60_000; Date.now() < end;) {
      const c = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
      if (c.active + c.waiting + c.prioritized + c.delayed === 0) break;
      await sleep(100);
    }
    const cpu = meter();
    const commandsAfter = await redisCommandCalls(o.redisUrl).catch(() => new Map<string, number>());
    await queue.close();
    const cpuMsPerVerification = perItemMs(cpu.seconds, ids.length, 'loadGenerator');
    const serviceCpuMs = round(
      sum(['api', ...Object.keys(workers), ...Object.keys(redisPids)].map((k) => cpuMsPerVerification[k] ?? 0)),
      3,
    );
    const redisCommands = commandDelta(commands0, commandsAfter, ids.length);
    const { settled } = await collectSettled(stack, ids, 120_000);
    const first = Math.min(...settled.map((v) => Date.parse(v.createdAt)));
    const last = Math.max(...settled.map((v) => Date.parse(v.completedAt ?? v.createdAt)));
    return {
      verifications: ids.length,
      settled: settled.length,
      completed: settled.filter((v) => v.status === 'completed').length,
      verificationsPerSec: round(settled.length / ((last - first) / 1000), 1),
      postsPerSec: round(ids.length / ((postsDone - t0) / 1000), 1),
      cpuMsPerVerification,
      serviceCpuMs,
      redisCommands,
      redisCommandsPerVerification: round(sum(Object.values(redisCommands)), 1),
    };
  } finally {
    await stack.stop();
  }
}

export async function runEngineBench(options: EngineOptions = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const o = {
    n: options.n ?? Number(process.env.BENCH_N ?? 2000),
    warmup: options.warmup ?? Number(process.env.BENCH_WARMUP ?? 200),
    concurrency: options.concurrency ?? Number(process.env.BENCH_CONCURRENCY ?? 20),
    clients: options.clients ?? Number(process.env.BENCH_CLIENTS ?? 32),
    redisUrl: options.redisUrl ?? REDIS_URL,
  };
  log(
    `engine bench: ${o.n} jobs after ${o.warmup} warm-up, worker concurrency ${o.concurrency}, ${o.clients} producer lanes, Redis ${o.redisUrl}`,
  );
  const raw = await runRawBullmq(o);
  const e2e = await runEndToEnd(o);
  const ratio = round(e2e.verificationsPerSec / raw.jobsPerSec, 3);
  // Service CPU (API + workers + Redis) per verification against the no-op job's CPU (worker + Redis + producer).
  const cpuRatio = round(e2e.serviceCpuMs / raw.cpuMsPerJob.total, 1);
  log(
    table([
      ['path', 'items', 'per second'],
      ['BullMQ no-op jobs (baseline)', raw.jobs, raw.jobsPerSec],
      ['verifications end to end', `${e2e.settled} (${e2e.completed} completed)`, e2e.verificationsPerSec],
      ['ratio (target >= 0.5)', '', ratio],
    ]),
  );
  log(
    table([
      ['CPU ms per item (from /proc)', 'ms'],
      ...Object.entries(raw.cpuMsPerJob).map(([k, v]) => [`no-op job: ${k}`, v]),
      ...Object.entries(e2e.cpuMsPerVerification).map(([k, v]) => [`verification: ${k}`, v]),
      ['verification: service (API + workers + Redis; target <= 1.5)', e2e.serviceCpuMs],
      ['service per verification / no-op job', `${cpuRatio}x`],
      ['Redis commands per no-op job / per verification', `${raw.redisCommandsPerJob} / ${e2e.redisCommandsPerVerification}`],
    ]),
  );
  log(`Redis commands per verification: ${JSON.stringify(e2e.redisCommands)}`);
  const result = {
    ...o,
    raw,
    e2e,
    ratio,
    target: 0.5,
    met: ratio >= 0.5,
    cpuRatio,
    cpuTargetMs: 1.5,
    cpuMet: e2e.serviceCpuMs <= 1.5,
  };
  emitJson('engine', result);
  return result;
}

if (require.main === module) {
  runEngineBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
