import { AxiosError, CanceledError } from 'axios';
import { TransportError } from '../transport';

// One classification of HTTP-level failures for every transport, so the worker sees the same
// kinds (and the same retry decisions) whichever clearinghouse protocol is configured.
// Messages name the peer and the status only: never a payload, a name or a member id.

/** A request that produced no HTTP response: timeout or network failure (both retryable). */
export function requestFailure(error: unknown, peer = 'clearinghouse'): TransportError {
  if (error instanceof TransportError) return error;
  if (error instanceof CanceledError) return new TransportError('aborted', `${peer} request aborted (worker stopping)`, true);
  if (error instanceof AxiosError) {
    if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT || error.code === 'ETIMEDOUT') {
      return new TransportError('timeout', `${peer} did not answer within the timeout`, true);
    }
    return new TransportError('network', `${peer} unreachable (${safeCode(error.code)})`, true);
  }
  return new TransportError('network', `${peer} request failed`, true);
}

/** A socket error of a request sent without axios (post-bytes.ts), classified like requestFailure(). */
export function socketFailure(error: unknown, peer = 'clearinghouse'): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ETIMEDOUT') return new TransportError('timeout', `${peer} did not answer within the timeout`, true);
  return new TransportError('network', `${peer} unreachable (${safeCode(typeof code === 'string' ? code : undefined)})`, true);
}

/**
 * The failure an HTTP status stands for, or undefined for a success. 401 is final here: a
 * transport with OAuth refreshes its token once before it asks.
 */
export function statusFailure(status: number, headers: HeaderBag, peer = 'clearinghouse'): TransportError | undefined {
  if (status === 429) {
    return new TransportError('rate_limited', `${peer} rate limit (HTTP 429)`, true, parseRetryAfter(header(headers, 'retry-after')));
  }
  if (status >= 500) return new TransportError('server_error', `${peer} answered HTTP ${status}`, true);
  if (status === 401 || status === 403)
    return new TransportError('unauthorized', `${peer} refused the credentials (HTTP ${status})`, false);
  if (status >= 400) return new TransportError('client_error', `${peer} rejected the request (HTTP ${status})`, false);
  if (status < 200 || status >= 300) return new TransportError('malformed_response', `${peer} answered unexpected HTTP ${status}`, true);
  return undefined;
}

/** A body the transport cannot read: retryable, a clearinghouse hiccup is the likely cause. */
export function malformedResponse(what: string, peer = 'clearinghouse'): TransportError {
  return new TransportError('malformed_response', `${peer} ${what}`, true);
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from `now` (never negative). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Axios response headers, or any plain header record. */
export type HeaderBag = Record<string, unknown> | { get?: unknown };

export function header(headers: HeaderBag, name: string): string | undefined {
  const value = (headers as Record<string, unknown>)[name.toLowerCase()];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function safeCode(code: string | undefined): string {
  return code && /^[A-Z_]{2,32}$/.test(code) ? code : 'network error';
}
