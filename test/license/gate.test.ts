import { promises as fsp, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { createLicenseGate, installLicense, type LicenseGateOptions } from '../../src/license';
import * as inspectModule from '../../src/license/inspect';
import { ManualClock } from '../../src/util/clock';
import { EXPIRES_AT, issueTestLicense, makeTestKey, OTHER_SERVER, tempDir, THIS_SERVER, trusted } from './helpers';

const key = makeTestKey();
const keys = trusted(key);
const DAY = 86_400_000;
const expires = Date.parse(EXPIRES_AT);
const REMOTE = 'mws.amazonservices.com';

let home: string;
let cleanup: () => void;
let clock: ManualClock;
let logged: Array<{ level: string; message: string }>;
const logger = {
  warn: (message: string) => logged.push({ level: 'warn', message }),
  info: (message: string) => logged.push({ level: 'info', message }),
};

beforeEach(() => {
  ({ dir: home, cleanup } = tempDir());
  clock = new ManualClock(Date.parse('2026-06-01T00:00:00Z'));
  logged = [];
});
afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
});

function gate(extra: Partial<LicenseGateOptions> = {}) {
  return createLicenseGate({ home, trustedKeys: keys, fingerprint: THIS_SERVER, clock, logger, ...extra });
}

function install(text: string) {
  return installLicense(text, { home, trustedKeys: keys, fingerprint: THIS_SERVER, now: new Date(clock.now()) });
}

describe('evaluation endpoints', () => {
  it.each(['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST.', 'localhost:8443', '[::1]:443', '::1', '::ffff:127.0.0.1', 'https://127.0.0.1:4443/Orders/2013-09-01'])(
    '%s needs no license by default',
    async (endpointHost) => {
      const decision = await gate().check({ endpointHost });
      expect(decision).toMatchObject({ allowed: true, evaluation: true });
      expect(decision.state).toBeUndefined();
    },
  );

  it.each([REMOTE, '128.0.0.1', 'localhost.example.com', '10.0.0.5', '::2'])('%s needs a license', async (endpointHost) => {
    const decision = await gate().check({ endpointHost });
    expect(decision).toMatchObject({ allowed: false, evaluation: false });
    expect(decision.error?.code).toBe('LICENSE_MISSING');
    expect(decision.error?.message).toContain(THIS_SERVER);
  });

  it('evaluationHosts [] turns evaluation off; custom lists take names and CIDR ranges', async () => {
    const strict = await gate({ evaluationHosts: [] }).check({ endpointHost: '127.0.0.1' });
    expect(strict).toMatchObject({ allowed: false, evaluation: false });
    expect(strict.error?.code).toBe('LICENSE_MISSING');
    const custom = gate({ evaluationHosts: ['10.0.0.0/8', 'sandbox.internal'] });
    expect(await custom.check({ endpointHost: '10.1.2.3:80' })).toMatchObject({ allowed: true, evaluation: true });
    expect(await custom.check({ endpointHost: 'sandbox.internal' })).toMatchObject({ allowed: true, evaluation: true });
    expect(await custom.check({ endpointHost: '127.0.0.1' })).toMatchObject({ allowed: false });
  });

  it('a bad evaluationHosts entry is a configuration error naming it', () => {
    expect(() => gate({ evaluationHosts: ['127.0.0.0/40'] })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'evaluationHosts[0]' }));
  });

  it('reports the installed license on evaluation calls too, without refusing them', async () => {
    const g = gate();
    await install(issueTestLicense(key));
    expect(await g.check({ endpointHost: 'localhost' })).toMatchObject({ allowed: true, evaluation: true, state: 'valid', licenseId: 'MWSL-TEST-0001' });
  });
});

