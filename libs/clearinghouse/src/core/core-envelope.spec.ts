import { PAYLOAD_TYPE_270, encodeMultipart, fromMultipart, realTimeRequest, toFormData } from './core-envelope';

const X12 =
  'ISA*00*          *00*          *ZZ*SUNRISEBHC     *ZZ*SANDBOXCH      *261127*1000*^*00501*000000001*0*T*:~\nNM1*IL*1*DOE*JANÉ~';

describe('CORE envelope multipart encoding', () => {
  const envelope = realTimeRequest(X12, 'SUNRISEBHC', 'SANDBOXCH', { username: 'u', password: 'p"w\r\nd' });

  it('encodes a body that a standard multipart parser (undici) reads back field for field, bytes unchanged', async () => {
    const { body, contentType } = encodeMultipart(envelope);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----bvs[0-9a-f]{32}$/);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- a reference parser for the test only
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('PayloadType')).toBe(PAYLOAD_TYPE_270);
    expect(form.get('Payload')).toBe(X12);
    expect(form.get('Password')).toBe('p"w\r\nd');
    expect(form.get('ErrorCode')).toBeNull();
  });

  it('reads what undici encodes, and what it encodes itself', async () => {
    const encoded = new Response(toFormData(envelope));
    const fromUndici = await fromMultipart(Buffer.from(await encoded.arrayBuffer()), encoded.headers.get('content-type') ?? '');
    const { body, contentType } = encodeMultipart(envelope);
    const fromOwn = await fromMultipart(body, contentType);
    expect(fromOwn).toEqual(envelope);
    // undici's FormData normalises line breaks in values to CRLF (the spec's rule); nothing else differs.
    expect(fromUndici).toEqual({ ...envelope, Payload: X12.replace(/\n/g, '\r\n') });
  });

  it('takes a quoted boundary, keeps the first of a repeated field and ignores unknown fields', async () => {
    const body =
      'preamble\r\n--b"x\r\nContent-Disposition: form-data; name="Payload"\r\n\r\nfirst\r\n' +
      '--b"x\r\ncontent-disposition: form-data; name="Payload"\r\n\r\nsecond\r\n' +
      '--b"x\r\nContent-Disposition: form-data; name="Other"\r\n\r\nx\r\n--b"x--\r\n';
    await expect(fromMultipart(body.replace(/b"x/g, 'b-x'), 'multipart/form-data; boundary="b-x"')).resolves.toEqual({ Payload: 'first' });
  });

  it('refuses a body that is not multipart/form-data with its boundary', async () => {
    await expect(fromMultipart('x', 'text/plain')).rejects.toThrow();
    await expect(fromMultipart('no boundary here', 'multipart/form-data; boundary=abc')).rejects.toThrow();
    await expect(
      fromMultipart('--abc\r\nContent-Disposition: form-data; name="Payload"\r\n\r\ncut off', 'multipart/form-data; boundary=abc'),
    ).rejects.toThrow();
    await expect(fromMultipart('--abc\r\nno blank line--abc--', 'multipart/form-data; boundary=abc')).rejects.toThrow();
  });
});
