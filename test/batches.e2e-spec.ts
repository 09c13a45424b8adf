import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { verifyCsv } from '../apps/cli/src/batch-command';
import { type Stack, startStack, dumpKeys } from './support/stack';

// Batches end to end: API -> one ordinary verification per row -> BullMQ (below single
// verifications in priority) -> worker -> sandbox clearinghouse, against the real Redis.

const STAFF_KEY = 'staff-key-for-batch-e2e-0001';
const INTAKE_KEY = 'intake-key-for-batch-e2e-0001';
const staff = { Authorization: `Bearer ${STAFF_KEY}` };

const HEADER = 'rowKey,payer,memberId,firstName,lastName,dateOfBirth,levelsOfCare,plannedStart';
const inTwoDays = () => new Date(Date.now() + 48 * 3_600_000).toISOString();

interface Progress {
  id: string;
  state: string;
  total: number;
  rejected: number;
  settled: number;
  percent: number;
  byStatus: Record<string, number>;
}

async function waitForBatch(stack: Stack, id: string, until: (p: Progress) => boolean, timeoutMs = 60_000): Promise<Progress> {
  const started = Date.now();
  for (;;) {
    const res = await request(stack.apiServer).get(`/v1/batches/${id}`).set(staff);
    expect(res.status).toBe(200);
    const progress = res.body as Progress;
    if (until(progress)) return progress;
    if (Date.now() - started > timeoutMs) throw new Error(`batch ${id} still ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('batches (e2e)', () => {
  describe('a CSV census with bad rows', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ API_KEYS: `staff:${STAFF_KEY},intake:${INTAKE_KEY}` });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    const csv = [
      HEADER,
      `MRN-1001,aetna,W100000001,Jane,Doe,1990-04-12,IOP PHP OP,${inTwoDays()}`,
      'MRN-1002,aetna,W100000002,John,Roe,1985-01-30,,',
      'MRN-1003,aetna,W100000099,Alex,Nobody,1970-01-01,IOP,',
      'MRN-1004,umr,UMR10000001,Ethan,Brown,1987-03-17,,',
      // Bad rows: a date of birth that is not ISO 8601, a missing payer and an unknown level of care.
      'MRN-1005,aetna,W100000001,Jane,Doe,04/12/1990,,',
      'MRN-1006,,W100000001,Jane,Doe,1990-04-12,XYZ,',
      // Valid in form, refused when created: a payer the center does not know.
      'MRN-1007,nosuchinsurer,W100000001,Jane,Doe,1990-04-12,,',
    ].join('\n');

    let batchId = '';

    it('validates every row up front: bad rows are listed with their fields, valid rows proceed', async () => {
      const res = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .set('Idempotency-Key', 'census-2026-12-01')
        .set('content-type', 'text/csv')
        .send(csv);
      expect(res.status).toBe(202);
      batchId = res.body.id;
      expect(batchId).toMatch(/^bat_[0-9a-f]{32}$/);
      expect(res.headers.location).toBe(`/v1/batches/${batchId}`);
      expect(res.body.total).toBe(7);
      const rejected = res.body.rejectedRows as { row: number; rowKey: string; errors: { field: string }[] }[];
      expect(rejected.map((r) => r.row)).toEqual([5, 6, 7]);
      expect(rejected[0].errors.map((e) => e.field)).toContain('member.dateOfBirth');
      expect(rejected[1].errors.map((e) => e.field)).toEqual(expect.arrayContaining(['payer', 'levelsOfCare']));
      expect(rejected[2].errors.map((e) => e.field)).toContain('payer');
      // Nothing of a refused row's content is echoed back (no PHI in errors).
      expect(JSON.stringify(rejected)).not.toContain('1990');
      const rows = res.body.rows as { row: number; verificationId: string | null }[];
      expect(rows.filter((r) => r.verificationId).map((r) => r.row)).toEqual([1, 2, 3, 4]);
    });

    it('shows progress by status until every row has settled', async () => {
      const done = await waitForBatch(stack, batchId, (p) => p.state === 'done');
      expect(done).toMatchObject({ total: 7, rejected: 3, settled: 4, percent: 100 });
      expect(done.byStatus.completed + done.byStatus.needs_review).toBe(4);
    });

    it('returns the results as CSV, one line per row, in the order submitted', async () => {
      const res = await request(stack.apiServer).get(`/v1/batches/${batchId}/results`).set(staff).set('Accept', 'text/csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = parse<Record<string, string>>(res.text, { columns: true });
      expect(lines).toHaveLength(7);
      expect(Object.keys(lines[0])).toEqual(
        expect.arrayContaining([
          'status',
          'coverageActive',
          'IOP_covered',
          'IOP_costShare',
          'IOP_priorAuthorization',
          'reviewReasons',
          'verificationId',
        ]),
      );
      const [jane, john, alex, ethan, badDob, , unknownPayer] = lines;
      expect(jane).toMatchObject({
        row: '1',
        rowKey: 'MRN-1001',
        status: 'completed',
        coverageActive: 'true',
        IOP_covered: 'covered',
        IOP_costShare: '20% coinsurance after deductible',
        IOP_priorAuthorization: 'required',
        OP_costShare: '30.00 copay per visit',
        OP_priorAuthorization: 'not_required',
      });
      expect(jane.verificationId).toMatch(/^vrf_/);
      expect(john.coverageActive).toBe('false');
      expect(alex).toMatchObject({ status: 'not_found', IOP_covered: expect.any(String) as string, PHP_covered: '' });
      expect(ethan.status).toBe('needs_review');
      expect(ethan.reviewReasons).not.toBe('');
      expect(badDob).toMatchObject({ status: 'rejected', verificationId: '' });
      expect(badDob.errors).toContain('member.dateOfBirth');
      expect(unknownPayer.status).toBe('rejected');

      // ?format=csv gives the same; JSON is the default.
      const byQuery = await request(stack.apiServer).get(`/v1/batches/${batchId}/results?format=csv`).set(staff);
      expect(byQuery.text).toBe(res.text);
      const json = await request(stack.apiServer).get(`/v1/batches/${batchId}/results`).set(staff);
      expect(json.body.rows[0].levelsOfCare.IOP).toEqual({
        covered: 'covered',
        costShare: '20% coinsurance after deductible',
        priorAuthorization: 'required',
      });
    });

    it('makes each row an ordinary verification tagged with its batch', async () => {
      const results = await request(stack.apiServer).get(`/v1/batches/${batchId}/results`).set(staff);
      const record = await request(stack.apiServer).get(`/v1/verifications/${results.body.rows[0].verificationId}`).set(staff);
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({ batchId, channel: 'staff', status: 'completed' });
      expect(record.body.summary.eligibility.status).toBe('active');
    });

    it('is idempotent per batch key and per row key', async () => {
      const again = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .set('Idempotency-Key', 'census-2026-12-01')
        .set('content-type', 'text/csv')
        .send(csv);
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ id: batchId, replayed: true });

      const other = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .set('Idempotency-Key', 'census-2026-12-01')
        .set('content-type', 'text/csv')
        .send(`${HEADER}\nMRN-2001,aetna,W100000001,Jane,Doe,1990-04-12,,`);
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('idempotency_conflict');

      // The same row key in a new batch (JSON this time) is the same verification.
      const first = await request(stack.apiServer).get(`/v1/batches/${batchId}/results`).set(staff);
      const json = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .send([
          {
            rowKey: 'MRN-1002',
            payer: 'aetna',
            member: { id: 'W100000002', firstName: 'John', lastName: 'Roe', dateOfBirth: '1985-01-30' },
          },
        ]);
      expect(json.status).toBe(202);
      expect(json.body.id).not.toBe(batchId);
      expect(json.body.rows[0].verificationId).toBe(first.body.rows[1].verificationId);
    });

    it('refuses the public role, a batch of only bad rows, and more than 5,000 rows', async () => {
      const open = await request(stack.apiServer).post('/v1/batches').send([]);
      expect(open.status).toBe(401);
      const bad = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .send([{ payer: 'aetna' }]);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('rows[1].member');
      const row = { payer: 'aetna', member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' } };
      const tooMany = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .send(Array.from({ length: 5_001 }, () => row));
      expect(tooMany.status).toBe(400);
      const unknownColumn = await request(stack.apiServer)
        .post('/v1/batches')
        .set(staff)
        .set('content-type', 'text/csv')
        .send('payer,ssn\naetna,1');
      expect(unknownColumn.status).toBe(400);
      expect(unknownColumn.body.error.message).toContain('ssn');
    });

    it('runs a CSV through the CLI (verify --csv --out), and a re-run after an interruption finds the same batch', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bvs-cli-'));
      const input = join(dir, 'census.csv');
      const keyFile = join(dir, 'staff.key');
      // No rowKey column: the CLI derives one per row, the same on every run.
      writeFileSync(
        input,
        [
          'payer,memberId,firstName,lastName,dateOfBirth',
          'meritain,MER10000001,Ava,Miller,1999-08-08',
          'tufts,TUF10000001,Lucas,Davis,1981-06-30',
          'aetna,W100000099,Alex,Nobody,1970-01-01',
        ].join('\n'),
      );
      writeFileSync(keyFile, STAFF_KEY);
      const api = `http://127.0.0.1:${(stack.apiServer.address() as AddressInfo).port}`;
      const fail = (message: string): never => {
        throw new Error(message);
      };
      const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await verifyCsv(['--csv', input, '--out', join(dir, 'first.csv'), '--api', api, '--key-file', keyFile, '--poll-ms', '200'], fail);
        await verifyCsv(['--csv', input, '--out', join(dir, 'again.csv'), '--api', api, '--key-file', keyFile, '--poll-ms', '200'], fail);
        const table = stdout.mock.calls.map((call) => String(call[0])).join('');
        expect(table).toMatch(/completed\s+2/);
        expect(table).toMatch(/not found\s+1/);
        expect(stderr.mock.calls.map((call) => String(call[0])).join('')).toContain('resumed');
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
      }
      const first = parse<Record<string, string>>(readFileSync(join(dir, 'first.csv'), 'utf8'), { columns: true });
      const again = parse<Record<string, string>>(readFileSync(join(dir, 'again.csv'), 'utf8'), { columns: true });
      expect(first.map((line) => line.status)).toEqual(['completed', 'completed', 'not_found']);
      expect(again.map((line) => line.verificationId)).toEqual(first.map((line) => line.verificationId));
      expect(first[0].rowKey).toMatch(/^r-[0-9a-f]{24}$/);
    });

    it('serves the dashboard pages to signed-in staff: upload, progress, results; the cookie uploads a CSV', async () => {
      expect((await request(stack.apiServer).get('/staff/batches')).status).toBe(303);
      // A real sign-in: the staff key posted to the sign-in form gives the session cookie.
      const signIn = await request(stack.apiServer)
        .post('/staff/session')
        .set('Origin', `http://127.0.0.1:${(stack.apiServer.address() as AddressInfo).port}`)
        .type('form')
        .send({ key: STAFF_KEY });
      expect(signIn.status).toBe(303);
      const cookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';
      const batches = await request(stack.apiServer).get('/staff/batches').set('Cookie', cookie);
      expect(batches.status).toBe(200);
      expect(batches.text).toContain('id="upload"');
      expect(batches.text).toContain('<progress id="bar"');
      const script = /<script src="(\/assets\/batches\.[0-9a-f]+\.js)"/.exec(batches.text)?.[1] ?? '';
      const js = await request(stack.apiServer).get(script);
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.text).toContain('/v1/batches');
      const rechecks = await request(stack.apiServer).get('/staff/rechecks').set('Cookie', cookie);
      expect(rechecks.text).toContain('Admitted patients');
      // What the page's script sends: the CSV with the cookie and the CSRF header.
      const upload = await request(stack.apiServer)
        .post('/v1/batches')
        .set('Cookie', cookie)
        .set('X-Requested-With', 'bvs')
        .set('content-type', 'text/csv')
        .send(`${HEADER}\nMRN-3001,tufts,TUF10000001,Lucas,Davis,1981-06-30,,`);
      expect(upload.status).toBe(202);
      const list = await request(stack.apiServer).get('/v1/batches').set('Cookie', cookie);
      expect(list.body.items.map((b: { id: string }) => b.id)).toContain(upload.body.id);
    });

    it('keeps batches encrypted: no member id, name, date of birth or row key in plaintext in Redis, none in the logs', async () => {
      const { text: all } = await dumpKeys(stack.config.redis.url, stack.config.redis.prefix);
      expect(all).toContain(batchId);
      for (const marker of [/W100000001/, /MRN-1001/, /Jane/i, /1990-04-12/, /UMR10000001/]) expect(all).not.toMatch(marker);
      for (const line of stack.logs.lines) expect(/W100000001|MRN-1001|1990-04-12/.test(line)).toBe(false);
    });

    it('shows an intake key only its own batches', async () => {
      const res = await request(stack.apiServer)
        .get(`/v1/batches/${batchId}`)
        .set({ Authorization: `Bearer ${INTAKE_KEY}` });
      expect(res.status).toBe(404);
    });
  });

  describe('priority and cancel, within the clearinghouse rate limit', () => {
    let stack: Stack;
    beforeAll(async () => {
      // A slow payer and a tight clearinghouse limit keep the batch running long enough to
      // overtake it and to cancel it.
      stack = await startStack({
        API_KEYS: `staff:${STAFF_KEY}`,
        SANDBOX_DELAY_MS: '100',
        CLEARINGHOUSE_RATE_PER_SECOND: '10',
        WORKER_CONCURRENCY: '2',
        // Rows of the same member would otherwise be answered by reuse once the first completes.
        REUSE_WINDOW_HOURS: '0',
      });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    const janeRows = (n: number) =>
      Array.from({ length: n }, () => ({
        payer: 'aetna',
        member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' },
      }));

    it('answers single verifications sent during a running batch before the batch finishes', async () => {
      const batch = await request(stack.apiServer).post('/v1/batches').set(staff).send(janeRows(60));
      expect(batch.status).toBe(202);
      await waitForBatch(stack, batch.body.id, (p) => p.settled >= 3);

      const single = await request(stack.apiServer)
        .post('/v1/verifications?wait=20')
        .set(staff)
        .send({ payer: 'carelon', member: { id: 'CBH100000001', firstName: 'Noah', lastName: 'Johnson', dateOfBirth: '1983-09-09' } });
      expect(single.status).toBe(202);
      expect(single.body.status).toBe('completed');
      expect(single.body.reused).toBeUndefined();

      // When the single was answered most of the batch was still waiting: it went ahead of it.
      const during = await request(stack.apiServer).get(`/v1/batches/${batch.body.id}`).set(staff);
      expect(during.body.settled).toBeLessThan(40);
      await waitForBatch(stack, batch.body.id, (p) => p.state === 'done', 120_000);
    });

    it('cancels a batch: its waiting verifications are cancelled, settled ones keep their answer', async () => {
      const batch = await request(stack.apiServer).post('/v1/batches').set(staff).send(janeRows(40));
      expect(batch.status).toBe(202);
      const cancelled = await request(stack.apiServer).post(`/v1/batches/${batch.body.id}/cancel`).set(staff);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('cancelled');
      const progress = await waitForBatch(stack, batch.body.id, (p) => p.settled === p.total);
      expect(progress.byStatus.cancelled).toBeGreaterThan(20);
      expect(progress.byStatus.cancelled + progress.byStatus.completed).toBe(40);

      const results = await request(stack.apiServer).get(`/v1/batches/${batch.body.id}/results?format=csv`).set(staff);
      const lines = parse<Record<string, string>>(results.text, { columns: true });
      expect(lines.filter((line) => line.status === 'cancelled').length).toBe(progress.byStatus.cancelled);
    });
  });
});
