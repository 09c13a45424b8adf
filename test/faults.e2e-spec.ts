import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { Queue } from 'bullmq';
import { VerificationLifecycle } from '@bvs/lifecycle';
import { BullVerificationJobs, ELIGIBILITY_QUEUE, bullConnection, bullPrefix } from '@bvs/queue';
import { VerificationStore } from '@bvs/store';
import { SHUTDOWN_BOUND_MS } from '../apps/worker/src/queue-consumer';
import { OwnRedis, freePort, startAppProcess, stopProcess } from './support/processes';
import { type Stack, startStack, stopSandbox, workerEnv } from './support/stack';

// Faults against real processes and a real Redis: a worker killed mid-flight, Redis restarted
// under load, and payer faults from the sandbox (covered in verification-flow.e2e-spec.ts).

const INTAKE = 'intake-key-fault-tests-0001';
const STAFF = 'staff-key-fault-tests-00001';
const SECRET = 'webhook-secret-fault-tests-0123456789abc';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };

async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a worker killed with SIGKILL while 200 verifications are in flight (e2e)', () => {
  let stack: Stack;
  let receiver: Server;
  const events: { id: string; verificationId: string }[] = [];
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; data: { id: string } };
        events.push({ id: event.id, verificationId: event.data.id });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    stack = await startStack(
      {
        API_KEYS: `intake:${INTAKE},staff:${STAFF}`,
        SANDBOX_DELAY_MS: '1500',
        REUSE_WINDOW_HOURS: '0',
        JOB_LOCK_MS: '5000',
        PAYER_TIMEOUT_MS: '2500',
        WEBHOOK_SECRET: SECRET,
        CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${port}`,
        CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true',
        // The receiver is a plain-http server on loopback (https is required otherwise).
        CALLBACK_ALLOW_HTTP: 'true',
      },
      { inProcessWorker: false },
    );
    (stack as Stack & { callback: string }).callback = `http://127.0.0.1:${port}/coverage`;
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    await stack?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('ends with all 200 completed, none settled twice, one webhook event per verification', async () => {
    const env = workerEnv(stack, {
      WORKER_CONCURRENCY: '20',
      WEBHOOK_SECRET: SECRET,
      CALLBACK_ALLOWED_HOSTS: stack.config.webhooks.allowedHosts.join(','),
      CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // The receiver is a plain-http server on loopback (https is required otherwise).
      CALLBACK_ALLOW_HTTP: 'true',
      WEBHOOK_BACKOFF_MS: '50',
      REUSE_WINDOW_HOURS: '0',
    });
    workers.push(startAppProcess('worker', env));

    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const res = await request(stack.apiServer)
        .post('/v1/verifications')
        .set('Authorization', `Bearer ${INTAKE}`)
        .send({ payer: 'aetna', member: JANE, callbackUrl: (stack as Stack & { callback: string }).callback });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    const store = stack.api.get(VerificationStore);
    const settledCount = async (): Promise<number> =>
      (await Promise.all(ids.map((id) => store.status(id)))).filter((s) => s === 'completed').length;

    // Let the first worker get going, then kill it without warning while jobs are in flight.
    await waitUntil(async () => (await settledCount()) >= 20, 60_000, 'the first completions');
    await stopProcess(workers[0], 'SIGKILL');
    const atKill = await settledCount();
    expect(atKill).toBeLessThan(200);

    workers.push(startAppProcess('worker', env));
    await waitUntil(async () => (await settledCount()) === 200, 90_000, 'all 200 to complete');

    const records = await Promise.all(
      ids.map(async (id) => (await request(stack.apiServer).get(`/v1/verifications/${id}`).set('Authorization', `Bearer ${INTAKE}`)).body),
    );
    for (const record of records) {
      expect(record.status).toBe('completed');
      expect(record.summary.eligibility.status).toBe('active');
    }
    await waitUntil(() => new Set(events.map((e) => e.verificationId)).size === 200, 30_000, 'a webhook for every verification');
    const eventIdsByVerification = new Map<string, Set<string>>();
    for (const event of events) {
      const set = eventIdsByVerification.get(event.verificationId) ?? new Set<string>();
      set.add(event.id);
      eventIdsByVerification.set(event.verificationId, set);
    }
    expect([...eventIdsByVerification.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set(ids)).toEqual(new Set(eventIdsByVerification.keys()));

    console.log(`kill -9 fault: ${atKill}/200 completed when the worker died; ${events.length} webhook deliveries for 200 events`);
  }, 180_000);
});

describe('Redis restarted under load (e2e)', () => {
  let redis: OwnRedis;
  let stack: Stack;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    stack = await startStack({ API_KEYS: `staff:${STAFF}`, SANDBOX_DELAY_MS: '200', REUSE_WINDOW_HOURS: '0' }, { redisUrl: redis.url });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    await redis?.destroy();
  });

  it('answers 503 with Retry-After while Redis is away, recovers by itself, and loses nothing', async () => {
    const post = () =>
      request(stack.apiServer).post('/v1/verifications').set('Authorization', `Bearer ${STAFF}`).send({ payer: 'aetna', member: JANE });
    const accepted: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await post();
      expect(res.status).toBe(202);
      accepted.push(res.body.id);
    }
    await redis.stop();

    const down = await post();
    expect(down.status).toBe(503);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(down.body.error.code).toBe('unavailable');
    const ready = await request(stack.apiServer).get('/health/ready');
    expect(ready.status).toBe(503);

    await redis.start();
    await waitUntil(async () => (await post()).status === 202, 30_000, 'the API to recover');
    await waitUntil(async () => (await request(stack.apiServer).get('/health/ready')).status === 200, 30_000, 'readiness');

    const statuses = async (): Promise<string[]> =>
      Promise.all(
        accepted.map(
          async (id) =>
            (await request(stack.apiServer).get(`/v1/verifications/${id}`).set('Authorization', `Bearer ${STAFF}`)).body.status as string,
        ),
      );
    await waitUntil(async () => (await statuses()).every((s) => s === 'completed'), 60_000, 'every accepted verification to complete');
    expect(await statuses()).toHaveLength(30);
  }, 150_000);
});

