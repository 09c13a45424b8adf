import { loadConfig } from '@bvs/config';
import { issueSession, matchStaffKey, passesCsrfCheck, readCookie, verifySession } from './staff-session';

const STAFF = 'staff-key-for-session-tests-01';
// Sessions only: no record is stored, so the config needs no secrets.
const config = loadConfig({ API_KEYS: `staff:${STAFF},intake:intake-key-for-session-tests` }, { storesRecords: false });

describe('staff session cookie', () => {
  it('accepts only a configured staff key', () => {
    expect(matchStaffKey(config, STAFF)).toMatch(/^staff:/);
    expect(matchStaffKey(config, 'intake-key-for-session-tests')).toBeNull();
    expect(matchStaffKey(config, 'wrong')).toBeNull();
  });

  it('verifies its own cookie until it expires, and nothing tampered', () => {
    const label = matchStaffKey(config, STAFF)!;
    const now = Date.now();
    const { value, expires } = issueSession(config, label, now);
    expect(expires.getTime() - now).toBeGreaterThan(8 * 3600 * 1000 - 1000);
    expect(verifySession(config, value, now)).toBe(label);
    expect(verifySession(config, value, now + 8 * 3600 * 1000 + 1000)).toBeNull();
    const [l, e, mac] = value.split('.');
    expect(verifySession(config, `${l}.${Number(e) + 3600}.${mac}`, now)).toBeNull();
    expect(verifySession(config, `intake:0000.${e}.${mac}`, now)).toBeNull();
    expect(verifySession(config, 'garbage', now)).toBeNull();
  });

  it('ends sessions when the staff key is no longer configured', () => {
    const label = matchStaffKey(config, STAFF)!;
    const { value } = issueSession(config, label);
    const rotated = loadConfig({ API_KEYS: 'staff:another-staff-key-entirely-01' }, { storesRecords: false });
    expect(verifySession(rotated, value)).toBeNull();
  });

  it('reads cookies and requires the CSRF header on writes', () => {
    expect(readCookie({ cookie: 'a=1; bvs_staff=x.y.z; b=2' }, 'bvs_staff')).toBe('x.y.z');
    expect(readCookie({}, 'bvs_staff')).toBeUndefined();
    // A cookie that is not valid percent-encoding is no session, not an exception on every route.
    expect(readCookie({ cookie: 'bvs_staff=%' }, 'bvs_staff')).toBeUndefined();
    expect(readCookie({ cookie: 'bvs_staff=%E0%A4%A' }, 'bvs_staff')).toBeUndefined();
    expect(passesCsrfCheck('GET', {})).toBe(true);
    expect(passesCsrfCheck('POST', {})).toBe(false);
    expect(passesCsrfCheck('POST', { 'x-requested-with': 'bvs' })).toBe(true);
  });
});
