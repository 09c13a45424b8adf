import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { FAKE_271, isolateNetwork, janeRequest, refusedUrl, transportFailure } from '../testing/fixtures';
import { PAYLOAD_TYPE_271, fromMultipart, toFormData } from './core-envelope';
import { CoreMimeTransport } from './core-mime.transport';

const HOST = 'https://core.example.test';
const transport = (url = `${HOST}/core/realtime`) =>
  new CoreMimeTransport({ url, senderId: 'SUNRISEBHC', receiverId: 'SANDBOXCH', timeoutMs: 2_000, username: 'u', password: 'p' });

async function multipart(fields: Record<string, string>): Promise<{ body: Buffer; type: string }> {
  const encoded = new Response(
    toFormData({
      PayloadType: PAYLOAD_TYPE_271,
      ProcessingMode: 'RealTime',
      PayloadID: 'x',
      TimeStamp: 't',
      SenderID: 's',
      ReceiverID: 'r',
      CORERuleVersion: '2.2.0',
      ...fields,
    }),
  );
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type') ?? '' };
}

describe('CoreMimeTransport', () => {
  isolateNetwork();

  it('posts the CORE envelope as multipart/form-data with UserName and Password form parts and returns the 271', async () => {
    const request = janeRequest();
    const reply = await multipart({ ErrorCode: 'Success', Payload: FAKE_271 });
    let sent: Awaited<ReturnType<typeof fromMultipart>> = {};
    let authorization: unknown = 'unset';
    nock(HOST)
      .post('/core/realtime')
      .matchHeader('content-type', /^multipart\/form-data; boundary=/)
      .reply(async function (_uri, body) {
        authorization = this.req.headers.authorization;
        sent = await fromMultipart(Buffer.from(body as string), this.req.headers['content-type']);
        return [200, reply.body, { 'Content-Type': reply.type }];
      });
    await expect(transport().check(request)).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    expect(sent).toMatchObject({
      PayloadType: 'X12_270_Request_005010X279A1',
      ProcessingMode: 'RealTime',
      SenderID: 'SUNRISEBHC',
      ReceiverID: 'SANDBOXCH',
      CORERuleVersion: '2.2.0',
      Payload: request.x12,
      // CORE Phase II MIME field list: username/password authentication travels in the envelope.
      UserName: 'u',
      Password: 'p',
    });
    expect(authorization).toBeUndefined();
  });

  it('classifies with the shared HTTP rules', async () => {
    nock(HOST).post('/core/realtime').reply(500, 'x');
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'server_error', retryable: true });
    const at = new Date(Date.now() + 60_000).toUTCString();
    nock(HOST).post('/core/realtime').reply(429, '', { 'Retry-After': at });
    const limited = await transportFailure(transport().check(janeRequest()));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterMs).toBeGreaterThan(55_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
    nock(HOST).post('/core/realtime').reply(200, '<html/>', { 'Content-Type': 'text/html' });
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'malformed_response', retryable: true });
    expect(await transportFailure(transport(await refusedUrl('/core/realtime')).check(janeRequest()))).toMatchObject({
      kind: 'network',
      retryable: true,
    });
  });

  it('reports envelope ErrorCodes', async () => {
    const reply = await multipart({ ErrorCode: 'Receiver.Busy', ErrorMessage: 'try later' });
    nock(HOST).post('/core/realtime').reply(200, reply.body, { 'Content-Type': reply.type });
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'envelope_error', retryable: true });
  });

  it('gives up after the timeout, and stops at once when the worker aborts', async () => {
    // A real local server that reads the request and never answers (the idle timeout is the socket's).
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/core/realtime`;
      const slow = new CoreMimeTransport({ url, senderId: 'S', receiverId: 'R', timeoutMs: 100, username: 'u', password: 'p' });
      expect(await transportFailure(slow.check(janeRequest()))).toMatchObject({ kind: 'timeout', retryable: true });
      const controller = new AbortController();
      const pending = transport(url).check({ ...janeRequest(), signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      expect(await transportFailure(pending)).toMatchObject({ kind: 'aborted', retryable: true });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