describe('a 30-second clearinghouse outage with every deadline a day away (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      API_KEYS: `staff:${STAFF}`,
      REUSE_WINDOW_HOURS: '0',
      WORKER_CONCURRENCY: '20',
      // Two distinct members (JANE and JOHN below) are enough to open Aetna's circuit; it
      // half-opens every 5 s; a member's own retries come a second apart.
      CIRCUIT_FAILURE_THRESHOLD: '2',
      CIRCUIT_OPEN_SECONDS: '5',
      JOB_BACKOFF_MS: '1000',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends nothing to review: every verification waits for the circuit and completes after recovery', async () => {
    const restart = await stopSandbox(stack);
    const stoppedAt = Date.now();
    const JOHN = { id: 'W100000002', firstName: 'John', lastName: 'Roe', dateOfBirth: '1985-01-30' };
    const ids: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const res = await request(stack.apiServer)
        .post('/v1/verifications')
        .set('Authorization', `Bearer ${STAFF}`)
        .send({ payer: 'aetna', member: i % 2 === 0 ? JANE : JOHN });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    const store = stack.api.get(VerificationStore);
    const statuses = async (): Promise<(string | null)[]> => Promise.all(ids.map((id) => store.status(id)));
    while (Date.now() - stoppedAt < 30_000) {
      expect(await statuses()).not.toContain('needs_review');
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await restart();
    await waitUntil(async () => (await statuses()).every((s) => s === 'completed'), 60_000, 'every verification to complete');
    const recoveredSeconds = (Date.now() - stoppedAt) / 1000 - 30;
    // The outage was real: attempts failed against the stopped clearinghouse and were kept.
    const exchanges = await Promise.all(ids.map((id) => store.getExchange(id)));
    const failed = exchanges.filter((e) => e.exchanges.some((x) => x.failure?.kind === 'network')).length;
    expect(failed).toBeGreaterThan(0);
    const records = await Promise.all(ids.map((id) => store.get(id)));
    expect(records.every((r) => r?.status === 'completed' && r.review === undefined)).toBe(true);
    console.log(
      `outage: 60 verifications, 30 s clearinghouse outage; ${failed} saw a failed attempt; 0 sent to review; all completed ${recoveredSeconds.toFixed(1)} s after recovery`,
    );
  }, 150_000);
});

