import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { type Agent, request as httpsRequest } from 'node:https';
import { TransportError } from '../transport';
import { malformedResponse, socketFailure } from './http-failure';

// A bare POST over node:http(s) for the CORE MIME transport, the worker's hot path: axios's
// config merging, interceptors and adapter were the largest frame of a verification's worker CPU
// (issue 19). Same contract as send.ts: any status is returned for the caller to classify; only
// "no response at all" throws, already a TransportError. Redirects are not followed.

export interface PostBytesOptions {
  url: string;
  body: Buffer;
  contentType: string;
  /** Longest the connection may stay idle while sending or waiting for the reply (as axios's `timeout`). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** TLS client certificate (https only). */
  httpsAgent?: Agent;
  peer?: string;
}

export interface BytesResponse {
  status: number;
  headers: IncomingHttpHeaders;
  data: Buffer;
}

/** Larger replies are refused: an eligibility answer is kilobytes, and it is held in memory. */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

export function postBytes(options: PostBytesOptions): Promise<BytesResponse> {
  const peer = options.peer ?? 'clearinghouse';
  const aborted = () => new TransportError('aborted', `${peer} request aborted (worker stopping)`, true);
  return new Promise<BytesResponse>((resolve, reject) => {
    if (options.signal?.aborted) return reject(aborted());
    const url = new URL(options.url);
    const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
    if (!send) return reject(new TransportError('network', `${peer} URL is not http or https`, false));
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: TransportError) =>
      finish(() => {
        req.destroy();
        reject(error);
      });
    const onAbort = () => fail(aborted());
    let req: ReturnType<typeof send>;
    try {
      req = send(
        url,
        {
          method: 'POST',
          headers: { 'content-type': options.contentType, 'content-length': String(options.body.length), accept: '*/*' },
          ...(options.httpsAgent && url.protocol === 'https:' ? { agent: options.httpsAgent } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_REPLY_BYTES) fail(malformedResponse(`answered more than ${MAX_REPLY_BYTES} bytes`, peer));
            else chunks.push(chunk);
          });
          res.on('end', () =>
            finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, data: Buffer.concat(chunks, size) })),
          );
          res.on('error', (error) => fail(socketFailure(error, peer)));
          res.on('aborted', () => fail(new TransportError('network', `${peer} closed the connection mid-answer`, true)));
        },
      );
    } catch (error) {
      return finish(() => reject(socketFailure(error, peer)));
    }
    // Like axios's `timeout`: the socket idle for timeoutMs. (A deadline over the whole exchange
    // fired, after the event loop stalled, before replies already received were read.)
    req.setTimeout(options.timeoutMs, () => fail(new TransportError('timeout', `${peer} did not answer within the timeout`, true)));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => fail(socketFailure(error, peer)));
    req.end(options.body);
  });
}
