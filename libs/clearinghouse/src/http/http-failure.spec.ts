import { AxiosError } from 'axios';
import { TransportError } from '../transport';
import { parseRetryAfter, requestFailure, statusFailure } from './http-failure';

describe('HTTP failure classification', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it.each([
    [200, undefined, undefined],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [503, 'server_error', true],
    [401, 'unauthorized', false],
    [403, 'unauthorized', false],
    [400, 'client_error', false],
    [404, 'client_error', false],
    [302, 'malformed_response', true],
  ])('HTTP %i -> %s', (status, kind, retryable) => {
    const failure = statusFailure(status, { 'retry-after': '5' });
    if (kind === undefined) {
      expect(failure).toBeUndefined();
      return;
    }
    expect(failure).toMatchObject({ kind, retryable });
    if (status === 429) expect(failure?.retryAfterMs).toBe(5_000);
  });

  it('classifies timeouts and network errors as retryable', () => {
    expect(requestFailure(new AxiosError('timeout of 50ms exceeded', 'ECONNABORTED'))).toMatchObject({ kind: 'timeout', retryable: true });
    expect(requestFailure(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED'))).toMatchObject({
      kind: 'network',
      retryable: true,
      message: 'clearinghouse unreachable (ECONNREFUSED)',
    });
    expect(requestFailure(new Error('boom'))).toMatchObject({ kind: 'network', retryable: true });
    const own = new TransportError('unauthorized', 'x', false);
    expect(requestFailure(own)).toBe(own);
  });
});
