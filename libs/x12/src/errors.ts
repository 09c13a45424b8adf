// A closed set of error codes so callers can switch on them exhaustively; every error carries the
// 0-based segment index (within the file) and element position (1-based, 0 = segment id) when known.

export type X12ErrorCode =
  // lexing / envelope
  | 'EMPTY_INPUT'
  | 'MISSING_ISA'
  | 'TRUNCATED_ISA'
  | 'INVALID_ISA'
  | 'INVALID_DELIMITERS'
  | 'INVALID_SEGMENT_ID'
  | 'SEGMENT_OUTSIDE_TRANSACTION'
  | 'MISSING_SE'
  | 'MISSING_GE'
  | 'MISSING_IEA'
  | 'UNEXPECTED_TRAILER'
  | 'SEGMENT_COUNT_MISMATCH'
  | 'CONTROL_NUMBER_MISMATCH'
  | 'NO_TRANSACTIONS'
  // content
  | 'NOT_271'
  | 'NOT_270'
  | 'NOT_ELIGIBILITY_RESPONSE'
  | 'INVALID_JSON'
  | 'INVALID_DATE'
  | 'INVALID_CODE'
  | 'INVALID_HIERARCHY'
  // builder / writer input validation
  | 'MISSING_FIELD'
  | 'FIELD_TOO_LONG'
  | 'FIELD_TOO_SHORT'
  | 'INVALID_LENGTH'
  | 'INVALID_CHARACTER'
  | 'CONTROL_CHARACTER'
  | 'DELIMITER_IN_VALUE'
  | 'INVALID_NPI'
  | 'INVALID_CONTROL_NUMBER'
  | 'INVALID_SERVICE_TYPE';

export class X12Error extends Error {
  override readonly name = 'X12Error';

  constructor(
    readonly code: X12ErrorCode,
    message: string,
    readonly segmentIndex?: number,
    readonly elementPosition?: number,
    /** Builder/writer errors name the input field, e.g. "subscriber.lastName". */
    readonly field?: string,
  ) {
    super(
      `${code}: ${message}${segmentIndex === undefined ? '' : ` (segment ${segmentIndex}${elementPosition === undefined ? '' : `, element ${elementPosition}`})`}`,
    );
  }
}

export function isX12Error(e: unknown): e is X12Error {
  return e instanceof X12Error;
}
