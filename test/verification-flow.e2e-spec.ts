import request from 'supertest';
import { type Stack, startStack } from './support/stack';

// The whole path: API -> BullMQ -> worker -> sandbox clearinghouse (CAQH CORE MIME) -> 271 ->
// coverage summary -> store -> API, against the real Redis.

const STAFF_KEY = 'staff-key-for-e2e-tests-0001';

const person = (id: string, firstName: string, lastName: string, dateOfBirth: string) => ({ id, firstName, lastName, dateOfBirth });
const JANE = person('W100000001', 'Jane', 'Doe', '1990-04-12');

describe('verification flow (e2e)', () => {
  let stack: Stack;
  const staff = () => ({ Authorization: `Bearer ${STAFF_KEY}` });

  beforeAll(async () => {
    stack = await startStack({ API_KEYS: `staff:${STAFF_KEY}` });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const verify = (body: Record<string, unknown>, wait = 10) =>
    request(stack.apiServer).post(`/v1/verifications?wait=${wait}`).set(staff()).send(body);

  it('verifies JANE DOE: active PPO with the exact IOP / PHP / OP figures', async () => {
    const res = await verify({ payer: 'aetna', member: JANE, plannedStart: new Date(Date.now() + 36 * 3_600_000).toISOString() });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v1/verifications/${res.body.id}`);
    expect(res.body.id).toMatch(/^vrf_[0-9a-f]{32}$/);
    expect(res.body.status).toBe('completed');
    expect(res.body.payer).toEqual({ key: 'aetna', name: 'Aetna', payerId: '60054' });
    expect(res.body.withinWindow).toBe(true);
    expect(res.body.attempts).toBe(1);

    const summary = res.body.summary;
    expect(summary.eligibility.status).toBe('active');
    expect(summary.eligibility.plan.insuranceType).toBe('PPO');
    expect(summary.eligibility.member).toMatchObject({
      memberId: 'W100000001',
      firstName: 'JANE',
      lastName: 'DOE',
      dateOfBirth: '1990-04-12',
    });

    const inNetwork = summary.accumulators.inNetwork;
    expect(inNetwork.deductible.individual).toMatchObject({ total: '1500.00', remaining: '250.00' });
    expect(inNetwork.outOfPocketMax.individual).toMatchObject({ total: '5000.00', remaining: '3380.00' });
    expect(summary.accumulators.outOfNetwork.deductible.individual.total).toBe('3000.00');

    const { IOP, PHP, OP } = summary.levelsOfCare;
    expect(IOP).toMatchObject({ status: 'covered', basis: 'explicit', priorAuthorizationRequired: true });
    expect(IOP.inNetwork).toMatchObject({ coinsurancePercent: 20, deductibleApplies: true });
    expect(IOP.outOfNetwork.coinsurancePercent).toBe(40);
    expect(IOP.sources.length).toBeGreaterThan(0);

    expect(PHP).toMatchObject({ status: 'covered', basis: 'explicit', priorAuthorizationRequired: true });
    expect(PHP.inNetwork.coinsurancePercent).toBe(20);
    expect(PHP.inNetwork.limits).toEqual(
      expect.arrayContaining([expect.objectContaining({ quantity: 30, unit: 'days', period: 'calendar_year' })]),
    );
    expect(PHP.outOfNetwork.coinsurancePercent).toBe(40);

    expect(OP).toMatchObject({ status: 'covered', basis: 'explicit', priorAuthorizationRequired: false });
    expect(OP.inNetwork.copay).toEqual({ amount: '30.00', per: 'visit' });
    expect(OP.outOfNetwork.coinsurancePercent).toBe(40);
  });

  it('shows the public caller only the patient view', async () => {
    const created = await request(stack.apiServer).post('/v1/verifications?wait=10').send({ payer: 'Aetna', member: JANE });
    expect(created.status).toBe(202);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^vrf_/),
      status: 'completed',
      coverageActive: true,
      levelsOfCare: { IOP: 'covered', PHP: 'covered', OP: 'covered' },
      message: expect.stringContaining('admissions coordinator'),
      reference: expect.stringMatching(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/),
    });
    const read = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain('W100000001');
  });

  it('renders the summary as a FHIR R4 CoverageEligibilityResponse for staff, not for the public', async () => {
    const created = await verify({ payer: 'aetna', member: JANE });
    const fhir = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}/fhir`).set(staff());
    expect(fhir.status).toBe(200);
    expect(fhir.headers['content-type']).toContain('application/fhir+json');
    expect(fhir.body).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
      id: created.body.id,
      status: 'active',
      outcome: 'complete',
      purpose: ['benefits'],
    });
    const items = fhir.body.insurance[0].item as {
      category: { coding: { code: string }[] };
      network?: { coding: { code: string }[] };
      authorizationRequired?: boolean;
    }[];
    const iopIn = items.find((i) => i.category.coding[0]?.code === 'CH' && i.network?.coding[0]?.code === 'in');
    expect(iopIn?.authorizationRequired).toBe(true);
    expect((await request(stack.apiServer).get(`/v1/verifications/${created.body.id}/fhir`)).status).toBe(401);
  });

  it('reports an inactive plan', async () => {
    const res = await verify({ payer: 'aetna', member: person('W100000002', 'John', 'Roe', '1985-01-30') });
    expect(res.body.status).toBe('completed');
    expect(res.body.summary.eligibility.status).toBe('inactive');
    expect(res.body.summary.levelsOfCare.IOP.status).toBe('not_covered');
  });

  it('sends a member the payer does not find to staff review with the AAA 75 rejection', async () => {
    const res = await verify({ payer: 'aetna', member: person('W100000099', 'Alex', 'Nobody', '1970-01-01') });
    expect(res.body.status).toBe('needs_review');
    expect(res.body.attempts).toBe(1);
    expect(res.body.summary.eligibility.status).toBe('not_found');
    expect(res.body.summary.eligibility.rejections[0]).toMatchObject({ code: '75', followUp: 'C', retryable: false });
    expect(res.body.review.reasons.length).toBeGreaterThan(0);
  });

  it('retries AAA 42 (payer unable to respond) and then completes', async () => {
    const res = await verify({ payer: 'aetna', member: person('W100000042', 'Retry', 'Later', '1980-01-01') });
    expect(res.body.status).toBe('completed');
    expect(res.body.attempts).toBe(3);
    expect(res.body.summary.eligibility.status).toBe('active');
    // Every attempt's exchange is kept, in order: two AAA 42 answers, then the active one.
    const x12 = await request(stack.apiServer).get(`/v1/verifications/${res.body.id}/x12`).set(staff());
    expect(x12.body.exchanges.map((e: { attempt: number }) => e.attempt)).toEqual([1, 2, 3]);
    expect(x12.body.sent).toHaveLength(3);
    expect(x12.body.received).toHaveLength(3);
    expect(x12.body.received[0]).toMatch(/AAA\*[YN]\*\*42\*/);
    expect(x12.body.received[2]).not.toContain('AAA*');
  });

  it('retries HTTP 500 from the clearinghouse, then sends it to review with whom to call', async () => {
    const res = await verify({ payer: 'aetna', member: person('W100000500', 'Server', 'Error', '1980-01-01') }, 15);
    expect(res.body.status).toBe('needs_review');
    expect(res.body.attempts).toBe(3);
    expect(res.body.lastError).toContain('HTTP 500');
    expect(res.body.review.reasons[0]).toContain('Aetna');
    // Every 270 that went out, and every failure that came back.
    const x12 = await request(stack.apiServer).get(`/v1/verifications/${res.body.id}/x12`).set(staff());
    expect(x12.body.sent).toHaveLength(3);
    expect(x12.body.sent.every((sent: string) => sent.includes('ST*270*'))).toBe(true);
    expect(x12.body.exchanges).toEqual(
      [1, 2, 3].map((attempt) =>
        expect.objectContaining({ attempt, failure: { kind: 'server_error', message: 'clearinghouse answered HTTP 500' } }),
      ),
    );
  });

  it('treats a payer that does not answer within the timeout like a 500', async () => {
    const res = await verify({ payer: 'aetna', member: person('W100000408', 'Slow', 'Payer', '1980-01-01') }, 15);
    expect(res.body.status).toBe('needs_review');
    expect(res.body.lastError).toContain('timeout');
  });

  it('reads the record back by id, and 404s an unknown id', async () => {
    const created = await verify({ payer: 'aetna', member: JANE }, 0);
    expect(['queued', 'in_progress', 'completed']).toContain(created.body.status);
    const read = await request(stack.apiServer).get(`/v1/verifications/${created.body.id}?wait=10`).set(staff());
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('completed');
    const missing = await request(stack.apiServer)
      .get(`/v1/verifications/vrf_${'0'.repeat(32)}`)
      .set(staff());
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  describe('bad input is a 400 that names every invalid field', () => {
    const post = (body: unknown) =>
      request(stack.apiServer)
        .post('/v1/verifications')
        .set(staff())
        .send(body as object);
    const fields = (res: request.Response): string[] => res.body.error.details.map((d: { field: string }) => d.field);

    it('names each invalid field at once', async () => {
      const res = await post({
        payer: '',
        member: { id: 'W', firstName: '', lastName: 'Doe*', dateOfBirth: '2999-01-01' },
        levelsOfCare: ['XYZ'],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(fields(res)).toEqual(
        expect.arrayContaining(['payer', 'member.id', 'member.firstName', 'member.lastName', 'member.dateOfBirth', 'levelsOfCare']),
      );
    });

    it('rejects a missing member, unknown fields and impossible dates', async () => {
      expect(fields(await post({ payer: 'aetna' }))).toContain('member');
      expect(fields(await post({ payer: 'aetna', member: JANE, extra: 1 }))).toContain('extra');
      expect(fields(await post({ payer: 'aetna', member: { ...JANE, dateOfBirth: '1990-02-30' } }))).toContain('member.dateOfBirth');
      expect(fields(await post({ payer: 'aetna', member: { ...JANE, id: 'W1000~0001' } }))).toContain('member.id');
    });

    it('rejects an unknown payer with the closest matches and a bare network with what to send', async () => {
      const unknown = await post({ payer: 'Acme Health', member: JANE });
      expect(unknown.status).toBe(400);
      expect(fields(unknown)).toEqual(['payer']);
      const network = await post({ payer: 'multiplan', member: JANE });
      expect(network.status).toBe(400);
      expect(network.body.error.message).toContain('network, not a payer');
    });

    it('never answers 500 to malformed JSON or a non-object body', async () => {
      const malformed = await request(stack.apiServer)
        .post('/v1/verifications')
        .set(staff())
        .set('content-type', 'application/json')
        .send('{"payer":');
      expect(malformed.status).toBe(400);
      const array = await post([1, 2, 3]);
      expect(array.status).toBe(400);
      const wait = await request(stack.apiServer).post('/v1/verifications?wait=99').set(staff()).send({ payer: 'aetna', member: JANE });
      expect(wait.status).toBe(400);
      expect(fields(wait)).toContain('wait');
    });
  });

  it('lists the payer directory and answers health checks', async () => {
    const payers = await request(stack.apiServer).get('/v1/payers');
    expect(payers.status).toBe(200);
    expect(payers.body.payers.map((p: { key: string }) => p.key)).toEqual([
      'aetna',
      'cigna',
      'anthem',
      'bcbs',
      'carelon',
      'geha',
      'healthnet',
      'umr',
      'meritain',
      'tufts',
      'multiplan',
      'halcyon',
    ]);
    expect((await request(stack.apiServer).get('/health/live')).status).toBe(200);
    const ready = await request(stack.apiServer).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ redis: 'ok', queue: 'ok' });
  });
});

describe('OpenAPI document (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the OpenAPI document and Swagger UI at /docs', async () => {
    const json = await request(stack.apiServer).get('/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/verifications',
        '/v1/verifications/{id}',
        '/v1/verifications/{id}/x12',
        '/v1/verifications/{id}/retry',
        '/v1/verifications/{id}/manual-result',
        '/v1/payers',
        '/v1/audit',
        '/health/ready',
      ]),
    );
    const create = json.body.components.schemas.CreateVerificationDto;
    expect(create.required).toEqual(expect.arrayContaining(['payer', 'member']));
    expect(create.properties.levelsOfCare.items.enum).toEqual(['IOP', 'PHP', 'OP']);
    const ui = await request(stack.apiServer).get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
