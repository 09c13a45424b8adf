// The sandbox clearinghouse, started in the bench process with a timing hook: for every request
// it records the time from the request's arrival (headers read) to the last byte of the answer
// handed to the socket ('finish'), keyed by the 270's trace number echoed in the 271 (TRN*2*),
// which is the verification id without its `vrf_` prefix. That is the payer time the service
// waited for: the configured latency plus the sandbox's own work.
import type { INestApplication } from '@nestjs/common';
import { fork } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenefitSpec } from '@bvs/x12';
import { createSandboxApp } from '../../apps/sandbox/src/create-sandbox-app';
import { SANDBOX_MEMBERS } from '../../apps/sandbox/src/scenarios/members';
import type { SandboxMember } from '../../apps/sandbox/src/scenarios/scenario';
import { InquiryAnswerer, type SandboxAnswer } from '../../apps/sandbox/src/core/answer-inquiry';
import type { SandboxInquiry } from '../../apps/sandbox/src/core/read-inquiry';

export interface TimedSandbox {
  app: INestApplication;
  /** Base URL; the CORE MIME endpoint is `${url}/core/realtime`. */
  url: string;
  /** Payer time in ms by verification id (`vrf_…`). */
  payerMs: Map<string, number>;
  /** When each verification's request arrived (epoch ms, sub-ms): splits the overhead into before and after the payer. */
  arrivedAt: Map<string, number>;
  requests: number;
  /** Requests open at the sandbox right now, and the most seen at once. */
  inFlight: number;
  maxInFlight: number;
  stop(): Promise<void>;
}

/** What the benches read of a sandbox, in this process or in its own (startSandboxProcess). */
export interface SandboxHandle {
  url: string;
  /** The OS process answering (this one for an in-process sandbox), for CPU accounting. */
  pid: number;
  payerMs: Map<string, number>;
  arrivedAt: Map<string, number>;
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Brings the counters and payer times up to date (a no-op in process). */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

interface SandboxStats {
  kind: 'stats';
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** [verification id, payer ms, arrived at (epoch ms)] */
  payer: [string, number, number][];
}

/**
 * The timed sandbox in its own process (bench/lib/sandbox-process.ts), so its CPU is its own and
 * not the load generator's. Counters and payer times arrive over IPC every 100 ms; sync() asks now.
 */
export async function startSandboxProcess(responseDelayMs: number): Promise<SandboxHandle> {
  const root = join(__dirname, '..', '..');
  const profile =
    process.env.BENCH_PROFILE === '1'
      ? ['--cpu-prof', '--cpu-prof-dir', join(root, 'bench', '.logs', 'prof'), '--cpu-prof-name', 'sandbox.cpuprofile']
      : [];
  const child = fork(join(__dirname, 'sandbox-process.ts'), [], {
    cwd: root,
    execArgv: [...profile, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', BENCH_SANDBOX_DELAY_MS: String(responseDelayMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sandbox process did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`sandbox process exited (${code})`)));
    child.on('message', function ready(m: { kind: string; url?: string }) {
      if (m.kind !== 'ready' || !m.url) return;
      clearTimeout(timer);
      child.off('message', ready);
      resolve(m.url);
    });
  });
  const waiters: (() => void)[] = [];
  const handle: SandboxHandle = {
    url,
    pid: child.pid!,
    payerMs: new Map(),
    arrivedAt: new Map(),
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    sync: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        child.send('sync');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('stop');
      }),
  };
  child.on('message', (m: SandboxStats | { kind: string }) => {
    if (m.kind !== 'stats') return;
    const s = m as SandboxStats;
    handle.requests = s.requests;
    handle.inFlight = s.inFlight;
    handle.maxInFlight = s.maxInFlight;
    for (const [id, ms, arrivedAt] of s.payer) {
      handle.payerMs.set(id, ms);
      handle.arrivedAt.set(id, arrivedAt);
    }
    waiters.splice(0).forEach((w) => w());
  });
  return handle;
}

const TRACE = /TRN\*2\*([A-Za-z0-9_-]+)\*/;

