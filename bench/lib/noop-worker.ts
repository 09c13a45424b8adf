// Child process for the engine-ceiling baseline: a bare BullMQ Worker whose processor does
// nothing, on the service's connection settings and key prefix. Answers 'count' over IPC with
// { completed, lastMs } (epoch ms of the last 'completed' event). Exits on 'stop' or after
// BENCH_MAX_MS.
import { Worker } from 'bullmq';
import { bullConnection, bullPrefix } from '@bvs/queue';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.REDIS_PREFIX ?? 'bvsbench';
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 20);
const maxMs = Number(process.env.BENCH_MAX_MS ?? 120_000);

let completed = 0;
let lastMs = 0;
const worker = new Worker(process.env.BENCH_QUEUE ?? 'noop', async () => undefined, {
  connection: bullConnection(url),
  prefix: bullPrefix(prefix),
  concurrency,
  lockDuration: 60_000,
});
worker.on('error', () => undefined);
worker.on('completed', () => {
  lastMs = Date.now();
  completed++;
});
void worker.waitUntilReady().then(() => process.send?.({ kind: 'ready' }));

const stop = async () => {
  await worker.close().catch(() => undefined);
  process.exit(0);
};
process.on('message', (m) => {
  if (m === 'stop') void stop();
  if (m === 'count') process.send?.({ kind: 'count', completed, lastMs });
});
setTimeout(() => void stop(), maxMs).unref();
