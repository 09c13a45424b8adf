import request from 'supertest';
import { VerificationStore } from '@bvs/store';
import { EscalationSweep } from '../apps/worker/src/maintenance/escalation-sweep';
import { type Stack, startStack } from './support/stack';

// Simulation (issue: the start window): 500 verifications with planned starts 6–48 h out, 10%
// of them at a payer that is down. The real stack answers the healthy ones; then a fake clock
// walks the next 48 h in sweep-interval steps, running the real escalation sweep at each step.
// Every verification must end completed or in review at least 4 h before its deadline, none
// lost, none processed twice.

const STAFF = 'staff-key-simulation-000001';
const HEALTHY = [
  { payer: 'aetna', member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' } },
  { payer: 'meritain', member: { id: 'MER10000001', firstName: 'Ava', lastName: 'Miller', dateOfBirth: '1999-08-08' } },
  { payer: 'tufts', member: { id: 'TUF10000001', firstName: 'Lucas', lastName: 'Davis', dateOfBirth: '1981-06-30' } },
  { payer: 'carelon', member: { id: 'CBH100000001', firstName: 'Noah', lastName: 'Johnson', dateOfBirth: '1983-09-09' } },
  { payer: 'geha', member: { id: 'G100000001', firstName: 'Emma', lastName: 'Wilson', dateOfBirth: '1975-05-21' } },
];
const OUTAGE = { payer: 'aetna', member: { id: 'W100000500', firstName: 'Server', lastName: 'Error', dateOfBirth: '1980-01-01' } };
const HOUR = 3_600_000;
const SWEEP_STEP_MS = 60_000;
const ESCALATE_BEFORE_MS = 4 * HOUR;

describe('start window simulation: 500 verifications, 10% payer outage (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      API_KEYS: `staff:${STAFF}`,
      // Reuse off: the same synthetic members are verified many times and every one must reach the payer.
      REUSE_WINDOW_HOURS: '0',
      WORKER_CONCURRENCY: '50',
      // Re-checks an hour before the start (default 24 h): a start just over a day away would
      // otherwise be re-checked in real time while the sweep walks its fake clock (test/recheck covers them).
      RECHECK_HOURS_BEFORE_START: '1',
      // Outage jobs keep retrying slowly (as in production, minutes apart): the sweep, not the
      // retry budget, must bring them to staff in time.
      JOB_ATTEMPTS: '50',
      JOB_BACKOFF_MS: '600000',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('settles or escalates every verification at least 4 h before its start', async () => {
    const start = Date.now();
    const created: { id: string; deadline: number; outage: boolean }[] = [];
    for (let i = 0; i < 500; i += 1) {
      const outage = i % 10 === 0;
      const template = outage ? OUTAGE : HEALTHY[i % HEALTHY.length];
      const plannedStart = new Date(start + 6 * HOUR + Math.floor((42 * HOUR * i) / 499));
      const res = await request(stack.apiServer)
        .post('/v1/verifications')
        .set('Authorization', `Bearer ${STAFF}`)
        .send({ ...template, plannedStart: plannedStart.toISOString() });
      expect(res.status).toBe(202);
      created.push({ id: res.body.id, deadline: plannedStart.getTime(), outage });
    }

    const store = stack.api.get(VerificationStore);
    // Real time: the healthy 450 complete, the 50 at the broken payer fail their first attempt.
    const until = Date.now() + 60_000;
    for (;;) {
      const records = await Promise.all(created.map(({ id }) => store.get(id)));
      const healthyDone = records.filter((r, i) => !created[i].outage && r?.status === 'completed').length;
      const outageTried = records.filter((r, i) => created[i].outage && r && r.attempts >= 1 && r.status === 'queued').length;
      if (healthyDone === 450 && outageTried === 50) break;
      if (Date.now() > until) throw new Error(`stuck: ${healthyDone} healthy completed, ${outageTried} outage attempted`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const realSeconds = (Date.now() - start) / 1000;

    // Fake clock: walk 48 h in one-minute sweeps.
    const sweep = stack.worker.get(EscalationSweep);
    const escalatedAt = new Map<string, number>();
    for (let now = start; now <= start + 48 * HOUR; now += SWEEP_STEP_MS) {
      for (const id of await sweep.execute(new Date(now))) escalatedAt.set(id, now);
    }

    const records = await Promise.all(created.map(({ id }) => store.get(id)));
    expect(records.every(Boolean)).toBe(true); // none lost
    let minMarginMs = Infinity;
    for (const [index, record] of records.entries()) {
      const { deadline, outage, id } = created[index];
      if (outage) {
        expect(record?.status).toBe('needs_review');
        const at = escalatedAt.get(id);
        expect(at).toBeDefined();
        const margin = deadline - at!;
        expect(margin).toBeGreaterThanOrEqual(ESCALATE_BEFORE_MS);
        expect(margin).toBeLessThanOrEqual(ESCALATE_BEFORE_MS + SWEEP_STEP_MS);
        minMarginMs = Math.min(minMarginMs, margin);
        expect(record?.review?.reasons[0]).toMatch(/h \d+ min left/);
      } else {
        expect(record?.status).toBe('completed');
        expect(deadline - Date.parse(record?.completedAt ?? '')).toBeGreaterThanOrEqual(ESCALATE_BEFORE_MS);
        expect(escalatedAt.has(id)).toBe(false);
      }
      expect(record?.attempts).toBe(1); // none processed twice
    }

    console.log(
      `simulation: 500 verifications (450 healthy completed in ${realSeconds.toFixed(1)} s real time; 50 at a down payer escalated by the sweep, ` +
        `smallest margin before the start ${(minMarginMs / HOUR).toFixed(2)} h); 0 lost, 0 processed twice`,
    );
  }, 240_000);
});
