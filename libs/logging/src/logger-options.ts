import type { LoggerOptions } from 'pino';
import { phiRedactPaths } from './redaction';

/** Pino options shared by every app: PHI redacted, health probes quiet, one line per event. */
export function pinoOptions(level: string, app: string): LoggerOptions {
  return {
    level,
    base: { app },
    redact: { paths: phiRedactPaths(), censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}
