import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type CoreEnvelope, PAYLOAD_TYPE_270, coreSoapEnvelope, fromMultipart, realTimeRequest, toFormData } from '@bvs/clearinghouse';
import { build270 } from '@bvs/x12';
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

  const mime = async (envelope: CoreEnvelope): Promise<{ status: number; envelope: Partial<CoreEnvelope>; type: string }> => {
    const encoded = new Response(toFormData(envelope));
    const res = await request(server())
      .post('/core/realtime')
      .set('Content-Type', encoded.headers.get('content-type') ?? '')
      .send(Buffer.from(await encoded.arrayBuffer()))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const type = res.headers['content-type'] ?? '';
    return { status: res.status, type, envelope: await fromMultipart(res.body as Buffer, type) };
  };
  const x12For = (memberId: string, firstName: string, lastName: string) =>
    build270({
      payer: { name: 'AETNA', payerId: '60054' },
      provider: { npi: '1234567893', organizationName: 'SUNRISE' },
      subscriber: { memberId, firstName, lastName, dateOfBirth: '1980-01-01' },
      serviceTypeCodes: ['30'],
      traceNumber: 'T1',
      traceOriginatorId: '1123456789',
    });

  it('CORE MIME without the UserName / Password form parts -> 401 with a CORE error envelope', async () => {
    const res = await mime(realTimeRequest(x12For('W100000001', 'JANE', 'DOE'), 'SUNRISEBHC', 'SANDBOXCH'));
    expect(res.status).toBe(401);
    expect(res.type).toMatch(/^multipart\/form-data/);
    expect(res.envelope).toMatchObject({ ErrorCode: 'UnAuthorized', CORERuleVersion: '2.2.0' });
    expect(res.envelope.ErrorMessage).toContain('UserName and Password');
  });

  it('CORE MIME simulated failures are CORE error envelopes, not plain text', async () => {
    const credentials = { username: 'sunrise', password: 'secret' };
    const res = await mime(realTimeRequest(x12For('W100000500', 'SERVER', 'ERROR'), 'SUNRISEBHC', 'SANDBOXCH', credentials));
    expect(res.status).toBe(500);
    expect(res.type).toMatch(/^multipart\/form-data/);
    expect(res.envelope).toMatchObject({
      ErrorCode: 'Receiver.Unavailable',
      PayloadType: 'X12_271_Response_005010X279A1',
      ReceiverID: 'SUNRISEBHC',
    });
    expect(res.envelope.Payload).toBeUndefined();
    expect(res.envelope.Password).toBeUndefined();
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
