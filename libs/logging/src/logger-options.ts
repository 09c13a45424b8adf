import type { LoggerOptions } from 'pino';
import { censorLine } from './redaction';

/** Pino options shared by every app: PHI redacted, health probes quiet, one line per event. */
export function pinoOptions(level: string, app: string): LoggerOptions {
  return {
    level,
    base: { app },
    // PHI field names at any depth, in the line as written (child bindings and serializers' output included).
    hooks: { streamWrite: censorLine },
    // Credentials and query strings of a request, by path (the request serializer drops them too).
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query'], censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}
