import request from 'supertest';
import { createRedis } from '@bvs/store';
import { type Stack, startStack } from './support/stack';

// The admissions workflow through the API: the patient's call-back details are kept (staff
// only, never in the public view, logs or Redis in plaintext), no insurer is a dead end, and the
// patient gets a reference and the center's phone; the form also works without JavaScript.

const STAFF_KEY = 'staff-key-for-admissions-tests-01';
const CENTER_PHONE = '(714) 555-0100';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };
const CONTACT = { phone: '714-555-0123', email: 'jane.doe@example.com', preferredTime: 'evenings', consentToContact: true };

describe('admissions workflow (e2e)', () => {
  let stack: Stack;
  const staff = () => ({ Authorization: `Bearer ${STAFF_KEY}` });

  beforeAll(async () => {
    // CENTER_PHONE: the patient is shown the center's number (no default ships in the code).
    // REUSE_WINDOW_HOURS=0: the estimate test asks for the same members twice and wants the payer asked both times.
    stack = await startStack({
      API_KEYS: `staff:${STAFF_KEY},staff:staff-key-for-admissions-tests-02`,
      CENTER_PHONE,
      REUSE_WINDOW_HOURS: '0',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const publicPost = (body: Record<string, unknown>, wait = 10) =>
    request(stack.apiServer).post(`/v1/verifications?wait=${wait}`).send(body);

  it('keeps the contact details for staff only, with a reference and the center phone for the patient', async () => {
    const created = await publicPost({ payer: 'aetna', member: JANE, levelsOfCare: ['IOP'], contact: CONTACT });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('completed');
    expect(created.body.reference).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
    expect(created.body.centerPhone).toBe(CENTER_PHONE);
    const publicText = JSON.stringify(created.body);
    for (const secret of ['714-555-0123', 'jane.doe@example.com', 'evenings']) expect(publicText).not.toContain(secret);

    const staffView = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(staff());
    expect(staffView.body.contact).toEqual(CONTACT);
    expect(staffView.body.reference).toBe(created.body.reference);
    expect(staffView.body.awaitingCall).toBe(true);
    expect(staffView.body.statusLabel).toBe('Completed');

    // Nothing of the contact in Redis in plaintext, nor in any log line.
    const redis = createRedis(stack.config.redis.url);
    try {
      const keys = await redis.keys(`${stack.config.redis.prefix}:*`);
      for (const key of keys) {
        const type = await redis.type(key);
        const dump =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? JSON.stringify(await redis.hgetall(key))
              : type === 'set'
                ? JSON.stringify(await redis.smembers(key))
                : '';
        for (const secret of ['714-555-0123', 'jane.doe@example.com', 'W100000001', '1990-04-12'])
          expect(`${key} ${dump ?? ''}`).not.toContain(secret);
      }
    } finally {
      redis.disconnect();
    }
    const logs = stack.logs.lines.join('\n');
    for (const secret of ['714-555-0123', 'jane.doe@example.com']) expect(logs).not.toContain(secret);
  });

  it('validates the contact details and names every invalid field', async () => {
    const res = await publicPost(
      { payer: 'aetna', member: JANE, contact: { phone: '12', email: 'not-an-email', consentToContact: false } },
      0,
    );
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['contact.phone', 'contact.email', 'contact.consentToContact']));
    const neither = await publicPost({ payer: 'aetna', member: JANE, contact: { consentToContact: true } }, 0);
    expect(neither.status).toBe(400);
    expect(neither.body.error.details.map((d: { field: string }) => d.field)).toContain('contact.phone');
  });

  it.each([
    ['Kaiser Permanente', 'not_accepted', 'Kaiser Permanente'],
    ['Acme Mutual Benefit Society', 'unknown_payer', 'Acme Mutual Benefit Society'],
    ['self-pay', 'self_pay', 'self-pay'],
  ])('keeps "%s" for a call back in review, without asking a payer', async (payer, reason, typed) => {
    const member =
      payer === 'self-pay' ? { firstName: 'Sam', lastName: 'Rivera', dateOfBirth: '1991-02-03' } : { ...JANE, id: 'K123456789' };
    const created = await publicPost({ payer, member, contact: { phone: '714 555 0144', consentToContact: true } }, 0);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'needs_review', callback: reason, centerPhone: CENTER_PHONE });
    expect(created.body.message).toContain('call you');
    expect(created.body.reference).toBeDefined();
    const record = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(staff());
    expect(record.body.callback.reason).toBe(reason);
    if (reason !== 'self_pay') expect(record.body.callback.payerTyped).toBe(typed);
    expect(record.body.review.reasons[0]).toMatch(/call the patient/);
    expect(record.body.statusLabel).toBe('Call-back requested');
    expect(record.body.attempts).toBe(0);
    const x12 = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}/x12`).set(staff());
    expect(x12.body.sent ?? []).toEqual([]);
  });

  it('answers the form posted without JavaScript with a result page, and re-renders errors in place', async () => {
    const form = new URLSearchParams({
      payer: 'aetna',
      'member-id': 'W100000001',
      'member-first': 'Jane',
      'member-last': 'Doe',
      'member-dob': '04/12/1990',
      loc: 'IOP',
      'contact-phone': '714 555 0123',
      'contact-time': 'Evenings',
      consent: 'on',
    });
    const ok = await request(stack.apiServer).post('/').type('form').send(form.toString());
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toContain('text/html');
    expect(ok.text).toContain('Your plan is active.');
    expect(ok.text).toContain('Your reference:');
    expect(ok.text).toContain(CENTER_PHONE);

    const bad = new URLSearchParams(form);
    bad.set('member-dob', '13/45/1990');
    bad.delete('consent');
    const errors = await request(stack.apiServer).post('/').type('form').send(bad.toString());
    expect(errors.status).toBe(400);
    expect(errors.text).toContain('There is a problem');
    expect(errors.text).toContain('href="#member-dob"');
    expect(errors.text).toContain('href="#consent"');
    expect(errors.text).toContain('value="Jane"');
  });

  describe('the estimate never changes the outcome', () => {
    // Rows of three: it.each takes a parameter beyond the row for jest's done callback.
    const members: [string, Record<string, string>, string][] = [
      ['aetna', JANE, ''],
      ['carelon', { id: 'CBH100000001', firstName: 'Noah', lastName: 'Johnson', dateOfBirth: '1983-09-09' }, ''],
      ['geha', { id: 'G100000001', firstName: 'Emma', lastName: 'Wilson', dateOfBirth: '1975-05-21' }, ''],
      ['healthnet', { id: 'HN100000001', firstName: 'Sofia', lastName: 'Lopez', dateOfBirth: '1992-12-01' }, ''],
      ['meritain', { id: 'MER10000001', firstName: 'Ava', lastName: 'Miller', dateOfBirth: '1999-08-08' }, ''],
      ['tufts', { id: 'TUF10000001', firstName: 'Lucas', lastName: 'Davis', dateOfBirth: '1981-06-30' }, ''],
      ['meritain', { id: 'MER10000002', firstName: 'Mia', lastName: 'Moore', dateOfBirth: '1993-10-10' }, 'multiplan'],
      ['bcbs', { id: 'XYZ123456789', firstName: 'Liam', lastName: 'Chen', dateOfBirth: '1995-02-14' }, ''],
      ['umr', { id: 'UMR10000001', firstName: 'Ethan', lastName: 'Brown', dateOfBirth: '1987-03-17' }, ''],
    ];
    const verify = (body: Record<string, unknown>) => request(stack.apiServer).post('/v1/verifications?wait=20').set(staff()).send(body);

    it.each(members)('%s %j: the same status with and without a program', async (payer, member, network) => {
      const base = { payer, member, ...(network ? { network } : {}) };
      const without = await verify(base);
      const withProgram = await verify({ ...base, program: { sessionsPerWeek: 4, weeks: 8 } });
      expect(without.body.status).not.toBe('queued');
      expect(withProgram.body.status).toBe(without.body.status);
      expect(withProgram.body.review?.reasons ?? []).toEqual(without.body.review?.reasons ?? []);
    });

    it('prices PHP within its 30-day limit for JANE DOE (32 sessions asked)', async () => {
      const res = await verify({ payer: 'aetna', member: JANE, levelsOfCare: ['PHP'], program: { sessionsPerWeek: 4, weeks: 8 } });
      expect(res.body.status).toBe('completed');
      expect(res.body.summary.levelsOfCare.PHP.estimate).toMatchObject({
        network: 'inNetwork',
        sessions: 32,
        coveredSessions: 30,
        sessionsBeyondLimit: 2,
      });
    });
  });

  describe('staff work on a record', () => {
    const STAFF_B = 'staff-key-for-admissions-tests-02';
    let id: string;
    beforeAll(async () => {
      const res = await request(stack.apiServer)
        .post('/v1/verifications?wait=20')
        .set(staff())
        .send({ payer: 'umr', member: { id: 'UMR10000001', firstName: 'Ethan', lastName: "O'Brown-Núñez", dateOfBirth: '1987-03-17' } });
      id = res.body.id;
      expect(res.body.status).toBe('needs_review');
    });

    it('finds records by last name, member id, date of birth or reference through the blind index', async () => {
      const record = await request(stack.apiServer).get(`/v1/verifications/${id}`).set(staff());
      for (const q of ['obrown-nunez', "O'BROWN-NÚÑEZ", 'umr10000001', '03/17/1987', '1987-03-17', record.body.reference.toLowerCase()]) {
        const found = await request(stack.apiServer).get('/v1/verifications').query({ q }).set(staff());
        expect(found.status).toBe(200);
        expect(found.body.items.map((i: { id: string }) => i.id)).toContain(id);
      }
      const none = await request(stack.apiServer).get('/v1/verifications').query({ q: 'Nobody-Such' }).set(staff());
      expect(none.body.items).toEqual([]);
      // The index keys are HMACs: no name, member id or date in any key name.
      const redis = createRedis(stack.config.redis.url);
      try {
        const keys = await redis.keys(`${stack.config.redis.prefix}:vrf-find:*`);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) expect(key).toMatch(/:vrf-find:[0-9a-f]{64}$/);
      } finally {
        redis.disconnect();
      }
    });

    it('lets one coordinator claim a record, tells the next who holds it, and audits claims and notes by name', async () => {
      const first = await request(stack.apiServer).post(`/v1/verifications/${id}/claim`).set(staff()).send({});
      expect(first.status).toBe(200);
      expect(first.body.claim.by).toBeTruthy();
      const other = await request(stack.apiServer)
        .post(`/v1/verifications/${id}/claim`)
        .set({ Authorization: `Bearer ${STAFF_B}` })
        .send({});
      expect(other.status).toBe(409);
      expect(other.body.error.message).toContain('is working on this verification');
      const note = await request(stack.apiServer)
        .post(`/v1/verifications/${id}/notes`)
        .set(staff())
        .send({ text: 'Calling UMR provider services now.' });
      expect(note.status).toBe(201);
      expect(note.body.notes.at(-1)).toMatchObject({ text: 'Calling UMR provider services now.', by: first.body.claim.by });
      // Released, the other coordinator may claim it; the patient-called mark goes on and off.
      const released = await request(stack.apiServer).post(`/v1/verifications/${id}/release`).set(staff());
      expect(released.status).toBe(200);
      expect(released.body.claim).toBeNull();
      const called = await request(stack.apiServer).post(`/v1/verifications/${id}/contacted`).set(staff()).send({ contacted: true });
      expect(called.status).toBe(200);
      expect(called.body.contacted).toMatchObject({ by: first.body.claim.by });
      const cleared = await request(stack.apiServer).post(`/v1/verifications/${id}/contacted`).set(staff()).send({ contacted: false });
      expect(cleared.body.contacted).toBeNull();
      const audit = await request(stack.apiServer).get('/v1/audit').query({ verificationId: id }).set(staff());
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining([
          'verification.claim',
          'verification.note',
          'verification.release',
          'verification.patient_contacted',
          'verification.patient_contact_cleared',
        ]),
      );
    });

    it('builds the call script from what is missing, with the payer phone for a plain review', async () => {
      const res = await request(stack.apiServer).get(`/v1/verifications/${id}/call-script`).set(staff());
      expect(res.status).toBe(200);
      expect(res.body.call[0]).toMatchObject({ name: 'UMR', phone: '1-800-826-9781' });
      const asks = res.body.questions.map((q: { ask: string }) => q.ask).join('\n');
      for (const code of ['H0015', 'S9480', 'BB', 'H0035', 'CF', 'A6']) expect(asks).toContain(code);
      expect(asks).toContain('prior authorization');
      expect(asks).toContain('reference number');
    });
  });
});
