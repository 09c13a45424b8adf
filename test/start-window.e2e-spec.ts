import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { verifyWebhookSignature } from '@bvs/queue';
import { type VerificationRecord, VerificationStore } from '@bvs/store';
import { EscalationSweep } from '../apps/worker/src/maintenance/escalation-sweep';
import { type Stack, startStack } from './support/stack';

// Deadlines, staff actions, idempotency, reuse, webhooks and metrics, end to end.

const STAFF = 'staff-key-start-window-0001';
const INTAKE = 'intake-key-start-window-001';
const OTHER_INTAKE = 'intake-key-start-window-002';
const SECRET = 'webhook-secret-for-tests-0123456789abcdef';

const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };
const ETHAN = { id: 'UMR10000001', firstName: 'Ethan', lastName: 'Brown', dateOfBirth: '1987-03-17' };

interface Received {
  body: string;
  signature: string;
}

describe('start window, staff actions, idempotency, webhooks (e2e)', () => {
  let stack: Stack;
  let receiver: Server;
  const received: Received[] = [];
  let callbackStatus = 200;

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['webhook-signature'] ?? '') });
        res.statusCode = callbackStatus;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    stack = await startStack({
      API_KEYS: `staff:${STAFF},intake:${INTAKE},intake:${OTHER_INTAKE}`,
      WEBHOOK_SECRET: SECRET,
      CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${port}`,
      CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // The receiver is a plain-http server on loopback (https is required otherwise).
      CALLBACK_ALLOW_HTTP: 'true',
      WEBHOOK_BACKOFF_MS: '50',
      REUSE_WINDOW_HOURS: '24',
    });
    (stack as Stack & { callbackBase: string }).callbackBase = `http://127.0.0.1:${port}/hooks/coverage`;
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const callbackBase = (): string => (stack as Stack & { callbackBase: string }).callbackBase;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const waitFor = async <T>(probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('sets the deadline from plannedStart, or 24 h after creation', async () => {
    const planned = new Date(Date.now() + 30 * 3_600_000).toISOString();
    const withStart = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(STAFF))
      .send({ payer: 'aetna', member: JANE, plannedStart: planned });
    expect(withStart.body.deadline).toBe(planned);
    const without = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(STAFF))
      .send({ payer: 'tufts', member: { id: 'TUF10000001', firstName: 'Lucas', lastName: 'Davis', dateOfBirth: '1981-06-30' } });
    const hours = (Date.parse(without.body.deadline) - Date.parse(without.body.createdAt)) / 3_600_000;
    expect(hours).toBeCloseTo(24, 5);
    expect(without.body.timeLeftSeconds).toBeGreaterThan(23 * 3600);
  });

  it('lists verifications for staff by deadline with filters, and refuses others', async () => {
    const res = await request(stack.apiServer).get('/v1/verifications?limit=200').set(as(STAFF));
    expect(res.status).toBe(200);
    const deadlines = res.body.items.map((i: { deadline: string }) => i.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const onlyTufts = await request(stack.apiServer).get('/v1/verifications?payer=tufts').set(as(STAFF));
    expect(onlyTufts.body.items.every((i: { payer: { key: string } }) => i.payer.key === 'tufts')).toBe(true);
    expect((await request(stack.apiServer).get('/v1/verifications')).status).toBe(401);
    expect((await request(stack.apiServer).get('/v1/verifications').set(as(INTAKE))).status).toBe(403);
  });

  it('records a manual result for a needs_review verification, audits it, and shows the X12', async () => {
    const created = await request(stack.apiServer).post('/v1/verifications?wait=10').set(as(STAFF)).send({ payer: 'umr', member: ETHAN });
    expect(created.body.status).toBe('needs_review');
    expect(created.body.summary.levelsOfCare.IOP.basis).toBe('mental_health_general');
    const id = created.body.id as string;

    const x12 = await request(stack.apiServer).get(`/v1/verifications/${id}/x12`).set(as(STAFF));
    expect(x12.body.sent[0]).toMatch(/^ISA\*/);
    expect(x12.body.sent[0]).toContain('ST*270*');
    expect(x12.body.received[0]).toContain('ST*271*');

    const manual = await request(stack.apiServer)
      .post(`/v1/verifications/${id}/manual-result`)
      .set(as(STAFF))
      .send({
        referenceNumber: 'REF-2026-0042',
        representative: 'Dana (UMR provider line)',
        eligibilityStatus: 'active',
        deductible: { total: '2500', remaining: '1800.00' },
        levelsOfCare: {
          IOP: { status: 'covered', priorAuthorizationRequired: true, inNetwork: { coinsurancePercent: 20, deductibleApplies: true } },
          PHP: { status: 'covered', priorAuthorizationRequired: true, inNetwork: { coinsurancePercent: 20 } },
          OP: { status: 'covered', priorAuthorizationRequired: false, inNetwork: { copay: '25' } },
        },
      });
    expect(manual.status).toBe(200);
    expect(manual.body).toMatchObject({ status: 'completed', source: 'manual', manual: { referenceNumber: 'REF-2026-0042' } });
    expect(manual.body.summary.levelsOfCare.IOP).toMatchObject({
      status: 'covered',
      basis: 'explicit',
      priorAuthorizationRequired: true,
      sources: ['manual:REF-2026-0042'],
    });
    expect(manual.body.summary.levelsOfCare.OP.inNetwork.copay).toEqual({ amount: '25.00', per: 'visit' });
    expect(manual.body.summary.accumulators.inNetwork.deductible.individual).toMatchObject({ total: '2500.00', remaining: '1800.00' });

    const audit = await request(stack.apiServer).get(`/v1/audit?verificationId=${id}`).set(as(STAFF));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['verification.read_x12', 'verification.manual_result']),
    );
    expect(audit.body.items[0].actor).toMatch(/^staff:[0-9a-f]{64}$/);
  });

  it('retries a settled verification on staff request, and refuses one already in progress', async () => {
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(as(STAFF))
      .send({ payer: 'aetna', member: { id: 'W100000099', firstName: 'Alex', lastName: 'Nobody', dateOfBirth: '1970-01-01' } });
    expect(created.body.status).toBe('needs_review');
    const retried = await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/retry`).set(as(STAFF));
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('queued');
    const again = await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/retry`).set(as(STAFF));
    expect([202, 409]).toContain(again.status);
    const settled = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}?wait=10`).set(as(STAFF));
    expect(settled.body.status).toBe('needs_review');
    expect(settled.body.attempts).toBeGreaterThanOrEqual(2);
  });

  it('gives the same verification for the same Idempotency-Key and body, and 409 for another body', async () => {
    const body = { payer: 'aetna', member: JANE, levelsOfCare: ['IOP'] };
    const first = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(INTAKE))
      .set('Idempotency-Key', 'intake-req-1')
      .send(body);
    const reordered = {
      levelsOfCare: ['IOP'],
      member: { dateOfBirth: JANE.dateOfBirth, lastName: JANE.lastName, firstName: JANE.firstName, id: JANE.id },
      payer: 'aetna',
    };
    const second = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(INTAKE))
      .set('Idempotency-Key', 'intake-req-1')
      .send(reordered);
    expect(second.body.id).toBe(first.body.id);
    const conflict = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(INTAKE))
      .set('Idempotency-Key', 'intake-req-1')
      .send({ ...body, levelsOfCare: ['OP'] });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
    // Keys are per caller: another intake key may use the same key for its own request.
    const other = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(OTHER_INTAKE))
      .set('Idempotency-Key', 'intake-req-1')
      .send(body);
    expect(other.body.id).not.toBe(first.body.id);
    // And intake reads only its own verifications.
    expect((await request(stack.apiServer).get(`/v1/verifications/${first.body.id}`).set(as(OTHER_INTAKE))).status).toBe(404);
  });

  it('reuses a fresh completed result for the same member without asking the payer again', async () => {
    const member = { id: 'MER10000001', firstName: 'Ava', lastName: 'Miller', dateOfBirth: '1999-08-08' };
    const first = await request(stack.apiServer).post('/v1/verifications?wait=10').set(as(STAFF)).send({ payer: 'meritain', member });
    expect(first.body.status).toBe('completed');
    const second = await request(stack.apiServer).post('/v1/verifications').set(as(STAFF)).send({ payer: 'Meritain Health', member });
    expect(second.body).toMatchObject({ status: 'completed', reused: true, reusedFrom: first.body.id, attempts: 0 });
    expect(second.body.summary).toEqual(first.body.summary);
  });

  it('answers a reused verification with its own program estimate and one signed webhook, for the same caller only', async () => {
    const member = { id: 'MER10000001', firstName: 'Ava', lastName: 'Miller', dateOfBirth: '1999-08-08' };
    const first = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(as(INTAKE))
      .send({ payer: 'meritain', member, levelsOfCare: ['OP'] });
    expect(first.body.status).toBe('completed');
    received.length = 0;
    const callbackUrl = `${callbackBase()}?reuse=1`;
    const reused = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(INTAKE))
      .send({ payer: 'meritain', member, levelsOfCare: ['IOP', 'PHP'], program: { sessionsPerWeek: 3, weeks: 6 }, callbackUrl });
    expect(reused.body).toMatchObject({ reused: true, reusedFrom: first.body.id, attempts: 0 });
    // Settled as the payer's answer would be for this request (its program may need review).
    expect(['completed', 'needs_review']).toContain(reused.body.status);
    // Re-derived for this request: its levels of care, and an estimate for its program.
    expect(Object.keys(reused.body.summary.levelsOfCare).sort()).toEqual(['IOP', 'PHP']);
    expect(reused.body.summary.levelsOfCare.IOP.estimate.sessions).toBe(18);
    const delivery = await waitFor(() => Promise.resolve(received.find((r) => JSON.parse(r.body).data.id === reused.body.id)));
    expect(verifyWebhookSignature(SECRET, delivery.body, delivery.signature)).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: `verification.${reused.body.status}`,
      data: { id: reused.body.id, reused: true },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => JSON.parse(r.body).data.id === reused.body.id)).toHaveLength(1);
    // Another intake caller never gets this caller's result (nor its record id).
    const other = await request(stack.apiServer).post('/v1/verifications').set(as(OTHER_INTAKE)).send({ payer: 'meritain', member });
    expect(other.body.reused).toBeUndefined();
    expect(JSON.stringify(other.body)).not.toContain(first.body.id);
  });

  it('cancels a verification in flight: cancelled, one verification.cancelled webhook, the late failure kept in the exchanges', async () => {
    received.length = 0;
    const slow = { id: 'W100000408', firstName: 'Slow', lastName: 'Payer', dateOfBirth: '1980-01-01' };
    const created = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(INTAKE))
      .send({ payer: 'aetna', member: slow, callbackUrl: `${callbackBase()}?cancel=1` });
    await waitFor(async () => {
      const r = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(as(INTAKE));
      return r.body.status === 'in_progress' ? true : undefined;
    });
    const cancelled = await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/cancel`).set(as(INTAKE));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    // Another intake caller cannot cancel it; cancelling twice changes nothing.
    expect((await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/cancel`).set(as(OTHER_INTAKE))).status).toBe(404);
    expect((await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/cancel`).set(as(INTAKE))).body.status).toBe(
      'cancelled',
    );
    const x12 = await waitFor(async () => {
      const r = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}/x12`).set(as(STAFF));
      return r.body.exchanges.some((e: { failure?: unknown }) => e.failure) ? r.body : undefined;
    }, 15_000);
    expect(x12.exchanges[0].failure.kind).toBe('timeout');
    await waitFor(() => Promise.resolve(received.find((r) => JSON.parse(r.body).data.id === created.body.id)));
    await new Promise((r) => setTimeout(r, 500));
    const events = received.filter((r) => JSON.parse(r.body).data.id === created.body.id).map((r) => JSON.parse(r.body).type);
    expect(events).toEqual(['verification.cancelled']);
    const after = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(as(STAFF));
    expect(after.body).toMatchObject({ status: 'cancelled', attempts: 1 });
    // A cancelled verification takes no manual result and no retry.
    expect((await request(stack.apiServer).post(`/v1/verifications/${created.body.id}/retry`).set(as(STAFF))).status).toBe(409);
  });

  it('settles through the lifecycle on a manual result: webhook, reuse index, metrics', async () => {
    received.length = 0;
    // The other intake key: this caller's results are reused by this caller only.
    const callbackUrl = `${callbackBase()}?manual=1`;
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(as(OTHER_INTAKE))
      .send({ payer: 'umr', member: ETHAN, callbackUrl });
    expect(created.body.status).toBe('needs_review');
    const manual = await request(stack.apiServer)
      .post(`/v1/verifications/${created.body.id}/manual-result`)
      .set(as(STAFF))
      .send({
        referenceNumber: 'REF-2026-0077',
        representative: 'Lee (UMR provider line)',
        eligibilityStatus: 'active',
        levelsOfCare: { IOP: { status: 'covered', priorAuthorizationRequired: true, inNetwork: { coinsurancePercent: 20 } } },
      });
    expect(manual.body).toMatchObject({ status: 'completed', source: 'manual' });
    const types = await waitFor(() => {
      const mine = received.filter((r) => JSON.parse(r.body).data.id === created.body.id).map((r) => JSON.parse(r.body).type);
      return Promise.resolve(mine.length >= 2 ? mine : undefined);
    });
    expect(types).toEqual(['verification.needs_review', 'verification.completed']);
    // The manual result is in the reuse index: the same caller's next request for ETHAN reuses it.
    const again = await request(stack.apiServer).post('/v1/verifications').set(as(OTHER_INTAKE)).send({ payer: 'umr', member: ETHAN });
    expect(again.body).toMatchObject({ status: 'completed', reused: true, reusedFrom: created.body.id, source: 'manual' });
    const metrics = await waitFor(async () => {
      const r = await request(stack.apiServer).get('/metrics');
      return /bvs_verification_transitions_total\{event="manual_result",from="needs_review",to="completed"\} \d+/.test(r.text)
        ? r.text
        : undefined;
    }, 5_000);
    expect(metrics).toMatch(/bvs_verifications_within_window_total\{channel="intake",payer="umr",within="true"\} \d+/);
  });

  it('signs and delivers exactly one webhook per settled verification', async () => {
    received.length = 0;
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(as(INTAKE))
      .send({
        payer: 'carelon',
        member: { id: 'CBH100000001', firstName: 'Noah', lastName: 'Johnson', dateOfBirth: '1983-09-09' },
        callbackUrl: callbackBase(),
      });
    expect(created.body.status).toBe('completed');
    const delivery = await waitFor(() => received.find((r) => JSON.parse(r.body).data.id === created.body.id));
    expect(verifyWebhookSignature(SECRET, delivery.body, delivery.signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret-entirely-0000000000', delivery.body, delivery.signature)).toBe(false);
    const event = JSON.parse(delivery.body);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: 'verification.completed',
      data: { id: created.body.id, status: 'completed' },
    });
    const record = await waitFor(async () => {
      const r = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(as(INTAKE));
      return r.body.deliveries?.[0]?.status === 'delivered' ? r.body : undefined;
    });
    expect(record.deliveries).toEqual([
      expect.objectContaining({ eventId: event.id, status: 'delivered', attempts: 1, responseStatus: 200 }),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => JSON.parse(r.body).data.id === created.body.id)).toHaveLength(1);
  });

  it('retries a failing callback with backoff until it answers', async () => {
    received.length = 0;
    callbackStatus = 503;
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(as(INTAKE))
      .send({ payer: 'umr', member: ETHAN, callbackUrl: `${callbackBase()}?retry=1` });
    expect(created.body.status).toBe('needs_review');
    await waitFor(() => (received.length >= 2 ? true : undefined));
    callbackStatus = 200;
    const record = await waitFor(async () => {
      const r = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(as(INTAKE));
      return r.body.deliveries?.[0]?.status === 'delivered' ? r.body : undefined;
    });
    expect(record.deliveries[0].attempts).toBeGreaterThanOrEqual(3);
    const types = new Set(received.map((r) => JSON.parse(r.body).type));
    expect([...types]).toEqual(['verification.needs_review']);
    const ids = new Set(received.map((r) => JSON.parse(r.body).id));
    expect(ids.size).toBe(1);
  });

  it('refuses callback hosts that are not allow-listed', async () => {
    const res = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(as(INTAKE))
      .send({ payer: 'aetna', member: JANE, callbackUrl: 'http://169.254.169.254/latest/meta-data' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('callbackUrl');
  });

  it('escalates an unsettled verification to review before its deadline, with the time left', async () => {
    const store = stack.worker.get(VerificationStore);
    const now = new Date();
    const id = `vrf_${'a'.repeat(32)}`;
    const record: VerificationRecord = {
      id,
      status: 'queued',
      channel: 'staff',
      payer: { key: 'aetna', name: 'Aetna', payerId: '60054' },
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      deadline: new Date(now.getTime() + 3 * 3_600_000).toISOString(),
      attempts: 2,
      lastError: 'clearinghouse answered HTTP 500',
      request: { payerInput: 'aetna', member: JANE, levelsOfCare: ['IOP', 'PHP', 'OP'] },
    };
    await store.create(record);
    const escalated = await stack.worker.get(EscalationSweep).execute(now);
    expect(escalated).toContain(id);
    const after = await store.get(id);
    expect(after?.status).toBe('needs_review');
    expect(after?.review?.reasons[0]).toMatch(/3 h 0 min left/);
    expect(after?.review?.reasons[0]).toContain('1-888-632-3862');
  });

  it('reports fleet metrics without PHI in labels', async () => {
    // Each process adds its counts to Redis once a second: wait for the worker's to land.
    const res = await waitFor(async () => {
      const r = await request(stack.apiServer).get('/metrics');
      return /bvs_verifications_within_window_total\{channel="staff",payer="aetna",within="true"\} \d+/.test(r.text) ? r : undefined;
    }, 5_000);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/bvs_verifications_created_total\{channel="staff",payer="aetna"\} \d+/);
    expect(res.text).toMatch(/bvs_verifications_settled_total\{channel="staff",payer="umr",status="needs_review"\} \d+/);
    expect(res.text).toMatch(/bvs_verification_total_seconds_count\{channel="staff",payer="aetna"\} \d+/);
    // Verifications sent to review count in the window share too.
    expect(res.text).toMatch(/bvs_verifications_within_window_total\{channel="staff",payer="umr",within="true"\} \d+/);
    expect(res.text).not.toMatch(/W100000001|JANE|Jane|1990-04-12/);
  });
});

describe('per-payer circuit breaker (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      API_KEYS: `staff:${STAFF}`,
      // Two distinct failing members open the circuit (the sandbox has two at Aetna: HTTP 500 and slow).
      CIRCUIT_FAILURE_THRESHOLD: '2',
      CIRCUIT_OPEN_SECONDS: '2',
      REUSE_WINDOW_HOURS: '0',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const post = (member: Record<string, string>, payer = 'aetna', wait = 0) =>
    request(stack.apiServer).post(`/v1/verifications?wait=${wait}`).set('Authorization', `Bearer ${STAFF}`).send({ payer, member });

  it('waits while the payer fails for several members, never sending a healthy verification to review, and leaves other payers alone', async () => {
    const failing = await post({ id: 'W100000500', firstName: 'Server', lastName: 'Error', dateOfBirth: '1980-01-01' });
    const slow = await post({ id: 'W100000408', firstName: 'Slow', lastName: 'Payer', dateOfBirth: '1980-01-01' });
    const until = Date.now() + 15_000;
    while (!(await request(stack.apiServer).get('/metrics')).text.includes('bvs_payer_circuit_open{payer="aetna"} 1')) {
      if (Date.now() > until) throw new Error('the circuit did not open');
      await new Promise((r) => setTimeout(r, 100));
    }
    const other = await post({ id: 'TUF10000001', firstName: 'Lucas', lastName: 'Davis', dateOfBirth: '1981-06-30' }, 'tufts', 10);
    expect(other.body.status).toBe('completed');

    // JANE waits for the circuit (no review), then completes once a probe gets through.
    const jane = await post(JANE, 'aetna', 25);
    expect(jane.body.status).toBe('completed');
    expect(jane.body.review).toBeUndefined();
    const outage = await Promise.all(
      [failing.body.id, slow.body.id].map(
        async (id: string) => (await request(stack.apiServer).get(`/v1/verifications/${id}`).set('Authorization', `Bearer ${STAFF}`)).body,
      ),
    );
    // While the circuit was open their attempts waited instead of being used up.
    for (const record of outage) expect(record.review?.reasons.join(' ') ?? '').not.toContain('circuit');
  }, 40_000);
});
