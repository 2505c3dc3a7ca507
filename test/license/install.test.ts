import { promises as fsp, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createLicenseRequest, fingerprintInfo, installLicense, licenseStatus, listInstalledLicenses, parseLicenseRequest, removeLicense } from '../../src/license';
import { MwsConnectorError } from '../../src/mws/errors';
import { issueTestLicense, makeTestKey, OTHER_SERVER, tempDir, THIS_SERVER, trusted } from './helpers';

const key = makeTestKey();
const keys = trusted(key);
const now = new Date('2026-06-01T00:00:00Z');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const opts = () => ({ home: dir, trustedKeys: keys, fingerprint: THIS_SERVER, now });

async function refusal(promise: Promise<unknown>): Promise<MwsConnectorError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof MwsConnectorError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('installLicense', () => {
  it('installs into <home>/licenses/<licenseId>.lic, leaving no temporary file', async () => {
    const text = issueTestLicense(key);
    const installed = await installLicense(text, opts());
    expect(installed.file).toBe(path.join(dir, 'licenses', 'MWSL-TEST-0001.lic'));
    expect(await fsp.readFile(installed.file, 'utf8')).toBe(text);
    expect(readdirSync(path.join(dir, 'licenses'))).toEqual(['MWSL-TEST-0001.lic']);
    expect(installed.inspection.state).toBe('valid');
  });

  it('refuses an invalid license and keeps the installed one', async () => {
    const good = issueTestLicense(key);
    await installLicense(good, opts());
    const forged = issueTestLicense(makeTestKey('test-intruder'), { licenseId: 'MWSL-TEST-0001' });
    const error = await refusal(installLicense(forged, opts()));
    expect(error.code).toBe('LICENSE_INVALID');
    expect(error.message).toMatch(/unknown key "test-intruder".*installed licenses are unchanged/);
    const wrongServer = await refusal(installLicense(issueTestLicense(key, { servers: [OTHER_SERVER] }), opts()));
    expect(wrongServer.code).toBe('LICENSE_INVALID');
    expect(await fsp.readFile(path.join(dir, 'licenses', 'MWSL-TEST-0001.lic'), 'utf8')).toBe(good);
    expect(readdirSync(path.join(dir, 'licenses'))).toEqual(['MWSL-TEST-0001.lic']);
  });

  it('refuses an expired license with LICENSE_EXPIRED, and installs a renewal that starts later', async () => {
    const expired = await refusal(installLicense(issueTestLicense(key, { licenseId: 'MWSL-OLD' }), { ...opts(), now: new Date('2027-02-01T00:00:00Z') }));
    expect(expired.code).toBe('LICENSE_EXPIRED');
    const renewal = issueTestLicense(key, { licenseId: 'MWSL-NEXT', notBefore: '2027-01-01T00:00:00Z', expiresAt: '2028-01-01T00:00:00Z' });
    const installed = await installLicense(renewal, opts());
    expect(installed.inspection.state).toBe('not-yet-valid');
  });

  it('installs into an explicit folder (the host\'s) when `dir` is given', async () => {
    const custom = path.join(dir, 'host-licenses');
    const installed = await installLicense(issueTestLicense(key), { ...opts(), dir: custom });
    expect(path.dirname(installed.file)).toBe(custom);
  });
});

describe('licenseStatus and listInstalledLicenses', () => {
  it('reports missing when nothing is installed', async () => {
    const status = await licenseStatus(opts());
    expect(status).toMatchObject({ state: 'missing', licenses: [], fingerprint: THIS_SERVER, fingerprintSource: 'option', dir: path.join(dir, 'licenses') });
    expect(status.active).toBeUndefined();
  });

  it('picks the usable license that lasts longest, and lists a corrupt file as invalid', async () => {
    await installLicense(issueTestLicense(key, { licenseId: 'MWSL-A', expiresAt: '2026-06-10T00:00:00Z' }), opts());
    await installLicense(issueTestLicense(key, { licenseId: 'MWSL-B', expiresAt: '2026-12-01T00:00:00Z' }), opts());
    await fsp.writeFile(path.join(dir, 'licenses', 'copied-badly.lic'), 'not a license');
    const status = await licenseStatus(opts());
    expect(status.state).toBe('valid');
    expect(status.active?.inspection.licenseId).toBe('MWSL-B');
    const listed = await listInstalledLicenses(status.dir, { trustedKeys: keys, fingerprint: THIS_SERVER, now });
    expect(listed.map((l) => [path.basename(l.file), l.inspection.state])).toEqual([
      ['MWSL-A.lic', 'expiring'],
      ['MWSL-B.lic', 'valid'],
      ['copied-badly.lic', 'invalid'],
    ]);
  });

  it('removes an installed license by id', async () => {
    await installLicense(issueTestLicense(key), opts());
    expect(await removeLicense('MWSL-TEST-0001', { home: dir })).toBe(true);
    expect(await removeLicense('MWSL-TEST-0001', { home: dir })).toBe(false);
    await expect(removeLicense('../etc/passwd', { home: dir })).rejects.toMatchObject({ code: 'LICENSE_INVALID', field: 'licenseId' });
  });

  it('several servers share one license that lists their fingerprints', async () => {
    const shared = issueTestLicense(key, { servers: [THIS_SERVER, OTHER_SERVER] });
    await installLicense(shared, opts());
    const other = await licenseStatus({ ...opts(), fingerprint: OTHER_SERVER });
    expect(other.state).toBe('valid');
    const third = await licenseStatus({ ...opts(), fingerprint: 'mwsfp1-thirdserver' });
    expect(third.state).toBe('invalid');
    expect(third.active?.inspection.reasonCode).toBe('wrong-server');
  });
});

describe('createLicenseRequest', () => {
  it('writes the fingerprint, hostname, product, version and creation time; the vendor side reads it back', () => {
    const text = createLicenseRequest({ licensee: 'Example Trading Ltd', contact: 'it@example.com', fingerprint: THIS_SERVER, hostname: 'node-1', now });
    const request = parseLicenseRequest(text);
    expect(request).toEqual({
      type: 'amazon-mws-connector/license-request',
      schemaVersion: 1,
      product: 'amazon-mws-connector',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      licensee: 'Example Trading Ltd',
      contact: 'it@example.com',
      fingerprint: THIS_SERVER,
      hostname: 'node-1',
      created: '2026-06-01T00:00:00.000Z',
    });
  });

  it('uses this machine\'s fingerprint by default, and refuses a missing licensee by field', () => {
    const request = parseLicenseRequest(createLicenseRequest({ licensee: 'X' }));
    expect(request.fingerprint).toBe(fingerprintInfo().fingerprint);
    expect(() => createLicenseRequest({ licensee: ' ' })).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', field: 'licensee' }));
    expect(() => parseLicenseRequest('{"type":"other"}')).toThrow(/type: expected "amazon-mws-connector\/license-request"/);
  });
});
