import { sign } from 'node:crypto';
import { inspectLicense, issueLicense, SIGNATURE_DOMAIN, VENDOR_PUBLIC_KEYS } from '../../src/license';
import { encodeLicense } from '../../src/license/format';
import { MwsConnectorError } from '../../src/mws/errors';
import { redactSecrets } from '../../src/util/secrets';
import { issueTestLicense, makeTestKey, OTHER_SERVER, THIS_SERVER, trusted } from './helpers';

const key = makeTestKey('test-key-a');
const rotated = makeTestKey('test-key-b');
const keys = trusted(key);
const now = new Date('2026-06-01T00:00:00Z');
const base = { trustedKeys: keys, fingerprint: THIS_SERVER, now };

/** Signs arbitrary payload JSON with the test key, bypassing issueLicense's checks. */
function signRaw(payload: unknown, headerKeyId = key.keyId): string {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  const signature = sign(null, Buffer.concat([Buffer.from(SIGNATURE_DOMAIN), bytes]), key.privateKey);
  return encodeLicense({ keyId: headerKeyId, signature, payload: bytes });
}

function payloadOf(text: string): Record<string, unknown> {
  const body = text.slice(text.indexOf('\n\n', text.indexOf('Signature:')) + 2, text.indexOf('-----END')).replace(/\n/g, '');
  return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<string, unknown>;
}

describe('inspectLicense', () => {
  it('reports a valid license with its details', () => {
    const result = inspectLicense(issueTestLicense(key), base);
    expect(result).toMatchObject({
      state: 'valid',
      usable: true,
      licenseId: 'MWSL-TEST-0001',
      licensee: 'Example Trading Ltd',
      product: 'amazon-mws-connector',
      edition: 'server',
      features: ['mws-actions'],
      limits: { servers: 1, sellers: null },
      servers: [THIS_SERVER],
      expiresAt: '2027-01-01T00:00:00.000Z',
      graceEndsAt: '2027-01-11T00:00:00.000Z',
      daysLeft: 214,
      keyId: 'test-key-a',
      fingerprint: THIS_SERVER,
      nextChangeAt: '2026-12-17T00:00:00.000Z',
    });
    expect(result.reasonCode).toBeUndefined();
  });

  it.each([
    ['an unknown key', () => inspectLicense(issueTestLicense(rotated), base), 'unknown-key', /unknown key "test-key-b"/],
    ['another product', () => inspectLicense(issueTestLicense(key, { product: 'amazon-sp-api-connector' }), base), 'wrong-product', /product "amazon-sp-api-connector", not "amazon-mws-connector"/],
    ['another feature', () => inspectLicense(issueTestLicense(key, { features: ['reports-only'] }), base), 'missing-feature', /does not include feature "mws-actions"/],
    ['another server', () => inspectLicense(issueTestLicense(key, { servers: [OTHER_SERVER] }), base), 'wrong-server', new RegExp(`not this server \\(${THIS_SERVER}\\)`)],
    ['expiry past grace', () => inspectLicense(issueTestLicense(key), { ...base, now: new Date('2027-01-11T00:00:00.000Z') }), 'expired', /grace period ended on 2027-01-11/],
    ['a future start', () => inspectLicense(issueTestLicense(key), { ...base, now: new Date('2025-12-31T23:59:59.999Z') }), 'not-yet-valid', /not valid before 2026-01-01/],
    ['a Key-Id header that differs from the signed key id', () => {
      const payload = payloadOf(issueTestLicense(key));
      return inspectLicense(signRaw(payload, 'test-key-b'), { ...base, trustedKeys: { ...keys, 'test-key-b': key.publicKey } });
    }, 'key-id-mismatch', /Key-Id header "test-key-b" does not match the signed key id "test-key-a"/],
    ['a newer payload schema', () => inspectLicense(signRaw({ ...payloadOf(issueTestLicense(key)), schemaVersion: 2 }), base), 'unsupported-schema', /schemaVersion 2 is not supported/],
    ['an unknown payload field', () => inspectLicense(signRaw({ ...payloadOf(issueTestLicense(key)), unlimited: true }), base), 'malformed', /field "unlimited"/],
    ['a non-ISO date', () => inspectLicense(signRaw({ ...payloadOf(issueTestLicense(key)), expiresAt: 'next year' }), base), 'malformed', /field "expiresAt": expected an ISO 8601/],
    ['a signature by another key under a trusted id', () => inspectLicense(issueTestLicense({ ...rotated, keyId: 'test-key-a' }), base), 'bad-signature', /bad signature/],
  ])('refuses %s with its own reason', (_name, run, reasonCode, reason) => {
    const result = run();
    expect(result.reasonCode).toBe(reasonCode);
    expect(result.reason).toMatch(reason);
    expect(result.usable).toBe(false);
    expect(result.state).toBe(reasonCode === 'expired' || reasonCode === 'not-yet-valid' ? reasonCode : 'invalid');
  });

  it('answers invalid for input that is not text, and refuses an invalid `now` by field', () => {
    expect(inspectLicense(undefined as unknown as string, base)).toMatchObject({ state: 'invalid', reasonCode: 'malformed', reason: 'malformed license: the license is not text' });
    expect(() => inspectLicense(issueTestLicense(key), { ...base, now: new Date('nonsense') })).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', field: 'now' }));
  });

  it('accepts any server for servers ["*"] and skips the server check with fingerprint null', () => {
    expect(inspectLicense(issueTestLicense(key, { servers: ['*'] }), base)).toMatchObject({ state: 'valid', limits: { servers: null } });
    expect(inspectLicense(issueTestLicense(key, { servers: [OTHER_SERVER] }), { ...base, fingerprint: null }).state).toBe('valid');
  });

  it('trusts several keys at once, so the vendor can rotate keys', () => {
    const both = trusted(key, rotated);
    expect(inspectLicense(issueTestLicense(key), { ...base, trustedKeys: both }).state).toBe('valid');
    expect(inspectLicense(issueTestLicense(rotated), { ...base, trustedKeys: both }).state).toBe('valid');
  });

  it('trusts only the vendor keys by default, so a test-signed license is refused', () => {
    expect(Object.keys(VENDOR_PUBLIC_KEYS).length).toBeGreaterThan(0);
    expect(inspectLicense(issueTestLicense(key), { fingerprint: THIS_SERVER, now })).toMatchObject({ state: 'invalid', reasonCode: 'unknown-key' });
  });

  it('refuses a trusted key entry that is not an Ed25519 public key', () => {
    const result = inspectLicense(issueTestLicense(key), { ...base, trustedKeys: { 'test-key-a': 'not a key' } });
    expect(result).toMatchObject({ state: 'invalid', reasonCode: 'unknown-key' });
    expect(result.reason).toMatch(/trusted key "test-key-a" is not a PEM public key/);
  });
});

