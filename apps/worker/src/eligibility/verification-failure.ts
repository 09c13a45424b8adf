import { TransportError } from '@bvs/clearinghouse';
import { PayerResolutionError } from '@bvs/payers';
import { X12Error } from '@bvs/x12';

/** A payer answer that says "ask again later" (AAA 42, 80, 04). */
export class PayerUnavailableError extends Error {
  /** AAA reason codes that mean "the payer could not answer now; ask again" (docs/lifecycle.md). */
  static readonly CODES: ReadonlySet<string> = new Set(['42', '80', '04']);

  constructor(public readonly reasonCode: string) {
    super(`payer unable to respond (AAA ${reasonCode})`);
    this.name = 'PayerUnavailableError';
  }
}

export interface FailureDescription {
  /** Safe for logs and the record: never PHI, never payload text. */
  message: string;
  retryable: boolean;
  /** A metric label. */
  kind: string;
}

export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof TransportError) return { message: error.message, retryable: error.retryable, kind: error.kind };
  if (error instanceof PayerUnavailableError) return { message: error.message, retryable: true, kind: 'payer_unavailable' };
  if (error instanceof X12Error)
    return { message: `payer response could not be read (${error.code})`, retryable: true, kind: 'unreadable_response' };
  if (error instanceof PayerResolutionError) return { message: error.message, retryable: false, kind: 'routing' };
  return { message: 'internal error while verifying', retryable: true, kind: 'internal' };
}
