/** The license payload: product constants and the strict reader of signed payload bytes. */
import type { LicensePayload } from './types';

export const LICENSE_PRODUCT = 'amazon-mws-connector';
export const DEFAULT_EDITION = 'server';
/** The feature the connector's actions require (connector.json `license.feature`). */
export const DEFAULT_FEATURE = 'mws-actions';
export const ANY_SERVER = '*';
export const LICENSE_SCHEMA_VERSION = 1;
/** A license is `expiring` from this many days before `expiresAt`. */
export const EXPIRING_WINDOW_DAYS = 15;
export const MAX_GRACE_DAYS = 365;
export const DAY_MS = 24 * 60 * 60 * 1000;

export const LICENSE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Fingerprints are compared verbatim; overrides for containers may be any printable token. */
export const FINGERPRINT_PATTERN = /^[\x21-\x7e]{1,128}$/;
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** A field of the payload that is not what schemaVersion 1 says; the message names the field. */
export class PayloadError extends Error {
  constructor(
    readonly field: string,
    expected: string,
  ) {
    super(`payload field "${field}": expected ${expected}`);
  }
}

export class UnsupportedSchemaError extends Error {}

/** Parses and checks every field; unknown fields are refused so a payload means exactly one thing. */
export function readPayload(bytes: Buffer): LicensePayload {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new PayloadError('(payload)', 'UTF-8 JSON');
  }
  if (!isRecord(value)) throw new PayloadError('(payload)', 'a JSON object');
  if (value.schemaVersion !== LICENSE_SCHEMA_VERSION) {
    throw new UnsupportedSchemaError(`schemaVersion ${JSON.stringify(value.schemaVersion)} is not supported (this version reads ${LICENSE_SCHEMA_VERSION}); upgrade the connector`);
  }
  const known = new Set(['schemaVersion', 'licenseId', 'licensee', 'product', 'edition', 'features', 'limits', 'servers', 'issuedAt', 'notBefore', 'expiresAt', 'graceDays', 'keyId']);
  for (const key of Object.keys(value)) if (!known.has(key)) throw new PayloadError(key, 'no such field in schemaVersion 1');
  const payload: LicensePayload = {
    schemaVersion: 1,
    licenseId: pattern(value, 'licenseId', LICENSE_ID_PATTERN, 'letters, digits, ".", "_" or "-" (at most 64)'),
    licensee: text(value, 'licensee'),
    product: pattern(value, 'product', NAME_PATTERN, 'a lower-case product name'),
    edition: pattern(value, 'edition', NAME_PATTERN, 'a lower-case edition name'),
    features: list(value, 'features', NAME_PATTERN, 'lower-case feature names'),
    limits: limits(value.limits),
    servers: list(value, 'servers', FINGERPRINT_PATTERN, 'server fingerprints or ["*"]'),
    issuedAt: date(value, 'issuedAt'),
    notBefore: date(value, 'notBefore'),
    expiresAt: date(value, 'expiresAt'),
    graceDays: integer(value.graceDays, 'graceDays', 0, MAX_GRACE_DAYS),
    keyId: text(value, 'keyId'),
  };
  if (payload.servers.includes(ANY_SERVER) && payload.servers.length !== 1) throw new PayloadError('servers', '["*"] alone or a list of fingerprints');
  if (Date.parse(payload.expiresAt) <= Date.parse(payload.notBefore)) throw new PayloadError('expiresAt', 'a date after notBefore');
  return payload;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(obj: Record<string, unknown>, field: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200 || hasControlCharacter(value)) {
    throw new PayloadError(field, 'a non-empty single-line string of at most 200 characters');
  }
  return value;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function pattern(obj: Record<string, unknown>, field: string, re: RegExp, expected: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || !re.test(value)) throw new PayloadError(field, expected);
  return value;
}

function list(obj: Record<string, unknown>, field: string, re: RegExp, expected: string): string[] {
  const value = obj[field];
  if (!Array.isArray(value) || value.length === 0 || value.length > 1000) throw new PayloadError(field, `a non-empty array of ${expected}`);
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !re.test(item)) throw new PayloadError(`${field}[${i}]`, expected);
  });
  if (new Set(value).size !== value.length) throw new PayloadError(field, `${expected} without duplicates`);
  return value as string[];
}

function date(obj: Record<string, unknown>, field: string): string {
  const value = obj[field];
  if (typeof value !== 'string' || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value))) throw new PayloadError(field, 'an ISO 8601 UTC date-time (…Z)');
  return value;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new PayloadError(field, `an integer from ${min} to ${max}`);
  return value;
}

function limits(value: unknown): LicensePayload['limits'] {
  if (!isRecord(value)) throw new PayloadError('limits', 'an object { servers, sellers }');
  for (const key of Object.keys(value)) if (key !== 'servers' && key !== 'sellers') throw new PayloadError(`limits.${key}`, 'no such limit');
  const one = (key: 'servers' | 'sellers'): number | null => (value[key] === null ? null : integer(value[key], `limits.${key}`, 1, 1_000_000));
  return { servers: one('servers'), sellers: one('sellers') };
}
