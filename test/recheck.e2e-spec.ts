import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import request from 'supertest';
import { firstBusinessDayOf, nextMonthlyRecheck } from '@bvs/lifecycle';
import { RECHECK_QUEUE, type RecheckJobData, bullConnection, bullPrefix, recheckJobId } from '@bvs/queue';
import { type Stack, startStack } from './support/stack';

// Re-verification end to end. Re-checks are delayed BullMQ jobs; the tests stand in for the
// clock by promoting a job to "now" (its due date stays in the job), so a month passes in a
// second while the schedule is still computed from the due dates, as in production.

const STAFF_KEY = 'staff-key-for-recheck-e2e-01';
const INTAKE_KEY = 'intake-key-for-recheck-e2e-1';
const SECRET = 'webhook-secret-for-recheck-e2e-tests';
const staff = { Authorization: `Bearer ${STAFF_KEY}` };
const intake = { Authorization: `Bearer ${INTAKE_KEY}` };

const ELLA = { id: 'W100000300', firstName: 'Ella', lastName: 'Ending', dateOfBirth: '1991-03-01' };
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };

interface WebhookEvent {
  id: string;
  type: string;
  data: { id: string; status: string };
  changes?: { field: string; before: unknown; after: unknown; description: string }[];
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('re-verification (e2e)', () => {
  let stack: Stack;
  let receiver: Server;
  let callbackUrl = '';
  let rechecks: Queue<RecheckJobData>;
  const events: WebhookEvent[] = [];

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookEvent);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    callbackUrl = `http://127.0.0.1:${port}/coverage`;
    stack = await startStack({
      API_KEYS: `staff:${STAFF_KEY},intake:${INTAKE_KEY}`,
      WEBHOOK_SECRET: SECRET,
      CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${port}`,
      // The receiver is this test process, on loopback.
      CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // The receiver is plain http (no certificate to trust on loopback).
      CALLBACK_ALLOW_HTTP: 'true',
      // Webhook retries at test speed (the default backoff is minutes).
      WEBHOOK_BACKOFF_MS: '50',
      // Each re-check must ask the payer; a reused result would hide the change under test.
      REUSE_WINDOW_HOURS: '0',
    });
    rechecks = new Queue<RecheckJobData>(RECHECK_QUEUE, {
      connection: bullConnection(stack.config.redis.url),
      prefix: bullPrefix(stack.config.redis.prefix),
    });
  });
  afterAll(async () => {
    await rechecks?.close();
    await stack?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const read = async (id: string) =>
    (await request(stack.apiServer).get(`/v1/verifications/${id}`).set(staff)).body as Record<string, unknown>;

  /** The re-check job of a verification; promoting it is "its due date has come". */
  async function dueRecheck(job: Omit<RecheckJobData, 'dueAt'> & { dueAt?: string }) {
    const id = job.kind === 'before_start' ? `recheck-start-${job.verificationId}` : recheckJobId(job as RecheckJobData);
    return eventually(`re-check job ${id}`, async () => {
      const found = await rechecks.getJob(id);
      return found && (await found.getState()) === 'delayed' ? found : null;
    });
  }

  it('re-checks 24 hours before the start and, when coverage has ended, sends the verification to review with verification.changed', async () => {
    const plannedStart = inHours(72);
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=15')
      .set(intake)
      .send({ payer: 'aetna', member: ELLA, plannedStart, callbackUrl });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('completed');
    expect(created.body.summary.eligibility.status).toBe('active');
    const id = created.body.id as string;

    const job = await dueRecheck({ verificationId: id, kind: 'before_start' });
    expect(job.data.dueAt).toBe(new Date(Date.parse(plannedStart) - 24 * 3_600_000).toISOString());
    // Scheduling the same re-check again (another worker, a re-delivered job) keeps one job.
    expect((await rechecks.getJobs(['delayed'])).filter((j) => j.data.verificationId === id)).toHaveLength(1);

    await job.promote();
    const record = await eventually('the change on the record', async () => {
      const current = await read(id);
      return current.status === 'needs_review' ? current : null;
    });
    const history = record.rechecks as {
      verificationId: string;
      kind: string;
      outcome: string;
      changes: { field: string; after: unknown }[];
    }[];
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'before_start', outcome: 'changed' });
    expect(history[0].changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'eligibility.status', before: 'active', after: 'inactive' })]),
    );
    expect((record.review as { reasons: string[] }).reasons[0]).toContain('Coverage was active and is now inactive');

    // The re-check is an ordinary verification of its own, tagged with what it checks.
    const recheck = await read(history[0].verificationId);
    expect(recheck).toMatchObject({ status: 'completed', recheckOf: { verificationId: id, kind: 'before_start' } });

    const changed = await eventually('verification.changed', () =>
      Promise.resolve(events.find((e) => e.type === 'verification.changed' && e.data.id === id)),
    );
    expect(changed.data.status).toBe('needs_review');
    expect(changed.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'eligibility.status', after: 'inactive' })]));
    // Only the original's caller hears of it: the re-check's own verification sends nothing.
    expect(events.some((e) => e.data.id === history[0].verificationId)).toBe(false);
  });

  it('records a re-check that finds nothing new quietly: the verification stays completed, no webhook', async () => {
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=15')
      .set(intake)
      .send({ payer: 'aetna', member: JANE, plannedStart: inHours(50), callbackUrl, recheck: { hoursBeforeStart: 12 } });
    expect(created.body.status).toBe('completed');
    const id = created.body.id as string;
    await eventually('the completed webhook', () =>
      Promise.resolve(events.find((e) => e.type === 'verification.completed' && e.data.id === id)),
    );

    const job = await dueRecheck({ verificationId: id, kind: 'before_start' });
    expect(Date.parse(job.data.dueAt)).toBe(Date.parse(created.body.plannedStart as string) - 12 * 3_600_000);
    await job.promote();
    const record = await eventually('the quiet re-check', async () => {
      const current = await read(id);
      return (current.rechecks as unknown[] | undefined)?.length ? current : null;
    });
    expect(record.status).toBe('completed');
    expect(record.rechecks).toEqual([expect.objectContaining({ kind: 'before_start', outcome: 'unchanged', changes: [] })]);
    expect(record.review).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events.filter((e) => e.data.id === id).map((e) => e.type)).toEqual(['verification.completed']);
  });

  it('does not schedule a re-check when the start is within a day of the answer', async () => {
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=15')
      .set(staff)
      .send({ payer: 'aetna', member: JANE, plannedStart: inHours(20) });
    expect(created.body.status).toBe('completed');
    expect(await rechecks.getJob(`recheck-start-${created.body.id as string}`)).toBeUndefined();
  });

  it('re-verifies an admitted patient on the first business day of each month until discharged', async () => {
    const created = await request(stack.apiServer).post('/v1/verifications?wait=15').set(staff).send({ payer: 'aetna', member: JANE });
    expect(created.body.status).toBe('completed');
    const id = created.body.id as string;

    const admitted = await request(stack.apiServer).post(`/v1/verifications/${id}/admit`).set(staff);
    expect(admitted.status).toBe(200);
    expect(admitted.body.admission).toMatchObject({ admittedBy: expect.any(String) as string, dischargedAt: null });
    // The staff view, as the other staff work routes answer: the dashboard re-renders the page from it.
    expect(admitted.body).toMatchObject({
      notes: [],
      claim: null,
      patient: expect.objectContaining({ lastName: expect.any(String) as string }),
    });

    // Three months on the fake clock: each re-check schedules the next from its own due date.
    let dueAt = nextMonthlyRecheck(new Date());
    for (let month = 1; month <= 3; month += 1) {
      const job = await dueRecheck({ verificationId: id, kind: 'monthly', dueAt: dueAt.toISOString() });
      expect(job.data.dueAt).toBe(dueAt.toISOString());
      const due = new Date(job.data.dueAt);
      expect(due).toEqual(firstBusinessDayOf(due.getUTCFullYear(), due.getUTCMonth()));
      expect([0, 6]).not.toContain(due.getUTCDay());
      await job.promote();
      await eventually(`monthly re-check ${month}`, async () => ((await read(id)).rechecks as unknown[] | undefined)?.length === month);
      dueAt = nextMonthlyRecheck(due);
    }
    const record = await read(id);
    expect(record.status).toBe('completed');
    expect((record.rechecks as { kind: string; outcome: string }[]).map((r) => [r.kind, r.outcome])).toEqual([
      ['monthly', 'unchanged'],
      ['monthly', 'unchanged'],
      ['monthly', 'unchanged'],
    ]);

    // The dashboard's data: the admitted patient and the next re-check.
    const board = await request(stack.apiServer).get('/v1/rechecks').set(staff);
    expect(board.status).toBe(200);
    expect(board.body.admitted).toEqual(
      expect.arrayContaining([expect.objectContaining({ verificationId: id, patient: 'Jane Doe', nextRecheckAt: dueAt.toISOString() })]),
    );

    const discharged = await request(stack.apiServer).post(`/v1/verifications/${id}/discharge`).set(staff);
    expect(discharged.status).toBe(200);
    expect(discharged.body.admission.dischargedAt).toEqual(expect.any(String));
    // The waiting monthly job is taken off: no fourth re-check.
    expect(await rechecks.getJob(recheckJobId({ verificationId: id, kind: 'monthly', dueAt: dueAt.toISOString() }))).toBeUndefined();
    expect(((await read(id)).rechecks as unknown[]).length).toBe(3);

    const audit = await request(stack.apiServer).get(`/v1/audit?verificationId=${id}`).set(staff);
    const actions = audit.body.items as { action: string }[];
    expect(actions.map((entry) => entry.action)).toEqual(expect.arrayContaining(['verification.admit', 'verification.discharge']));
  });

  it('sent webhooks that match the document (verification.changed with its changes)', () => {
    expect(events.some((e) => e.type === 'verification.changed')).toBe(true);
    expect(events.flatMap((event) => stack.contract.webhookProblems(event))).toEqual([]);
  });
});
