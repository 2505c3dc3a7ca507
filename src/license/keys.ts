/** Trusted public keys: PEM text by key id, turned into Ed25519 KeyObjects once. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { VENDOR_PUBLIC_KEYS } from './vendor-keys';

/** `{ [keyId]: publicKeyPem }`, as in connector.json `license.publicKeys` and `host.trustedKeys`. */
export type TrustedKeys = Readonly<Record<string, string>>;

const parsed = new Map<string, KeyObject | Error>();

/** The KeyObject for `keyId`, or undefined when the id is not trusted. Throws when the trusted PEM itself is unusable. */
export function trustedKey(keys: TrustedKeys | undefined, keyId: string): KeyObject | undefined {
  const table = keys ?? VENDOR_PUBLIC_KEYS;
  if (!Object.prototype.hasOwnProperty.call(table, keyId)) return undefined;
  const pem = table[keyId];
  if (typeof pem !== 'string') return undefined;
  let key = parsed.get(pem);
  if (key === undefined) {
    try {
      const candidate = createPublicKey(pem);
      key = candidate.asymmetricKeyType === 'ed25519' ? candidate : new Error(`is a ${candidate.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    } catch {
      key = new Error('is not a PEM public key');
    }
    parsed.set(pem, key);
  }
  if (key instanceof Error) throw new Error(`trusted key "${keyId}" ${key.message}`);
  return key;
}

/** Key ids reserved for tests. A shipped manifest must list none (the packager and a test check it). */
export const TEST_KEY_ID_PREFIX = 'test-';

export function findTestKeyIds(publicKeys: TrustedKeys | undefined): string[] {
  return Object.keys(publicKeys ?? {}).filter((id) => id.toLowerCase().startsWith(TEST_KEY_ID_PREFIX));
}
