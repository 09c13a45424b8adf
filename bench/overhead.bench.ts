// Overhead: an open-loop load of BENCH_RATE (100) verifications per second for BENCH_SECONDS (30)
// with the sandbox answering after 800 ms. For every verification:
//   total time = completedAt - createdAt (both stamped by the service: API before the record is
//                written, worker when the settled record is written),
//   payer time = the sandbox's time from the request's arrival to the answer's last byte (its
//                800 ms latency plus its own work), matched by the 270's trace number,
//   overhead   = total - payer: queueing, Redis, the 270 build, the HTTP exchange, the 271 parse
//                and normalization, encryption and settlement; split at the request's arrival at
//                the sandbox into before the payer (createdAt -> arrival) and after it.
// Reports p50 / p95 / p99 of the overhead. Target: p99 <= 25 ms. For the tail: each process's
// event-loop delay (p50/p99/max) and GC pauses over the measured window, from the API's /metrics
// and the worker's health port (prom-client's default metrics), and CPU ms per verification.
// Run: npm run bench:overhead. Env: BENCH_RATE, BENCH_SECONDS, BENCH_DELAY_MS (800).
import {
  type RuntimeReading,
  STAFF_KEY,
  cpuSecondsMeter,
  emitJson,
  freePort,
  percentile,
  redisPid,
  round,
  scrapeRuntime,
  sleep,
  table,
} from './lib/common';
import { collectSettled, startBenchStack, waitForSandbox } from './lib/stack';

