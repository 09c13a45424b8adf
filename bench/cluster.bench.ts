// Beyond one Redis: the engine bench's end-to-end figure (verifications per second through
// API -> queue -> worker -> sandbox at 0 ms -> store) on a throwaway 3-master Redis Cluster on
// loopback, next to the same figure on the single local Redis, in the same run. The service is
// pointed at the cluster with REDIS_URL=redis-cluster://host:port,... (what REDIS_CLUSTER_NODES
// gives). The cluster is started and deleted by this script.
// Run: npm run bench:cluster. Env: BENCH_N (1000), BENCH_WARMUP (200), BENCH_CONCURRENCY (20), BENCH_CLIENTS (32).
import { REDIS_URL, emitJson, round, table } from './lib/common';
import { startLocalCluster } from './lib/cluster';
import { runEndToEnd } from './engine.bench';

export async function runClusterBench(options: { n?: number; log?: (l: string) => void } = {}) {
  const log = options.log ?? ((l: string) => console.log(l));
  const o = {
    n: options.n ?? Number(process.env.BENCH_N ?? 1000),
    warmup: Number(process.env.BENCH_WARMUP ?? 200),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 20),
    clients: Number(process.env.BENCH_CLIENTS ?? 32),
  };
  const cluster = await startLocalCluster(3);
  try {
    log(`cluster bench: ${o.n} verifications after ${o.warmup} warm-up; 3-master cluster on ports ${cluster.ports.join(', ')}`);
    const single = await runEndToEnd({ ...o, redisUrl: REDIS_URL }, 'single');
    const onCluster = await runEndToEnd(
      { ...o, redisUrl: cluster.url },
      'cluster',
      Object.fromEntries(cluster.pids.map((pid, i) => [`redis${i + 1}`, pid])),
    );
    const ratio = round(onCluster.verificationsPerSec / single.verificationsPerSec, 2);
    log(
      table([
        ['Redis', 'settled', 'verifications / s', 'CPU ms per verification'],
        ['single (127.0.0.1:6379)', single.settled, single.verificationsPerSec, JSON.stringify(single.cpuMsPerVerification)],
        ['3-master cluster', onCluster.settled, onCluster.verificationsPerSec, JSON.stringify(onCluster.cpuMsPerVerification)],
        ['ratio cluster / single', '', ratio, ''],
      ]),
    );
    const result = { ...o, single, cluster: onCluster, ratio };
    emitJson('cluster', result);
    return result;
  } finally {
    await cluster.stop();
  }
}

if (require.main === module) {
  runClusterBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
