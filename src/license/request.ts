/**
 * The license request an administrator sends to the vendor: plain JSON, readable and unsigned (it
 * grants nothing; the vendor decides what to issue). Parsing is for the vendor's `license issue --request`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ValidationError } from '../mws/errors';
import { serverFingerprint } from './fingerprint';
import { FINGERPRINT_PATTERN, LICENSE_PRODUCT } from './payload';

export const LICENSE_REQUEST_TYPE = 'amazon-mws-connector/license-request';

export interface LicenseRequest {
  type: typeof LICENSE_REQUEST_TYPE;
  schemaVersion: 1;
  product: string;
  version: string;
  licensee: string;
  contact?: string;
  fingerprint: string;
  hostname: string;
  created: string;
}

export interface CreateLicenseRequestOptions {
  licensee: string;
  contact?: string;
  /** Default `serverFingerprint()` (which honours MWS_CONNECTOR_FINGERPRINT). */
  fingerprint?: string;
  hostname?: string;
  version?: string;
  now?: Date;
}

export function createLicenseRequest(options: CreateLicenseRequestOptions): string {
  const licensee = typeof options?.licensee === 'string' ? options.licensee.trim() : '';
  if (licensee === '' || licensee.length > 200) throw new ValidationError('licensee: expected the organisation name (1 to 200 characters)', [{ field: 'licensee', message: 'expected the organisation name (1 to 200 characters)' }]);
  const request: LicenseRequest = {
    type: LICENSE_REQUEST_TYPE,
    schemaVersion: 1,
    product: LICENSE_PRODUCT,
    version: options.version ?? packageVersion(),
    licensee,
    fingerprint: serverFingerprint(options.fingerprint !== undefined ? { fingerprint: options.fingerprint } : {}),
    hostname: options.hostname ?? os.hostname(),
    created: (options.now ?? new Date()).toISOString(),
  };
  if (options.contact !== undefined && options.contact.trim() !== '') request.contact = options.contact.trim();
  return `${JSON.stringify(request, null, 2)}\n`;
}

export function parseLicenseRequest(text: string): LicenseRequest {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ValidationError('license request: expected JSON', [{ field: '(request)', message: 'expected JSON' }]);
  }
  const problems = [];
  if (value?.type !== LICENSE_REQUEST_TYPE) problems.push({ field: 'type', message: `expected "${LICENSE_REQUEST_TYPE}"` });
  if (typeof value?.licensee !== 'string' || value.licensee.trim() === '') problems.push({ field: 'licensee', message: 'expected a name' });
  if (typeof value?.fingerprint !== 'string' || !FINGERPRINT_PATTERN.test(value.fingerprint)) problems.push({ field: 'fingerprint', message: 'expected a server fingerprint' });
  if (problems.length > 0) throw new ValidationError(`license request: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  return value as unknown as LicenseRequest;
}

/** This package's version, from the nearest package.json above this file (works from src/ and dist/). */
function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === LICENSE_PRODUCT && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // keep looking upward
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}