export async function runOverheadBench(options: { rate?: number; seconds?: number; delayMs?: number; log?: (l: string) => void } = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const rate = options.rate ?? Number(process.env.BENCH_RATE ?? 100);
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 30);
  const delayMs = options.delayMs ?? Number(process.env.BENCH_DELAY_MS ?? 800);
  // In flight at the payer: rate x latency (80); the worker must hold them all, with room to spare.
  const concurrency = Math.max(20, Math.ceil((rate * delayMs) / 1000) * 3);
  log(`overhead bench: ${rate}/s for ${seconds} s, sandbox latency ${delayMs} ms, WORKER_CONCURRENCY ${concurrency}`);
  const workerHealthPort = await freePort();
  const stack = await startBenchStack({
    name: 'overhead',
    sandboxDelayMs: delayMs,
    workers: 1,
    workerConcurrency: concurrency,
    // The worker's /metrics (event-loop delay, GC) for the tail's diagnosis.
    env: { WORKER_HEALTH_PORT: String(workerHealthPort) },
  });
  const runtime = async (): Promise<Record<string, RuntimeReading | null>> => ({
    api: await scrapeRuntime(`${stack.apiUrl}/metrics`, { authorization: `Bearer ${STAFF_KEY}` }),
    worker: await scrapeRuntime(`http://127.0.0.1:${workerHealthPort}/metrics`),
  });
  try {
    // Warm-up: 3 s at the same rate, not counted.
    const fire = async (count: number, ids: string[], postMs: number[], errors: { n: number }) => {
      const t0 = performance.now();
      const inflight = new Set<Promise<void>>();
      for (let i = 0; i < count; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (inflight.size >= 1000) await Promise.race(inflight); // bounded: never more than 1000 open POSTs
        const started = performance.now();
        const p: Promise<void> = stack
          .create()
          .then(
            (id) => {
              ids.push(id);
              postMs.push(performance.now() - started);
            },
            () => {
              errors.n++;
            },
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await Promise.all(inflight);
      return (performance.now() - t0) / 1000;
    };
    const warm: string[] = [];
    await fire(rate * 3, warm, [], { n: 0 });
    await waitForSandbox(stack, warm.length, 30_000);
    await collectSettled(stack, warm, 30_000);

    const ids: string[] = [];
    const postMs: number[] = [];
    const errors = { n: 0 };
    const runtime0 = await runtime(); // resets the event-loop delay histograms
    const meter = cpuSecondsMeter({ api: stack.api.pid, worker: stack.workers[0].pid, redis: redisPid(), sandbox: stack.sandbox.pid });
    const elapsed = await fire(rate * seconds, ids, postMs, errors);
    const cpu = meter();
    const runtime1 = await runtime();
    const tail = Object.fromEntries(
      Object.entries(runtime1).map(([k, after]) => {
        const before = runtime0[k];
        if (!after || !before) return [k, null];
        const gcCount = after.gcCount - before.gcCount;
        const gcMs = round(after.gcMs - before.gcMs, 1);
        return [
          k,
          {
            lagP50Ms: after.lagP50Ms,
            lagP99Ms: after.lagP99Ms,
            lagMaxMs: after.lagMaxMs,
            gcCount,
            gcMs,
            gcMeanMs: round(gcMs / Math.max(1, gcCount), 2),
            gcMajorCount: after.gcMajorCount - before.gcMajorCount,
            gcMajorMs: round(after.gcMajorMs - before.gcMajorMs, 1),
          },
        ];
      }),
    );
    const cpuMsPerVerification = Object.fromEntries(
      Object.entries(cpu.seconds).map(([k, v]) => [k === 'self' ? 'loadGenerator' : k, round((1000 * v) / Math.max(1, ids.length), 3)]),
    );
    await waitForSandbox(stack, warm.length + ids.length, 60_000);
    const { settled, unsettled } = await collectSettled(stack, ids, 60_000);
    await stack.sandbox.sync();
    const rows = settled
      .filter((v) => v.completedAt && stack.sandbox.payerMs.has(v.id))
      .map((v) => {
        const total = Date.parse(v.completedAt!) - Date.parse(v.createdAt);
        const payer = stack.sandbox.payerMs.get(v.id)!;
        // The overhead in two: before the payer (API create, queue, job start, 270, the POST's
        // way there) and after it (the 271's way back, parse, normalize, settlement write).
        const before = (stack.sandbox.arrivedAt.get(v.id) ?? NaN) - Date.parse(v.createdAt);
        return { total, payer, overhead: total - payer, before, after: total - payer - before, attempts: v.attempts };
      });
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const overhead = sorted(rows.map((r) => r.overhead));
    const total = sorted(rows.map((r) => r.total));
    const payer = sorted(rows.map((r) => r.payer));
    const post = sorted(postMs);
    const before = sorted(rows.map((r) => r.before).filter(Number.isFinite));
    const after = sorted(rows.map((r) => r.after).filter(Number.isFinite));
    const pct = (xs: number[]) => ({
      p50: round(percentile(xs, 50), 1),
      p95: round(percentile(xs, 95), 1),
      p99: round(percentile(xs, 99), 1),
      max: round(xs[xs.length - 1] ?? NaN, 1),
    });
    const result = {
      rate,
      seconds,
      sandboxDelayMs: delayMs,
      workerConcurrency: concurrency,
      sent: ids.length,
      errors: errors.n,
      achievedRate: round(ids.length / elapsed, 1),
      measured: rows.length,
      unsettled,
      retried: rows.filter((r) => r.attempts > 1).length,
      overheadMs: pct(overhead),
      overheadBeforePayerMs: pct(before),
      overheadAfterPayerMs: pct(after),
      totalMs: pct(total),
      payerMs: pct(payer),
      postMs: pct(post),
      cpuMsPerVerification,
      tail,
      target: { p99: 25 },
      met: percentile(overhead, 99) <= 25,
    };
    log(
      table([
        ['ms', 'p50', 'p95', 'p99', 'max'],
        ['overhead = total - payer', ...Object.values(result.overheadMs)],
        ['  before the payer (createdAt -> arrival)', ...Object.values(result.overheadBeforePayerMs)],
        ['  after the payer (answer sent -> completedAt)', ...Object.values(result.overheadAfterPayerMs)],
        ['total (completedAt - createdAt)', ...Object.values(result.totalMs)],
        ['payer (sandbox, arrival -> answer sent)', ...Object.values(result.payerMs)],
        ['POST /v1/verifications (client)', ...Object.values(result.postMs)],
      ]),
    );
    log(
      table([
        [
          'process',
          'CPU ms / verification',
          'event-loop delay p50 / p99 / max ms',
          'GC pauses (count, total ms, mean ms; major count, ms)',
        ],
        ...Object.entries(cpuMsPerVerification).map(([k, v]) => {
          const t = tail[k] as
            | {
                lagP50Ms: number;
                lagP99Ms: number;
                lagMaxMs: number;
                gcCount: number;
                gcMs: number;
                gcMeanMs: number;
                gcMajorCount: number;
                gcMajorMs: number;
              }
            | null
            | undefined;
          return [
            k,
            v,
            t ? `${t.lagP50Ms} / ${t.lagP99Ms} / ${t.lagMaxMs}` : '',
            t ? `${t.gcCount}, ${t.gcMs}, ${t.gcMeanMs}; ${t.gcMajorCount}, ${t.gcMajorMs}` : '',
          ];
        }),
      ]),
    );
    log(
      `${result.measured} verifications measured at ${result.achievedRate}/s (${errors.n} POST errors, ${unsettled} unsettled); overhead p99 target <= 25 ms: ${result.met ? 'met' : 'missed'}`,
    );
    emitJson('overhead', result);
    return result;
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  runOverheadBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
