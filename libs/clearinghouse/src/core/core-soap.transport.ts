import { type EligibilityReply, type EligibilityRequest, type EligibilityTransport, TransportError } from '../transport';
import { malformedResponse, statusFailure } from '../http/http-failure';
import { sendText } from '../http/send';
import { realTimeRequest } from './core-envelope';
import { coreReplyPayload } from './core-reply';
import { SOAP_CONTENT_TYPE, type SoapFault, type SoapMessage, coreSoapEnvelope, readCoreSoap } from './core-soap-envelope';

export interface CoreSoapOptions {
  url: string;
  senderId: string;
  receiverId: string;
  timeoutMs: number;
  /** WS-Security UsernameToken credentials (from the environment only). */
  username: string;
  password: string;
}

/** CAQH CORE Phase II real-time connectivity over SOAP 1.2 with WS-Security (rule vC2.2.0). */
export class CoreSoapTransport implements EligibilityTransport {
  readonly name = 'core-soap';

  constructor(private readonly options: CoreSoapOptions) {}

  async check({ x12, signal }: EligibilityRequest): Promise<EligibilityReply> {
    const { url, senderId, receiverId, timeoutMs, username, password } = this.options;
    const body = coreSoapEnvelope('COREEnvelopeRealTimeRequest', realTimeRequest(x12, senderId, receiverId), { username, password });
    const response = await sendText({
      method: 'POST',
      url,
      data: body,
      timeout: timeoutMs,
      signal,
      headers: { 'Content-Type': SOAP_CONTENT_TYPE, Accept: 'application/soap+xml, text/xml' },
    });
    // Rate limits and refused credentials mean the same with or without a fault body.
    if (response.status === 429 || response.status === 401 || response.status === 403) {
      throw statusFailure(response.status, response.headers) ?? new Error(`unexpected HTTP ${response.status}`);
    }
    let message: SoapMessage | undefined;
    try {
      message = readCoreSoap(response.data);
    } catch {
      message = undefined;
    }
    if (message?.kind === 'fault') throw faultFailure(message.fault, response.status);
    const failure = statusFailure(response.status, response.headers);
    if (failure) throw failure;
    if (!message) throw malformedResponse('answered a body that is not a CORE SOAP envelope');
    if (message.element !== 'COREEnvelopeRealTimeResponse')
      throw malformedResponse('answered a CORE envelope other than a real-time response');
    return coreReplyPayload(message.envelope);
  }
}

/** SOAP faults: Receiver/Server is the far side failing (retry), Sender/Client is our request. */
export function faultFailure(fault: SoapFault, status: number): TransportError {
  const label = `CORE SOAP fault ${safe(fault.code)}${fault.subcode ? `/${safe(fault.subcode)}` : ''} (HTTP ${status})`;
  if (/FailedAuthentication|InvalidSecurity|FailedCheck/i.test(fault.subcode ?? ''))
    return new TransportError('unauthorized', label, false);
  if (/^(Receiver|Server)$/i.test(fault.code)) return new TransportError('server_error', label, true);
  if (/^(Sender|Client)$/i.test(fault.code)) return new TransportError('client_error', label, false);
  // VersionMismatch, MustUnderstand, DataEncodingUnknown: our envelope is not what they take.
  return new TransportError('client_error', label, false);
}

function safe(token: string): string {
  return /^[\w.-]{1,64}$/.test(token) ? token : '(unrecognised)';
}
