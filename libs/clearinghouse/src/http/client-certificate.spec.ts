import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { FAKE_271, janeRequest } from '../testing/fixtures';
import { PAYLOAD_TYPE_271, fromMultipart, toFormData } from '../core/core-envelope';
import { CoreMimeTransport } from '../core/core-mime.transport';
import { coreSoapEnvelope, readCoreSoap } from '../core/core-soap-envelope';
import { CoreSoapTransport } from '../core/core-soap.transport';
import { clientCertificateAgent } from './client-certificate';

// CAQH CORE X.509 authentication end to end over real TLS: self-signed server and client
// certificates made with openssl for this run, a local https server that demands a client
// certificate signed by the one it trusts, and both CORE transports presenting theirs.

const dir = mkdtempSync(join(tmpdir(), 'bvs-core-tls-'));
const pem = (name: string): string => join(dir, name);
function selfSigned(name: string, cn: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      pem(`${name}.key`),
      '-out',
      pem(`${name}.crt`),
    ],
    { stdio: 'ignore' },
  );
}

describe('X.509 client certificate over TLS (CORE MIME and SOAP)', () => {
  let server: Server;
  let base = '';
  const seen: { authorized: boolean; subject?: string; kind: string; username?: string }[] = [];

  beforeAll(async () => {
    selfSigned('server', '127.0.0.1');
    selfSigned('client', 'SUNRISEBHC');
    selfSigned('stranger', 'SOMEONE ELSE');
    server = createServer(
      {
        key: readFileSync(pem('server.key')),
        cert: readFileSync(pem('server.crt')),
        ca: readFileSync(pem('client.crt')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const socket = req.socket;
          if (!(socket instanceof TLSSocket)) throw new Error('https server without a TLS socket');
          const subject = socket.getPeerCertificate().subject?.CN;
          const body = Buffer.concat(chunks);
          const answer = {
            PayloadType: PAYLOAD_TYPE_271,
            ProcessingMode: 'RealTime' as const,
            PayloadID: 'p',
            TimeStamp: 't',
            SenderID: 'CH',
            ReceiverID: 'SUNRISEBHC',
            CORERuleVersion: '2.2.0',
            ErrorCode: 'Success',
            Payload: FAKE_271,
          };
          if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
            void fromMultipart(body, String(req.headers['content-type'])).then(async (env) => {
              seen.push({ authorized: socket.authorized, subject, kind: 'mime', username: env.UserName });
              const encoded = new Response(toFormData(answer));
              res.writeHead(200, { 'content-type': encoded.headers.get('content-type') ?? '' });
              res.end(Buffer.from(await encoded.arrayBuffer()));
            });
          } else {
            const message = readCoreSoap(body.toString('utf8'));
            seen.push({
              authorized: socket.authorized,
              subject,
              kind: 'soap',
              username: message.kind === 'envelope' ? message.security?.username : undefined,
            });
            res.writeHead(200, { 'content-type': 'application/soap+xml' });
            res.end(coreSoapEnvelope('COREEnvelopeRealTimeResponse', answer));
          }
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const agent = (who: string) =>
    clientCertificateAgent({ certPath: pem(`${who}.crt`), keyPath: pem(`${who}.key`), caPath: pem('server.crt') });
  const common = { senderId: 'SUNRISEBHC', receiverId: 'CH', timeoutMs: 5_000 };

  it('MIME: presents the client certificate and gets the 271', async () => {
    const mime = new CoreMimeTransport({ ...common, url: `${base}/core/realtime`, httpsAgent: agent('client') });
    await expect(mime.check(janeRequest())).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    // No username configured: the certificate is the authentication, no UserName part is sent.
    expect(seen.at(-1)).toEqual({ authorized: true, subject: 'SUNRISEBHC', kind: 'mime', username: undefined });
  });

  it('SOAP: presents the client certificate without a WS-Security header and gets the 271', async () => {
    const soap = new CoreSoapTransport({ ...common, url: `${base}/core/soap`, httpsAgent: agent('client') });
    await expect(soap.check(janeRequest())).resolves.toEqual({ format: 'x12', raw: FAKE_271 });
    expect(seen.at(-1)).toEqual({ authorized: true, subject: 'SUNRISEBHC', kind: 'soap', username: undefined });
  });

  it('a certificate the server does not trust is refused in the handshake', async () => {
    const before = seen.length;
    const mime = new CoreMimeTransport({ ...common, url: `${base}/core/realtime`, httpsAgent: agent('stranger') });
    await expect(mime.check(janeRequest())).rejects.toBeDefined();
    expect(seen.length).toBe(before);
  });

  it('names the unreadable file (never its content)', () => {
    expect(() => clientCertificateAgent({ certPath: pem('missing.crt'), keyPath: pem('client.key') })).toThrow(
      `clearinghouse client certificate could not be read from ${pem('missing.crt')}`,
    );
  });
});
