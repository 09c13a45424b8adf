import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoOptions } from './logger-options';
import { requestLog } from './request-log';

interface Line {
  level: number;
  app: string;
  req?: { id?: string; method?: string; url?: string; headers?: unknown };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string };
  msg: string;
}

describe('requestLog', () => {
  let server: Server;
  let base: string;
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const log = requestLog(pino(pinoOptions('info', 'api'), stream));
  // Resolved when the never-answered request has reached the handler.
  let slowArrived: () => void = () => undefined;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      (req as IncomingMessage & { id?: unknown }).id = 'req-1';
      log(req, res, () => {
        if (req.url?.startsWith('/slow')) return slowArrived(); // never answered: the client gives up
        res.statusCode = req.url?.startsWith('/boom') ? 500 : 202;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    lines.length = 0;
  });

  const until = async (count: number) => {
    for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('logs one line per request when it is done: id, method, path without the query, status, time; no headers', async () => {
    const res = await fetch(`${base}/v1/verifications?wait=5&lastName=Doe`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-key-1234' },
    });
    expect(res.status).toBe(202);
    await until(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      app: 'api',
      req: { id: 'req-1', method: 'POST', url: '/v1/verifications' },
      res: { statusCode: 202 },
      msg: 'request completed',
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toMatch(/Doe|secret-key|wait=/);
  });

  it('names a 5xx answer "request errored"', async () => {
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    await until(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ res: { statusCode: 500 }, err: { message: 'failed with status code 500' }, msg: 'request errored' });
  });

  it('logs a request the client gave up on as "request aborted"', async () => {
    // A raw socket, not http.request: another suite's nock may have patched node:http in this
    // process, and its socket would re-emit the reset as an unhandled error.
    const arrived = new Promise<void>((resolve) => (slowArrived = resolve));
    const socket = createConnection((server.address() as AddressInfo).port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await arrived;
    socket.destroy();
    await until(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { url: '/slow' }, msg: 'request aborted' });
  });

  it('does not log health probes', async () => {
    await fetch(`${base}/health/ready`);
    await fetch(`${base}/v1/payers`);
    await until(2);
    expect(lines.map((l) => l.req?.url)).toEqual(['/v1/payers']);
  });
});
