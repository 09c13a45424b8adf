import type { Request } from 'express';

// The sandbox accepts any credentials but insists they are present, so a transport that
// forgets its Authorization header fails here as it would at a real clearinghouse.

/** The Authorization header value (a Stedi key or "Bearer <token>"), when non-empty. */
export function authorization(req: Request): string | undefined {
  const value = req.headers.authorization?.trim();
  return value ? value : undefined;
}

export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization(req) ?? '');
  return match?.[1];
}
