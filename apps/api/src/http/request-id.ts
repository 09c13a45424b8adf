import type { IncomingMessage } from 'node:http';

/** The request id pino-http gave this request (for audit entries), or null. */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string | null {
  return typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) || null : null;
}