describe('the gate with licenses', () => {
  it('refuses without a license, then allows once one is installed — same gate, no restart', async () => {
    const g = gate({ evaluationHosts: [] });
    const before = await g.check({ endpointHost: '127.0.0.1' });
    expect(before.allowed).toBe(false);
    expect(before.error?.code).toBe('LICENSE_MISSING');
    await install(issueTestLicense(key));
    const after = await g.check({ endpointHost: '127.0.0.1' });
    expect(after).toMatchObject({ allowed: true, evaluation: false, state: 'valid', licenseId: 'MWSL-TEST-0001', licensee: 'Example Trading Ltd', expiresAt: EXPIRES_AT });
    expect(after.error).toBeUndefined();
    await fsp.rm(path.join(home, 'licenses', 'MWSL-TEST-0001.lic'));
    expect((await g.check({ endpointHost: '127.0.0.1' })).error?.code).toBe('LICENSE_MISSING');
  });

  it('walks valid → expiring → grace → expired at the exact milliseconds, warning once per state', async () => {
    const g = gate();
    await install(issueTestLicense(key));
    const check = () => g.check({ endpointHost: REMOTE });
    const stateAt = async (ms: number) => {
      await clock.advance(ms - clock.now());
      return check();
    };
    expect(await stateAt(expires - 15 * DAY - 1)).toMatchObject({ allowed: true, state: 'valid' });
    expect((await check()).warning).toBeUndefined();
    const expiring = await stateAt(expires - 15 * DAY);
    expect(expiring).toMatchObject({ allowed: true, state: 'expiring', daysLeft: 15 });
    expect(expiring.warning).toMatch(/MWSL-TEST-0001 expires on 2027-01-01T00:00:00.000Z \(15 days left\)/);
    await check();
    await check();
    expect((await stateAt(expires - 1)).state).toBe('expiring');
    const grace = await stateAt(expires);
    expect(grace).toMatchObject({ allowed: true, state: 'grace' });
    expect(grace.warning).toMatch(/running on grace until 2027-01-11/);
    expect((await stateAt(expires + 10 * DAY - 1)).state).toBe('grace');
    const expired = await stateAt(expires + 10 * DAY);
    expect(expired).toMatchObject({ allowed: false, state: 'expired' });
    expect(expired.error?.code).toBe('LICENSE_EXPIRED');
    expect(logged.map((l) => l.level)).toEqual(['info', 'warn', 'warn', 'warn']);
    expect(logged[0]?.message).toMatch(/MWSL-TEST-0001 for Example Trading Ltd is valid until/);
    expect(logged[1]?.message).toMatch(/expires on .*15 days left/);
    expect(logged[2]?.message).toMatch(/running on grace until/);
    expect(logged[3]?.message).toMatch(/refused: expired on .* grace period ended/);
  });

  it('counts days left down each day, not only at state changes', async () => {
    const g = gate();
    await install(issueTestLicense(key));
    await clock.advance(expires - 100 * DAY - clock.now());
    expect((await g.check({ endpointHost: REMOTE })).daysLeft).toBe(100);
    await clock.advance(1);
    expect((await g.check({ endpointHost: REMOTE })).daysLeft).toBe(100);
    await clock.advance(DAY - 1);
    const later = await g.check({ endpointHost: REMOTE });
    expect(later.daysLeft).toBe(99);
    expect(later.reason).toMatch(/99 days left/);
  });

  it('refuses not-yet-valid and wrong-server licenses with their codes', async () => {
    await install(issueTestLicense(key, { licenseId: 'MWSL-FUTURE', notBefore: '2026-07-01T00:00:00Z' }));
    const g = gate();
    const early = await g.check({ endpointHost: REMOTE });
    expect(early).toMatchObject({ allowed: false, state: 'not-yet-valid' });
    expect(early.error?.code).toBe('LICENSE_NOT_YET_VALID');
    await clock.advance(Date.parse('2026-07-01T00:00:00Z') - clock.now());
    expect(await g.check({ endpointHost: REMOTE })).toMatchObject({ allowed: true, state: 'valid' });
    const elsewhere = await gate({ fingerprint: OTHER_SERVER }).check({ endpointHost: REMOTE });
    expect(elsewhere).toMatchObject({ allowed: false, state: 'invalid' });
    expect(elsewhere.error?.code).toBe('LICENSE_INVALID');
    expect(elsewhere.error?.message).toMatch(/not this server/);
  });

  it('a renewal installed ahead of time takes over when the old license ends', async () => {
    await install(issueTestLicense(key, { licenseId: 'MWSL-2026' }));
    await install(issueTestLicense(key, { licenseId: 'MWSL-2027', notBefore: '2026-12-20T00:00:00Z', expiresAt: '2028-01-01T00:00:00Z' }));
    const g = gate();
    expect((await g.check({ endpointHost: REMOTE })).licenseId).toBe('MWSL-2026');
    await clock.advance(Date.parse('2026-12-20T00:00:00Z') - clock.now());
    expect(await g.check({ endpointHost: REMOTE })).toMatchObject({ licenseId: 'MWSL-2027', state: 'valid' });
  });

  it('checks the required feature per request', async () => {
    await install(issueTestLicense(key, { features: ['mws-actions', 'order-sync'] }));
    const g = gate();
    expect((await g.check({ endpointHost: REMOTE, feature: 'order-sync' })).allowed).toBe(true);
    const missing = await g.check({ endpointHost: REMOTE, feature: 'reports' });
    expect(missing).toMatchObject({ allowed: false, state: 'invalid' });
    expect(missing.error?.message).toMatch(/does not include feature "reports"/);
  });

  it('verifies a signature only when the file content changed', async () => {
    const verify = jest.spyOn(inspectModule, 'verifyLicense');
    await install(issueTestLicense(key));
    verify.mockClear();
    const g = gate();
    for (let i = 0; i < 20; i++) await g.check({ endpointHost: REMOTE });
    expect(verify).toHaveBeenCalledTimes(1);
    const file = path.join(home, 'licenses', 'MWSL-TEST-0001.lic');
    utimesSync(file, new Date(), new Date(Date.now() + 5000)); // touched, same bytes
    await g.check({ endpointHost: REMOTE });
    expect(verify).toHaveBeenCalledTimes(1);
    await install(issueTestLicense(key, { licensee: 'Renamed Trading Ltd' }));
    expect(await g.check({ endpointHost: REMOTE })).toMatchObject({ licensee: 'Renamed Trading Ltd' });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('a corrupt file beside a good one does not block; alone it refuses with LICENSE_INVALID', async () => {
    const g = gate();
    await fsp.mkdir(path.join(home, 'licenses'), { recursive: true });
    await fsp.writeFile(path.join(home, 'licenses', 'broken.lic'), '-----BEGIN AMAZON-MWS-CONNECTOR LICENSE-----\ngarbage\n');
    const alone = await g.check({ endpointHost: REMOTE });
    expect(alone.error?.code).toBe('LICENSE_INVALID');
    expect(alone.reason).toMatch(/malformed license/);
    await install(issueTestLicense(key));
    expect((await g.check({ endpointHost: REMOTE })).allowed).toBe(true);
  });
});

describe('seller limit', () => {
  it('admits up to limits.sellers distinct sellers; known sellers keep working', async () => {
    await install(issueTestLicense(key, { limits: { sellers: 2 } }));
    const g = gate();
    const as = (sellerId: string) => g.check({ endpointHost: REMOTE, sellerId });
    expect((await as('A1SELLER0001')).allowed).toBe(true);
    expect((await as('A1SELLER0002')).allowed).toBe(true);
    const third = await as('A1SELLER0003');
    expect(third.allowed).toBe(false);
    expect(third.error?.code).toBe('LICENSE_INVALID');
    expect(third.reason).toMatch(/allows 2 seller account\(s\) on this server, already used by A1SELLER0001, A1SELLER0002/);
    expect((await as('A1SELLER0001')).allowed).toBe(true);
    // Evaluation calls are not counted.
    expect((await g.check({ endpointHost: 'localhost', sellerId: 'A1SELLER0009' })).allowed).toBe(true);
  });
});

describe('an unusable licenses folder', () => {
  it('refuses licensed calls with a decision naming the folder, and still allows evaluation calls', async () => {
    const notAFolder = path.join(home, 'licenses-file');
    await fsp.writeFile(notAFolder, 'x');
    const g = gate({ dir: notAFolder });
    const refused = await g.check({ endpointHost: REMOTE });
    expect(refused).toMatchObject({ allowed: false, evaluation: false });
    expect(refused.error?.code).toBe('LICENSE_MISSING');
    expect(refused.error?.message).toContain(notAFolder);
    expect(await g.check({ endpointHost: '127.0.0.1' })).toMatchObject({ allowed: true, evaluation: true });
  });
});
