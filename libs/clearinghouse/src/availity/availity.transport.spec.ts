import nock from 'nock';
import { readEligibility } from '@bvs/x12';
import { FAKE_271, isolateNetwork, janeRequest, refusedUrl, transportFailure } from '../testing/fixtures';
import type { AvailityCoverage } from './availity-coverage';
import { percentFraction } from './availity-to-json';
import { AvailityTransport } from './availity.transport';

const HOST = 'https://api.availity.test';
const BASE = '/availity/v1/coverages';

const transport = (overrides: { pollTimeoutMs?: number; now?: () => number; url?: string } = {}) =>
  new AvailityTransport({
    url: overrides.url ?? `${HOST}${BASE}`,
    timeoutMs: 2_000,
    credentials: { tokenUrl: `${HOST}/availity/v1/token`, clientId: 'cid', clientSecret: 'csecret', scope: 'hipaa' },
    pollIntervalMs: 5,
    pollTimeoutMs: overrides.pollTimeoutMs ?? 2_000,
    now: overrides.now,
  });
const token = (value = 'tok') =>
  nock(HOST)
    .post('/availity/v1/token', 'grant_type=client_credentials&client_id=cid&client_secret=csecret&scope=hipaa')
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .reply(200, { access_token: value, token_type: 'Bearer', expires_in: 300 });
const accepted = () =>
  nock(HOST)
    .post(BASE)
    .reply(202, { id: 'cov1', status: 'In Progress', statusCode: '0' }, { Location: `${BASE}/cov1` });
const complete: AvailityCoverage = { id: 'cov1', status: 'Complete', statusCode: '4', x12: FAKE_271 };

