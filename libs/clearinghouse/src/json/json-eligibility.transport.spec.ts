import nock from 'nock';
import { isolateNetwork, janeRequest, refusedUrl, transportFailure } from '../testing/fixtures';
import { JsonEligibilityTransport } from './json-eligibility.transport';

const HOST = 'https://api.example.test';
const PATH = '/change/medicalnetwork/eligibility/v3';
const TOKEN_HOST = 'https://auth.example.test';
const OK_BODY = JSON.stringify({ controlNumber: '000000123', benefitsInformation: [{ code: '1', serviceTypeCodes: ['30'] }] });

const withKey = (timeoutMs = 2_000, url = `${HOST}${PATH}`) =>
  new JsonEligibilityTransport({ url, timeoutMs, auth: { kind: 'api-key', apiKey: 'test_abc123' } });
const withOAuth = () =>
  new JsonEligibilityTransport({
    url: `${HOST}${PATH}`,
    timeoutMs: 2_000,
    auth: {
      kind: 'oauth',
      credentials: { tokenUrl: `${TOKEN_HOST}/oauth/token`, clientId: 'client-1', clientSecret: 's3cret', scope: 'eligibility' },
    },
  });
const token = (value: string, expiresIn = 3600) =>
  nock(TOKEN_HOST)
    .post('/oauth/token', { grant_type: 'client_credentials', client_id: 'client-1', client_secret: 's3cret', scope: 'eligibility' })
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .reply(200, { access_token: value, token_type: 'Bearer', expires_in: expiresIn });

describe('JsonEligibilityTransport', () => {
  isolateNetwork();

  it('posts the Stedi v3 request built from the typed inquiry, with the API key as Authorization', async () => {
    const scope = nock(HOST)
      .post(PATH, {
        controlNumber: '000000123',
        tradingPartnerServiceId: '60054',
        submitterTransactionIdentifier: 'TRACE0001',
        provider: { organizationName: 'SUNRISE BEHAVIORAL HEALTH', npi: '1234567893' },
        subscriber: { memberId: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '19900412', groupNumber: 'GRP100001' },
        encounter: { serviceTypeCodes: ['30', 'MH', 'CH'], dateOfService: '20261130' },
      })
      .matchHeader('authorization', 'test_abc123')
      .matchHeader('content-type', 'application/json')
      .matchHeader('accept', 'application/json')
      .reply(200, OK_BODY, { 'Content-Type': 'application/json' });
    await expect(withKey().check(janeRequest())).resolves.toEqual({ format: 'json', raw: OK_BODY });
    scope.done();
  });

  it('sends a dependent under dependents[] and generates a 9-digit control number when the inquiry has none', async () => {
    const request = janeRequest();
    request.inquiry = {
      ...request.inquiry,
      interchangeControlNumber: undefined,
      dependent: { firstName: 'JUNE', lastName: 'DOE', dateOfBirth: '2012-01-02', gender: 'F' },
    };
    let body: Record<string, unknown> = {};
    nock(HOST)
      .post(PATH, (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .reply(200, OK_BODY);
    await withKey().check(request);
    expect(body.controlNumber).toMatch(/^\d{9}$/);
    expect(body.dependents).toEqual([{ firstName: 'JUNE', lastName: 'DOE', dateOfBirth: '20120102', gender: 'F' }]);
  });

  it('returns payer AAA errors (42) in a 200 body for the normalizer to judge', async () => {
    const body = JSON.stringify({
      errors: [
        { code: '42', description: 'Unable to Respond at Current Time', followupAction: 'Resubmission Allowed', location: 'Loop 2100A' },
      ],
    });
    nock(HOST).post(PATH).reply(200, body);
    await expect(withKey().check(janeRequest())).resolves.toEqual({ format: 'json', raw: body });
  });

  it('gets an OAuth token once, caches it, and sends it as a bearer token', async () => {
    const tokens = token('tok-1');
    nock(HOST).post(PATH).matchHeader('authorization', 'Bearer tok-1').times(2).reply(200, OK_BODY);
    const transport = withOAuth();
    await transport.check(janeRequest());
    await transport.check(janeRequest());
    tokens.done();
  });

  it('refreshes the token once on 401 and retries', async () => {
    token('stale');
    token('fresh');
    nock(HOST).post(PATH).matchHeader('authorization', 'Bearer stale').reply(401, { message: 'expired' });
    nock(HOST).post(PATH).matchHeader('authorization', 'Bearer fresh').reply(200, OK_BODY);
    await expect(withOAuth().check(janeRequest())).resolves.toEqual({ format: 'json', raw: OK_BODY });
    expect(nock.isDone()).toBe(true);
  });

  it('gives up as unauthorized when the fresh token is refused too', async () => {
    token('a');
    token('b');
    nock(HOST).post(PATH).times(2).reply(401, { message: 'no' });
    expect(await transportFailure(withOAuth().check(janeRequest()))).toMatchObject({ kind: 'unauthorized', retryable: false });
  });

  it('reports a token endpoint that refuses the client as unauthorized', async () => {
    nock(TOKEN_HOST).post('/oauth/token').reply(401, { error: 'invalid_client' });
    expect(await transportFailure(withOAuth().check(janeRequest()))).toMatchObject({ kind: 'unauthorized', retryable: false });
  });

  it('classifies HTTP failures', async () => {
    nock(HOST).post(PATH).reply(500, { message: 'x' });
    expect(await transportFailure(withKey().check(janeRequest()))).toMatchObject({ kind: 'server_error', retryable: true });
    nock(HOST).post(PATH).reply(429, {}, { 'Retry-After': '2' });
    expect(await transportFailure(withKey().check(janeRequest()))).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 2_000,
    });
    nock(HOST).post(PATH).reply(401, {});
    expect(await transportFailure(withKey().check(janeRequest()))).toMatchObject({ kind: 'unauthorized', retryable: false });
    nock(HOST).post(PATH).reply(400, { message: 'bad subscriber W100000001' });
    expect(await transportFailure(withKey().check(janeRequest()))).toMatchObject({ kind: 'client_error', retryable: false });
  });

  it.each([
    ['HTML', '<html>gateway</html>'],
    ['truncated JSON', '{"benefitsInformation": ['],
    ['a JSON array', '[]'],
  ])('treats %s as a retryable malformed_response', async (_label, body) => {
    nock(HOST).post(PATH).reply(200, body);
    expect(await transportFailure(withKey().check(janeRequest()))).toMatchObject({ kind: 'malformed_response', retryable: true });
  });

  it('classifies network errors and timeouts', async () => {
    expect(await transportFailure(withKey(2_000, await refusedUrl(PATH)).check(janeRequest()))).toMatchObject({
      kind: 'network',
      retryable: true,
    });
    nock(HOST).post(PATH).delay(300).reply(200, OK_BODY);
    expect(await transportFailure(withKey(50).check(janeRequest()))).toMatchObject({ kind: 'timeout', retryable: true });
  });
});
