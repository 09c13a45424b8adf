import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import type { Server } from 'node:http';
import { createRedis } from '@bvs/store';
import { createApiApp } from '../apps/api/src/create-api-app';
import { startAppProcess, stopProcess } from './support/processes';
import { type Stack, TEST_REDIS_URL, startStack } from './support/stack';

// Issue 14, "Safe to deploy": each finding reproduced against the running service at production
// defaults (NODE_ENV=production, explicit secrets, otherwise default settings).

const STAFF = 'staff-key-deploy-safety-0001';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };
const ROOT = join(__dirname, '..');
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
/** Set-Cookie as one string (supertest types it as a string; it is an array). */
const setCookie = (res: request.Response): string => ([] as unknown[]).concat(res.headers['set-cookie']).join('\n');

/** Runs an app process until it exits or prints `until`; returns its stderr and exit code. */
async function boot(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; stderr: string }> {
  const child = startAppProcess('api', { PATH: process.env.PATH ?? '', REDIS_URL: TEST_REDIS_URL, PORT: '0', LOG_LEVEL: 'warn', ...env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (exitCode) => resolve(exitCode));
    if (until) {
      child.stderr?.on('data', () => {
        if (until.test(stderr)) void stopProcess(child).then(() => resolve(null));
      });
    }
    setTimeout(() => void stopProcess(child, 'SIGKILL').then(() => resolve(-1)), 45_000).unref();
  });
  return { code, stderr };
}

