import { TransportError } from '@bvs/clearinghouse';
import { X12Error } from '@bvs/x12';

/** A payer answer that says "ask again later" (AAA 42, 80, 04). */
export class PayerUnavailableError extends Error {
  constructor(public readonly reasonCode: string) {
    super(`payer unable to respond (AAA ${reasonCode})`);
    this.name = 'PayerUnavailableError';
  }
}

export interface FailureDescription {
  /** Safe for logs and the record: never PHI, never payload text. */
  message: string;
  retryable: boolean;
}

export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof TransportError) return { message: error.message, retryable: error.retryable };
  if (error instanceof PayerUnavailableError) return { message: error.message, retryable: true };
  if (error instanceof X12Error) return { message: `payer response could not be read (${error.code})`, retryable: true };
  return { message: 'internal error while verifying', retryable: true };
}
