// npm run bench: every benchmark in turn (build once), each printing its table and JSON line,
// then a summary of the targets. Each bench cleans its own keys and processes.
import { ensureBuilt, emitJson } from './lib/common';
import { runCodecBench } from './codec.bench';
import { runEngineBench } from './engine.bench';
import { runOverheadBench } from './overhead.bench';
import { runConcurrencyBench } from './concurrency.bench';
import { runScaleBench } from './scale.bench';
import { runClusterBench } from './cluster.bench';
import { runBatchBench } from './batch.bench';

async function main(): Promise<void> {
  ensureBuilt();
  const section = (name: string) => console.log(`\n=== ${name} ===`);
  section('codec');
  const codec = runCodecBench();
  section('engine ceiling vs service');
  const engine = await runEngineBench();
  section('overhead');
  const overhead = await runOverheadBench();
  section('concurrency and memory');
  const concurrency = await runConcurrencyBench();
  section('scale-out');
  const scale = await runScaleBench();
  section('Redis Cluster');
  const cluster = await runClusterBench();
  section('batch');
  const batch = await runBatchBench();
  section('summary');
  const summary = {
    // Both against node-x12's parse alone in the same rounds; wall clock, then this process's CPU clock.
    codec: {
      parseUsPer271: codec.parse.usPer271,
      parseVsNodeX12: codec.parseRatio,
      parseVsNodeX12Cpu: codec.parseCpuRatio,
      parseTarget: '>= 5x (cpu)',
      parseNormalizeUsPer271: codec.parseNormalize.usPer271,
      parseNormalizeVsNodeX12: codec.parseNormalizeRatio,
      parseNormalizeVsNodeX12Cpu: codec.parseNormalizeCpu.ratio,
      parseNormalizeTarget: '>= 3x',
      baselineNodeX12UsPer271: codec.nodeX12.usPer271,
    },
    engine: {
      perSec: engine.e2e.verificationsPerSec,
      baselineNoopJobsPerSec: engine.raw.jobsPerSec,
      ratio: engine.ratio,
      target: '>= 0.5',
      met: engine.met,
    },
    // CPU per verification by process, with the no-op job's CPU (worker + Redis + producer) of the same run.
    cpu: {
      msPerVerification: engine.e2e.cpuMsPerVerification,
      serviceMs: engine.e2e.serviceCpuMs,
      baselineNoopJobMs: engine.raw.cpuMsPerJob,
      ratioToNoop: engine.cpuRatio,
      redisCommandsPerVerification: engine.e2e.redisCommandsPerVerification,
      baselineRedisCommandsPerNoopJob: engine.raw.redisCommandsPerJob,
      target: '<= 1.5 ms (API + workers + Redis)',
      met: engine.cpuMet,
    },
    overhead: {
      p50Ms: overhead.overheadMs.p50,
      p95Ms: overhead.overheadMs.p95,
      p99Ms: overhead.overheadMs.p99,
      // Where the tail is: before the payer (API create, queue, job start) and after it (settlement).
      beforePayerP99Ms: overhead.overheadBeforePayerMs.p99,
      afterPayerP99Ms: overhead.overheadAfterPayerMs.p99,
      postP99Ms: overhead.postMs.p99,
      baselinePayerP50Ms: overhead.payerMs.p50,
      target: '<= 25 ms',
      met: overhead.met,
      tail: overhead.tail,
    },
    concurrency: { peakRssMb: concurrency.peakRssMb, perSec: concurrency.perSec, target: '< 200 MB', met: concurrency.met },
    scale: { ratio: scale.ratio },
    cluster: { perSec: cluster.cluster.verificationsPerSec, singlePerSec: cluster.single.verificationsPerSec },
    batch: { rowsPerSec: batch.rowsPerSec, p95Ratio: batch.p95Ratio, target: '<= 1.5', met: batch.met },
  };
  for (const [k, v] of Object.entries(summary)) console.log(`${k.padEnd(12)} ${JSON.stringify(v)}`);
  emitJson('all', summary);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
