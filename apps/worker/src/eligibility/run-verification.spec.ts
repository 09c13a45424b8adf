import { DelayedError } from 'bullmq';
import { TransportError } from '@bvs/clearinghouse';
import { RetryLaterError } from './retry-backoff';
import type { AttemptInfo } from './run-verification';
import { EXPLICIT, ScriptedPayer, useWorkerHarness } from './testing/worker-harness';

// One attempt (RunVerification) on the real Redis, with a scripted payer.
describe('RunVerification: one attempt', () => {
  let reply: ScriptedPayer['answer'] = () => Promise.resolve({ benefits: EXPLICIT });
  const payer = new ScriptedPayer((request) => reply(request));
  const { parts, newVerification } = useWorkerHarness(payer);
  const postponed: number[] = [];
  const info = (attempt = 1, signal?: AbortSignal): AttemptInfo => ({
    jobId: 'job',
    attempt,
    maxAttempts: 3,
    signal,
    postpone: (at) => {
      postponed.push(at);
      return Promise.reject(new DelayedError());
    },
  });
  beforeEach(() => {
    postponed.length = 0;
    reply = () => Promise.resolve({ benefits: EXPLICIT });
  });

  it('asks once, parses once, settles completed with the answer kept as data and the exchange kept', async () => {
    const record = await newVerification();
    await parts.run.execute(record.id, info());
    const settled = await parts.store.get(record.id, { answers: true });
    expect(settled).toMatchObject({ status: 'completed', attempts: 1, source: 'electronic', withinWindow: true });
    expect(settled?.answers?.[0]).toMatchObject({ payerKey: 'aetna', role: 'plan' });
    expect(settled?.summary?.levelsOfCare.IOP?.estimate).toBeDefined();
    const exchange = await parts.store.getExchange(record.id);
    expect(exchange.exchanges).toEqual([
      expect.objectContaining({ attempt: 1, role: 'plan', received: expect.objectContaining({ format: 'x12' }) }),
    ]);
    // Its webhook is queued, once.
    expect(settled?.deliveries).toEqual([expect.objectContaining({ type: 'verification.completed', status: 'pending' })]);
    await parts.run.execute(record.id, info(2)); // a re-delivered job changes nothing
    expect((await parts.store.get(record.id))?.attempts).toBe(1);
  });

  it('reads the record once per attempt: the settlement and its webhook write from the versions written before them', async () => {
    const record = await newVerification();
    const reads = jest.spyOn(parts.store, 'getVersioned');
    try {
      await parts.run.execute(record.id, info());
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
    // created 1, attempt_started 2, answered 3, the webhook's delivery 4: each on the version before it.
    expect(await parts.store.getVersioned(record.id)).toMatchObject({
      version: '4',
      record: { status: 'completed', deliveries: [expect.objectContaining({ status: 'pending' })] },
    });
  });

  it('leaves a retryable failure for the next attempt, and sends the last one to review with whom to call', async () => {
    reply = () => Promise.resolve({ rejections: [{ validRequest: 'Y', reasonCode: '42', followUpAction: 'R' }] });
    const record = await newVerification();
    await expect(parts.run.execute(record.id, info(1))).rejects.toBeInstanceOf(RetryLaterError);
    expect(await parts.store.get(record.id)).toMatchObject({ status: 'queued', lastError: 'payer unable to respond (AAA 42)' });
    await parts.run.execute(record.id, info(3));
    const settled = await parts.store.get(record.id);
    expect(settled?.status).toBe('needs_review');
    expect(settled?.review?.reasons[0]).toMatch(/after 3 attempt\(s\).*Call Aetna at/);
    expect((await parts.store.getExchange(record.id)).exchanges.map((e) => e.attempt)).toEqual([1, 3]);
  });

  it('waits for an open circuit without starting an attempt', async () => {
    await parts.breaker.recordFailure('aetna', 'member-1');
    await parts.breaker.recordFailure('aetna', 'member-2');
    try {
      const record = await newVerification();
      await expect(parts.run.execute(record.id, info())).rejects.toBeInstanceOf(DelayedError);
      expect(postponed[0]).toBeGreaterThan(Date.now() + 50_000);
      expect(await parts.store.get(record.id)).toMatchObject({ status: 'queued', attempts: 0 });
      expect(payer.asked.filter((r) => r.context.verificationId === record.id)).toHaveLength(0);
    } finally {
      await parts.breaker.recordSuccess('aetna');
    }
  });

  it('counts one member failing again and again once: its own retries, not an outage', async () => {
    reply = () => Promise.reject(new TransportError('server_error', 'clearinghouse answered HTTP 500', true));
    const record = await newVerification();
    await expect(parts.run.execute(record.id, info(1))).rejects.toBeInstanceOf(RetryLaterError);
    await expect(parts.run.execute(record.id, info(2))).rejects.toBeInstanceOf(RetryLaterError);
    expect(await parts.breaker.admit('aetna')).toBe(0);
    await parts.run.execute(record.id, info(3));
    expect((await parts.store.get(record.id))?.status).toBe('needs_review');
    const failures = (await parts.store.getExchange(record.id)).exchanges.map((e) => e.failure?.kind);
    expect(failures).toEqual(['server_error', 'server_error', 'server_error']);
    await parts.breaker.recordSuccess('aetna');
  });

  it('ignores an answer that arrives after a cancel, keeping its exchange', async () => {
    const record = await newVerification();
    reply = async () => {
      await parts.lifecycle.apply(record.id, { type: 'cancelled', actor: 'intake:test' });
      return { benefits: EXPLICIT };
    };
    await parts.run.execute(record.id, info());
    const after = await parts.store.get(record.id);
    expect(after).toMatchObject({ status: 'cancelled' });
    expect(after?.summary).toBeUndefined();
    expect((await parts.store.getExchange(record.id)).received).toHaveLength(1);
  });

  it('hands the job back when the worker is stopping, without settling', async () => {
    const controller = new AbortController();
    const record = await newVerification();
    reply = () => {
      controller.abort();
      return Promise.reject(new TransportError('aborted', 'clearinghouse request aborted (worker stopping)', true));
    };
    await expect(parts.run.execute(record.id, info(1, controller.signal))).rejects.toBeInstanceOf(DelayedError);
    expect(postponed[0]).toBeLessThanOrEqual(Date.now());
    expect(await parts.store.get(record.id)).toMatchObject({ status: 'queued', lastError: expect.stringContaining('aborted') });
  });
});
