import { ConfigError } from './app-config';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('runs on defaults: local Redis, the sandbox clearinghouse, public role only', () => {
    const config = loadConfig({});
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'bvs' });
    expect(config.clearinghouse).toMatchObject({ transport: 'sandbox', url: 'http://127.0.0.1:3100/core/realtime', timeoutMs: 15_000 });
    expect(config.api.apiKeys).toEqual([]);
    expect(config.deadline.defaultHours).toBe(24);
    expect(config.records.usingDevelopmentKey).toBe(true);
    expect(config.rates.default).toEqual({ IOP: '450.00', PHP: '900.00', OP: '150.00' });
  });

  it('keeps API keys only as SHA-256 hashes with a non-secret label', () => {
    const config = loadConfig({ API_KEYS: 'staff:staff-key-0123456789abcdef,intake:intake-key-0123456789abc' });
    expect(config.api.apiKeys.map((k) => k.role)).toEqual(['staff', 'intake']);
    expect(config.api.apiKeys[0]?.label).toMatch(/^staff:[0-9a-f]{4}$/);
    expect(JSON.stringify(config)).not.toContain('staff-key-0123456789abcdef');
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

  it('refuses development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/RECORD_KEYS is required.*WEBHOOK_SECRET is required/s);
  });

  it('reads rotated record keys, payer ids and rate tables', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const config = loadConfig({
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
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example/' })).toThrow(/OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE go together/);
    expect(
      loadConfig({ OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'bvs', OIDC_JWKS_URL: 'https://idp.example/jwks' }).oidc,
    ).toMatchObject({ roleClaim: 'roles', staffRole: 'staff' });
  });

  it('reads the CORE X.509 client certificate paths, which go together and need https', () => {
    const env = { CLEARINGHOUSE_TRANSPORT: 'core-soap', CLEARINGHOUSE_URL: 'https://core.example.test/soap' };
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
