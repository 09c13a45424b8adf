import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { signWebhook } from '@bvs/queue';
import { signatureIsValid } from '../examples/intake-integration';
import { freePort } from './support/processes';
import { type Stack, startStack } from './support/stack';

// examples/intake-integration.ts run as an integrator runs it (its own process, only the API over
// HTTP) against a whole stack: create with an Idempotency-Key, verify the signed webhook, FHIR.

const ROOT = resolve(__dirname, '..');
const INTAKE = 'intake-key-for-the-example-0001';
const SECRET = 'example-webhook-secret-0123456789abcdef';

describe('the example’s signature check', () => {
  it('accepts the service’s signature and refuses a changed body, another secret or an old timestamp', () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'verification.completed', data: { id: 'vrf_1', status: 'completed' } });
    const header = signWebhook(SECRET, body);
    expect(signatureIsValid(SECRET, body, header)).toBe(true);
    expect(signatureIsValid(SECRET, body.replace('completed', 'cancelled'), header)).toBe(false);
    expect(signatureIsValid('another-secret-entirely-000000000000', body, header)).toBe(false);
    expect(signatureIsValid(SECRET, body, signWebhook(SECRET, body, new Date(Date.now() - 600_000)))).toBe(false);
    expect(signatureIsValid(SECRET, body, undefined)).toBe(false);
  });
});

describe('the example integration (e2e)', () => {
  let stack: Stack;
  let callbackPort: number;

  beforeAll(async () => {
    callbackPort = await freePort();
    stack = await startStack({
      API_KEYS: `intake:${INTAKE}`,
      WEBHOOK_SECRET: SECRET,
      CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${callbackPort}`,
      // The example's receiver listens on loopback, which the callback policy refuses by default.
      CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // The test's webhook receiver is plain http on loopback (no certificate to trust).
      CALLBACK_ALLOW_HTTP: 'true',
    });
  });
  // Every response the example receives must match the served OpenAPI document.
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates idempotently, receives and verifies the webhook, and reads the FHIR view', async () => {
    const address = stack.apiServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'examples', 'intake-integration.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          BVS_URL: `http://127.0.0.1:${port}`,
          BVS_API_KEY: INTAKE,
          BVS_WEBHOOK_SECRET: SECRET,
          CALLBACK_PORT: String(callbackPort),
          WEBHOOK_TIMEOUT_MS: '20000',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
    expect(result).toEqual({
      verification: expect.stringMatching(/^vrf_[0-9a-f]{32}$/),
      sameOnRetry: true,
      event: 'verification.completed',
      status: 'completed',
      fhir: 'CoverageEligibilityResponse',
      outcome: 'complete',
    });
  });
});