describe('AvailityTransport', () => {
  isolateNetwork();

  it('posts the coverage form with a bearer token, then polls through 202s until complete', async () => {
    token();
    const post = nock(HOST)
      .post(BASE, {
        payerId: '60054',
        providerNpi: '1234567893',
        providerLastName: 'SUNRISE BEHAVIORAL HEALTH',
        memberId: 'W100000001',
        patientFirstName: 'JANE',
        patientLastName: 'DOE',
        patientBirthDate: '1990-04-12',
        serviceType: '30',
        asOfDate: '2026-11-30',
      })
      .matchHeader('authorization', 'Bearer tok')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(202, { id: 'cov1', status: 'In Progress', statusCode: '0' }, { Location: `${BASE}/cov1` });
    const polls = nock(HOST)
      .get(`${BASE}/cov1`)
      .matchHeader('authorization', 'Bearer tok')
      .reply(202, { id: 'cov1', statusCode: '0' })
      .get(`${BASE}/cov1`)
      .reply(202, { id: 'cov1', statusCode: '1', status: 'Retrying' })
      .get(`${BASE}/cov1`)
      .reply(200, complete);
    await expect(transport().check(janeRequest())).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    post.done();
    polls.done();
  });

  it('polls by id when the 202 carries no Location, and never trusts a 202 that says complete', async () => {
    token();
    nock(HOST).post(BASE).reply(202, { id: 'cov2' });
    nock(HOST)
      .get(`${BASE}/cov2`)
      .reply(202, { id: 'cov2', statusCode: '4' })
      .get(`${BASE}/cov2`)
      .reply(200, { ...complete, id: 'cov2' });
    await expect(transport().check(janeRequest())).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    expect(nock.isDone()).toBe(true);
  });

  it('maps a coverage without a raw 271 into JSON that readEligibility reads', async () => {
    token();
    accepted();
    const coverage: AvailityCoverage = {
      id: 'cov1',
      statusCode: '4',
      payer: { payerId: '60054', responseName: 'AETNA' },
      subscriber: { memberId: 'W100000001', firstName: 'JANE', lastName: 'DOE', birthDate: '1990-04-12' },
      plans: [
        {
          statusCode: '1',
          planName: 'AETNA CHOICE POS II',
          groupNumber: 'GRP100001',
          coverageStartDate: '2026-01-01T00:00:00.000+0000',
          benefits: [
            {
              type: 'CH',
              statusCode: '1',
              amounts: {
                coInsurance: { inNetwork: [{ amount: '20', levelCode: 'IND', authorizationRequired: true }] },
                deductibles: { inNetwork: [{ total: '1500.00', remaining: '250.00', levelCode: 'IND' }] },
              },
            },
          ],
        },
      ],
    };
    nock(HOST).get(`${BASE}/cov1`).reply(200, coverage);
    const reply = await transport().check(janeRequest());
    expect(reply.format).toBe('json');
    const [response] = readEligibility(reply.raw);
    expect(response.subscribers[0].member.name?.identificationCode).toBe('W100000001');
    expect(response.subscribers[0].benefits.map((b) => b.source)).toEqual([
      'EB*1**30**AETNA CHOICE POS II',
      'EB*1**CH',
      'EB*A*IND*CH*****.2***Y*Y',
      'EB*C*IND*CH***23*1500.00*****Y',
      'EB*C*IND*CH***29*250.00*****Y',
    ]);
  });

  it('stops at pollTimeoutMs with a retryable timeout', async () => {
    token();
    accepted();
    nock(HOST).get(`${BASE}/cov1`).times(100).reply(202, { id: 'cov1', statusCode: '0' });
    const failure = await transportFailure(transport({ pollTimeoutMs: 60 }).check(janeRequest()));
    expect(failure).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it.each([
    ['7', 'client_error', false],
    ['3', 'envelope_error', true],
  ])('turns coverage status %s into %s', async (statusCode, kind, retryable) => {
    token();
    accepted();
    nock(HOST).get(`${BASE}/cov1`).reply(200, { id: 'cov1', statusCode });
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind, retryable });
  });

  it('refuses to poll (and send its token to) another origin', async () => {
    token();
    nock(HOST).post(BASE).reply(202, { id: 'cov1', statusCode: '0' }, { Location: 'https://elsewhere.test/steal' });
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'malformed_response' });
  });

  it('refreshes the token once when a poll gets 401', async () => {
    token('one');
    accepted();
    token('two');
    nock(HOST).get(`${BASE}/cov1`).matchHeader('authorization', 'Bearer one').reply(401, {});
    nock(HOST).get(`${BASE}/cov1`).matchHeader('authorization', 'Bearer two').reply(200, complete);
    await expect(transport().check(janeRequest())).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    expect(nock.isDone()).toBe(true);
  });

  it('caches the token across checks until shortly before it expires', async () => {
    let now = 1_000_000;
    const t = transport({ now: () => now });
    const tokens = token('cached');
    nock(HOST).post(BASE).times(3).reply(200, complete);
    await t.check(janeRequest());
    now += 200_000;
    await t.check(janeRequest());
    tokens.done();
    // 300 s lifetime minus the 30 s margin: renewed after 270 s.
    token('renewed');
    now += 80_000;
    await t.check(janeRequest());
    expect(nock.isDone()).toBe(true);
  });

  it('classifies HTTP failures on the POST and on the poll', async () => {
    token();
    nock(HOST).post(BASE).reply(500, {});
    const t = transport();
    expect(await transportFailure(t.check(janeRequest()))).toMatchObject({ kind: 'server_error', retryable: true });
    accepted();
    nock(HOST).get(`${BASE}/cov1`).reply(429, {}, { 'Retry-After': '3' });
    expect(await transportFailure(t.check(janeRequest()))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_000 });
    accepted();
    nock(HOST).get(`${BASE}/cov1`).reply(200, 'not json');
    expect(await transportFailure(t.check(janeRequest()))).toMatchObject({ kind: 'malformed_response', retryable: true });
    token();
    const unreachable = transport({ url: await refusedUrl(BASE) });
    expect(await transportFailure(unreachable.check(janeRequest()))).toMatchObject({ kind: 'network', retryable: true });
  });

  it('converts Availity percents to X12 fractions without floats', () => {
    expect(percentFraction('20')).toBe('.2');
    expect(percentFraction('12.5')).toBe('.125');
    expect(percentFraction('5')).toBe('.05');
    expect(percentFraction('100')).toBe('1');
    expect(percentFraction('0')).toBe('0');
    expect(percentFraction('abc')).toBeUndefined();
  });
});
