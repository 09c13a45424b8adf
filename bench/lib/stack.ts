// The service as it is deployed, for the end-to-end benches: the built API and worker(s) as their
// own OS processes, the sandbox clearinghouse (with its payer-time hook) in its own process, or in
// this one when a bench patches it (sandboxInProcess), one
// Redis (or a cluster), and an isolated key prefix deleted at the end.
import { randomBytes } from 'node:crypto';
import {
  type AppProcess,
  REDIS_URL,
  STAFF_KEY,
  deleteKeys,
  ensureBuilt,
  freePort,
  randomPrefix,
  sleep,
  startDistApp,
  waitForHttp,
} from './common';
import { type SandboxHandle, type TimedSandbox, startSandboxProcess, startTimedSandbox } from './sandbox';
import { WORKER_NODE_FLAGS } from '@bvs/config';

export interface BenchStackOptions {
  name: string;
  sandboxDelayMs: number;
  /** Run the sandbox in the bench process (for benches that patch its answers); default: its own process. */
  sandboxInProcess?: boolean;
  workers: number;
  workerConcurrency: number;
  redisUrl?: string;
  /** Start the workers later (startWorkers()), e.g. to fill the queue first. */
  deferWorkers?: boolean;
  env?: Record<string, string>;
}

export interface VerificationView {
  id: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  attempts: number;
  lastError: string | null;
}

export interface BenchStack {
  prefix: string;
  redisUrl: string;
  apiUrl: string;
  sandbox: SandboxHandle;
  api: AppProcess;
  workers: AppProcess[];
  startWorkers(count?: number): AppProcess[];
  /** POST /v1/verifications as staff; returns the id. */
  create(body?: object): Promise<string>;
  get(id: string): Promise<VerificationView>;
  stop(): Promise<void>;
}

export const JANE = { payer: 'aetna', member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' } };
const SETTLED = new Set(['completed', 'needs_review', 'failed', 'cancelled']);
export const isSettled = (v: VerificationView) => SETTLED.has(v.status);

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  ensureBuilt();
  const prefix = randomPrefix(options.name);
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const sandbox: SandboxHandle = options.sandboxInProcess
    ? inProcess(await startTimedSandbox(options.sandboxDelayMs))
    : await startSandboxProcess(options.sandboxDelayMs);
  const apiPort = await freePort();
  const env: Record<string, string> = {
    // Production defaults: explicit secrets for this run, shared by the API and every worker.
    NODE_ENV: 'production',
    RECORD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    CLEARINGHOUSE_URL: `${sandbox.url}/core/realtime`,
    CLEARINGHOUSE_SANDBOX_CREDENTIALS: 'true',
    API_KEYS: `staff:${STAFF_KEY}`,
    // Reuse off: the same synthetic members are verified many times and every one must reach the payer.
    REUSE_WINDOW_HOURS: '0',
    RETRY_MIN_INTERVAL_MS: '0',
    CIRCUIT_FAILURE_THRESHOLD: '1000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    PAYER_TIMEOUT_MS: '15000',
    WORKER_CONCURRENCY: String(options.workerConcurrency),
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    ...options.env,
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = startDistApp('api', `${options.name}-api`, env);
  const workers: AppProcess[] = [];
  const startWorkers = (count = options.workers) => {
    const started: AppProcess[] = [];
    // Workers run with the production V8 flags; BENCH_WORKER_NODE_OPTIONS replaces them (e.g. '' for none).
    const workerEnv = { ...env, NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? WORKER_NODE_FLAGS.join(' ') };
    for (let i = 0; i < count; i++)
      started.push(startDistApp('worker', `${options.name}-worker${workers.length + started.length + 1}`, workerEnv));
    workers.push(...started);
    return started;
  };
  const stack: BenchStack = {
    prefix,
    redisUrl,
    apiUrl,
    sandbox,
    api,
    workers,
    startWorkers,
    async create(body: object = JANE) {
      for (let tries = 0; ; tries++) {
        const res = await fetch(`${apiUrl}/v1/verifications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_KEY}` },
          body: JSON.stringify(body),
        });
        if (res.status === 202 || res.status === 201 || res.status === 200) return ((await res.json()) as { id: string }).id;
        if (tries >= 3) throw new Error(`POST /v1/verifications: ${res.status} ${await res.text()}`);
        await sleep(100);
      }
    },
    async get(id: string) {
      const res = await fetch(`${apiUrl}/v1/verifications/${id}`, { headers: { authorization: `Bearer ${STAFF_KEY}` } });
      if (!res.ok) throw new Error(`GET ${id}: ${res.status}`);
      return (await res.json()) as VerificationView;
    },
    async stop() {
      await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
      await sandbox.stop();
      await deleteKeys(redisUrl, prefix);
    },
  };
  try {
    await waitForHttp(`${apiUrl}/health/ready`, 30_000);
    if (!options.deferWorkers) startWorkers();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** An in-process sandbox as a handle; getters, because its counters change under it. */
function inProcess(sandbox: TimedSandbox): SandboxHandle {
  return {
    url: sandbox.url,
    pid: process.pid,
    payerMs: sandbox.payerMs,
    arrivedAt: sandbox.arrivedAt,
    get requests() {
      return sandbox.requests;
    },
    get inFlight() {
      return sandbox.inFlight;
    },
    get maxInFlight() {
      return sandbox.maxInFlight;
    },
    sync: () => Promise.resolve(),
    stop: () => sandbox.stop(),
  };
}

/** Reads every record back (bounded concurrency) until all are settled or `timeoutMs` passes. */
export async function collectSettled(
  stack: BenchStack,
  ids: string[],
  timeoutMs: number,
): Promise<{ settled: VerificationView[]; unsettled: number }> {
  const end = Date.now() + timeoutMs;
  const settled = new Map<string, VerificationView>();
  let pending = ids;
  while (pending.length > 0 && Date.now() < end) {
    const still: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < pending.length) {
          const id = pending[next++];
          const v = await stack.get(id);
          if (isSettled(v)) settled.set(id, v);
          else still.push(id);
        }
      }),
    );
    pending = still;
    if (pending.length > 0) await sleep(500);
  }
  return { settled: [...settled.values()], unsettled: pending.length };
}

/** Waits (bounded) until the sandbox has answered `count` requests. */
export async function waitForSandbox(stack: BenchStack, count: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (stack.sandbox.requests < count && Date.now() < end) await sleep(200);
  return stack.sandbox.requests >= count;
}
