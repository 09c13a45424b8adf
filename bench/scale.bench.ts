// Scale-out: 1 vs 2 worker processes against one Redis on CPU-bound work — the sandbox answers at
// once with a large 271 (a bench-only member with BENCH_BENEFITS EB loops, written once and
// served from a cache so the sandbox costs little), so each verification is mostly the worker's
// 271 parse, normalization, encryption and Redis writes. For each worker count the queue is
// filled first through the API, then the workers start and drain it; throughput is settled per
// second between the first and last settlement (worker boot is not counted).
// Run: npm run bench:scale. Env: BENCH_N (1500), BENCH_BENEFITS (400), BENCH_CONCURRENCY (20).
import { cpuMeter, emitJson, pool, redisPid, round, table } from './lib/common';
import { BIG_MEMBER, addBigMember, cacheBigAnswers } from './lib/sandbox';
import { collectSettled, startBenchStack, waitForSandbox } from './lib/stack';

async function drain(workers: number, n: number, concurrency: number, log: (l: string) => void) {
  // In process: addBigMember / cacheBigAnswers patch this process's sandbox.
  const stack = await startBenchStack({
    sandboxInProcess: true,
    name: `scale${workers}`,
    sandboxDelayMs: 0,
    workers,
    workerConcurrency: concurrency,
    deferWorkers: true,
  });
  try {
    const ids: string[] = [];
    await pool(n, 32, async () => void ids.push(await stack.create(BIG_MEMBER)), Date.now() + 180_000);
    const started = stack.startWorkers(workers);
    const meter = cpuMeter({ ...Object.fromEntries(started.map((w, i) => [`worker${i + 1}`, w.pid])), redis: redisPid() });
    await waitForSandbox(stack, ids.length, 300_000);
    const cores = meter();
    const { settled, unsettled } = await collectSettled(stack, ids, 120_000);
    const done = settled.map((v) => Date.parse(v.completedAt ?? v.createdAt)).sort((a, b) => a - b);
    const perSec = round((done.length - 1) / ((done[done.length - 1] - done[0]) / 1000), 1);
    const result = {
      workers,
      settled: settled.length,
      completed: settled.filter((v) => v.status === 'completed').length,
      unsettled,
      perSec,
      cores,
    };
    log(`${workers} worker(s): ${perSec}/s (${result.completed}/${ids.length} completed)`);
    return result;
  } finally {
    await stack.stop();
  }
}

export async function runScaleBench(options: { n?: number; benefits?: number; concurrency?: number; log?: (l: string) => void } = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const n = options.n ?? Number(process.env.BENCH_N ?? 1500);
  const benefits = options.benefits ?? Number(process.env.BENCH_BENEFITS ?? 400);
  const concurrency = options.concurrency ?? Number(process.env.BENCH_CONCURRENCY ?? 20);
  addBigMember(benefits);
  cacheBigAnswers();
  log(`scale-out bench: ${n} verifications of a ${benefits}-benefit 271, sandbox at 0 ms, WORKER_CONCURRENCY ${concurrency} per worker`);
  const one = await drain(1, n, concurrency, log);
  const two = await drain(2, n, concurrency, log);
  const ratio = round(two.perSec / one.perSec, 2);
  log(
    table([
      ['workers', 'settled / s', 'cores busy (per process)'],
      ['1', one.perSec, JSON.stringify(one.cores)],
      ['2', two.perSec, JSON.stringify(two.cores)],
      ['ratio 2 / 1', ratio, ''],
    ]),
  );
  const result = { n, benefits, concurrency, one, two, ratio };
  emitJson('scale', result);
  return result;
}

if (require.main === module) {
  runScaleBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
