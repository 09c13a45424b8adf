import type { Agent } from 'node:https';
import { type EligibilityReply, type EligibilityRequest, type EligibilityTransport } from '../transport';
import { header, malformedResponse, statusFailure } from '../http/http-failure';
import { postBytes } from '../http/post-bytes';
import { encodeMultipart, fromMultipart, realTimeRequest } from './core-envelope';
import { coreReplyPayload } from './core-reply';

export interface CoreMimeOptions {
  url: string;
  senderId: string;
  receiverId: string;
  timeoutMs: number;
  /** Username/password authentication: sent as the envelope's UserName and Password form parts (from the environment only). */
  username?: string;
  password?: string;
  /** X.509 client-certificate authentication over TLS (http/client-certificate.ts). */
  httpsAgent?: Agent;
}

/** CAQH CORE Phase II real-time connectivity over HTTP MIME multipart. */
export class CoreMimeTransport implements EligibilityTransport {
  readonly name = 'core-mime';

  constructor(private readonly options: CoreMimeOptions) {}

  async check({ x12, signal }: EligibilityRequest): Promise<EligibilityReply> {
    const { username, password, httpsAgent } = this.options;
    const credentials = username ? { username, password: password ?? '' } : undefined;
    const envelope = realTimeRequest(x12, this.options.senderId, this.options.receiverId, credentials);
    const { body, contentType: requestType } = encodeMultipart(envelope);
    const response = await postBytes({
      url: this.options.url,
      body,
      contentType: requestType,
      timeoutMs: this.options.timeoutMs,
      signal,
      httpsAgent,
    });
    const failure = statusFailure(response.status, response.headers);
    if (failure) throw failure;

    const contentType = header(response.headers, 'content-type') ?? '';
    if (!contentType.startsWith('multipart/form-data')) {
      throw malformedResponse(`answered ${contentType ? 'a non-multipart body' : 'no content type'}, not multipart/form-data`);
    }
    let reply;
    try {
      reply = await fromMultipart(response.data, contentType);
    } catch {
      throw malformedResponse('multipart body could not be read');
    }
    return coreReplyPayload(reply);
  }
}
