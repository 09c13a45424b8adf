// Batch: a BENCH_ROWS (5,000) row batch against the sandbox clearinghouse, answering after
// BENCH_DELAY_MS (200 ms), with the clearinghouse limited to BENCH_RATE_LIMIT (100) inquiries per
// second across the fleet. Reports
//   rows per second  = rows / (time from the POST to the last row settled), creation included;
//   singles' latency = completedAt - createdAt (both stamped by the service) of BENCH_SINGLES (40)
//                      single verifications sent at 2 per second, first alone, then while the
//                      batch runs; p50 / p95 of each and the ratio of the p95s.
// Target: singles' p95 during the batch at most 1.5x their p95 alone (batch rows run in a
// priority band below every single verification, so a single waits only for a free slot).
// Run: npm run bench:batch. Env: BENCH_ROWS, BENCH_DELAY_MS, BENCH_RATE_LIMIT, BENCH_SINGLES.
import { emitJson, machine, percentile, round, sleep, STAFF_KEY, table } from './lib/common';
import { type BenchStack, collectSettled, startBenchStack } from './lib/stack';

const NOAH = { payer: 'carelon', member: { id: 'CBH100000001', firstName: 'Noah', lastName: 'Johnson', dateOfBirth: '1983-09-09' } };
const ROW_MEMBERS = [
  'aetna,W100000001,Jane,Doe,1990-04-12',
  'meritain,MER10000001,Ava,Miller,1999-08-08',
  'tufts,TUF10000001,Lucas,Davis,1981-06-30',
  'healthnet,HN100000001,Sofia,Lopez,1992-12-01',
  'geha,G100000001,Emma,Wilson,1975-05-21',
];

interface Progress {
  id: string;
  state: string;
  total: number;
  settled: number;
  rejected: number;
}

/** Sends `count` singles at 2 per second and returns their service-stamped latencies (ms), sorted. */
async function singles(stack: BenchStack, count: number): Promise<number[]> {
  const ids: string[] = [];
  const t0 = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = t0 + i * 500 - performance.now();
    if (wait > 0) await sleep(wait);
    posts.push(stack.create(NOAH).then((id) => void ids.push(id)));
  }
  await Promise.all(posts);
  const { settled, unsettled } = await collectSettled(stack, ids, 120_000);
  if (unsettled > 0) throw new Error(`${unsettled} singles did not settle`);
  return settled.map((v) => Date.parse(v.completedAt ?? v.createdAt) - Date.parse(v.createdAt)).sort((a, b) => a - b);
}

async function progress(stack: BenchStack, id: string): Promise<Progress> {
  const res = await fetch(`${stack.apiUrl}/v1/batches/${id}`, { headers: { authorization: `Bearer ${STAFF_KEY}` } });
  if (!res.ok) throw new Error(`GET batch: ${res.status}`);
  return (await res.json()) as Progress;
}

export async function runBatchBench(options: { log?: (l: string) => void } = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const rows = Number(process.env.BENCH_ROWS ?? 5_000);
  const delayMs = Number(process.env.BENCH_DELAY_MS ?? 200);
  const rateLimit = Number(process.env.BENCH_RATE_LIMIT ?? 100);
  const singleCount = Number(process.env.BENCH_SINGLES ?? 40);
  // Enough slots for the rate limit at the sandbox's latency, and some to spare.
  const concurrency = Math.max(10, Math.ceil((rateLimit * delayMs) / 1000) * 2);
  log(`batch bench: ${rows} rows, sandbox latency ${delayMs} ms, clearinghouse limit ${rateLimit}/s, WORKER_CONCURRENCY ${concurrency}`);
  const stack = await startBenchStack({
    name: 'batch',
    sandboxDelayMs: delayMs,
    workers: 1,
    workerConcurrency: concurrency,
    env: { CLEARINGHOUSE_RATE_PER_SECOND: String(rateLimit) },
  });
  try {
    log('singles alone...');
    await singles(stack, 5); // warm-up
    const alone = await singles(stack, singleCount);

    const csv = [
      'rowKey,payer,memberId,firstName,lastName,dateOfBirth',
      ...Array.from({ length: rows }, (_, i) => `b-${i},${ROW_MEMBERS[i % ROW_MEMBERS.length]}`),
    ].join('\n');
    log(`batch of ${rows} rows...`);
    const started = performance.now();
    const res = await fetch(`${stack.apiUrl}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${STAFF_KEY}` },
      body: csv,
    });
    if (res.status !== 202) throw new Error(`POST /v1/batches: ${res.status} ${await res.text()}`);
    const batch = (await res.json()) as Progress;
    const accepted = performance.now() - started;
    // The singles go while the batch is still far from done.
    const during = await singles(stack, singleCount);
    let current = await progress(stack, batch.id);
    const settledAfterSingles = current.settled;
    const end = Date.now() + 30 * 60_000;
    while (current.state !== 'done' && Date.now() < end) {
      await sleep(1_000);
      current = await progress(stack, batch.id);
    }
    const seconds = (performance.now() - started) / 1000;
    if (current.state !== 'done') throw new Error(`batch not done after 30 min: ${JSON.stringify(current)}`);

    const p = (sorted: number[], q: number) => round(percentile(sorted, q), 0);
    const result = {
      rows,
      delayMs,
      rateLimit,
      concurrency,
      postSeconds: round(accepted / 1000, 2),
      batchSeconds: round(seconds, 1),
      rowsPerSec: round(rows / seconds, 1),
      singlesAlone: { p50: p(alone, 50), p95: p(alone, 95) },
      singlesDuringBatch: { p50: p(during, 50), p95: p(during, 95) },
      rowsSettledWhenSinglesDone: settledAfterSingles,
      p95Ratio: round(percentile(during, 95) / Math.max(1, percentile(alone, 95)), 2),
      machine: machine(),
    };
    const met = result.p95Ratio <= 1.5;
    log(
      table([
        ['figure', 'value'],
        ['rows per second', result.rowsPerSec],
        ['batch wall time (s)', result.batchSeconds],
        ['POST /v1/batches answered (s)', result.postSeconds],
        ['singles alone p50 / p95 (ms)', `${result.singlesAlone.p50} / ${result.singlesAlone.p95}`],
        ['singles during batch p50 / p95 (ms)', `${result.singlesDuringBatch.p50} / ${result.singlesDuringBatch.p95}`],
        ['p95 ratio (target <= 1.5)', `${result.p95Ratio}${met ? '' : '  NOT MET'}`],
        ['rows settled when the singles were done', `${settledAfterSingles} of ${rows}`],
      ]),
    );
    emitJson('batch', { ...result, met });
    return { ...result, met };
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  runBatchBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
