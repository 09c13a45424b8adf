import type { Request } from 'express';

/**
 * True when a state-changing request comes from this site. Browsers send Sec-Fetch-Site or
 * Origin on cross-site form posts; a request with neither (curl, old browsers) is let through,
 * as the SameSite=Strict cookie already keeps cross-site requests from carrying the session.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Reads a small application/x-www-form-urlencoded body (the API itself only parses JSON). */
export async function readFormBody(req: Request, limit = 4096): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
