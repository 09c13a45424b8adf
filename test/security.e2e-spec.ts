import fc from 'fast-check';
import request from 'supertest';
import { type Stack, startStack, dumpKeys } from './support/stack';

// Roles, PHI at rest and in logs, hostile input, rate limits (SECURITY.md).

const STAFF = 'staff-key-security-tests-01';
const INTAKE = 'intake-key-security-tests-1';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };
/** What must never appear in plaintext anywhere: JANE DOE's identifiers in every spelling. */
const PHI_MARKERS = [/W100000001/i, /\bJANE\b/i, /1990-04-12/, /19900412/];
/** X12 segments in logs would carry PHI: none may appear. */
const X12_MARKERS = [/ISA\*00\*/, /\bNM1\*IL\b/, /\bDMG\*D8\b/, /\bEB\*[0-9A-Z]{1,2}\*/];

describe('security (e2e)', () => {
  let stack: Stack;
  let verificationId: string;
  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    stack = await startStack({ API_KEYS: `staff:${STAFF},intake:${INTAKE}`, PUBLIC_RATE_LIMIT_PER_MINUTE: '5000' });
    const res = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(auth(STAFF))
      .send({ payer: 'aetna', member: JANE, groupNumber: 'GRP100001' });
    expect(res.body.status).toBe('completed');
    verificationId = res.body.id;
    // Read it back as staff, with the X12, so reads are logged and audited too.
    await request(stack.apiServer).get(`/v1/verifications/${verificationId}`).set(auth(STAFF));
    await request(stack.apiServer).get(`/v1/verifications/${verificationId}/x12`).set(auth(STAFF));
  });
  // Every response a test receives must match the served OpenAPI document.
  afterAll(async () => {
    await stack?.stop();
  });

  describe('role × endpoint matrix', () => {
    type Caller = 'public' | 'intake' | 'staff' | 'wrong-key';
    const headers = (caller: Caller): Record<string, string> =>
      caller === 'public' ? {} : caller === 'wrong-key' ? auth('not-a-configured-key-000000') : auth(caller === 'staff' ? STAFF : INTAKE);
    const body = { payer: 'aetna', member: JANE };
    const manual = {
      referenceNumber: 'R1',
      representative: 'Rep',
      eligibilityStatus: 'active',
      levelsOfCare: { OP: { status: 'covered' } },
    };
    const cases: { name: string; call: (caller: Caller) => request.Test; expected: Record<Caller, number> }[] = [
      {
        name: 'POST /v1/verifications',
        call: (c) => request(stack.apiServer).post('/v1/verifications').set(headers(c)).send(body),
        expected: { public: 202, intake: 202, staff: 202, 'wrong-key': 401 },
      },
      // Intake did not create this one (staff did), so it is not theirs: 404, not 403, to not confirm it exists.
      {
        name: 'GET /v1/verifications/:id',
        call: (c) => request(stack.apiServer).get(`/v1/verifications/${verificationId}`).set(headers(c)),
        expected: { public: 200, intake: 404, staff: 200, 'wrong-key': 401 },
      },
      {
        name: 'GET /v1/verifications',
        call: (c) => request(stack.apiServer).get('/v1/verifications').set(headers(c)),
        expected: { public: 401, intake: 403, staff: 200, 'wrong-key': 401 },
      },
      {
        name: 'GET /v1/verifications/:id/x12',
        call: (c) => request(stack.apiServer).get(`/v1/verifications/${verificationId}/x12`).set(headers(c)),
        expected: { public: 401, intake: 403, staff: 200, 'wrong-key': 401 },
      },
      {
        name: 'POST /v1/verifications/:id/retry',
        call: (c) => request(stack.apiServer).post(`/v1/verifications/${verificationId}/retry`).set(headers(c)),
        expected: { public: 401, intake: 403, staff: 202, 'wrong-key': 401 },
      },
      {
        name: 'POST /v1/verifications/:id/manual-result',
        call: (c) => request(stack.apiServer).post(`/v1/verifications/${verificationId}/manual-result`).set(headers(c)).send(manual),
        expected: { public: 401, intake: 403, staff: 200, 'wrong-key': 401 },
      },
      {
        name: 'GET /v1/verifications/:id/fhir',
        call: (c) => request(stack.apiServer).get(`/v1/verifications/${verificationId}/fhir`).set(headers(c)),
        expected: { public: 401, intake: 404, staff: 200, 'wrong-key': 401 },
      },
      {
        name: 'GET /v1/audit',
        call: (c) => request(stack.apiServer).get('/v1/audit').set(headers(c)),
        expected: { public: 401, intake: 403, staff: 200, 'wrong-key': 401 },
      },
      {
        name: 'GET /v1/payers',
        call: (c) => request(stack.apiServer).get('/v1/payers').set(headers(c)),
        expected: { public: 200, intake: 200, staff: 200, 'wrong-key': 401 },
      },
    ];
    for (const testCase of cases) {
      for (const caller of ['public', 'intake', 'staff', 'wrong-key'] as const) {
        it(`${testCase.name} as ${caller} → ${testCase.expected[caller]}`, async () => {
          const res = await testCase.call(caller);
          expect(res.status).toBe(testCase.expected[caller]);
          if (res.status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
        });
      }
    }

    it('lets intake read its own verification, in full', async () => {
      const mine = await request(stack.apiServer).post('/v1/verifications?wait=10').set(auth(INTAKE)).send(body);
      const read = await request(stack.apiServer).get(`/v1/verifications/${mine.body.id}`).set(auth(INTAKE));
      expect(read.status).toBe(200);
      expect(read.body.summary.eligibility.status).toBe('active');
    });

    it('never shows the public caller member ids, plan numbers, money or X12', async () => {
      const read = await request(stack.apiServer).get(`/v1/verifications/${verificationId}`);
      const text = JSON.stringify(read.body);
      // The reference is the patient's to quote on the phone (SECURITY.md), not an identifier of theirs.
      expect(Object.keys(read.body).sort()).toEqual(['coverageActive', 'id', 'levelsOfCare', 'message', 'reference', 'status']);
      for (const marker of [...PHI_MARKERS, /GRP100001/, /1500/, /ISA\*/]) expect(text).not.toMatch(marker);
    });
  });

  it('stores no member id, name or date of birth in plaintext anywhere in Redis', async () => {
    const { keys, text: all } = await dumpKeys(stack.config.redis.url, stack.config.redis.prefix);
    expect(keys.length).toBeGreaterThan(5);
    expect(all).toContain(verificationId);
    for (const marker of [...PHI_MARKERS, /GRP100001/, /ISA\*/]) expect(all).not.toMatch(marker);
  });

  it('writes no member id, name, date of birth or X12 segment to any log line (API, worker, sandbox)', () => {
    const lines = stack.logs.lines;
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes('"app":"worker"'))).toBe(true);
    expect(lines.some((line) => line.includes('"app":"sandbox"'))).toBe(true);
    for (const line of lines) {
      for (const marker of [...PHI_MARKERS, ...X12_MARKERS]) expect({ line, leaked: marker.test(line) }).toEqual({ line, leaked: false });
    }
  });

  it('ties API and worker log lines together with the request id', () => {
    const api = stack.logs.lines.map(
      (l) =>
        JSON.parse(l) as { app: string; req?: { id: string; method: string; url: string }; requestId?: string; verificationId?: string },
    );
    const posts = api.filter((l) => l.app === 'api' && l.req?.method === 'POST' && l.req.url === '/v1/verifications');
    const workerLines = api.filter((l) => l.app === 'worker' && l.verificationId === verificationId);
    expect(workerLines.length).toBeGreaterThan(0);
    expect(posts.map((l) => l.req?.id)).toContain(workerLines[0]?.requestId);
  });

  it('answers 1,000 hostile bodies to every write endpoint with no 5xx, naming the field of every 400', async () => {
    const hostileString = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '',
        ' ',
        'DOE*JANE~',
        'A^B:C|D',
        '\u0000',
        '𝓙𝓪𝓷𝓮',
        'Ｊａｎｅ',
        '<script>',
        "O'Brien-Smith",
        'x'.repeat(5000),
        '1990-02-30',
        '9999-99-99',
      ),
    );
    const hostileValue = fc.oneof(
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    );
    const person = fc.record(
      { id: hostileValue, firstName: hostileValue, lastName: hostileValue, dateOfBirth: hostileValue },
      { requiredKeys: [] },
    );
    const verificationBody = fc.oneof(
      fc.record(
        {
          payer: hostileValue,
          member: fc.oneof(person, hostileValue),
          subscriber: fc.oneof(person, hostileValue),
          levelsOfCare: hostileValue,
          plannedStart: hostileValue,
          program: hostileValue,
          groupNumber: hostileValue,
          callbackUrl: hostileValue,
        },
        { requiredKeys: [] },
      ),
      fc.constantFrom<unknown>(
        { __proto__: { admin: true }, payer: 'aetna' },
        { constructor: { prototype: { polluted: 1 } } },
        JSON.parse(
          '{"__proto__":{"polluted":1},"payer":"aetna","member":{"id":"W1","firstName":"A","lastName":"B","dateOfBirth":"1990-01-01"}}',
        ),
        [],
        'text',
        42,
        null,
      ),
      fc.constant({ payer: 'aetna', member: { ...JANE, firstName: { nested: { deeper: { deepest: 'x' } } } } }),
    );
    const manualBody = fc.record(
      {
        referenceNumber: hostileValue,
        representative: hostileValue,
        eligibilityStatus: hostileValue,
        levelsOfCare: fc.oneof(
          hostileValue,
          fc.record({ IOP: hostileValue, OP: fc.record({ status: hostileValue, inNetwork: hostileValue }) }),
        ),
      },
      { requiredKeys: [] },
    );

    const bodies = [
      ...fc.sample(verificationBody, { numRuns: 700, seed: 42 }).map((body) => ({ path: '/v1/verifications', body })),
      ...fc
        .sample(manualBody, { numRuns: 300, seed: 7 })
        .map((body) => ({ path: `/v1/verifications/${verificationId}/manual-result`, body })),
    ];
    const statuses = new Map<number, number>();
    for (const { path, body } of bodies) {
      const res = await request(stack.apiServer)
        .post(path)
        .set(auth(STAFF))
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect({ path, status: res.status, server: res.status >= 500 }).toEqual({ path, status: res.status, server: false });
      if (res.status === 400) {
        expect(res.body.error.details.length).toBeGreaterThan(0);
        for (const detail of res.body.error.details) expect(detail.field).toEqual(expect.any(String));
      }
    }
    expect(bodies.length).toBe(1000);
    expect(statuses.get(400)).toBeGreaterThan(800);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sets security headers and refuses large bodies', async () => {
    const res = await request(stack.apiServer).get('/v1/payers');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const big = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(auth(STAFF))
      .send({ payer: 'aetna', member: JANE, padding: 'x'.repeat(40_000) });
    expect(big.status).toBe(413);
  });
});

