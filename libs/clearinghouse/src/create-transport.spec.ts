import { loadConfig } from '@bvs/config';
import { AvailityTransport } from './availity/availity.transport';
import { CoreMimeTransport } from './core/core-mime.transport';
import { CoreSoapTransport } from './core/core-soap.transport';
import { createTransport } from './create-transport';
import { JsonEligibilityTransport } from './json/json-eligibility.transport';

const OAUTH = {
  CLEARINGHOUSE_TOKEN_URL: 'http://127.0.0.1:3100/availity/v1/token',
  CLEARINGHOUSE_CLIENT_ID: 'id',
  CLEARINGHOUSE_CLIENT_SECRET: 'secret',
};
// Transports only: no record is stored, so the config needs no secrets (and may default to the sandbox).
const build = (env: Record<string, string>) => createTransport(loadConfig({ NODE_ENV: 'test', ...env }, { storesRecords: false }));

describe('createTransport', () => {
  it.each([
    [{}, CoreMimeTransport],
    [{ CLEARINGHOUSE_TRANSPORT: 'core-mime' }, CoreMimeTransport],
    [{ CLEARINGHOUSE_TRANSPORT: 'core-soap', CLEARINGHOUSE_USERNAME: 'u', CLEARINGHOUSE_PASSWORD: 'p' }, CoreSoapTransport],
    [{ CLEARINGHOUSE_TRANSPORT: 'json', CLEARINGHOUSE_API_KEY: 'k' }, JsonEligibilityTransport],
    [{ CLEARINGHOUSE_TRANSPORT: 'json', ...OAUTH }, JsonEligibilityTransport],
    [{ CLEARINGHOUSE_TRANSPORT: 'availity', ...OAUTH }, AvailityTransport],
  ])('builds from %j', (env, kind) => {
    expect(build(env)).toBeInstanceOf(kind);
  });

  // A real clearinghouse (CLEARINGHOUSE_URL set) gets no default credentials.
  const REAL = { CLEARINGHOUSE_URL: 'https://clearinghouse.example/eligibility' };
  it.each([
    [{ ...REAL, CLEARINGHOUSE_TRANSPORT: 'core-soap' }, /CLEARINGHOUSE_USERNAME/],
    [{ ...REAL, CLEARINGHOUSE_TRANSPORT: 'json' }, /CLEARINGHOUSE_API_KEY/],
    [{ ...REAL, CLEARINGHOUSE_TRANSPORT: 'availity', CLEARINGHOUSE_API_KEY: 'k' }, /CLEARINGHOUSE_TOKEN_URL/],
  ])('refuses %j without its credentials, at boot', (env, message) => {
    expect(() => build(env)).toThrow(message);
  });

  it.each(['core-soap', 'json', 'availity'])(
    'gives the sandbox clearinghouse sandbox credentials for %s, so it runs with no setup',
    (transport) => {
      expect(() => build({ CLEARINGHOUSE_TRANSPORT: transport })).not.toThrow();
    },
  );
});
