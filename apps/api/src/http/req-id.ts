import type { Request } from 'express';

/** The request id pino-http assigned (a string or number), or '' when there is none. */
export function requestIdOf(req: Request): string {
  const id: unknown = req.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}
