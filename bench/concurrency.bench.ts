// Concurrency and memory: one worker process with WORKER_CONCURRENCY=1000 against a sandbox that
// answers after 1 s. The queue is filled first (BENCH_N verifications through the API, worker not
// yet running), then the worker starts and drains it with up to 1,000 inquiries in flight.
// Reports throughput (settled per second between the first and last settlement), the most
// requests the sandbox saw open at once, and the worker's resident memory: peak (VmHWM from
// /proc/<pid>/status, the kernel's high-water mark over the process's life) and the RSS after
// boot, sampled every 100 ms. Target: peak RSS < 200 MB.
// Run: npm run bench:concurrency. Env: BENCH_N (5000), BENCH_CONCURRENCY (1000), BENCH_DELAY_MS (1000).
import { cpuMeter, emitJson, pool, processMemoryMb, redisPid, round, sleep, table } from './lib/common';
import { collectSettled, startBenchStack, waitForSandbox } from './lib/stack';

export async function runConcurrencyBench(options: { n?: number; concurrency?: number; delayMs?: number; log?: (l: string) => void } = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const n = options.n ?? Number(process.env.BENCH_N ?? 5000);
  const concurrency = options.concurrency ?? Number(process.env.BENCH_CONCURRENCY ?? 1000);
  const delayMs = options.delayMs ?? Number(process.env.BENCH_DELAY_MS ?? 1000);
  log(`concurrency bench: ${n} verifications, one worker at WORKER_CONCURRENCY=${concurrency}, sandbox latency ${delayMs} ms`);
  const stack = await startBenchStack({
    name: 'concurrency',
    sandboxDelayMs: delayMs,
    workers: 1,
    workerConcurrency: concurrency,
    deferWorkers: true,
  });
  try {
    const ids: string[] = [];
    await pool(n, 32, async () => void ids.push(await stack.create()), Date.now() + 180_000);
    log(`queued ${ids.length}; starting the worker`);
    const [worker] = stack.startWorkers(1);
    const pid = worker.pid;
    // Boot: wait until the worker takes its first job, then note its RSS before the load builds.
    const bootEnd = Date.now() + 60_000;
    let bootRss = 0;
    while (stack.sandbox.requests === 0 && Date.now() < bootEnd) {
      bootRss = processMemoryMb(pid)?.rssMb ?? bootRss;
      await sleep(20);
    }
    let maxRss = 0;
    let hwm = 0;
    const sampler = setInterval(() => {
      const m = processMemoryMb(pid);
      if (m) {
        maxRss = Math.max(maxRss, m.rssMb);
        hwm = Math.max(hwm, m.hwmMb);
      }
    }, 100);
    const meter = cpuMeter({ worker: pid, api: stack.api.pid, redis: redisPid() });
    try {
      await waitForSandbox(stack, ids.length, 180_000);
      await sleep(500);
    } finally {
      clearInterval(sampler);
    }
    const cores = meter();
    const final = processMemoryMb(pid);
    hwm = Math.max(hwm, final?.hwmMb ?? 0);
    const { settled, unsettled } = await collectSettled(stack, ids, 60_000);
    const done = settled.map((v) => Date.parse(v.completedAt ?? v.createdAt)).sort((a, b) => a - b);
    const perSec = round((done.length - 1) / ((done[done.length - 1] - done[0]) / 1000), 1);
    const result = {
      verifications: ids.length,
      settled: settled.length,
      completed: settled.filter((v) => v.status === 'completed').length,
      unsettled,
      workerConcurrency: concurrency,
      sandboxDelayMs: delayMs,
      maxInFlightAtSandbox: stack.sandbox.maxInFlight,
      perSec,
      idealPerSec: round((concurrency * 1000) / delayMs, 0),
      rssAfterBootMb: round(bootRss, 1),
      rssMaxSampledMb: round(maxRss, 1),
      peakRssMb: round(hwm, 1),
      cores,
      target: { peakRssMb: 200 },
      met: hwm < 200,
    };
    log(
      table([
        ['worker, 1,000 in flight', 'value'],
        ['settled / s (ideal = concurrency / latency)', `${perSec} (ideal ${result.idealPerSec})`],
        ['most inquiries open at the sandbox', result.maxInFlightAtSandbox],
        ['RSS after boot (MB)', result.rssAfterBootMb],
        ['peak RSS, VmHWM (MB; target < 200)', result.peakRssMb],
        ['worker CPU (cores busy)', cores.worker ?? ''],
      ]),
    );
    emitJson('concurrency', result);
    return result;
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  runConcurrencyBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
