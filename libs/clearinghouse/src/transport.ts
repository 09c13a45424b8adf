import type { EligibilityInquiry } from '@bvs/x12';

/** One eligibility inquiry, typed and as the X12 270 built from it (X12 transports send that). */
export interface EligibilityRequest {
  inquiry: EligibilityInquiry;
  x12: string;
  context: TransportContext;
  /** Aborts the HTTP call (a worker that is stopping hands the job back instead of waiting). */
  signal?: AbortSignal;
}

/** The payer's answer as received: X12 271 text or a JSON eligibility response body; `format` says which, so nothing re-detects it. */
export interface EligibilityReply {
  format: 'x12' | 'json';
  raw: string;
}

/** Port: asks a clearinghouse one eligibility question and returns its answer as received. */
export abstract class EligibilityTransport {
  abstract readonly name: string;
  abstract check(request: EligibilityRequest): Promise<EligibilityReply>;
}

export interface TransportContext {
  /** Correlates the exchange in logs and envelopes; never PHI. */
  verificationId: string;
  payerId: string;
}

export type TransportFailureKind =
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'server_error'
  | 'rate_limited'
  | 'unauthorized'
  | 'client_error'
  | 'envelope_error'
  | 'malformed_response';

/** A failure to get a 271, classified so the worker knows whether to retry. */
export class TransportError extends Error {
  constructor(
    public readonly kind: TransportFailureKind,
    message: string,
    public readonly retryable: boolean,
    public readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
