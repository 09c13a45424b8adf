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
    stack = await startStack({ API_KEYS: `staff:${STAFF_KEY}`, CENTER_PHONE });
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
        for (const secret of ['714-555-0123', 'jane.doe@example.com', 'W100000001', 'Doe'])
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
});
