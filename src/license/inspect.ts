/**
 * Reading a license: `verifyLicense` checks what does not change with time (armour, key, signature, payload,
 * product, server) and is what the gate caches per file hash; `evaluateLicense` adds the feature and the time
 * state, which is cheap arithmetic. `inspectLicense` is both, and never throws for a bad license text.
 */
import { verify } from 'node:crypto';
import { ValidationError } from '../mws/errors';
import { decodeLicense, LicenseFormatError, signedBytes } from './format';
import { serverFingerprint } from './fingerprint';
import { trustedKey, type TrustedKeys } from './keys';
import { ANY_SERVER, DAY_MS, DEFAULT_FEATURE, EXPIRING_WINDOW_DAYS, LICENSE_PRODUCT, PayloadError, readPayload, UnsupportedSchemaError } from './payload';
import type { LicenseInspection, LicensePayload, LicenseReasonCode, LicenseState } from './types';

export interface VerifyOptions {
  /** `{ [keyId]: publicKeyPem }`; default the vendor keys (src/license/vendor-keys.ts). */
  trustedKeys?: TrustedKeys;
  /** This server's fingerprint; default `serverFingerprint()`. `null` skips the server check (vendor-side inspection). */
  fingerprint?: string | null;
  product?: string;
}

export interface InspectOptions extends VerifyOptions {
  now?: Date;
  /** The feature required; default the connector's (`mws-actions`). `null` skips the feature check. */
  feature?: string | null;
}

export type Verification =
  | { ok: true; payload: LicensePayload; keyId: string; fingerprint?: string }
  | { ok: false; reasonCode: LicenseReasonCode; reason: string; payload?: LicensePayload; keyId?: string; fingerprint?: string };

export function verifyLicense(text: string, options: VerifyOptions = {}): Verification {
  let armoured;
  try {
    armoured = decodeLicense(text);
  } catch (err) {
    if (err instanceof LicenseFormatError) return { ok: false, reasonCode: 'malformed', reason: `malformed license: ${err.message}` };
    throw err;
  }
  const { keyId } = armoured;
  let key;
  try {
    key = trustedKey(options.trustedKeys, keyId);
  } catch (err) {
    return { ok: false, reasonCode: 'unknown-key', reason: `cannot verify: ${(err as Error).message}`, keyId };
  }
  if (!key) return { ok: false, reasonCode: 'unknown-key', reason: `signed by unknown key "${keyId}"; this connector trusts ${describeKeys(options.trustedKeys)}`, keyId };
  if (!verify(null, signedBytes(armoured.payload), key, armoured.signature)) {
    return { ok: false, reasonCode: 'bad-signature', reason: `bad signature: the license was altered or not signed by key "${keyId}"`, keyId };
  }
  let payload: LicensePayload;
  try {
    payload = readPayload(armoured.payload);
  } catch (err) {
    if (err instanceof UnsupportedSchemaError) return { ok: false, reasonCode: 'unsupported-schema', reason: err.message, keyId };
    if (err instanceof PayloadError) return { ok: false, reasonCode: 'malformed', reason: `malformed license: ${err.message}`, keyId };
    throw err;
  }
  if (payload.keyId !== keyId) {
    return { ok: false, reasonCode: 'key-id-mismatch', reason: `the Key-Id header "${keyId}" does not match the signed key id "${payload.keyId}"`, payload, keyId };
  }
  const product = options.product ?? LICENSE_PRODUCT;
  if (payload.product !== product) return { ok: false, reasonCode: 'wrong-product', reason: `the license is for product "${payload.product}", not "${product}"`, payload, keyId };
  if (options.fingerprint === null) return { ok: true, payload, keyId };
  const fingerprint = options.fingerprint ?? serverFingerprint();
  if (!payload.servers.includes(ANY_SERVER) && !payload.servers.includes(fingerprint)) {
    return {
      ok: false,
      reasonCode: 'wrong-server',
      reason: `the license is for server(s) ${payload.servers.join(', ')}, not this server (${fingerprint})`,
      payload,
      keyId,
      fingerprint,
    };
  }
  return { ok: true, payload, keyId, fingerprint };
}

function describeKeys(keys: TrustedKeys | undefined): string {
  const ids = keys ? Object.keys(keys) : undefined;
  if (ids === undefined) return 'the vendor keys in connector.json';
  return ids.length === 0 ? 'no keys' : ids.map((id) => `"${id}"`).join(', ');
}