describe('issueLicense', () => {
  it('lists every bad option with its field, and never echoes the private key', () => {
    const rsaLike = `-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEAnotarealkey\n-----END PRIVATE KEY-----\n`;
    let caught: unknown;
    try {
      issueLicense({ privateKey: rsaLike, keyId: 'bad key id', licensee: 'X', servers: [THIS_SERVER], expiresAt: 'soon' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MwsConnectorError);
    const error = caught as MwsConnectorError;
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.details?.map((d) => d.field)).toEqual(['privateKey', 'keyId', 'expiresAt']);
    expect(JSON.stringify(error.toJSON()) + String(error.stack)).not.toContain('notarealkey');
  });

  it('refuses a payload its own reader would refuse (field named)', () => {
    expect(() => issueTestLicense(key, { servers: ['*', THIS_SERVER] })).toThrow(/servers/);
    expect(() => issueTestLicense(key, { expiresAt: '2025-01-01T00:00:00Z' })).toThrow(/"expiresAt": expected a date after notBefore/);
    expect(() => issueTestLicense(key, { graceDays: -1 })).toThrow(/graceDays/);
    expect(() => issueTestLicense(key, { licenseId: '../escape' })).toThrow(/licenseId/);
  });

  it('registers the private key as a secret so redaction hides it anywhere', () => {
    issueTestLicense(key);
    expect(redactSecrets(`oops ${key.privateKey}`)).toBe('oops ***');
  });

  it('writes a payload with every field of schemaVersion 1, in the stated order', () => {
    const payload = payloadOf(issueTestLicense(key, { limits: { sellers: 3 } }));
    expect(Object.keys(payload)).toEqual(['schemaVersion', 'licenseId', 'licensee', 'product', 'edition', 'features', 'limits', 'servers', 'issuedAt', 'notBefore', 'expiresAt', 'graceDays', 'keyId']);
    expect(payload).toMatchObject({ schemaVersion: 1, limits: { servers: 1, sellers: 3 }, issuedAt: '2025-12-20T00:00:00.000Z', keyId: 'test-key-a' });
  });
});
