import { createHash } from 'node:crypto';
import { ConfigError } from './app-config';
import { loadConfig } from './load-config';

/** The secrets and clearinghouse a production service must be given (otherwise defaults). */
const PRODUCTION = {
  NODE_ENV: 'production',
  RECORD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  WEBHOOK_SECRET: 'webhook-secret-for-config-tests-0000000',
  CLEARINGHOUSE_URL: 'https://clearinghouse.example/core/realtime',
};

describe('loadConfig', () => {
  it('runs on defaults in development mode: local Redis, the sandbox clearinghouse, public role only', () => {
    // The development switch is what the defaults need: without it the same env refuses to start.
    const config = loadConfig({ BVS_DEV_MODE: 'true' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'bvs' });
    expect(config.clearinghouse).toMatchObject({ transport: 'sandbox', url: 'http://127.0.0.1:3100/core/realtime', timeoutMs: 15_000 });
    expect(config.api.apiKeys).toEqual([]);
    expect(config.deadline.defaultHours).toBe(24);
    expect(config.records.usingEphemeralKeys).toBe(true);
    expect(config.developmentMode).toBe(true);
    expect(config.bootWarnings.join('\n')).toMatch(/DEVELOPMENT MODE[\s\S]*RECORD_KEYS not set[\s\S]*WEBHOOK_SECRET not set/);
    expect(config.rates.default).toEqual({ IOP: '450.00', PHP: '900.00', OP: '150.00' });
  });

  it('keeps API keys only as SHA-256 hashes with a full-length, non-secret label', () => {
    const config = loadConfig({ ...PRODUCTION, API_KEYS: 'staff:staff-key-0123456789abcdef,intake/partner-a:intake-key-0123456789abc' });
    expect(config.api.apiKeys.map((k) => k.role)).toEqual(['staff', 'intake']);
    expect(config.api.apiKeys[0]?.label).toMatch(/^staff:[0-9a-f]{64}$/);
    expect(config.api.apiKeys[0]?.label).not.toContain(createHash('sha256').update('staff-key-0123456789abcdef').digest('hex'));
    expect(config.api.apiKeys[1]?.label).toBe('intake/partner-a');
    expect(JSON.stringify(config)).not.toContain('staff-key-0123456789abcdef');
  });

  it('gives keys whose hashes share a prefix distinct owners (the 16-bit label collided)', () => {
    // These two collided under the old role + 4 hex label and read each other's records.
    const config = loadConfig({ ...PRODUCTION, API_KEYS: 'intake:intake-partner-key-23,intake:intake-partner-key-114' });
    const [a, b] = config.api.apiKeys.map((k) => k.label);
    expect(a).not.toBe(b);
  });

  it('refuses colliding credentials: the same key twice, or two credentials with one name', () => {
    expect(() => loadConfig({ ...PRODUCTION, API_KEYS: 'staff:the-same-key-0123456789,intake:the-same-key-0123456789' })).toThrow(
      /the same key is configured twice/,
    );
    expect(() => loadConfig({ ...PRODUCTION, API_KEYS: 'intake/a:first-key-0123456789ab,intake/a:other-key-0123456789ab' })).toThrow(
      /two credentials share the name intake\/a/,
    );
  });

  it('takes a webhook secret per named intake credential and refuses one for an unknown credential', () => {
    const config = loadConfig({
      ...PRODUCTION,
      API_KEYS: 'intake/partner-a:intake-key-a-0123456789,intake/partner-b:intake-key-b-0123456789',
      INTAKE_WEBHOOK_SECRETS: `partner-a:${'a'.repeat(32)}`,
    });
    expect(config.webhooks.secretsByOwner.get('intake/partner-a')).toBe('a'.repeat(32));
    expect(config.webhooks.secretsByOwner.has('intake/partner-b')).toBe(false);
    expect(() =>
      loadConfig({
        ...PRODUCTION,
        API_KEYS: 'intake/partner-a:intake-key-a-0123456789',
        INTAKE_WEBHOOK_SECRETS: `nobody:${'a'.repeat(32)}`,
      }),
    ).toThrow(/INTAKE_WEBHOOK_SECRETS/);
    // The worker has no API keys and takes the names as given.
    expect(loadConfig({ ...PRODUCTION, INTAKE_WEBHOOK_SECRETS: `partner-a:${'a'.repeat(32)}` }).webhooks.secretsByOwner.size).toBe(1);
  });

  it('reads TRUST_PROXY as a hop count or subnets, loopback by default, and refuses anything else', () => {
    expect(loadConfig(PRODUCTION).api.trustProxy).toEqual(['loopback']);
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: '2' }).api.trustProxy).toBe(2);
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).api.trustProxy).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ ...PRODUCTION, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...PRODUCTION, TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
  });

  it('requires https callbacks unless development mode or CALLBACK_ALLOW_HTTP=true', () => {
    expect(loadConfig(PRODUCTION).webhooks.allowHttp).toBe(false);
    expect(loadConfig({ BVS_DEV_MODE: 'true' }).webhooks.allowHttp).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({
        REDIS_URL: 'http://nope',
        PORT: 'eighty',
        API_KEYS: 'admin:short',
        PAYER_TIMEOUT_MS: '40000',
        JOB_LOCK_MS: '60000',
        DEFAULT_DEADLINE_HOURS: '72',
      });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/REDIS_URL/);
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/API_KEYS/);
      expect(problems).toMatch(/PAYER_TIMEOUT_MS must be at most half of JOB_LOCK_MS/);
      expect(problems).toMatch(/DEFAULT_DEADLINE_HOURS/);
    }
  });

  it('fails closed: without record keys, webhook secret and clearinghouse it refuses to start, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['production', undefined, 'prod', 'Production', 'development']) {
      expect(() => loadConfig({ NODE_ENV })).toThrow(/CLEARINGHOUSE_URL is required.*RECORD_KEYS is required.*WEBHOOK_SECRET is required/s);
    }
    expect(() => loadConfig({ ...PRODUCTION, CLEARINGHOUSE_URL: undefined })).toThrow(/CLEARINGHOUSE_URL is required/);
    expect(loadConfig(PRODUCTION).developmentMode).toBe(false);
    expect(loadConfig(PRODUCTION).bootWarnings).toEqual([]);
  });

  it('ships no key: development mode makes random ones, never the same twice', () => {
    const a = loadConfig({ BVS_DEV_MODE: 'true' });
    const b = loadConfig({ BVS_DEV_MODE: 'true' });
    expect(a.records.keys.get('ephemeral')).not.toEqual(b.records.keys.get('ephemeral'));
    expect(a.webhooks.secret).not.toBe(b.webhooks.secret);
  });

  it('refuses development mode with NODE_ENV=production, and a switch that is neither true nor false', () => {
    expect(() => loadConfig({ ...PRODUCTION, BVS_DEV_MODE: 'true' })).toThrow(/BVS_DEV_MODE=true cannot be used with NODE_ENV=production/);
    expect(() => loadConfig({ ...PRODUCTION, BVS_DEV_MODE: 'yes' })).toThrow(/BVS_DEV_MODE must be true or false/);
  });

  it('lets the sandbox and the CLI run without secrets (they store no records)', () => {
    expect(loadConfig({}, { storesRecords: false }).sandbox.port).toBe(3100);
  });

  it('reads rotated record keys, payer ids and rate tables', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig({
      ...PRODUCTION,
      RECORD_KEYS: `k1:${k1},k2:${k2}`,
      RECORD_KEY_ID: 'k2',
      PAYER_ID_ANTHEM: '040',
      ALLOWED_RATES: 'IOP:500',
      ALLOWED_RATES_AETNA: 'PHP:1000.5',
    });
    expect([...config.records.keys.keys()]).toEqual(['k1', 'k2']);
    expect(config.records.currentKeyId).toBe('k2');
    expect(config.payerIds).toEqual({ anthem: '040' });
    expect(config.rates.default.IOP).toBe('500.00');
    expect(config.rates.byPayer.aetna).toEqual({ PHP: '1000.50' });
  });

  it('needs all three OIDC settings together', () => {
    expect(() => loadConfig({ ...PRODUCTION, OIDC_ISSUER: 'https://idp.example/' })).toThrow(
      /OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE go together/,
    );
    expect(
      loadConfig({ ...PRODUCTION, OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'bvs', OIDC_JWKS_URL: 'https://idp.example/jwks' })
        .oidc,
    ).toMatchObject({ roleClaim: 'roles', staffRole: 'staff', nameClaim: 'sub' });
  });

  it('reads the CORE X.509 client certificate paths, which go together and need https', () => {
    const env = { ...PRODUCTION, CLEARINGHOUSE_TRANSPORT: 'core-soap', CLEARINGHOUSE_URL: 'https://core.example.test/soap' };
    expect(
      loadConfig({
        ...env,
        CLEARINGHOUSE_CLIENT_CERT: '/etc/bvs/client.crt',
        CLEARINGHOUSE_CLIENT_KEY: '/etc/bvs/client.key',
        CLEARINGHOUSE_CA: '/etc/bvs/ca.pem',
      }).clearinghouse.clientCertificate,
    ).toEqual({
      certPath: '/etc/bvs/client.crt',
      keyPath: '/etc/bvs/client.key',
      caPath: '/etc/bvs/ca.pem',
    });
    expect(loadConfig(env).clearinghouse.clientCertificate).toBeUndefined();
    expect(() => loadConfig({ ...env, CLEARINGHOUSE_CLIENT_CERT: '/etc/bvs/client.crt' })).toThrow(
      /CLEARINGHOUSE_CLIENT_CERT and CLEARINGHOUSE_CLIENT_KEY go together/,
    );
    expect(() => loadConfig({ CLEARINGHOUSE_CLIENT_CERT: '/c', CLEARINGHOUSE_CLIENT_KEY: '/k' })).toThrow(
      /needs an https CLEARINGHOUSE_URL/,
    );
  });
});
