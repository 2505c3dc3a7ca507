/** Vendor side: sign a license. The private key is registered as a secret so no error or log can print it. */
import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { ValidationError, type FieldProblem } from '../mws/errors';
import { registerSecret } from '../util/secrets';
import { encodeLicense, isValidKeyId, signedBytes } from './format';
import { DEFAULT_EDITION, DEFAULT_FEATURE, LICENSE_PRODUCT, LICENSE_SCHEMA_VERSION, PayloadError, readPayload } from './payload';
import type { LicensePayload } from './types';

export interface IssueLicenseOptions {
  /** PKCS#8 PEM of the vendor's Ed25519 private key. */
  privateKey: string;
  keyId: string;
  licensee: string;
  /** Fingerprints from license requests, or `["*"]` for any server. */
  servers: string[];
  /** ISO 8601. */
  expiresAt: string;
  /** ISO 8601; default: issue time. */
  notBefore?: string;
  graceDays?: number;
  features?: string[];
  product?: string;
  edition?: string;
  licenseId?: string;
  /** Default: `servers` counts the listed fingerprints (unlimited for `*`); `sellers` unlimited. */
  limits?: { servers?: number | null; sellers?: number | null };
  /** Issue time; default the current time. */
  now?: Date;
}

export const DEFAULT_GRACE_DAYS = 14;

/** Returns the license file text. Throws ValidationError (INPUT_INVALID) listing every bad option. */
export function issueLicense(options: IssueLicenseOptions): string {
  registerSecret(options?.privateKey);
  const problems: FieldProblem[] = [];
  const key = privateKeyOf(options.privateKey, problems);
  if (typeof options.keyId !== 'string' || !isValidKeyId(options.keyId)) {
    problems.push({ field: 'keyId', message: 'expected letters, digits, ".", "_" or "-" (at most 64)' });
  }
  const issued = options.now ?? new Date();
  const notBefore = isoDate(options.notBefore ?? issued.toISOString(), 'notBefore', problems);
  const expiresAt = isoDate(options.expiresAt, 'expiresAt', problems);
  if (problems.length > 0) throw new ValidationError(`issueLicense: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);

  const servers = options.servers;
  const payload: LicensePayload = {
    schemaVersion: LICENSE_SCHEMA_VERSION,
    licenseId: options.licenseId ?? defaultLicenseId(issued),
    licensee: options.licensee,
    product: options.product ?? LICENSE_PRODUCT,
    edition: options.edition ?? DEFAULT_EDITION,
    features: options.features ?? [DEFAULT_FEATURE],
    limits: {
      servers: options.limits?.servers !== undefined ? options.limits.servers : Array.isArray(servers) && !servers.includes('*') ? servers.length : null,
      sellers: options.limits?.sellers ?? null,
    },
    servers,
    issuedAt: issued.toISOString(),
    notBefore: notBefore as string,
    expiresAt: expiresAt as string,
    graceDays: options.graceDays ?? DEFAULT_GRACE_DAYS,
    keyId: options.keyId,
  };
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  try {
    readPayload(bytes); // the reader is the one definition of a well-formed payload
  } catch (err) {
    const field = err instanceof PayloadError ? err.field : '(payload)';
    const message = err instanceof Error ? err.message : String(err);
    throw new ValidationError(`issueLicense: ${message}`, [{ field, message }]);
  }
  const signature = sign(null, signedBytes(bytes), key as KeyObject);
  const comment =
    `Amazon MWS connector license ${payload.licenseId} for ${payload.licensee}: ${payload.features.join(', ')}, ` +
    `${payload.notBefore} to ${payload.expiresAt} (+${payload.graceDays} days grace), servers ${payload.servers.join(' ')}.\n` +
    'Install with `mws-connector license install <file>`. Text outside the armour is not signed.';
  return encodeLicense({ keyId: payload.keyId, signature, payload: bytes }, comment);
}

function privateKeyOf(pem: unknown, problems: FieldProblem[]): KeyObject | undefined {
  try {
    if (typeof pem !== 'string') throw new Error('not text');
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
    problems.push({ field: 'privateKey', message: `expected an Ed25519 private key, got ${key.asymmetricKeyType ?? 'another type'}` });
  } catch {
    // Never include the key or the parser's message (which may quote it).
    problems.push({ field: 'privateKey', message: 'expected a PEM Ed25519 private key' });
  }
  return undefined;
}

function isoDate(value: unknown, field: string, problems: FieldProblem[]): string | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    problems.push({ field, message: 'expected an ISO 8601 date, e.g. 2027-01-31T00:00:00Z' });
    return undefined;
  }
  return new Date(ms).toISOString();
}

function defaultLicenseId(issued: Date): string {
  return `MWSL-${issued.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
}
