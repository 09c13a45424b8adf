/** Thrown to make BullMQ retry; carries the payer's Retry-After when it gave one. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    public readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

export const ELIGIBILITY_BACKOFF = 'eligibility';

/**
 * Exponential backoff with ±20% jitter, never sooner than `minIntervalMs` after the last try
 * (CAQH CORE: no resend within 90 s) and never sooner than a Retry-After the payer asked for.
 */
export function eligibilityBackoff(baseDelayMs: number, minIntervalMs: number, random: () => number = Math.random) {
  return (attemptsMade: number, _type?: string, error?: Error): number => {
    const exponential = baseDelayMs * 2 ** Math.max(0, attemptsMade - 1);
    const jittered = exponential * (0.8 + 0.4 * random());
    const retryAfter = error instanceof RetryLaterError ? (error.retryAfterMs ?? 0) : 0;
    return Math.round(Math.max(jittered, minIntervalMs, retryAfter));
  };
}
