export const SANDBOX_SETTINGS = Symbol('SANDBOX_SETTINGS');

export interface SandboxSettings {
  /** Added before every answer, to simulate payer latency in benchmarks. */
  responseDelayMs: number;
}
