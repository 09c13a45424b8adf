import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { VerificationStore } from '@bvs/store';
import { OwnRedis, freePort, startAppProcess, stopProcess } from './support/processes';
import { type Stack, startStack, workerEnv } from './support/stack';

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