export async function startTimedSandbox(responseDelayMs: number): Promise<TimedSandbox> {
  const app = await createSandboxApp({ responseDelayMs, logLevel: 'warn' });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const sandbox: TimedSandbox = {
    app,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    payerMs: new Map(),
    arrivedAt: new Map(),
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    stop: () => app.close(),
  };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    sandbox.requests++;
    sandbox.inFlight++;
    sandbox.maxInFlight = Math.max(sandbox.maxInFlight, sandbox.inFlight);
    res.once('close', () => {
      sandbox.inFlight--;
    });
    let trace: string | undefined;
    // Express answers with res.end(body): look for the echoed trace in what is sent.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
      const chunk = args[0];
      if (Buffer.isBuffer(chunk) || typeof chunk === 'string') trace = TRACE.exec(chunk.toString())?.[1];
      return end(...args);
    };
    res.once('finish', () => {
      if (!trace) return;
      // arrivedAt is set before payerMs: the sandbox process forwards both when payerMs is set.
      sandbox.arrivedAt.set(`vrf_${trace}`, performance.timeOrigin + started);
      sandbox.payerMs.set(`vrf_${trace}`, performance.now() - started);
    });
  });
  return sandbox;
}

/**
 * A bench-only sandbox member (payer aetna, id W1BENCHBIG) whose 271 carries `benefitCount` EB
 * loops: the CPU-heavy answer for the scale-out bench. Added to the sandbox's member list of this
 * process only; apps/sandbox is not changed.
 */
export const BIG_MEMBER = { payer: 'aetna', member: { id: 'W1BENCHBIG', firstName: 'BIG', lastName: 'ANSWER', dateOfBirth: '1991-02-03' } };

/**
 * Makes the sandbox answer the big member from a cache: the 271 is written once and only the
 * trace number is swapped per request, so the sandbox (in this process) costs little CPU and the
 * scale-out bench measures the workers. Bench-only: patches the answerer of this process.
 */
export function cacheBigAnswers(): void {
  const proto = InquiryAnswerer.prototype as unknown as {
    answer: (inquiry: SandboxInquiry, submitterId: string) => SandboxAnswer;
    __bench?: boolean;
  };
  if (proto.__bench) return;
  proto.__bench = true;
  const original = proto.answer;
  let cached: { trace: string; bht: string; x12: string } | undefined;
  proto.answer = function (this: unknown, inquiry: SandboxInquiry, submitterId: string): SandboxAnswer {
    if (inquiry.subscriber.memberId.toUpperCase() !== BIG_MEMBER.member.id || !inquiry.trace)
      return original.call(this, inquiry, submitterId);
    if (!cached) {
      const answer = original.call(this, inquiry, submitterId);
      if (answer.kind !== 'x12') return answer;
      cached = { trace: inquiry.trace.referenceId, bht: inquiry.submitterTransactionId, x12: answer.x12 };
    }
    let x12 = cached.x12.split(cached.trace).join(inquiry.trace.referenceId);
    if (cached.bht && cached.bht !== cached.trace) x12 = x12.split(cached.bht).join(inquiry.submitterTransactionId);
    return { kind: 'x12', x12 };
  };
}

export function addBigMember(benefitCount: number): void {
  const template = SANDBOX_MEMBERS[0]; // JANE DOE's plan: explicit IOP / PHP / OP benefits
  const benefits: BenefitSpec[] = [];
  for (let i = 0; benefits.length < benefitCount; i++) {
    for (const b of template.benefits) {
      if (benefits.length >= benefitCount) break;
      benefits.push({ ...b, messages: [...(b.messages ?? []), `PLAN NOTE ${i} FOR THIS BENEFIT - SEE PLAN DOCUMENTS FOR DETAILS`] });
    }
  }
  const member: SandboxMember & { payerId: string } = {
    ...template,
    memberId: BIG_MEMBER.member.id,
    firstName: BIG_MEMBER.member.firstName,
    lastName: BIG_MEMBER.member.lastName,
    dateOfBirth: BIG_MEMBER.member.dateOfBirth,
    benefits,
  };
  const members = SANDBOX_MEMBERS as (SandboxMember & { payerId: string })[];
  if (!members.some((m) => m.memberId === member.memberId)) members.push(member);
}
