import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@bvs/config';
import { RedisMetrics } from '@bvs/metrics';
import { verifyWebhookSignature } from '@bvs/queue';
import { RecordCipher, type VerificationRecord, VerificationStore } from '@bvs/store';
import { useTestRedis } from '../../../../libs/store/src/testing/test-redis';
import { DeliverWebhook } from './deliver-webhook';

// Real Redis for the record; the callback's DNS is an injected resolver, so no name here resolves for real.
describe('DeliverWebhook', () => {
  const testRedis = useTestRedis();
  const SHARED = 'shared-webhook-secret-0123456789abcdef';
  const PARTNER_A = 'partner-a-own-webhook-secret-0123456789';
  let server: Server;
  let port: number;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const setup = (env: Record<string, string>, resolved: string[]) => {
    const config = loadConfig({
      NODE_ENV: 'production',
      RECORD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      WEBHOOK_SECRET: SHARED,
      CLEARINGHOUSE_URL: 'https://clearinghouse.example/core',
      INTAKE_WEBHOOK_SECRETS: `partner-a:${PARTNER_A}`,
      ...env,
    });
    const store = new VerificationStore(testRedis.redis(), new RecordCipher(config.records.keys, config.records.currentKeyId), {
      prefix: testRedis.prefix,
      retentionSeconds: 3600,
    });
    const metrics = new RedisMetrics(testRedis.redis(), testRedis.prefix, 60_000);
    const deliver = new DeliverWebhook(store, metrics, config, () => Promise.resolve(resolved));
    return { store, deliver };
  };

  const record = (callbackUrl: string, owner: string): VerificationRecord => ({
    id: `vrf_${randomBytes(16).toString('hex')}`,
    status: 'completed',
    channel: 'intake',
    payer: { key: 'aetna', name: 'Aetna', payerId: '60054' },
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    completedAt: new Date().toISOString(),
    deadline: new Date().toISOString(),
    attempts: 1,
    lastError: null,
    owner,
    request: {
      payerInput: 'aetna',
      member: { id: 'W1', firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' },
      levelsOfCare: ['OP'],
      callbackUrl,
    },
    deliveries: [{ eventId: 'evt_1', type: 'verification.completed', status: 'pending', attempts: 0 }],
  });

  it('connects to the address it checked (no second DNS lookup), signed with the owner’s own secret', async () => {
    // The name exists only in the injected resolver: reaching the server proves the checked address was used.
    const { store, deliver } = setup(
      // A loopback receiver over http: private addresses and http are allowed for this case only.
      { CALLBACK_ALLOWED_HOSTS: `hooks.partner-a.invalid:${port}`, CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true', CALLBACK_ALLOW_HTTP: 'true' },
      ['127.0.0.1'],
    );
    const mine = record(`http://hooks.partner-a.invalid:${port}/hook`, 'intake/partner-a');
    await store.create(mine);
    await deliver.execute({ verificationId: mine.id, eventId: 'evt_1' }, 1, 3);
    const got = received.at(-1)!;
    expect(got.headers.host).toBe(`hooks.partner-a.invalid:${port}`);
    expect(verifyWebhookSignature(PARTNER_A, got.body, String(got.headers['webhook-signature']))).toBe(true);
    expect(verifyWebhookSignature(SHARED, got.body, String(got.headers['webhook-signature']))).toBe(false);
    expect((await store.get(mine.id))?.deliveries?.[0]).toMatchObject({ status: 'delivered', responseStatus: 204 });
  });

  it('signs with the shared secret for a credential without its own', async () => {
    const { store, deliver } = setup(
      // As above: a loopback receiver over http.
      { CALLBACK_ALLOWED_HOSTS: `hooks.other.invalid:${port}`, CALLBACK_ALLOW_PRIVATE_ADDRESSES: 'true', CALLBACK_ALLOW_HTTP: 'true' },
      ['127.0.0.1'],
    );
    const theirs = record(`http://hooks.other.invalid:${port}/hook`, `intake:${'0'.repeat(64)}`);
    await store.create(theirs);
    await deliver.execute({ verificationId: theirs.id, eventId: 'evt_1' }, 1, 3);
    expect(verifyWebhookSignature(SHARED, received.at(-1)!.body, String(received.at(-1)!.headers['webhook-signature']))).toBe(true);
  });

  it('refuses, at the default setting, a callback that resolves to an internal address, and shows it on the record', async () => {
    const { store, deliver } = setup({ CALLBACK_ALLOWED_HOSTS: 'hooks.partner-a.example' }, ['::ffff:169.254.169.254']);
    const before = received.length;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const target = record('https://hooks.partner-a.example/hook', 'intake/partner-a');
    await store.create(target);
    await deliver.execute({ verificationId: target.id, eventId: 'evt_1' }, 1, 3);
    expect(received.length).toBe(before);
    // Logged with ids and the reason only: no URL, no record content.
    expect(warn).toHaveBeenCalledWith(
      { verificationId: target.id, eventId: 'evt_1', reason: 'callback resolves to an internal address' },
      'webhook delivery refused',
    );
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/hooks\.partner-a|W1/);
    warn.mockRestore();
    expect((await store.get(target.id))?.deliveries?.[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'refused: callback resolves to an internal address',
    });
  });
});
