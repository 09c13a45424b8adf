import type { CenterConfig } from './center-config';
// The service's configuration, read once from the environment at boot into a typed object.
// Nothing else in the project reads process.env.

export type TransportKind = 'sandbox' | 'core-mime' | 'core-soap' | 'json' | 'availity';
export type Role = 'public' | 'intake' | 'staff';

export interface ApiKeyConfig {
  role: Exclude<Role, 'public'>;
  /** sha256 of the key; keys themselves are never kept in memory after boot. */
  sha256: Buffer;
  /** A short, non-secret label for audit lines: role and the first 4 hex of the hash. */
  label: string;
}

export interface AppConfig {
  redis: { url: string; prefix: string };
  api: { port: number; host: string; apiKeys: ApiKeyConfig[]; maxWaitSeconds: number };
  /** Staff sign-in by OIDC bearer tokens (JWT) verified against the identity provider's JWKS. */
  oidc: { jwksUrl: string; issuer: string; audience: string; roleClaim: string; staffRole: string } | null;
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
    /** CORE: HTTP basic (MIME) or WS-Security username token (SOAP). */
    username?: string;
    password?: string;
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
    /** True when no key was configured and the built-in development key is in use. */
    usingDevelopmentKey: boolean;
  };
  webhooks: {
    secret: string;
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
  /** Show the public caller more than the minimum patient view (DESIGN.md §6). */
  publicDetailedView: boolean;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
