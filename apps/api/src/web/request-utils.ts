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

/** Counts failed sign-ins per client so a staff key cannot be guessed by brute force. */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  blocked(client: string, now = Date.now()): boolean {
    const entry = this.failures.get(client);
    return !!entry && entry.resetAt > now && entry.count >= this.max;
  }

  fail(client: string, now = Date.now()): void {
    if (this.failures.size > 10_000) this.prune(now);
    const entry = this.failures.get(client);
    if (!entry || entry.resetAt <= now) this.failures.set(client, { count: 1, resetAt: now + this.windowMs });
    else entry.count += 1;
  }

  private prune(now: number): void {
    for (const [client, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(client);
  }
}
