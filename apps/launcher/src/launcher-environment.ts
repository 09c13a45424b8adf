import { randomBytes } from 'node:crypto';

/**
 * `npm ci && npm start` on a fresh clone must run: with no secret configured at all (and not
 * NODE_ENV=production, nor BVS_DEV_MODE=false), the launcher turns on development mode and makes
 * one random record key and webhook secret for this run, shared by its worker and API (each
 * process making its own could not read the other's records). Nothing is kept: records written
 * in one run are unreadable in the next. Configured secrets are used as they are.
 */
export function launcherEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const unconfigured = !env.RECORD_KEYS?.trim() && !env.WEBHOOK_SECRET?.trim();
  const production = env.NODE_ENV?.trim().toLowerCase() === 'production';
  const optedOut = env.BVS_DEV_MODE?.trim() === 'false';
  if (!unconfigured || production || optedOut) return env;
  return {
    ...env,
    BVS_DEV_MODE: 'true',
    RECORD_KEYS: `run${Date.now().toString(36)}:${randomBytes(32).toString('base64')}`,
    WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
  };
}
