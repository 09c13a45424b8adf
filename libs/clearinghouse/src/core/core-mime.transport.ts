import axios, { AxiosError } from 'axios';
import { EligibilityReply, EligibilityRequest, EligibilityTransport, TransportError } from '../transport';
import { PAYLOAD_TYPE_271, fromMultipart, realTimeRequest, toFormData } from './core-envelope';

export interface CoreMimeOptions {
  url: string;
  senderId: string;
  receiverId: string;
  timeoutMs: number;
  /** HTTP basic credentials, when the clearinghouse uses them (from the environment only). */
  username?: string;
  password?: string;
}

/** CAQH CORE Phase II real-time connectivity over HTTP MIME multipart. */
export class CoreMimeTransport implements EligibilityTransport {
  readonly name = 'core-mime';

  constructor(private readonly options: CoreMimeOptions) {}

  async check({ x12 }: EligibilityRequest): Promise<EligibilityReply> {
    const envelope = realTimeRequest(x12, this.options.senderId, this.options.receiverId);
    let response;
    try {
      response = await axios.post<ArrayBuffer>(this.options.url, toFormData(envelope), {
        timeout: this.options.timeoutMs,
        responseType: 'arraybuffer',
        validateStatus: () => true,
        auth: this.options.username ? { username: this.options.username, password: this.options.password ?? '' } : undefined,
      });
    } catch (error) {
      throw classifyNetworkError(error);
    }
    const status = response.status;
    if (status === 429) {
      throw new TransportError('rate_limited', 'clearinghouse rate limit (HTTP 429)', true, retryAfterMs(response.headers['retry-after']));
    }
    if (status >= 500) throw new TransportError('server_error', `clearinghouse answered HTTP ${status}`, true);
    if (status === 401 || status === 403) throw new TransportError('unauthorized', `clearinghouse refused credentials (HTTP ${status})`, false);
    if (status >= 400) throw new TransportError('client_error', `clearinghouse rejected the request (HTTP ${status})`, false);

    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.startsWith('multipart/form-data')) {
      throw new TransportError('malformed_response', `clearinghouse answered ${contentType || 'no content type'}, not multipart/form-data`, true);
    }
    let reply;
    try {
      reply = await fromMultipart(Buffer.from(response.data), contentType);
    } catch {
      throw new TransportError('malformed_response', 'clearinghouse multipart body could not be read', true);
    }
    if (reply.ErrorCode && reply.ErrorCode !== 'Success') {
      // CORE envelope errors: the receiver could not process the envelope or was unavailable.
      const retryable = /Unavailable|Timeout|Busy/i.test(reply.ErrorCode);
      throw new TransportError('envelope_error', `CORE envelope error ${reply.ErrorCode}`, retryable);
    }
    if (reply.PayloadType !== PAYLOAD_TYPE_271 || !reply.Payload) {
      throw new TransportError('malformed_response', `CORE reply carried ${reply.PayloadType ?? 'no payload type'}`, true);
    }
    return { format: 'x12', raw: reply.Payload };
  }
}

function classifyNetworkError(error: unknown): TransportError {
  if (error instanceof AxiosError) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return new TransportError('timeout', 'clearinghouse did not answer within the timeout', true);
    }
    return new TransportError('network', `clearinghouse unreachable (${error.code ?? 'network error'})`, true);
  }
  return new TransportError('network', 'clearinghouse request failed', true);
}

function retryAfterMs(header: unknown): number | undefined {
  if (typeof header !== 'string') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
