import nock from 'nock';
import { FAKE_271, PHI, isolateNetwork, janeRequest, refusedUrl, transportFailure } from '../testing/fixtures';
import { PAYLOAD_TYPE_270, PAYLOAD_TYPE_271 } from './core-envelope';
import { CORE_SOAP_NS, PASSWORD_TEXT, WSSE_NS, coreSoapEnvelope, readCoreSoap, soapFault } from './core-soap-envelope';
import { CoreSoapTransport } from './core-soap.transport';
import { parseXml, child, descendant } from './xml';

const HOST = 'https://core.example.test';
const transport = (timeoutMs = 2_000, url = `${HOST}/core/soap`) =>
  new CoreSoapTransport({
    url,
    senderId: 'SUNRISEBHC',
    receiverId: 'SANDBOXCH',
    timeoutMs,
    username: 'sunrise-user',
    password: 'p&ss<word>',
  });

const response = (fields: Record<string, string>) =>
  coreSoapEnvelope('COREEnvelopeRealTimeResponse', {
    PayloadType: PAYLOAD_TYPE_271,
    ProcessingMode: 'RealTime',
    PayloadID: 'id-1',
    TimeStamp: '2026-11-27T10:00:01Z',
    SenderID: 'SANDBOXCH',
    ReceiverID: 'SUNRISEBHC',
    CORERuleVersion: '2.2.0',
    ...fields,
  });
const SOAP_XML = { 'Content-Type': 'application/soap+xml; charset=utf-8' };