describe('1. secrets fail closed (processes)', () => {
  it('refuses to start without record keys, webhook secret and clearinghouse, whatever NODE_ENV says', async () => {
    // NODE_ENV=Production once silently used a key from the source code.
    const { code, stderr } = await boot({ NODE_ENV: 'Production' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/CLEARINGHOUSE_URL is required/);
    expect(stderr).toMatch(/RECORD_KEYS is required/);
    expect(stderr).toMatch(/WEBHOOK_SECRET is required/);
  });

  it('runs in development mode only when switched on, and says so loudly at boot', async () => {
    // The switch under test.
    const { stderr } = await boot({ BVS_DEV_MODE: 'true', REDIS_PREFIX: `bvstestdev${Date.now()}` }, /WEBHOOK_SECRET not set/);
    expect(stderr).toMatch(/api: WARNING DEVELOPMENT MODE \(BVS_DEV_MODE=true\)/);
    expect(stderr).toMatch(/RECORD_KEYS not set: records are encrypted with a random key/);
  });
});

describe('1. deployment files', () => {
  const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');

  it('docker compose takes its secrets from .env, with no development default, and keeps Redis on disk', () => {
    expect(compose).not.toMatch(/NODE_ENV:\s*\$\{NODE_ENV:-development\}/);
    expect(compose).not.toMatch(/BVS_DEV_MODE/);
    for (const name of ['RECORD_KEYS', 'WEBHOOK_SECRET', 'CLEARINGHOUSE_URL']) expect(compose).toMatch(new RegExp(`\\$\\{${name}:\\?`));
    expect(compose).toMatch(/--appendonly', 'yes'/);
  });

  it('.env.example documents every variable the configuration reads', () => {
    const source = readFileSync(join(ROOT, 'libs/config/src/load-config.ts'), 'utf8');
    const read = new Set<string>();
    for (const match of source.matchAll(/(?:env\.|env\[|str\(|int\()'?([A-Z][A-Z0-9_]+)/g)) read.add(match[1]);
    read.add('NODE_ENV');
    const missing = [...read].filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});

describe('deploy safety (e2e, one stack)', () => {
  let stack: Stack;
  const A = 'intake-partner-key-23';
  const B = 'intake-partner-key-114';

  beforeAll(async () => {
    stack = await startStack({
      API_KEYS: `staff:${STAFF},intake:${A},intake:${B}`,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '5000',
      CALLBACK_ALLOWED_HOSTS: 'hooks.partner.example',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('6. two intake keys that shared a 16-bit label do not read each other’s records, FHIR views or idempotent results', async () => {
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set(auth(A))
      .set('Idempotency-Key', 'k-1')
      .send({ payer: 'aetna', member: JANE });
    expect(created.status).toBe(202);
    expect((await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(auth(B))).status).toBe(404);
    expect((await request(stack.apiServer).get(`/v1/verifications/${created.body.id}/fhir`).set(auth(B))).status).toBe(404);
    const replay = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(auth(B))
      .set('Idempotency-Key', 'k-1')
      .send({ payer: 'aetna', member: JANE });
    expect(replay.status).toBe(202);
    expect(replay.body.id).not.toBe(created.body.id);
    expect((await request(stack.apiServer).get(`/v1/verifications/${created.body.id}`).set(auth(A))).status).toBe(200);
  });

  it('7. refuses a plain-http callbackUrl outside development', async () => {
    const res = await request(stack.apiServer)
      .post('/v1/verifications')
      .set(auth(A))
      .send({ payer: 'aetna', member: JANE, callbackUrl: 'http://hooks.partner.example/bvs' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'callbackUrl', message: 'callbackUrl must use https' }]);
  });

  it('5. audits every record a staff list carries, and writes the audit as JSON lines to AUDIT_LOG_FILE', async () => {
    const list = await request(stack.apiServer).get('/v1/verifications?limit=200').set(auth(STAFF));
    expect(list.status).toBe(200);
    const ids: string[] = list.body.items.map((r: { id: string }) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const audit = await request(stack.apiServer).get('/v1/audit?limit=50').set(auth(STAFF));
    const listed = audit.body.items
      .filter((e: { action: string }) => e.action === 'verification.list')
      .map((e: { verificationId: string }) => e.verificationId);
    expect(listed.sort()).toEqual([...ids].sort());
    const lines = readFileSync(stack.auditLogFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const filed = lines.filter((e) => e.action === 'verification.list').map((e) => e.verificationId);
    expect(filed.sort()).toEqual([...ids].sort());
    expect(lines.every((e) => e.type === 'audit' && typeof e.at === 'string' && typeof e.actor === 'string')).toBe(true);
  });

  it('5. audits Bull Board writes (pause, resume, clean…) with who and what', async () => {
    const signIn = await request(stack.apiServer).post('/staff/session').type('form').send({ key: STAFF });
    expect(signIn.status).toBe(303);
    const cookie = setCookie(signIn).split(';')[0] ?? '';
    // Every queue the service runs is on the board, the re-checks too.
    const listed = await request(stack.apiServer).get('/staff/queues/api/queues').set('Cookie', cookie);
    expect(listed.status).toBe(200);
    expect((listed.body as { queues: { name: string }[] }).queues.map((q) => q.name).sort()).toEqual([
      'eligibility',
      'maintenance',
      'rechecks',
      'webhooks',
    ]);
    for (const action of ['pause', 'resume']) {
      const res = await request(stack.apiServer).put(`/staff/queues/api/queues/maintenance/${action}`).set('Cookie', cookie);
      expect(res.status).toBeLessThan(300);
    }
    const audit = await request(stack.apiServer).get('/v1/audit?limit=10').set(auth(STAFF));
    const board = audit.body.items.filter((e: { action: string }) => e.action === 'queue_board.write');
    expect(board.map((e: { detail: string }) => e.detail)).toEqual([
      'PUT /staff/queues/api/queues/maintenance/resume',
      'PUT /staff/queues/api/queues/maintenance/pause',
    ]);
    expect(board[0].actor).toMatch(/^staff:[0-9a-f]{64}$/);
    expect(readFileSync(stack.auditLogFile, 'utf8')).toContain('"detail":"PUT /staff/queues/api/queues/maintenance/pause"');
  });

  it('9. one record that cannot be decrypted does not break the staff list: it is skipped, reported, counted and logged', async () => {
    const redis = createRedis(stack.config.redis.url);
    const id = 'vrf_00000000000000000000000000000bad';
    try {
      // As a record written under a key that has since been removed from RECORD_KEYS.
      await redis.hset(`${stack.config.redis.prefix}:vrf:{${id}}`, 'v', '1', 'd', 'v1.removed.AAAA.AAAA.AAAA', 'status', 'completed');
      await redis.zadd(`${stack.config.redis.prefix}:vrf-index:deadline`, Date.now(), id);
    } finally {
      redis.disconnect();
    }
    const list = await request(stack.apiServer).get('/v1/verifications').set(auth(STAFF));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.skipped).toEqual([{ id, reason: 'unknown key id removed' }]);
    expect(stack.logs.lines.some((line) => line.includes(id) && line.includes('cannot be decrypted'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // metrics reach Redis once a second
    const metrics = await request(stack.apiServer).get('/metrics');
    expect(metrics.text).toMatch(/bvs_records_undecryptable_total\{where="list"\} [1-9]/);
  });

  it('11. PHI responses are not cached', async () => {
    const list = await request(stack.apiServer).get('/v1/verifications').set(auth(STAFF));
    expect(list.headers['cache-control']).toBe('no-store');
    const one = await request(stack.apiServer).get(`/v1/verifications/${list.body.items[0].id}`).set(auth(STAFF));
    expect(one.headers['cache-control']).toBe('no-store');
  });

  describe('8. bad input is a 4xx naming the problem', () => {
    it('ignores a malformed session cookie (bvs_staff=%) instead of failing every route', async () => {
      expect((await request(stack.apiServer).get('/v1/payers').set('Cookie', 'bvs_staff=%')).status).toBe(200);
      expect((await request(stack.apiServer).get('/').set('Cookie', 'bvs_staff=%')).status).toBe(200);
      expect((await request(stack.apiServer).get('/staff').set('Cookie', 'bvs_staff=%')).status).toBe(303);
    });

    it('refuses JSON nested deeper than a request needs', async () => {
      const body = `{"payer":"aetna","member":${'['.repeat(2_500)}${']'.repeat(2_500)}}`;
      const res = await request(stack.apiServer).post('/v1/verifications').set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'body', message: 'the body nests deeper than 32 levels' }]);
    });

    it.each(['2026-340', '2026-W50-3', '20261215', '2026-12-15T10:00:00', '2026-12-15T10:00:00+0100', '2026-02-30'])(
      'refuses plannedStart %s',
      async (plannedStart) => {
        const res = await request(stack.apiServer).post('/v1/verifications').send({ payer: 'aetna', member: JANE, plannedStart });
        expect(res.status).toBe(400);
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('plannedStart');
      },
    );

    it('still takes a date, or a date-time with its offset', async () => {
      for (const plannedStart of ['2026-12-15', '2026-12-15T09:00:00-08:00', '2026-12-15T17:00Z']) {
        const res = await request(stack.apiServer).post('/v1/verifications').send({ payer: 'aetna', member: JANE, plannedStart });
        expect(res.status).toBe(202);
      }
    });

    it('answers 415 for a Content-Encoding body, compressed or not', async () => {
      const plain = JSON.stringify({ payer: 'aetna', member: JANE });
      for (const body of [plain, gzipSync(plain)]) {
        const res = await request(stack.apiServer)
          .post('/v1/verifications')
          .set('content-type', 'application/json')
          .set('content-encoding', 'gzip')
          .send(body);
        expect(res.status).toBe(415);
        expect(res.body.error.message).toMatch(/Content-Encoding/);
      }
    });

    it('answers 500 malformed requests, 25 at a time, with no 5xx', async () => {
      const deep = `{"payer":"aetna","member":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`;
      const kinds: (() => request.Test)[] = [
        () => request(stack.apiServer).get('/v1/payers').set('Cookie', 'bvs_staff=%; other=%%'),
        () => request(stack.apiServer).post('/v1/verifications').set('content-type', 'application/json').send(deep),
        () => request(stack.apiServer).post('/v1/verifications').send({ payer: 'aetna', member: JANE, plannedStart: '2026-W50-3' }),
        () =>
          request(stack.apiServer)
            .post('/v1/verifications')
            .set('content-type', 'application/json')
            .set('content-encoding', 'gzip')
            .send('{"payer":"aetna"}'),
        () => request(stack.apiServer).post('/v1/verifications').set('content-type', 'application/json').send('{"payer":'),
        () =>
          request(stack.apiServer)
            .post('/v1/verifications')
            .set('content-type', 'application/json')
            .set('content-encoding', 'br')
            .send('{}'),
        () => request(stack.apiServer).get('/v1/verifications/vrf_x?wait=abc'),
        () =>
          request(stack.apiServer)
            .post('/v1/verifications')
            .send({ payer: 'aetna', member: { ...JANE, dateOfBirth: '1990-340' } }),
        () => request(stack.apiServer).get('/v1/verifications').set('Authorization', 'Basic %%%'),
        () => request(stack.apiServer).post('/staff/session').set('Cookie', 'bvs_staff=%').type('form').send('key=%'),
      ];
      const statuses: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          while (next < 500) {
            const kind = kinds[next % kinds.length];
            next += 1;
            const res = await kind();
            statuses.push(res.status);
            if (res.status >= 400 && res.status < 500 && res.type === 'application/json')
              expect(res.body.error.message).toEqual(expect.any(String));
          }
        }),
      );
      expect(statuses).toHaveLength(500);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    });
  });
});

describe('2. public rate limit by route, not by path spelling (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('after a 429, /V1/payers and POST /V1/verifications do not reach a route (case-sensitive routing)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await request(stack.apiServer).get('/v1/payers')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await request(stack.apiServer).get('/V1/payers')).status).toBe(404);
    expect((await request(stack.apiServer).post('/V1/verifications').send({ payer: 'aetna', member: JANE })).status).toBe(404);
    expect((await request(stack.apiServer).post('/v1/Verifications').send({ payer: 'aetna', member: JANE })).status).toBe(404);
    expect((await request(stack.apiServer).post('/v1/verifications').send({ payer: 'aetna', member: JANE })).status).toBe(429);
    // A miscased path is no operation of the document, on purpose: taken out of the contract check here.
    expect(await stack.contract.problems()).toEqual(['POST /v1/Verifications → 404: the operation is not in the document']);
  });
});

describe('2. ?wait is capped per client and in total (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // No worker: verifications stay queued, so every ?wait lasts its full time. Low caps keep the test small.
    stack = await startStack({ WAIT_MAX_PER_CLIENT: '2', WAIT_MAX_TOTAL: '3', API_KEYS: `staff:${STAFF}` }, { inProcessWorker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers at once, without waiting, past the per-client cap and past the total', async () => {
    const started = Date.now();
    const publicCalls = await Promise.all(
      Array.from({ length: 3 }, () => request(stack.apiServer).post('/v1/verifications?wait=2').send({ payer: 'aetna', member: JANE })),
    );
    const skipped = publicCalls.filter((r) => r.headers['wait-skipped'] === 'client-limit');
    expect(publicCalls.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].body.status).toBe('queued');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);

    const mixed = await Promise.all([
      request(stack.apiServer).post('/v1/verifications?wait=2').send({ payer: 'aetna', member: JANE }),
      request(stack.apiServer).post('/v1/verifications?wait=2').send({ payer: 'aetna', member: JANE }),
      request(stack.apiServer).post('/v1/verifications?wait=2').set(auth(STAFF)).send({ payer: 'aetna', member: JANE }),
      new Promise<void>((resolve) => setTimeout(resolve, 300)).then(() =>
        request(stack.apiServer).post('/v1/verifications?wait=2').set(auth(STAFF)).send({ payer: 'aetna', member: JANE }),
      ),
    ]);
    expect(mixed[3].headers['wait-skipped']).toBe('total-limit');
  });
});

describe('11. credential guessing is limited per key prefix and per address, in Redis, across API processes (e2e)', () => {
  let stack: Stack;
  let second: Awaited<ReturnType<typeof createApiApp>>;
  let secondServer: Server;
  beforeAll(async () => {
    // One proxy hop in front, so the test can speak for several client addresses.
    stack = await startStack({ API_KEYS: `staff:${STAFF}`, TRUST_PROXY: '1' });
    second = await createApiApp(stack.config, stack.logs);
    await second.listen(0, '127.0.0.1');
    secondServer = second.getHttpServer() as Server;
  });
  afterAll(async () => {
    await second?.close();
    await stack?.stop();
  });

  const from = (server: Server, address: string, key: string) =>
    request(server).get('/v1/verifications').set('X-Forwarded-For', address).set(auth(key));

  it('guessing around one key stops after 10 failures, on every API process and from any address', async () => {
    for (let i = 0; i < 10; i += 1)
      expect((await from(i % 2 ? secondServer : stack.apiServer, `198.51.100.${i}`, `guessxyz-${i}-0000000000`)).status).toBe(401);
    const blocked = await from(secondServer, '198.51.100.77', 'guessxyz-another-000000');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // A staff member with another key, at another address, is not locked out.
    expect((await from(stack.apiServer, '198.51.100.200', STAFF)).status).toBe(200);
  });

  it('ten wrong keys from a shared NAT address do not lock the center’s staff out of sign-in', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await request(stack.apiServer)
        .post('/staff/session')
        .set('X-Forwarded-For', '203.0.113.9')
        .type('form')
        .send({ key: `typo${i}-wrong-key-000000` });
      expect(res.status).toBe(401);
    }
    const ok = await request(stack.apiServer)
      .post('/staff/session')
      .set('X-Forwarded-For', '203.0.113.9')
      .type('form')
      .send({ key: STAFF });
    expect(ok.status).toBe(303);
  });

  it('an address that keeps failing is stopped, Bearer or sign-in form', async () => {
    for (let i = 0; i < 100; i += 1) await from(stack.apiServer, '192.0.2.55', `${i}-spray-key-0000000000`);
    expect((await from(secondServer, '192.0.2.55', STAFF)).status).toBe(429);
    expect(
      (await request(stack.apiServer).post('/staff/session').set('X-Forwarded-For', '192.0.2.55').type('form').send({ key: STAFF })).status,
    ).toBe(429);
    expect((await from(secondServer, '192.0.2.56', STAFF)).status).toBe(200);
  });

  it('the session cookie is Secure when the trusted proxy says the request came over TLS', async () => {
    const res = await request(stack.apiServer)
      .post('/staff/session')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', '198.18.0.1')
      .type('form')
      .send({ key: STAFF });
    expect(setCookie(res)).toMatch(/; Secure/);
  });
});

describe('2/11. TRUST_PROXY names who may speak for the client (e2e)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // A proxy subnet that does not hold the test client (loopback): its forwarded headers count for nothing.
    stack = await startStack({ API_KEYS: `staff:${STAFF}`, TRUST_PROXY: '10.0.0.0/8', PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('ignores X-Forwarded-Proto and X-Forwarded-For from an untrusted hop', async () => {
    const res = await request(stack.apiServer).post('/staff/session').set('X-Forwarded-Proto', 'https').type('form').send({ key: STAFF });
    expect(res.status).toBe(303);
    expect(setCookie(res)).not.toMatch(/Secure/);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await request(stack.apiServer).get('/v1/payers').set('X-Forwarded-For', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