export interface TimeState {
  state: Extract<LicenseState, 'valid' | 'expiring' | 'grace' | 'expired' | 'not-yet-valid'>;
  /** Next instant (ms) at which the state changes, if any. */
  nextChangeAt?: number;
}

/** The state by time alone. Each boundary belongs to the later state: at `expiresAt` exactly, the license is in grace. */
export function timeStateAt(payload: LicensePayload, nowMs: number): TimeState {
  const notBefore = Date.parse(payload.notBefore);
  const expires = Date.parse(payload.expiresAt);
  const expiringFrom = Math.max(notBefore, expires - EXPIRING_WINDOW_DAYS * DAY_MS);
  const graceEnds = expires + payload.graceDays * DAY_MS;
  if (nowMs < notBefore) return { state: 'not-yet-valid', nextChangeAt: notBefore };
  if (nowMs < expiringFrom) return { state: 'valid', nextChangeAt: expiringFrom };
  if (nowMs < expires) return { state: 'expiring', nextChangeAt: expires };
  if (nowMs < graceEnds) return { state: 'grace', nextChangeAt: graceEnds };
  return { state: 'expired' };
}

export function evaluateLicense(verification: Verification, options: { now?: Date; feature?: string | null } = {}): LicenseInspection {
  const details = verification.payload ? describePayload(verification.payload, verification.keyId) : verification.keyId ? { keyId: verification.keyId } : {};
  if (verification.fingerprint !== undefined) Object.assign(details, { fingerprint: verification.fingerprint });
  if (!verification.ok) return { state: 'invalid', reason: verification.reason, reasonCode: verification.reasonCode, usable: false, ...details };
  const payload = verification.payload;
  const feature = options.feature === undefined ? DEFAULT_FEATURE : options.feature;
  if (feature !== null && !payload.features.includes(feature)) {
    return { state: 'invalid', reasonCode: 'missing-feature', reason: `the license does not include feature "${feature}" (it has ${payload.features.join(', ')})`, usable: false, ...details };
  }
  const nowMs = (options.now ?? new Date()).getTime();
  if (!Number.isFinite(nowMs)) throw new ValidationError('now: expected a valid Date', [{ field: 'now', message: 'expected a valid Date' }]);
  const { state, nextChangeAt } = timeStateAt(payload, nowMs);
  const expires = Date.parse(payload.expiresAt);
  const daysLeft = Math.ceil((expires - nowMs) / DAY_MS) || 0;
  const graceEndsAt = new Date(expires + payload.graceDays * DAY_MS).toISOString();
  const inspection: LicenseInspection = {
    state,
    reason: summary(state, payload, daysLeft, graceEndsAt),
    usable: state === 'valid' || state === 'expiring' || state === 'grace',
    ...details,
    graceEndsAt,
    daysLeft,
  };
  if (state === 'expired' || state === 'not-yet-valid') inspection.reasonCode = state;
  if (nextChangeAt !== undefined) inspection.nextChangeAt = new Date(nextChangeAt).toISOString();
  return inspection;
}

/** Verifies and evaluates `text`; bad text gives `state: 'invalid'` with the exact reason, never an exception. */
export function inspectLicense(text: string, options: InspectOptions = {}): LicenseInspection {
  return evaluateLicense(verifyLicense(text, options), options);
}

function describePayload(p: LicensePayload, keyId: string | undefined): Partial<LicenseInspection> {
  return {
    keyId: keyId ?? p.keyId,
    licenseId: p.licenseId,
    licensee: p.licensee,
    product: p.product,
    edition: p.edition,
    features: [...p.features],
    limits: { ...p.limits },
    servers: [...p.servers],
    issuedAt: p.issuedAt,
    notBefore: p.notBefore,
    expiresAt: p.expiresAt,
    graceDays: p.graceDays,
  };
}

function summary(state: TimeState['state'], p: LicensePayload, daysLeft: number, graceEndsAt: string): string {
  switch (state) {
    case 'not-yet-valid':
      return `the license is not valid before ${p.notBefore}`;
    case 'valid':
      return `valid until ${p.expiresAt} (${daysLeft} days left)`;
    case 'expiring':
      return `expires on ${p.expiresAt} (${daysLeft} days left); install a renewal`;
    case 'grace':
      return `expired on ${p.expiresAt}; running on grace until ${graceEndsAt}; install a renewal`;
    case 'expired':
      return `expired on ${p.expiresAt}; the grace period ended on ${graceEndsAt}`;
  }
}
