import { randomUUID } from 'node:crypto';

/** What a caller may send as X-Request-Id: 1–64 characters a support ticket can quote safely. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is acceptable, otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}
