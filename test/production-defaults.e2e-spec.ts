// The built apps as a deployment runs them: NODE_ENV=production, explicit keys and secrets, and
// every other setting at its default. Walks the main paths an intake integration and staff use:
// create and wait, the signed webhook, reuse (with its own webhook and estimate), the staff read
// (audited), the FHIR view, and the public patient view.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TRANSPORT_PATHS } from '@bvs/config';
import { verifyWebhookSignature } from '@bvs/queue';
import { deleteKeys } from './support/stack';
import { freePort, stopProcess } from './support/processes';

const ROOT = join(__dirname, '..');
const STAFF = `staff-${randomBytes(16).toString('hex')}`;
const INTAKE = `intake-${randomBytes(16).toString('hex')}`;
const WEBHOOK_SECRET = randomBytes(32).toString('base64url');
const RECORD_KEYS = `prod1:${randomBytes(32).toString('base64')}`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

interface Hook {
  body: string;
  signature: string;
}

/** An https webhook receiver on loopback, with a certificate made for this run. */
function startReceiver(dir: string, port: number, hooks: Hook[]): Promise<Server> {
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hooks.push({ body, signature: String(req.headers['webhook-signature'] ?? '') });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('production defaults: the built apps, explicit secrets, default settings (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bvs-prod-'));
  const prefix = `bvsprod${randomBytes(4).toString('hex')}`;
  const hooks: Hook[] = [];
  const apps: ChildProcess[] = [];
  let receiver: Server;
  let api: string;
  let hookPort: number;

  function start(app: 'api' | 'worker' | 'sandbox', env: Record<string, string>): ChildProcess {
    const args = app === 'worker' ? ['--max-old-space-size=160'] : [];
    const child = spawn(process.execPath, [...args, join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    apps.push(child);
    return child;
  }

  beforeAll(async () => {
    // What ships is the build, so the suite runs the build.
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
    hookPort = await freePort();
    receiver = await startReceiver(dir, hookPort, hooks);
    const [apiPort, sandboxPort] = [await freePort(), await freePort()];
    start('sandbox', { SANDBOX_PORT: String(sandboxPort), LOG_LEVEL: 'warn' });
    const env = {
      NODE_ENV: 'production',
      RECORD_KEYS,
      WEBHOOK_SECRET,
      CLEARINGHOUSE_URL: `http://127.0.0.1:${sandboxPort}${TRANSPORT_PATHS.sandbox ?? ''}`,
      API_KEYS: `staff:${STAFF},intake/partner:${INTAKE}`,
      CALLBACK_ALLOWED_HOSTS: `localhost:${hookPort}`,
      // The only host a test may reach is on loopback, which the callback policy refuses by default.
      CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // Node's own trust store addition for the receiver's certificate (not a setting of the service).
      NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
      // Isolation from other suites on the same Redis.
      REDIS_URL,
      REDIS_PREFIX: prefix,
      AUDIT_LOG_FILE: join(dir, 'audit.jsonl'),
      LOG_LEVEL: 'warn',
    };
    start('worker', env);
    start('api', { ...env, PORT: String(apiPort), HOST: '127.0.0.1' });
    api = `http://127.0.0.1:${apiPort}`;
    await waitFor(async () => {
      const ready = await request(api)
        .get('/health/ready')
        .catch(() => undefined);
      return ready?.status === 200 ? true : undefined;
    }, 60_000);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(apps.map((child) => stopProcess(child)));
    await new Promise((resolve) => receiver.close(resolve));
    await deleteKeys(REDIS_URL, prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  const hookFor = (id: string) => waitFor(() => hooks.find((h) => (JSON.parse(h.body) as { data: { id: string } }).data.id === id));

  let firstId = '';

  it('creates and waits: an intake verification completes with its estimate', async () => {
    const res = await request(api)
      .post('/v1/verifications?wait=20')
      .set(auth(INTAKE))
      .set('Idempotency-Key', `prod-${prefix}-1`)
      .send({ payer: 'aetna', member: JANE, program: { sessionsPerWeek: 4, weeks: 8 }, callbackUrl: `https://localhost:${hookPort}/hook` });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('completed');
    expect(res.body.summary.eligibility.status).toBe('active');
    expect(res.body.summary.levelsOfCare.IOP.estimate.sessions).toBe(32);
    firstId = res.body.id as string;
  });

  it('delivers one webhook, signed with the webhook secret', async () => {
    const hook = await hookFor(firstId);
    expect(verifyWebhookSignature(WEBHOOK_SECRET, hook.body, hook.signature)).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'verification.completed', data: { id: firstId, status: 'completed' } });
  });

  it('reuses a fresh result for the same caller: its own estimate, its own webhook', async () => {
    const res = await request(api)
      .post('/v1/verifications?wait=20')
      .set(auth(INTAKE))
      .send({ payer: 'aetna', member: JANE, program: { sessionsPerWeek: 3, weeks: 4 }, callbackUrl: `https://localhost:${hookPort}/hook` });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'completed', reused: true });
    expect(res.body.id).not.toBe(firstId);
    expect(res.body.summary.levelsOfCare.IOP.estimate.sessions).toBe(12);
    const hook = await hookFor(res.body.id as string);
    expect(verifyWebhookSignature(WEBHOOK_SECRET, hook.body, hook.signature)).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'verification.completed', data: { reused: true } });
  });

  it('lets staff read the full record, and audits the read', async () => {
    const res = await request(api).get(`/v1/verifications/${firstId}`).set(auth(STAFF));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.summary.accumulators.inNetwork.deductible.individual).toMatchObject({ total: '1500.00', remaining: '250.00' });
    const audit = await request(api).get(`/v1/audit?verificationId=${firstId}`).set(auth(STAFF));
    expect((audit.body.items as { action: string }[]).map((e) => e.action)).toContain('verification.read');
  });

  it('serves the FHIR view to its intake caller', async () => {
    const res = await request(api).get(`/v1/verifications/${firstId}/fhir`).set(auth(INTAKE));
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('CoverageEligibilityResponse');
    expect(res.body.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
  });

  it('shows the public form only the patient view', async () => {
    const res = await request(api).post('/v1/verifications?wait=20').send({ payer: 'aetna', member: JANE });
    expect(res.status).toBe(202);
    expect(res.body.summary).toBeUndefined();
    expect(res.body.coverageActive).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/W100000001|1990-04-12/);
  });
});
