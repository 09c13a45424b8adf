import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { type AppConfig, type ApiKeyConfig, ConfigError, type TransportKind } from './app-config';
import { parseCenter } from './center-config';

type Env = Record<string, string | undefined>;

/** A variable's trimmed value, or undefined when it is unset or blank. */
const given = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/** Where each protocol lives on the sandbox clearinghouse (the default CLEARINGHOUSE_URL). */
export const TRANSPORT_PATHS: Record<string, string> = {
  sandbox: '/core/realtime',
  'core-mime': '/core/realtime',
  'core-soap': '/core/soap',
  json: '/eligibility/v3',
  availity: '/availity/v1/coverages',
};

export interface LoadConfigOptions {
  /**
   * The API and the worker store PHI and sign webhooks: they need record keys, a webhook secret
   * and a clearinghouse of their own (fail closed). The sandbox and the CLI store nothing and
   * pass false; they get throwaway keys.
   */
  storesRecords?: boolean;
}

/** Reads and validates the environment; every problem is reported at once. */
export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): AppConfig {
  const problems: string[] = [];
  const storesRecords = options.storesRecords ?? true;
  const developmentMode = parseDevelopmentMode(env, problems);
  // Outside development mode, a missing secret is a refusal to start, never a fallback.
  const failClosed = storesRecords && !developmentMode;
  const bootWarnings: string[] = [];
  const str = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? fallback : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  // --- Redis Cluster (benchmarks, issue 9): REDIS_CLUSTER_NODES=host:port,... (or a
  // redis-cluster:// / rediss-cluster:// REDIS_URL) selects a cluster; the nodes are carried in
  // config.redis.url as redis-cluster://[user:password@]host:port,host:port. ---
  const clusterNodes = env.REDIS_CLUSTER_NODES?.trim();
  let redisUrl = str('REDIS_URL', 'redis://127.0.0.1:6379');
  if (clusterNodes) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d+(,[A-Za-z0-9.\-[\]:]+:\d+)*$/.test(clusterNodes))
      problems.push('REDIS_CLUSTER_NODES must look like host:port,host:port');
    // Credentials and TLS (rediss://) come from REDIS_URL when it is set.
    const auth = /^rediss?:\/\/([^@/]*@)/.exec(redisUrl)?.[1] ?? '';
    redisUrl = `${redisUrl.startsWith('rediss') ? 'rediss' : 'redis'}-cluster://${auth}${clusterNodes}`;
  }
  if (!/^rediss?(-cluster)?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis://, rediss://, redis-cluster:// or rediss-cluster://');
  // --- end Redis Cluster ---
  const prefix = str('REDIS_PREFIX', 'bvs');
  if (!/^[A-Za-z0-9_{}-]+$/.test(prefix)) problems.push('REDIS_PREFIX may hold letters, digits, _ - { } only');

  const transport = str('CLEARINGHOUSE_TRANSPORT', 'sandbox') as TransportKind;
  if (!TRANSPORT_PATHS[transport]) {
    problems.push(`CLEARINGHOUSE_TRANSPORT must be one of: ${Object.keys(TRANSPORT_PATHS).join(', ')}`);
  }
  const sandboxPort = int('SANDBOX_PORT', 3100, 0, 65535);
  const sandboxHost = str('SANDBOX_HOST', '127.0.0.1');
  const sandboxBase = `http://${sandboxHost === '0.0.0.0' ? '127.0.0.1' : sandboxHost}:${sandboxPort}`;
  if (failClosed && !env.CLEARINGHOUSE_URL?.trim()) {
    // Otherwise 270s (PHI) would go to a local sandbox with sandbox credentials.
    problems.push('CLEARINGHOUSE_URL is required (or BVS_DEV_MODE=true to use the local sandbox clearinghouse)');
  }
  const clearinghouseUrl = str('CLEARINGHOUSE_URL', `${sandboxBase}${TRANSPORT_PATHS[transport] ?? ''}`);
  // The sandbox accepts any credentials but wants some: give it sandbox ones when it is the
  // target (no CLEARINGHOUSE_URL, or CLEARINGHOUSE_TRANSPORT=sandbox), so `npm start` needs no setup.
  const sandboxTarget = transport === 'sandbox' || !env.CLEARINGHOUSE_URL?.trim() || env.CLEARINGHOUSE_SANDBOX_CREDENTIALS === 'true';
  const sandboxDefault = (value: string | undefined, fallback: string): string | undefined =>
    given(value) ?? (sandboxTarget ? fallback : undefined);
  const tokenUrl = sandboxDefault(env.CLEARINGHOUSE_TOKEN_URL, `${new URL(clearinghouseUrl).origin}/availity/v1/token`);
  const clientId = sandboxDefault(env.CLEARINGHOUSE_CLIENT_ID, 'sandbox-client');
  const clientSecret = sandboxDefault(env.CLEARINGHOUSE_CLIENT_SECRET, 'sandbox-secret');
  if ((tokenUrl || clientId || clientSecret) && !(tokenUrl && clientId && clientSecret)) {
    problems.push('CLEARINGHOUSE_TOKEN_URL, CLEARINGHOUSE_CLIENT_ID and CLEARINGHOUSE_CLIENT_SECRET go together');
  }
  if (!/^https?:\/\//.test(clearinghouseUrl)) problems.push('CLEARINGHOUSE_URL must be an http(s) URL');
  // CORE X.509 client-certificate authentication: PEM paths, read by the transport at boot.
  const certPath = env.CLEARINGHOUSE_CLIENT_CERT?.trim();
  const keyPath = env.CLEARINGHOUSE_CLIENT_KEY?.trim();
  const caPath = env.CLEARINGHOUSE_CA?.trim();
  if (!!certPath !== !!keyPath) problems.push('CLEARINGHOUSE_CLIENT_CERT and CLEARINGHOUSE_CLIENT_KEY go together');
  if (certPath && !clearinghouseUrl.startsWith('https://')) problems.push('CLEARINGHOUSE_CLIENT_CERT needs an https CLEARINGHOUSE_URL');
  const clientCertificate =
    certPath && keyPath
      ? {
          certPath,
          keyPath,
          ...(caPath ? { caPath } : {}),
          ...(env.CLEARINGHOUSE_CLIENT_KEY_PASSPHRASE ? { passphrase: env.CLEARINGHOUSE_CLIENT_KEY_PASSPHRASE } : {}),
        }
      : undefined;

  const timeoutMs = int('PAYER_TIMEOUT_MS', 15_000, 100, 120_000);
  const lockDurationMs = int('JOB_LOCK_MS', 60_000, 5_000, 600_000);
  if (timeoutMs * 2 > lockDurationMs) {
    problems.push('PAYER_TIMEOUT_MS must be at most half of JOB_LOCK_MS so a slow payer never stalls a job');
  }

  const npi = str('PROVIDER_NPI', '1234567893');
  if (!/^\d{10}$/.test(npi)) problems.push('PROVIDER_NPI must be 10 digits');
  const traceOriginatorId = str('PROVIDER_TRACE_ID', '1999999999');
  if (!/^[A-Z0-9]{10}$/.test(traceOriginatorId)) problems.push('PROVIDER_TRACE_ID must be 10 characters ("1" + EIN)');

  const apiKeys = parseApiKeys(env.API_KEYS, problems);
  const oidc = parseOidc(env, problems);
  const records = parseRecordKeys(env, problems, failClosed);
  const secret = webhookSecret(env, problems, failClosed);
  if (developmentMode) {
    bootWarnings.push(
      'DEVELOPMENT MODE (BVS_DEV_MODE=true): not for real patients; http callbacks and the local sandbox clearinghouse are allowed',
    );
    if (records.usingEphemeralKeys)
      bootWarnings.push(
        'RECORD_KEYS not set: records are encrypted with a random key made at this boot; they are unreadable after a restart and by any other process',
      );
    if (secret.ephemeral) bootWarnings.push('WEBHOOK_SECRET not set: webhooks are signed with a random secret made at this boot');
  }
  const retentionDays = int('RETENTION_DAYS', 30, 1, 3650);

  const config: AppConfig = {
    redis: { url: redisUrl, prefix },
    developmentMode,
    bootWarnings,
    api: {
      port: int('PORT', 3000, 0, 65535),
      host: str('HOST', '0.0.0.0'),
      apiKeys,
      maxWaitSeconds: 25,
      trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
      maxWaitsPerClient: int('WAIT_MAX_PER_CLIENT', 20, 0, 10_000),
      maxWaitsTotal: int('WAIT_MAX_TOTAL', 500, 0, 100_000),
    },
    audit: { logFile: str('AUDIT_LOG_FILE', 'stdout') },
    worker: {
      concurrency: int('WORKER_CONCURRENCY', 20, 1, 2000),
      healthPort: env.WORKER_HEALTH_PORT ? int('WORKER_HEALTH_PORT', 0, 1, 65535) : null,
      clearinghouseRatePerSecond: int('CLEARINGHOUSE_RATE_PER_SECOND', 0, 0, 10_000),
    },
    sandbox: { port: sandboxPort, host: sandboxHost, responseDelayMs: int('SANDBOX_DELAY_MS', 0, 0, 120_000) },
    clearinghouse: {
      transport,
      url: clearinghouseUrl,
      senderId: str('CLEARINGHOUSE_SENDER_ID', 'SUNRISEBHC'),
      receiverId: str('CLEARINGHOUSE_RECEIVER_ID', 'SANDBOXCH'),
      timeoutMs,
      username: sandboxDefault(env.CLEARINGHOUSE_USERNAME, 'sandbox'),
      password: given(env.CLEARINGHOUSE_PASSWORD) === undefined ? (sandboxTarget ? 'sandbox' : undefined) : env.CLEARINGHOUSE_PASSWORD,
      ...(clientCertificate ? { clientCertificate } : {}),
      apiKey: sandboxDefault(env.CLEARINGHOUSE_API_KEY, 'sandbox-api-key'),
      oauth:
        (transport === 'availity' || env.CLEARINGHOUSE_CLIENT_ID?.trim()) && tokenUrl && clientId && clientSecret
          ? { tokenUrl, clientId, clientSecret, scope: given(env.CLEARINGHOUSE_SCOPE) }
          : undefined,
      pollIntervalMs: int('CLEARINGHOUSE_POLL_MS', 1_000, 10, 60_000),
      pollTimeoutMs: int('CLEARINGHOUSE_POLL_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    provider: {
      npi,
      organizationName: str('PROVIDER_NAME', 'SUNRISE BEHAVIORAL HEALTH CENTER'),
      traceOriginatorId,
    },
    jobs: {
      attempts: int('JOB_ATTEMPTS', 5, 1, 50),
      backoffDelayMs: int('JOB_BACKOFF_MS', 2_000, 10, 3_600_000),
      lockDurationMs,
    },
    deadline: { defaultHours: int('DEFAULT_DEADLINE_HOURS', 24, 1, 48) },
    recheck: { hoursBeforeStart: int('RECHECK_HOURS_BEFORE_START', 24, 1, 168) },
    records: { ...records, retentionSeconds: retentionDays * 86_400 },
    payerIds: payerIdOverrides(env, problems),
    rates: parseRates(env, problems),
    center: parseCenter(env, problems),
    oidc,
    webhooks: {
      secret: secret.value,
      secretsByOwner: parseIntakeWebhookSecrets(env.INTAKE_WEBHOOK_SECRETS, apiKeys, problems),
      allowHttp: developmentMode || str('CALLBACK_ALLOW_HTTP', 'false') === 'true',
      allowedHosts: str('CALLBACK_ALLOWED_HOSTS', '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
      allowPrivateAddresses: str('CALLBACK_ALLOW_PRIVATE_ADDRESSES', 'false') === 'true',
      attempts: int('WEBHOOK_ATTEMPTS', 8, 1, 50),
      backoffDelayMs: int('WEBHOOK_BACKOFF_MS', 5_000, 10, 3_600_000),
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    },
    window: {
      escalateBeforeMs: int('ESCALATE_BEFORE_MINUTES', 240, 0, 2_880) * 60_000,
      sweepIntervalMs: int('SWEEP_INTERVAL_SECONDS', 60, 1, 3_600) * 1_000,
      retryMinIntervalMs: int('RETRY_MIN_INTERVAL_MS', 90_000, 0, 3_600_000),
      reuseWindowMs: int('REUSE_WINDOW_HOURS', 24, 0, 168) * 3_600_000,
      idempotencyTtlSeconds: 24 * 3_600,
    },
    circuitBreaker: {
      failureThreshold: int('CIRCUIT_FAILURE_THRESHOLD', 5, 1, 1_000),
      openMs: int('CIRCUIT_OPEN_SECONDS', 120, 1, 86_400) * 1_000,
    },
    publicRateLimitPerMinute: int('PUBLIC_RATE_LIMIT_PER_MINUTE', 20, 1, 100_000),
    formOrigin: given(env.FORM_ORIGIN) ?? null,
    publicDetailedView: str('PUBLIC_DETAILED_VIEW', 'false') === 'true',
    logLevel: str('LOG_LEVEL', 'info'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const CREDENTIAL_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/**
 * API_KEYS=staff:<key>,intake/<name>:<key>,… A credential's owner label is `<role>/<name>` when it
 * is named, else the role and the full SHA-256 of the key (domain-separated from the verifier
 * hash): a label decides which records an intake caller may read, so it must never collide.
 */
function parseApiKeys(raw: string | undefined, problems: string[]): ApiKeyConfig[] {
  if (!raw || raw.trim() === '') return [];
  const keys: ApiKeyConfig[] = [];
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const [role, name] = entry.slice(0, Math.max(separator, 0)).split('/') as [string, string | undefined];
    const key = entry.slice(separator + 1);
    if (separator < 1 || (role !== 'staff' && role !== 'intake')) {
      problems.push('API_KEYS entries must look like staff:<key>, intake:<key> or intake/<name>:<key>');
      continue;
    }
    if (name !== undefined && !CREDENTIAL_NAME.test(name)) {
      problems.push('API_KEYS: a credential name must be 1-40 lower-case letters, digits, _ or -');
      continue;
    }
    if (key.length < 16) {
      problems.push(`API_KEYS: a ${role} key must be at least 16 characters`);
      continue;
    }
    const sha256 = createHash('sha256').update(key).digest();
    const id = createHash('sha256').update('bvs-credential-id\0').update(key).digest('hex');
    keys.push({ role, sha256, name: name ?? null, label: name ? `${role}/${name}` : `${role}:${id}` });
  }
  // Refuse configurations where two credentials could pass for each other.
  const seenKeys = new Set<string>();
  const seenLabels = new Set<string>();
  for (const key of keys) {
    const hex = key.sha256.toString('hex');
    if (seenKeys.has(hex)) problems.push(`API_KEYS: the same key is configured twice (${key.label})`);
    else if (seenLabels.has(key.label)) problems.push(`API_KEYS: two credentials share the name ${key.label}`);
    seenKeys.add(hex);
    seenLabels.add(key.label);
  }
  return keys;
}

/** BVS_DEV_MODE=true: the only way to run without configured secrets (never with NODE_ENV=production). */
function parseDevelopmentMode(env: Env, problems: string[]): boolean {
  const raw = env.BVS_DEV_MODE?.trim() ?? '';
  if (raw !== '' && raw !== 'true' && raw !== 'false') problems.push('BVS_DEV_MODE must be true or false');
  const on = raw === 'true';
  if (on && env.NODE_ENV?.trim().toLowerCase() === 'production') problems.push('BVS_DEV_MODE=true cannot be used with NODE_ENV=production');
  return on;
}

/**
 * TRUST_PROXY: how many proxies stand in front of the API (a hop count), or the addresses and
 * subnets of trusted proxies (comma-separated; also loopback, linklocal, uniquelocal). It decides
 * the client address (rate and sign-in limits) and whether a request came over TLS (Secure cookie).
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '') return ['loopback'];
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) problems.push('TRUST_PROXY hop count must be 0 to 10');
    return hops;
  }
  const entries = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!named && (family === 0 || !validBits)) {
      problems.push('TRUST_PROXY must be a hop count, or comma-separated addresses/subnets (CIDR), loopback, linklocal, uniquelocal');
      break;
    }
  }
  return entries;
}

function parseRecordKeys(
  env: Env,
  problems: string[],
  failClosed: boolean,
): { keys: Map<string, Buffer>; currentKeyId: string; usingEphemeralKeys: boolean } {
  const raw = env.RECORD_KEYS?.trim();
  if (!raw) {
    if (failClosed) problems.push('RECORD_KEYS is required (or BVS_DEV_MODE=true for a random key that lasts one boot)');
    // No key ships in the code: a random one, good for this process only.
    return { keys: new Map([['ephemeral', randomBytes(32)]]), currentKeyId: 'ephemeral', usingEphemeralKeys: true };
  }
  const keys = new Map<string, Buffer>();
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
      problems.push('RECORD_KEYS entries must look like <key id>:<32 bytes in base64>');
      continue;
    }
    keys.set(id, key);
  }
  const currentKeyId = given(env.RECORD_KEY_ID) ?? [...keys.keys()].pop() ?? '';
  if (!keys.has(currentKeyId)) problems.push('RECORD_KEY_ID must name one of the RECORD_KEYS');
  return { keys, currentKeyId, usingEphemeralKeys: false };
}

function payerIdOverrides(env: Env, problems: string[]): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^PAYER_ID_([A-Z0-9]+)$/.exec(name);
    if (!match || value === undefined) continue;
    if (!/^[A-Za-z0-9]{2,80}$/.test(value)) problems.push(`${name} must be 2-80 letters or digits`);
    else ids[match[1].toLowerCase()] = value;
  }
  return ids;
}

// Allowed amounts per session a typical contract pays; the center should set its own.
const DEFAULT_RATES: Record<string, string> = { IOP: '450.00', PHP: '900.00', OP: '150.00' };

/** ALLOWED_RATES=IOP:450.00,PHP:900.00,OP:150.00 and ALLOWED_RATES_<PAYER>=... per payer key. */
function parseRates(env: Env, problems: string[]): AppConfig['rates'] {
  const parse = (name: string, raw: string): Record<string, string> => {
    const table: Record<string, string> = {};
    for (const entry of raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [level, amount] = entry.split(':');
      if (!level || !['IOP', 'PHP', 'OP'].includes(level) || !amount || !/^\d{1,7}(\.\d{1,2})?$/.test(amount)) {
        problems.push(`${name} entries must look like IOP:450.00`);
        continue;
      }
      table[level] = Number(amount).toFixed(2);
    }
    return table;
  };
  const rates: AppConfig['rates'] = { default: { ...DEFAULT_RATES }, byPayer: {} };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (name === 'ALLOWED_RATES') Object.assign(rates.default, parse(name, value));
    const match = /^ALLOWED_RATES_([A-Z0-9]+)$/.exec(name);
    if (match) rates.byPayer[match[1].toLowerCase()] = parse(name, value);
  }
  return rates;
}

function webhookSecret(env: Env, problems: string[], failClosed: boolean): { value: string; ephemeral: boolean } {
  const secret = env.WEBHOOK_SECRET?.trim();
  if (secret) {
    if (secret.length < 32) problems.push('WEBHOOK_SECRET must be at least 32 characters');
    return { value: secret, ephemeral: false };
  }
  if (failClosed) problems.push('WEBHOOK_SECRET is required (or BVS_DEV_MODE=true for a random secret that lasts one boot)');
  return { value: randomBytes(32).toString('base64url'), ephemeral: true };
}

/**
 * INTAKE_WEBHOOK_SECRETS=<credential name>:<secret>,…: a webhook secret per named intake
 * credential, so one partner cannot sign events another partner would accept. Others use WEBHOOK_SECRET.
 */
function parseIntakeWebhookSecrets(raw: string | undefined, apiKeys: ApiKeyConfig[], problems: string[]): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const entry of (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const name = entry.slice(0, Math.max(separator, 0));
    const secret = entry.slice(separator + 1);
    // The worker signs webhooks without knowing the API keys; where API_KEYS is set, the name must be in it.
    const known = apiKeys.length === 0 || apiKeys.some((key) => key.role === 'intake' && key.name === name);
    if (separator < 1 || !CREDENTIAL_NAME.test(name) || !known) {
      problems.push('INTAKE_WEBHOOK_SECRETS entries must look like <intake credential name from API_KEYS>:<secret>');
      continue;
    }
    if (secret.length < 32) {
      problems.push(`INTAKE_WEBHOOK_SECRETS: the secret for ${name} must be at least 32 characters`);
      continue;
    }
    secrets.set(`intake/${name}`, secret);
  }
  return secrets;
}

/** OIDC_JWKS_URL + OIDC_ISSUER + OIDC_AUDIENCE turn on staff tokens; the role claim names staff. */
function parseOidc(env: Env, problems: string[]): AppConfig['oidc'] {
  const jwksUrl = env.OIDC_JWKS_URL?.trim();
  const issuer = env.OIDC_ISSUER?.trim();
  const audience = env.OIDC_AUDIENCE?.trim();
  if (!jwksUrl && !issuer && !audience) return null;
  if (!jwksUrl || !issuer || !audience) {
    problems.push('OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE go together');
    return null;
  }
  if (!/^https?:\/\//.test(jwksUrl)) problems.push('OIDC_JWKS_URL must be an http(s) URL');
  return {
    jwksUrl,
    issuer,
    audience,
    roleClaim: given(env.OIDC_ROLE_CLAIM) ?? 'roles',
    staffRole: given(env.OIDC_STAFF_ROLE) ?? 'staff',
    nameClaim: given(env.OIDC_NAME_CLAIM) ?? 'sub',
  };
}
