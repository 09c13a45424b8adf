/** Port: sends one X12 270 to a clearinghouse and returns the X12 271 it answered. */
export abstract class EligibilityTransport {
  abstract readonly name: string;
  abstract send270(x12: string, context: TransportContext): Promise<string>;
}

export interface TransportContext {
  /** Correlates the exchange in logs and envelopes; never PHI. */
  verificationId: string;
  payerId: string;
}

export type TransportFailureKind =
  | 'timeout'
  | 'network'
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
