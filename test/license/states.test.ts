import { inspectLicense } from '../../src/license';
import { EXPIRES_AT, issueTestLicense, makeTestKey, NOT_BEFORE, THIS_SERVER, trusted } from './helpers';

const key = makeTestKey();
const text = issueTestLicense(key); // 2026-01-01 .. 2027-01-01, 10 grace days
const DAY = 86_400_000;
const notBefore = Date.parse(NOT_BEFORE);
const expires = Date.parse(EXPIRES_AT);

function at(ms: number, licenseText = text) {
  return inspectLicense(licenseText, { trustedKeys: trusted(key), fingerprint: THIS_SERVER, now: new Date(ms) });
}

describe('license states by time (each boundary millisecond belongs to the later state)', () => {
  it.each([
    ['1 ms before notBefore', notBefore - 1, 'not-yet-valid'],
    ['notBefore', notBefore, 'valid'],
    ['1 ms before the 15-day window', expires - 15 * DAY - 1, 'valid'],
    ['15 days before expiry', expires - 15 * DAY, 'expiring'],
    ['1 ms before expiry', expires - 1, 'expiring'],
    ['expiry', expires, 'grace'],
    ['1 ms before grace ends', expires + 10 * DAY - 1, 'grace'],
    ['grace end', expires + 10 * DAY, 'expired'],
    ['a year later', expires + 365 * DAY, 'expired'],
  ])('%s → %s', (_name, ms, state) => {
    const result = at(ms);
    expect(result.state).toBe(state);
    expect(result.usable).toBe(state === 'valid' || state === 'expiring' || state === 'grace');
  });

  it('counts days left rounded up, 0 at expiry and negative in grace', () => {
    expect(at(expires - 15 * DAY).daysLeft).toBe(15);
    expect(at(expires - 15 * DAY + 1).daysLeft).toBe(15);
    expect(at(expires - 14 * DAY).daysLeft).toBe(14);
    expect(at(expires - 1).daysLeft).toBe(1);
    expect(at(expires).daysLeft).toBe(0);
    expect(at(expires + 3 * DAY).daysLeft).toBe(-3);
  });

  it('names the next change instant for each state', () => {
    expect(at(notBefore - 1).nextChangeAt).toBe(NOT_BEFORE);
    expect(at(notBefore).nextChangeAt).toBe(new Date(expires - 15 * DAY).toISOString());
    expect(at(expires - 1).nextChangeAt).toBe(EXPIRES_AT);
    expect(at(expires).nextChangeAt).toBe(new Date(expires + 10 * DAY).toISOString());
    expect(at(expires + 10 * DAY).nextChangeAt).toBeUndefined();
  });

  it('with no grace days, expiry is the end', () => {
    const noGrace = issueTestLicense(key, { graceDays: 0 });
    expect(at(expires - 1, noGrace).state).toBe('expiring');
    expect(at(expires, noGrace).state).toBe('expired');
  });

  it('a license shorter than 15 days is expiring from its first millisecond', () => {
    const short = issueTestLicense(key, { notBefore: '2026-03-01T00:00:00Z', expiresAt: '2026-03-08T00:00:00Z' });
    expect(at(Date.parse('2026-03-01T00:00:00Z') - 1, short).state).toBe('not-yet-valid');
    expect(at(Date.parse('2026-03-01T00:00:00Z'), short).state).toBe('expiring');
  });
});
