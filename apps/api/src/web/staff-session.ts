import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AppConfig } from '@bvs/config';

// The staff dashboard's session: a cookie holding "<label>.<expiry>.<hmac>". The HMAC key is
// derived from the configured staff keys, so every API process verifies the same cookies
// (the API is stateless) and removing or rotating a key ends its sessions.

export const SESSION_COOKIE = 'bvs_staff';
export const SESSION_TTL_SECONDS = 8 * 3600;
/** Cookie-authenticated requests that change state must carry this header (CSRF). */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'bvs';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const keyCache = new WeakMap<AppConfig, Buffer>();

function sessionKey(config: AppConfig): Buffer {
  let key = keyCache.get(config);
  if (!key) {
    const material = createHmac('sha256', 'bvs-staff-session-v1');
    for (const k of config.api.apiKeys) if (k.role === 'staff') material.update(k.sha256);
    key = material.digest();
    keyCache.set(config, key);
  }
  return key;
}

function mac(config: AppConfig, payload: string): string {
  return createHmac('sha256', sessionKey(config)).update(payload).digest('base64url');
}

/** Label of the staff key the presented key matches (constant time, like the Bearer guard). */
export function matchStaffKey(config: AppConfig, presented: string): string | null {
  const digest = createHash('sha256').update(presented).digest();
  let label: string | null = null;
  for (const key of config.api.apiKeys) {
    if (timingSafeEqual(digest, key.sha256) && key.role === 'staff' && !label) label = key.label;
  }
  return label;
}

export function issueSession(config: AppConfig, label: string, now = Date.now()): { value: string; expires: Date } {
  const expires = Math.floor(now / 1000) + SESSION_TTL_SECONDS;
  const payload = `${label}.${expires}`;
  return { value: `${payload}.${mac(config, payload)}`, expires: new Date(expires * 1000) };
}

/** The session's key label when the cookie is genuine, unexpired and its key still configured. */
export function verifySession(config: AppConfig, value: string | undefined, now = Date.now()): string | null {
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [label, expires, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(config, `${label}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 <= now) return null;
  return config.api.apiKeys.some((k) => k.role === 'staff' && k.label === label) ? label : null;
}

/**
 * The cookie's value, or undefined. A value that is not valid percent-encoding (`bvs_staff=%`,
 * e.g. set by a sibling subdomain) is no session at all, never an error on every route.
 */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookie(value: string, expires: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** True when a cookie-authenticated request may go ahead: safe method, or the CSRF header. */
export function passesCsrfCheck(method: string, headers: IncomingHttpHeaders): boolean {
  return SAFE_METHODS.has(method.toUpperCase()) || headers[CSRF_HEADER] === CSRF_VALUE;
}
