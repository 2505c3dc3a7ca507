import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FEATURE, findTestKeyIds, LICENSE_PRODUCT, VENDOR_PUBLIC_KEYS } from '../../src/license';

const root = path.resolve(__dirname, '../..');

describe('shipped vendor keys', () => {
  it('are Ed25519 public keys with vendor key ids, never test keys', () => {
    const ids = Object.keys(VENDOR_PUBLIC_KEYS);
    expect(ids).toContain('mws-vendor-2026-1');
    expect(findTestKeyIds(VENDOR_PUBLIC_KEYS)).toEqual([]);
    expect(findTestKeyIds({ 'mws-vendor-2026-1': 'x', 'test-a': 'y', 'TEST-b': 'z' })).toEqual(['test-a', 'TEST-b']);
    for (const id of ids) {
      expect(id).not.toMatch(/^test-/);
      const key = createPublicKey(VENDOR_PUBLIC_KEYS[id] as string);
      expect(key.type).toBe('public');
      expect(key.asymmetricKeyType).toBe('ed25519');
    }
  });

  it('no private key is committed outside the tests (which only hold fakes)', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f !== '' && !f.startsWith('test/') && !f.startsWith('node_modules/') && /\.(ts|js|json|pem|key|lic)$/.test(f));
    expect(tracked).toContain('src/license/vendor-keys.ts');
    const offenders = tracked.filter((f) => {
      try {
        return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(readFileSync(path.join(root, f), 'utf8'));
      } catch {
        return false; // listed but absent from the working tree
      }
    });
    expect(offenders).toEqual([]);
  });

  it('the shipped manifest (connector.json) trusts exactly the vendor keys, and no test key', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'connector.json'), 'utf8')) as {
      license: { feature: string; product: string; publicKeys: Record<string, string> };
    };
    expect(findTestKeyIds(manifest.license.publicKeys)).toEqual([]);
    expect(manifest.license.publicKeys).toEqual(VENDOR_PUBLIC_KEYS);
    expect(manifest.license.product).toBe(LICENSE_PRODUCT);
    expect(manifest.license.feature).toBe(DEFAULT_FEATURE);
  });
});
