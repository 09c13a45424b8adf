import { CORE_RULE_VERSION, type CoreEnvelope, PAYLOAD_TYPE_270, PAYLOAD_TYPE_271, coreTimestamp } from '@bvs/clearinghouse';
import { InquiryError, type SandboxInquiry, readInquiry } from './read-inquiry';

// The checks a CORE receiver makes on a real-time request envelope, shared by the MIME and
// SOAP endpoints so both answer envelope problems with the same ErrorCodes.

/**
 * ErrorCode values the sandbox answers with. Success, PayloadTypeIncorrect and VersionMismatch
 * are the rule's own; the Receiver.* ones follow its "<who>.<what>" style for conditions it
 * leaves to the implementer (the client reads Unavailable / Timeout as retryable).
 */
export const CORE_ERRORS = {
  unauthorized: 'UnAuthorized',
  unavailable: 'Receiver.Unavailable',
  timeout: 'Receiver.Timeout',
  badRequest: 'Receiver.BadRequest',
} as const;

export type CoreRequestCheck = { ok: true; inquiry: SandboxInquiry; senderId: string } | { ok: false; error: Partial<CoreEnvelope> };

export function checkRealTimeRequest(body: Partial<CoreEnvelope>): CoreRequestCheck {
  if (body.PayloadType !== PAYLOAD_TYPE_270 || body.ProcessingMode !== 'RealTime') {
    return { ok: false, error: { ErrorCode: 'PayloadTypeIncorrect', ErrorMessage: `expected ${PAYLOAD_TYPE_270} in RealTime mode` } };
  }
  if (body.CORERuleVersion !== CORE_RULE_VERSION) {
    return { ok: false, error: { ErrorCode: 'VersionMismatch', ErrorMessage: `CORERuleVersion must be ${CORE_RULE_VERSION}` } };
  }
  if (!body.PayloadID || !body.SenderID || !body.ReceiverID || !body.TimeStamp || !body.Payload) {
    return {
      ok: false,
      error: { ErrorCode: 'Receiver.MissingField', ErrorMessage: 'PayloadID, TimeStamp, SenderID, ReceiverID and Payload are required' },
    };
  }
  try {
    return { ok: true, inquiry: readInquiry(body.Payload), senderId: body.SenderID };
  } catch (error) {
    const message = error instanceof InquiryError ? error.message : 'payload is not valid X12';
    return { ok: false, error: { ErrorCode: 'PayloadFormatError', ErrorMessage: message } };
  }
}

export function envelopeReply(request: Partial<CoreEnvelope>, fields: Partial<CoreEnvelope>): CoreEnvelope {
  return {
    PayloadType: PAYLOAD_TYPE_271,
    ProcessingMode: 'RealTime',
    PayloadID: request.PayloadID ?? '',
    TimeStamp: coreTimestamp(),
    SenderID: request.ReceiverID ?? 'SANDBOXCH',
    ReceiverID: request.SenderID ?? '',
    CORERuleVersion: CORE_RULE_VERSION,
    ...fields,
  };
}
