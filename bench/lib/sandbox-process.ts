// The timed sandbox (bench/lib/sandbox.ts) as its own OS process, so the engine and overhead
// benches can charge its CPU to it and not to the load generator. Started by
// startSandboxProcess(); env BENCH_SANDBOX_DELAY_MS. Over IPC it sends { kind: 'ready', url }
// once listening, then every 100 ms (when anything changed) { kind: 'stats', requests, inFlight,
// maxInFlight, payer: [[id, ms, arrivedAt], …] } with the payer times recorded since the last message.
// Answers 'sync' with a stats message at once; exits on 'stop'.
import { startTimedSandbox } from './sandbox';

async function main(): Promise<void> {
  const sandbox = await startTimedSandbox(Number(process.env.BENCH_SANDBOX_DELAY_MS ?? 0));
  // Payer times recorded since the last message (so a message never copies the whole map).
  let fresh: [string, number, number][] = [];
  const set = sandbox.payerMs.set.bind(sandbox.payerMs);
  sandbox.payerMs.set = (id: string, ms: number) => {
    fresh.push([id, ms, sandbox.arrivedAt.get(id) ?? NaN]);
    return set(id, ms);
  };
  let lastRequests = -1;
  let lastInFlight = -1;
  const report = (force: boolean) => {
    if (!force && sandbox.requests === lastRequests && sandbox.inFlight === lastInFlight && fresh.length === 0) return;
    lastRequests = sandbox.requests;
    lastInFlight = sandbox.inFlight;
    const payer = fresh;
    fresh = [];
    process.send?.({ kind: 'stats', requests: sandbox.requests, inFlight: sandbox.inFlight, maxInFlight: sandbox.maxInFlight, payer });
  };
  const timer = setInterval(() => report(false), 100);
  process.on('message', (m) => {
    if (m === 'sync') report(true);
    if (m === 'stop') {
      clearInterval(timer);
      void sandbox.stop().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ kind: 'ready', url: sandbox.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