describe('create interrupted between its steps, cancel of a queued verification (e2e)', () => {
  let stack: Stack;
  let queue: Queue;
  beforeAll(async () => {
    // No worker: jobs stay queued, so the test sees exactly what each step left behind.
    stack = await startStack(
      {
        API_KEYS: `staff:${STAFF},intake:${INTAKE}`,
        REUSE_WINDOW_HOURS: '0',
        WEBHOOK_SECRET: SECRET,
        CALLBACK_ALLOWED_HOSTS: 'intake.example',
      },
      { inProcessWorker: false },
    );
    queue = new Queue(ELIGIBILITY_QUEUE, {
      connection: bullConnection(stack.config.redis.url),
      prefix: bullPrefix(stack.config.redis.prefix),
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await queue?.close();
    await stack?.stop();
  });
  const later = (): Date => new Date(Date.now() + 21_000);

  it('re-enqueues a queued record whose job was never added', async () => {
    // The process "dies" after writing the record, before queue.add.
    jest.spyOn(BullVerificationJobs.prototype, 'enqueue').mockRejectedValueOnce(new Error('process killed'));
    const res = await request(stack.apiServer)
      .post('/v1/verifications')
      .set('Authorization', `Bearer ${STAFF}`)
      .send({ payer: 'aetna', member: JANE });
    expect(res.status).toBeGreaterThanOrEqual(500);
    const store = stack.api.get(VerificationStore);
    const [intent] = await store.staleIntents(later());
    expect(await store.status(intent.verificationId)).toBe('queued');
    expect(await queue.getJob(intent.jobId)).toBeUndefined();
    expect(await stack.api.get(VerificationLifecycle).reconcile(later())).toEqual({ released: 0, requeued: 1 });
    expect(await (await queue.getJob(intent.jobId))?.getState()).toMatch(/waiting|prioritized/);
    expect(await store.staleIntents(later())).toEqual([]);
  });

  it('releases an idempotency claim whose record was never written', async () => {
    // The process "dies" after the claim, before the record.
    jest.spyOn(VerificationStore.prototype, 'create').mockRejectedValueOnce(new Error('process killed'));
    const post = () =>
      request(stack.apiServer)
        .post('/v1/verifications')
        .set('Authorization', `Bearer ${INTAKE}`)
        .set('Idempotency-Key', 'crash-between-steps')
        .send({ payer: 'aetna', member: JANE });
    expect((await post()).status).toBeGreaterThanOrEqual(500);
    expect((await post()).status).toBe(503); // the claim names a record that does not exist
    expect(await stack.api.get(VerificationLifecycle).reconcile(later())).toEqual({ released: 1, requeued: 0 });
    const retried = await post();
    expect(retried.status).toBe(202);
    expect((await post()).body.id).toBe(retried.body.id);
  });

  it('cancels a queued verification: its job is removed and verification.cancelled is queued once', async () => {
    const created = await request(stack.apiServer)
      .post('/v1/verifications')
      .set('Authorization', `Bearer ${INTAKE}`)
      .send({ payer: 'aetna', member: JANE, callbackUrl: 'https://intake.example/hooks' });
    expect(await queue.getJob(created.body.id)).toBeDefined();
    const cancelled = await request(stack.apiServer)
      .post(`/v1/verifications/${created.body.id}/cancel`)
      .set('Authorization', `Bearer ${STAFF}`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await queue.getJob(created.body.id)).toBeUndefined();
    await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/cancel`).set('Authorization', `Bearer ${INTAKE}`);
    const read = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set('Authorization', `Bearer ${INTAKE}`);
    expect(read.body).toMatchObject({ status: 'cancelled', deliveries: [{ type: 'verification.cancelled', status: 'pending' }] });
    expect(read.body.deliveries).toHaveLength(1);
  });
});

describe('a worker asked to stop with slow payer calls in flight (e2e)', () => {
  let stack: Stack;
  let worker: ChildProcess | undefined;
  // Payer calls that would take 20 s (the slow sandbox member never answers within the timeout).
  const slowEnv = { PAYER_TIMEOUT_MS: '20000', JOB_LOCK_MS: '60000' };
  beforeAll(async () => {
    stack = await startStack({ API_KEYS: `staff:${STAFF}`, REUSE_WINDOW_HOURS: '0', ...slowEnv }, { inProcessWorker: false });
  });
  afterAll(async () => {
    if (worker) await stopProcess(worker, 'SIGKILL');
    await stack?.stop();
  });

  it(`exits within its bound (${SHUTDOWN_BOUND_MS} ms plus teardown) and hands its jobs back`, async () => {
    worker = startAppProcess('worker', workerEnv(stack, slowEnv));
    const SLOW = { id: 'W100000408', firstName: 'Slow', lastName: 'Payer', dateOfBirth: '1980-01-01' };
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await request(stack.apiServer)
        .post('/v1/verifications')
        .set('Authorization', `Bearer ${STAFF}`)
        .send({ payer: 'aetna', member: SLOW });
      ids.push(res.body.id);
    }
    const store = stack.api.get(VerificationStore);
    await waitUntil(
      async () => (await Promise.all(ids.map((id) => store.status(id)))).every((s) => s === 'in_progress'),
      60_000,
      'attempts in flight',
    );
    const started = Date.now();
    await stopProcess(worker, 'SIGTERM');
    const exitMs = Date.now() - started;
    worker = undefined;
    // Generous margin for a loaded machine: without the abort this takes the full 20 s payer timeout.
    expect(exitMs).toBeLessThan(SHUTDOWN_BOUND_MS + 4_000);
    const queue = new Queue(ELIGIBILITY_QUEUE, {
      connection: bullConnection(stack.config.redis.url),
      prefix: bullPrefix(stack.config.redis.prefix),
    });
    try {
      for (const id of ids) {
        const job = await queue.getJob(id);
        expect(await job?.getState()).toMatch(/waiting|delayed|prioritized/);
        expect(job?.attemptsMade).toBe(0); // handed back without using an attempt
        expect(await store.status(id)).toBe('queued');
      }
    } finally {
      await queue.close();
    }
    console.log(`drain: worker with 5 slow payer calls in flight exited ${exitMs} ms after SIGTERM`);
  }, 120_000);
});
