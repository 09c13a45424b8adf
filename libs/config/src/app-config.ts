import type { CenterConfig } from './center-config';
// The service's configuration, read once from the environment at boot into a typed object.
// Nothing else in the project reads process.env.

export type TransportKind = 'sandbox' | 'core-mime' | 'core-soap' | 'json' | 'availity';
export type Role = 'public' | 'intake' | 'staff';

export interface ApiKeyConfig {
  role: Exclude<Role, 'public'>;
  /** sha256 of the key; keys themselves are never kept in memory after boot. */
  sha256: Buffer;
  /** The credential's name (API_KEYS=intake/<name>:<key>), or null. */
  name: string | null;
  /**
   * Non-secret owner and audit label: `<role>/<name>`, or the role and a full-length hash of the
   * key. Intake callers read only records with their label, so labels never collide.
   */
  label: string;
}

export interface AppConfig {
  /** BVS_DEV_MODE=true: ephemeral secrets, sandbox clearinghouse and http callbacks allowed. */
  developmentMode: boolean;
  /** Printed loudly at every boot (development mode, ephemeral keys). */
  bootWarnings: string[];
  redis: { url: string; prefix: string };
  api: {
    port: number;
    host: string;
    apiKeys: ApiKeyConfig[];
    maxWaitSeconds: number;
    /** Express `trust proxy`: a hop count or trusted addresses/subnets (TRUST_PROXY). */
    trustProxy: number | string[];
    /** Concurrent `?wait` requests per client and per API process; past them the answer comes at once. */
    maxWaitsPerClient: number;
    maxWaitsTotal: number;
  };
  /** Append-only JSON-lines audit output: a file path, or `stdout`. */
  audit: { logFile: string };
  /** Staff sign-in by OIDC bearer tokens (JWT) verified against the identity provider's JWKS. */
  oidc: {
    jwksUrl: string;
    issuer: string;
    audience: string;
    roleClaim: string;
    staffRole: string;
    /** The claim that names the person in the audit trail and on claims (`sub`, or e.g. `preferred_username`). */
    nameClaim: string;
  } | null;
  worker: {
    concurrency: number;
    healthPort: number | null;
    /** Inquiries per second across all workers (the clearinghouse connection's limit); 0 = none. */
    clearinghouseRatePerSecond: number;
  };
  sandbox: { port: number; host: string; responseDelayMs: number };
  clearinghouse: {
    transport: TransportKind;
    /** The transport's endpoint (for the sandbox: the sandbox's base URL + the protocol's path). */
    url: string;
    senderId: string;
    receiverId: string;
    timeoutMs: number;
    /** CORE username/password: UserName / Password form parts (MIME) or WS-Security UsernameToken (SOAP). */
    username?: string;
    password?: string;
    /** CORE X.509 client-certificate authentication over TLS (MIME and SOAP): PEM paths. */
    clientCertificate?: { certPath: string; keyPath: string; caPath?: string; passphrase?: string };
    /** JSON eligibility API key (sent as the Authorization header value). */
    apiKey?: string;
    /** OAuth2 client credentials (JSON API or Availity). */
    oauth?: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string };
    /** Asynchronous APIs (Availity): poll interval and the longest wait for a result. */
    pollIntervalMs: number;
    pollTimeoutMs: number;
  };
  provider: { npi: string; organizationName: string; traceOriginatorId: string };
  jobs: { attempts: number; backoffDelayMs: number; lockDurationMs: number };
  deadline: { defaultHours: number };
  /** Re-verification (docs/lifecycle.md): hours before the planned start, when the request names none. */
  recheck: { hoursBeforeStart: number };
  /** Payer id per directory key for the configured clearinghouse (PAYER_ID_<KEY>). */
  payerIds: Record<string, string>;
  /** Allowed amount per session by level of care, for cost estimates; per payer key overrides. */
  rates: { default: Record<string, string>; byPayer: Record<string, Record<string, string>> };
  /** The center's phone and its network status per payer (center-config.ts). */
  center: CenterConfig;
  records: {
    /** AES-256 keys by key id; the current one encrypts, all of them decrypt (rotation). */
    keys: Map<string, Buffer>;
    currentKeyId: string;
    retentionSeconds: number;
    /** True in development mode without RECORD_KEYS: a random key made at boot. */
    usingEphemeralKeys: boolean;
  };
  webhooks: {
    /** The shared signing secret (WEBHOOK_SECRET). */
    secret: string;
    /** Per intake credential (owner label → secret), from INTAKE_WEBHOOK_SECRETS. */
    secretsByOwner: Map<string, string>;
    /** Plain-http callbacks (development mode, or CALLBACK_ALLOW_HTTP=true). */
    allowHttp: boolean;
    /** `host` or `host:port` entries a callbackUrl may name. */
    allowedHosts: string[];
    /** Allow callbacks that resolve to loopback, private or link-local addresses (on-premise intake). */
    allowPrivateAddresses: boolean;
    attempts: number;
    backoffDelayMs: number;
    timeoutMs: number;
  };
  window: {
    /** Unsettled verifications go to staff review this long before their deadline. */
    escalateBeforeMs: number;
    sweepIntervalMs: number;
    /** CAQH CORE: never resend the same inquiry sooner than this after the last one. */
    retryMinIntervalMs: number;
    /** Reuse a completed result for the same payer, member id and date of birth within this window. */
    reuseWindowMs: number;
    idempotencyTtlSeconds: number;
  };
  circuitBreaker: { failureThreshold: number; openMs: number };
  /** Public (no key) requests per client IP per minute. */
  publicRateLimitPerMinute: number;
  /** Origin of the public form when it is served from another site (CORS); none by default. */
  formOrigin: string | null;
  /** Show the public caller more than the minimum patient view (SECURITY.md, docs/api.md). */
  publicDetailedView: boolean;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
