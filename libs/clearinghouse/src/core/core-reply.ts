import { type EligibilityReply, TransportError } from '../transport';
import { malformedResponse } from '../http/http-failure';
import { type CoreEnvelope, PAYLOAD_TYPE_271 } from './core-envelope';

/** The 271 inside a CORE real-time response envelope (MIME or SOAP), or the classified failure. */
export function coreReplyPayload(reply: Partial<CoreEnvelope>): EligibilityReply {
  if (reply.ErrorCode && reply.ErrorCode !== 'Success') {
    // CORE envelope errors: the receiver could not process the envelope or was unavailable.
    const retryable = /Unavailable|Timeout|Busy/i.test(reply.ErrorCode);
    throw new TransportError('envelope_error', `CORE envelope error ${safeErrorCode(reply.ErrorCode)}`, retryable);
  }
  if (reply.PayloadType !== PAYLOAD_TYPE_271 || !reply.Payload) {
    throw malformedResponse(
      `CORE reply carried ${reply.PayloadType ? safeErrorCode(reply.PayloadType) : 'no payload type'}${reply.Payload ? '' : ' and no payload'}`,
    );
  }
  return { format: 'x12', raw: reply.Payload };
}

// Error codes are tokens like "Receiver.Unavailable"; anything else is not echoed into logs.
function safeErrorCode(code: string): string {
  return /^[\w.-]{1,64}$/.test(code) ? code : '(unrecognised)';
}
