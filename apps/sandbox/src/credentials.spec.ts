import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PAYLOAD_TYPE_270, coreSoapEnvelope } from '@bvs/clearinghouse';
import { createSandboxApp } from './create-sandbox-app';

// The sandbox accepts any credentials, but only when they are there.
describe('sandbox credential checks', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createSandboxApp({ responseDelayMs: 0, logLevel: 'silent' });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
  });
  const server = () => app.getHttpServer();

  it('SOAP without a UsernameToken -> 401 with a FailedAuthentication fault', async () => {
    const body = coreSoapEnvelope('COREEnvelopeRealTimeRequest', { PayloadType: PAYLOAD_TYPE_270 });
    const res = await request(server()).post('/core/soap').set('Content-Type', 'application/soap+xml').send(body);
    expect(res.status).toBe(401);
    expect(res.text).toContain('wsse:FailedAuthentication');
  });

  it('SOAP that is not XML -> 400 Sender fault', async () => {
    const res = await request(server()).post('/core/soap').set('Content-Type', 'application/soap+xml').send('<nope');
    expect(res.status).toBe(400);
    expect(res.text).toContain('soap:Sender');
  });

  it('JSON eligibility without Authorization -> 401', async () => {
    const res = await request(server()).post('/eligibility/v3').send({ controlNumber: '123456789' });
    expect(res.status).toBe(401);
  });

  it('Availity token without client credentials -> 401; coverages without a bearer -> 401', async () => {
    const token = await request(server()).post('/availity/v1/token').type('form').send({ grant_type: 'client_credentials' });
    expect(token.status).toBe(401);
    const coverage = await request(server()).post('/availity/v1/coverages').type('form').send({ payerId: '60054' });
    expect(coverage.status).toBe(401);
    const poll = await request(server()).get('/availity/v1/coverages/abc');
    expect(poll.status).toBe(401);
  });

  it('unknown Availity coverage id -> 404', async () => {
    const res = await request(server()).get('/availity/v1/coverages/unknown').set('Authorization', 'Bearer any');
    expect(res.status).toBe(404);
  });
});
