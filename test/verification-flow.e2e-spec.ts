import request from 'supertest';
import { VerificationStore } from '@bvs/store';
import { validateFhirR4, warmFhirR4 } from './support/fhir-r4';
import { problemsOfLiveContracts } from './support/openapi-contract';
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
  // Every response a test receives must match the served OpenAPI document.
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
    // HL7's R4 JSON schema plus the invariants it cannot express; the FHIR id has `-` for `_`.
    warmFhirR4();
    expect(validateFhirR4(fhir.body as { resourceType: string })).toEqual([]);
    expect(fhir.body).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
      id: String(created.body.id).replace('_', '-'),
      request: { reference: `CoverageEligibilityRequest/${String(created.body.id).replace('_', '-')}` },
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

  it('transliterates names beyond the X12 basic set for the 270 and keeps them as entered on the record', async () => {
    // Full-width letters (as phones type them) and a combining accent: the 270 carries JANE DOE.
    const res = await verify({ payer: 'aetna', member: { ...JANE, firstName: 'Ｊａｎｅ', lastName: 'Doe\u0301' } });
    expect(res.body.status).toBe('completed');
    expect(res.body.summary.eligibility.status).toBe('active');
    const x12 = await request(stack.apiServer).get(`/v1/verifications/${res.body.id}/x12`).set(staff());
    expect(x12.status).toBe(200);
    expect(JSON.stringify(x12.body)).toContain('*DOE*JANE*');
    const record = await stack.api.get(VerificationStore).get(res.body.id);
    expect(record?.request.member).toMatchObject({ firstName: 'Ｊａｎｅ', lastName: 'Doe\u0301' });
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

    it('names a name the 270 cannot carry at all', async () => {
      const res = await post({ payer: 'aetna', member: { ...JANE, lastName: '王' } });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['member.lastName']);
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
  // Every response a test receives must match the served OpenAPI document.
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

  it('documents security, optional Idempotency-Key, every response with its error shape, and the signed webhooks', async () => {
    const doc = (await request(stack.apiServer).get('/docs/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    interface Op {
      security?: unknown[];
      responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
    }
    const operations = Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ name: `${method} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(11);
    for (const { name, op } of operations) {
      expect([name, Array.isArray(op.security)]).toEqual([name, true]);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect([name, status, response.content?.['application/json']?.schema.$ref]).toEqual([name, status, '#/components/schemas/Error']);
      }
    }
    const create = doc.paths['/v1/verifications'].post;
    expect(create.security).toEqual([{}, { bearer: [] }]);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '409', '429', '503']));
    const idempotency = create.parameters.filter((p: { name: string }) => p.name.toLowerCase() === 'idempotency-key');
    expect(idempotency).toEqual([expect.objectContaining({ in: 'header', required: false })]);
    expect(create.requestBody.content['application/json'].examples.janeDoe.value.member.id).toBe('W100000001');
    expect(doc.paths['/v1/verifications'].get.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(doc.webhooks)).toEqual([
      'verification.completed',
      'verification.needs_review',
      'verification.cancelled',
      'verification.changed',
    ]);
    expect(doc.webhooks['verification.completed'].post.parameters[0].name).toBe('Webhook-Signature');
  });

  it('echoes a valid X-Request-Id, replaces an invalid one, and puts it in error bodies', async () => {
    const mine = await request(stack.apiServer)
      .get('/v1/verifications/vrf_00000000000000000000000000000000')
      .set('X-Request-Id', 'ticket-42.a_b');
    expect(mine.status).toBe(404);
    expect(mine.headers['x-request-id']).toBe('ticket-42.a_b');
    expect(mine.body.error.requestId).toBe('ticket-42.a_b');
    const bad = await request(stack.apiServer).get('/health/live').set('X-Request-Id', 'no spaces <allowed>');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const tooLong = await request(stack.apiServer).get('/health/live').set('X-Request-Id', 'x'.repeat(65));
    expect(tooLong.headers['x-request-id']).not.toBe('x'.repeat(65));
    expect(stack.logs.lines.some((line) => line.includes('"ticket-42.a_b"'))).toBe(true);
  });

  it('checks the responses it records against the document (and finds an undocumented one)', async () => {
    await request(stack.apiServer).get('/v1/payers');
    expect(await stack.contract.problems()).toEqual([]);
    expect(stack.contract.checked).toBeGreaterThan(0);
    await request(stack.apiServer).delete('/v1/payers');
    // The check every e2e test gets after it (test/support/contract-hooks.ts) sees it too.
    expect(await problemsOfLiveContracts()).toEqual([
      expect.stringContaining('DELETE /v1/payers → 404: the operation is not in the document'),
    ]);
  });
});
