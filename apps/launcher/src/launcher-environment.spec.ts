import { loadConfig } from '@bvs/config';
import { launcherEnvironment } from './launcher-environment';

describe('launcherEnvironment (npm start)', () => {
  it('on a fresh clone turns on development mode with one random key and secret shared by its apps', () => {
    const env = launcherEnvironment({ PATH: '/usr/bin' });
    expect(env.BVS_DEV_MODE).toBe('true');
    const config = loadConfig(env);
    expect(config.developmentMode).toBe(true);
    expect(config.records.usingEphemeralKeys).toBe(false); // the key comes from the launcher, the same for worker and API
    expect(launcherEnvironment({}).RECORD_KEYS).not.toBe(env.RECORD_KEYS);
  });

  it('leaves the environment alone when secrets are configured, in production, or with BVS_DEV_MODE=false', () => {
    for (const given of [
      { WEBHOOK_SECRET: 'x'.repeat(32) },
      { NODE_ENV: 'production' },
      { NODE_ENV: 'Production' },
      { BVS_DEV_MODE: 'false' },
    ]) {
      expect(launcherEnvironment(given)).toBe(given);
    }
    expect(() => loadConfig(launcherEnvironment({ NODE_ENV: 'production' }))).toThrow(/RECORD_KEYS is required/);
  });
});
