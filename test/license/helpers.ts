/** Test keys and licenses, generated at run time. Test key ids start with `test-` and never ship. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { issueLicense, type IssueLicenseOptions } from '../../src/license';

export interface TestKey {
  keyId: string;
  privateKey: string;
  publicKey: string;
}

export function makeTestKey(keyId = 'test-key-1'): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function trusted(...keys: TestKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k.keyId, k.publicKey]));
}

export const THIS_SERVER = 'mwsfp1-testserveraaaaaaaaaaaaaaaaaaaaaaa';
export const OTHER_SERVER = 'mwsfp1-otherserverbbbbbbbbbbbbbbbbbbbbbb';

export const NOT_BEFORE = '2026-01-01T00:00:00.000Z';
export const EXPIRES_AT = '2027-01-01T00:00:00.000Z';

export function issueTestLicense(key: TestKey, overrides: Partial<IssueLicenseOptions> = {}): string {
  return issueLicense({
    privateKey: key.privateKey,
    keyId: key.keyId,
    licensee: 'Example Trading Ltd',
    servers: [THIS_SERVER],
    notBefore: NOT_BEFORE,
    expiresAt: EXPIRES_AT,
    graceDays: 10,
    licenseId: 'MWSL-TEST-0001',
    now: new Date('2025-12-20T00:00:00.000Z'),
    ...overrides,
  });
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mws-license-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