describe('public rate limit (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  // Every response a test receives must match the served OpenAPI document.
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 with Retry-After past the limit, per client, across API instances (Redis)', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 5; i += 1) {
      const res = await request(stack.apiServer).get('/v1/payers');
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers['retry-after'];
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });
});

describe('staff OIDC bearer tokens verified against a JWKS (e2e)', () => {
  let stack: Stack;
  let jwksServer: import('node:http').Server;
  let sign: (
    claims: Record<string, unknown>,
    options?: { audience?: string; expiresIn?: string | null; issuer?: string; subject?: string | null },
  ) => Promise<string>;
  const ISSUER = 'https://idp.example.test/';
  const AUDIENCE = 'bvs-api';

  beforeAll(async () => {
    const { generateKeyPair, exportJWK, SignJWT } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    const { createServer } = await import('node:http');
    jwksServer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const port = (jwksServer.address() as import('node:net').AddressInfo).port;
    sign = (claims, options = {}) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt();
      // subject: null signs a token that names nobody.
      if (options.subject !== null) jwt.setSubject(options.subject ?? 'staff-person-1');
      // expiresIn: null signs a token without `exp`.
      return (options.expiresIn === null ? jwt : jwt.setExpirationTime(options.expiresIn ?? '5m')).sign(privateKey);
    };
    stack = await startStack({
      API_KEYS: `staff:${STAFF}`,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
    });
  });
  // Every response a test receives must match the served OpenAPI document.
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  const list = (token: string) => request(stack.apiServer).get('/v1/verifications').set('Authorization', `Bearer ${token}`);

  it('accepts a valid token with the staff role, and audits the person by the token’s subject', async () => {
    const res = await list(await sign({ roles: ['staff'] }));
    expect(res.status).toBe(200);
    const audit = await request(stack.apiServer).get('/v1/audit?limit=5').set('Authorization', `Bearer ${STAFF}`);
    const actors: string[] = audit.body.items.map((e: { actor: string }) => e.actor);
    expect(actors).toContain('oidc/staff-person-1');
  });

  it('names the OIDC-signed-in coordinator on a claim and a note and in their audit entries', async () => {
    const token = await sign({ roles: ['staff'] }, { subject: 'alex.kim@center.example' });
    const bearer = { Authorization: `Bearer ${token}` };
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(bearer)
      .send({ payer: 'umr', member: { id: 'UMR10000001', firstName: 'Ethan', lastName: 'Brown', dateOfBirth: '1987-03-17' } });
    expect(created.status).toBe(202);
    const id: string = created.body.id;
    const claimed = await request(stack.apiServer).post(`/v1/verifications/${id}/claim`).set(bearer).send({});
    expect(claimed.status).toBe(200);
    expect(claimed.body.claim.by).toBe('oidc/alex.kim@center.example');
    const noted = await request(stack.apiServer).post(`/v1/verifications/${id}/notes`).set(bearer).send({ text: 'Called UMR.' });
    expect(noted.status).toBe(201);
    expect(noted.body.notes.at(-1)).toMatchObject({ by: 'oidc/alex.kim@center.example', text: 'Called UMR.' });
    // Another person (a staff key) sees who holds it.
    const other = await request(stack.apiServer).post(`/v1/verifications/${id}/claim`).set('Authorization', `Bearer ${STAFF}`).send({});
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('oidc/alex.kim@center.example');
    const audit = await request(stack.apiServer).get('/v1/audit').query({ verificationId: id }).set('Authorization', `Bearer ${STAFF}`);
    const byAlex = audit.body.items
      .filter((e: { actor: string }) => e.actor === 'oidc/alex.kim@center.example')
      .map((e: { action: string }) => e.action);
    expect(byAlex).toEqual(expect.arrayContaining(['verification.claim', 'verification.note']));
  });

  it('refuses a staff token that names nobody (no subject)', async () => {
    expect((await list(await sign({ roles: ['staff'] }, { subject: null }))).status).toBe(401);
  });

  it('refuses tokens without the staff role (403), for another audience or issuer, expired, or tampered (401)', async () => {
    expect((await list(await sign({ roles: ['billing'] }))).status).toBe(403);
    expect((await list(await sign({ roles: ['staff'] }, { audience: 'another-api' }))).status).toBe(401);
    expect((await list(await sign({ roles: ['staff'] }, { issuer: 'https://evil.example/' }))).status).toBe(401);
    expect((await list(await sign({ roles: ['staff'] }, { expiresIn: '-10m' }))).status).toBe(401);
    const token = await sign({ roles: ['staff'] });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ roles: ['staff'], iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
    expect((await list(forged)).status).toBe(401);
    // An unsigned ("alg": "none") token is refused too.
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ roles: ['staff'], iss: ISSUER, aud: AUDIENCE })).toString('base64url')}.x`;
    expect((await list(none)).status).toBe(401);
  });

  it('refuses a correctly signed staff token without exp (it would never expire)', async () => {
    expect((await list(await sign({ roles: ['staff'] }, { expiresIn: null }))).status).toBe(401);
  });

  it('still accepts staff API keys', async () => {
    expect((await list(STAFF)).status).toBe(200);
  });
});
