import { type EligibilityReply, type EligibilityRequest, type EligibilityTransport } from '../transport';
import { header, malformedResponse, statusFailure } from '../http/http-failure';
import { sendBytes } from '../http/send';
import { fromMultipart, realTimeRequest, toFormData } from './core-envelope';
import { coreReplyPayload } from './core-reply';

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

  async check({ x12, signal }: EligibilityRequest): Promise<EligibilityReply> {
    const envelope = realTimeRequest(x12, this.options.senderId, this.options.receiverId);
    const response = await sendBytes({
      method: 'POST',
      url: this.options.url,
      data: toFormData(envelope),
      timeout: this.options.timeoutMs,
      signal,
      auth: this.options.username ? { username: this.options.username, password: this.options.password ?? '' } : undefined,
    });
    const failure = statusFailure(response.status, response.headers);
    if (failure) throw failure;

    const contentType = header(response.headers, 'content-type') ?? '';
    if (!contentType.startsWith('multipart/form-data')) {
      throw malformedResponse(`answered ${contentType ? 'a non-multipart body' : 'no content type'}, not multipart/form-data`);
    }
    let reply;
    try {
      reply = await fromMultipart(Buffer.from(response.data), contentType);
    } catch {
      throw malformedResponse('multipart body could not be read');
    }
    return coreReplyPayload(reply);
  }
}