describe('CoreSoapTransport', () => {
  isolateNetwork();

  it('posts a SOAP 1.2 CORE real-time request with a WS-Security UsernameToken and the 270 in CDATA', async () => {
    const request = janeRequest();
    let sent = '';
    const scope = nock(HOST)
      .post('/core/soap', (body: string) => {
        sent = body;
        return true;
      })
      .matchHeader('content-type', /^application\/soap\+xml; charset=utf-8; action="RealTimeTransaction"$/)
      .reply(200, response({ ErrorCode: 'Success', ErrorMessage: '', Payload: FAKE_271 }), SOAP_XML);

    await expect(transport().check(request)).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    scope.done();

    const root = parseXml(sent);
    expect(root).toMatchObject({ localName: 'Envelope', namespace: 'http://www.w3.org/2003/05/soap-envelope' });
    const security = descendant(root, 'Security');
    expect(security?.namespace).toBe(WSSE_NS);
    expect(security?.attributes['soap:mustUnderstand']).toBe('true');
    expect(descendant(security, 'Username')?.text).toBe('sunrise-user');
    const password = descendant(security, 'Password');
    expect(password?.text).toBe('p&ss<word>');
    expect(password?.attributes.Type).toBe(PASSWORD_TEXT);
    expect(sent).toContain('p&amp;ss&lt;word&gt;');

    const body = descendant(root, 'COREEnvelopeRealTimeRequest');
    expect(body?.namespace).toBe(CORE_SOAP_NS);
    const field = (name: string) => child(body, name)?.text;
    expect(field('PayloadType')).toBe(PAYLOAD_TYPE_270);
    expect(field('ProcessingMode')).toBe('RealTime');
    expect(field('PayloadID')).toMatch(/^[0-9a-f-]{36}$/);
    expect(field('TimeStamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(field('SenderID')).toBe('SUNRISEBHC');
    expect(field('ReceiverID')).toBe('SANDBOXCH');
    expect(field('CORERuleVersion')).toBe('2.2.0');
    expect(field('Payload')).toBe(request.x12);
    expect(sent).toContain(`<Payload><![CDATA[${request.x12}]]></Payload>`);
  });

  it('round-trips its own envelope through the reader (shared with the sandbox)', () => {
    const xml = coreSoapEnvelope(
      'COREEnvelopeRealTimeRequest',
      { PayloadType: PAYLOAD_TYPE_270, Payload: 'a]]>b' },
      { username: 'u', password: 'p' },
    );
    expect(readCoreSoap(xml)).toEqual({
      kind: 'envelope',
      element: 'COREEnvelopeRealTimeRequest',
      envelope: { PayloadType: PAYLOAD_TYPE_270, Payload: 'a]]>b' },
      security: { username: 'u', password: 'p' },
    });
  });

  it.each([
    ['Receiver.Unavailable', true],
    ['PayloadTypeIncorrect', false],
  ])('envelope ErrorCode %s -> envelope_error (retryable %s)', async (code, retryable) => {
    nock(HOST)
      .post('/core/soap')
      .reply(200, response({ ErrorCode: code, ErrorMessage: 'JANE DOE W100000001 not processed' }), SOAP_XML);
    const failure = await transportFailure(transport().check(janeRequest()));
    expect(failure).toMatchObject({ kind: 'envelope_error', retryable, message: `CORE envelope error ${code}` });
  });

  it('classifies a Receiver fault as a retryable server_error', async () => {
    nock(HOST).post('/core/soap').reply(500, soapFault('Receiver', 'backend for W100000001 down'), SOAP_XML);
    const failure = await transportFailure(transport().check(janeRequest()));
    expect(failure).toMatchObject({ kind: 'server_error', retryable: true, message: 'CORE SOAP fault Receiver (HTTP 500)' });
  });

  it('classifies a Sender fault as a final client_error and a failed authentication as unauthorized', async () => {
    nock(HOST).post('/core/soap').reply(400, soapFault('Sender', 'bad envelope'), SOAP_XML);
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'client_error', retryable: false });
    nock(HOST)
      .post('/core/soap')
      .reply(500, soapFault('Sender', 'who are you', 'wsse:FailedAuthentication'), SOAP_XML);
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'unauthorized', retryable: false });
  });

  it('reads a SOAP 1.1 fault too', async () => {
    const fault11 = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>x</faultstring></s:Fault></s:Body></s:Envelope>`;
    nock(HOST).post('/core/soap').reply(500, fault11, { 'Content-Type': 'text/xml' });
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'server_error', retryable: true });
  });

  it('maps HTTP 500 without a SOAP body to server_error, 401 to unauthorized', async () => {
    nock(HOST).post('/core/soap').reply(503, 'upstream down');
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'server_error', retryable: true });
    nock(HOST).post('/core/soap').reply(401, soapFault('Sender', 'no'), SOAP_XML);
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'unauthorized', retryable: false });
  });

  it('honours Retry-After on 429', async () => {
    nock(HOST).post('/core/soap').reply(429, '', { 'Retry-After': '7' });
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 7_000,
    });
  });

  it.each([
    ['not XML', 'hello'],
    ['XML that is not SOAP', '<html><body>proxy error</body></html>'],
    [
      'a SOAP body without a CORE envelope',
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body/></soap:Envelope>',
    ],
    ['a response with no payload', response({ ErrorCode: 'Success' })],
    [
      'a request envelope instead of a response',
      coreSoapEnvelope('COREEnvelopeRealTimeRequest', { PayloadType: PAYLOAD_TYPE_271, ErrorCode: 'Success', Payload: FAKE_271 }),
    ],
  ])('treats %s as a retryable malformed_response', async (_label, body) => {
    nock(HOST).post('/core/soap').reply(200, body, SOAP_XML);
    expect(await transportFailure(transport().check(janeRequest()))).toMatchObject({ kind: 'malformed_response', retryable: true });
  });

  it('classifies network errors and timeouts as retryable', async () => {
    expect(await transportFailure(transport(2_000, await refusedUrl('/core/soap')).check(janeRequest()))).toMatchObject({
      kind: 'network',
      retryable: true,
    });
    nock(HOST)
      .post('/core/soap')
      .delay(300)
      .reply(200, response({ ErrorCode: 'Success', Payload: FAKE_271 }), SOAP_XML);
    expect(await transportFailure(transport(50).check(janeRequest()))).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('never puts the payload in an error message', async () => {
    nock(HOST)
      .post('/core/soap')
      .reply(200, response({ ErrorCode: 'Success', PayloadType: 'JANE DOE W100000001', Payload: '' }), SOAP_XML);
    const failure = await transportFailure(transport().check(janeRequest()));
    expect(failure.message).not.toMatch(PHI);
  });
});
