/**
 * Installed licenses: `<home>/licenses/<licenseId>.lic`. Installing verifies first and writes atomically
 * (temp file, fsync, rename), so a refused or interrupted install leaves the previous license in place.
 * Several files may coexist (a renewal installed before it starts); `pickActive` says which one counts.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { LicenseError, type ErrorCode } from '../mws/errors';
import { connectorHome, connectorPaths } from '../util/home';
import { fingerprintInfo } from './fingerprint';
import { evaluateLicense, inspectLicense, verifyLicense, type InspectOptions } from './inspect';
import { MAX_LICENSE_TEXT_BYTES } from './format';
import { LICENSE_ID_PATTERN } from './payload';
import type { LicenseInspection, LicenseState } from './types';

export const LICENSE_FILE_EXTENSION = '.lic';

export interface LicenseLocation {
  /** MWS_CONNECTOR_HOME; default `connectorHome()`. */
  home?: string;
  /** The licenses folder itself; default `<home>/licenses`. */
  dir?: string;
}

export type InstallOptions = LicenseLocation & InspectOptions;

export interface InstalledLicense {
  file: string;
  inspection: LicenseInspection;
}

export function licensesDir(location: LicenseLocation = {}): string {
  return location.dir ?? connectorPaths(location.home ?? connectorHome()).licenses;
}

/** Error code for a refused inspection (LICENSE_INVALID, LICENSE_EXPIRED or LICENSE_NOT_YET_VALID). */
export function errorCodeFor(state: LicenseState): ErrorCode {
  if (state === 'expired') return 'LICENSE_EXPIRED';
  if (state === 'not-yet-valid') return 'LICENSE_NOT_YET_VALID';
  return 'LICENSE_INVALID';
}

/**
 * Verifies `text` for this server and installs it. Refuses (LicenseError) an invalid or expired license;
 * a not-yet-valid one is installed (a renewal ahead of time) and takes over when it starts.
 */
export async function installLicense(text: string, options: InstallOptions = {}): Promise<InstalledLicense> {
  const inspection = inspectLicense(text, options);
  if (inspection.state === 'invalid' || inspection.state === 'expired') {
    throw new LicenseError(errorCodeFor(inspection.state), `license refused: ${inspection.reason}; the installed licenses are unchanged`, { field: 'license' });
  }
  const dir = licensesDir(options);
  await fsp.mkdir(dir, { recursive: true });
  // licenseId is restricted to [A-Za-z0-9._-] by the payload reader, so it is a safe file name.
  const file = path.join(dir, `${inspection.licenseId as string}${LICENSE_FILE_EXTENSION}`);
  await writeAtomically(file, text);
  return { file, inspection };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(temp, file);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw new LicenseError('LICENSE_INVALID', `could not install the license into ${path.dirname(file)}: ${(err as Error).message}`, { cause: err });
  }
  await syncDirectory(path.dirname(file));
}

/** Makes the rename durable; not supported on every platform (Windows), where rename is already durable enough. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort.
  }
}

/** Every `*.lic` file in `dir`, inspected for this server (an unreadable file is listed as invalid). */
export async function listInstalledLicenses(dir: string, options: InspectOptions = {}): Promise<InstalledLicense[]> {
  const names = await licenseFileNames(dir);
  const out: InstalledLicense[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    out.push({ file, inspection: await inspectFile(file, options) });
  }
  return out;
}

export async function licenseFileNames(dir: string): Promise<string[]> {
  try {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith(LICENSE_FILE_EXTENSION) && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new LicenseError('LICENSE_MISSING', `cannot read the licenses folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

async function inspectFile(file: string, options: InspectOptions): Promise<LicenseInspection> {
  const text = await readLicenseFile(file);
  if (typeof text !== 'string') return evaluateLicense({ ok: false, reasonCode: 'malformed', reason: text.reason }, options);
  return evaluateLicense(verifyLicense(text, options), options);
}

/** The file's text, or why it cannot be read. */
export async function readLicenseFile(file: string): Promise<string | { reason: string }> {
  try {
    const stat = await fsp.stat(file);
    if (stat.size > MAX_LICENSE_TEXT_BYTES) return { reason: `malformed license: ${file} is larger than ${MAX_LICENSE_TEXT_BYTES} bytes` };
    return await fsp.readFile(file, 'utf8');
  } catch (err) {
    return { reason: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

const USABLE_RANK: Record<string, number> = { valid: 3, expiring: 3, grace: 2 };
const REFUSED_RANK: Record<string, number> = { 'not-yet-valid': 3, expired: 2, invalid: 1 };

/**
 * The license that counts: a usable one if any (valid or expiring before grace, then the one that lasts
 * longest); otherwise the most telling refusal (not yet valid, then expired, then invalid).
 */
export function pickActive<T extends { inspection: LicenseInspection }>(licenses: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of licenses) {
    if (!best || compare(candidate.inspection, best.inspection) > 0) best = candidate;
  }
  return best;
}

function compare(a: LicenseInspection, b: LicenseInspection): number {
  if (a.usable !== b.usable) return a.usable ? 1 : -1;
  const rank = a.usable ? USABLE_RANK : REFUSED_RANK;
  const byState = (rank[a.state] ?? 0) - (rank[b.state] ?? 0);
  if (byState !== 0) return byState;
  if (a.state === 'not-yet-valid') return Date.parse(b.notBefore ?? '') - Date.parse(a.notBefore ?? ''); // starts sooner
  return (Date.parse(a.graceEndsAt ?? '') || 0) - (Date.parse(b.graceEndsAt ?? '') || 0); // lasts longer
}

export interface LicenseStatus {
  dir: string;
  fingerprint: string;
  fingerprintSource: string;
  /** The active license's state, or `missing` when no license file is installed. */
  state: LicenseState | 'missing';
  active?: InstalledLicense;
  licenses: InstalledLicense[];
}

/** What `mws-connector license status` shows. */
export async function licenseStatus(options: InstallOptions = {}): Promise<LicenseStatus> {
  const dir = licensesDir(options);
  const fp = options.fingerprint === null || options.fingerprint === undefined ? fingerprintInfo() : fingerprintInfo({ fingerprint: options.fingerprint });
  const licenses = await listInstalledLicenses(dir, { ...options, fingerprint: fp.fingerprint });
  const active = pickActive(licenses);
  const status: LicenseStatus = { dir, fingerprint: fp.fingerprint, fingerprintSource: fp.source, state: active ? active.inspection.state : 'missing', licenses };
  if (active) status.active = active;
  return status;
}

/** Removes an installed license by id (e.g. an expired one after renewal). Returns false when none had that id. */
export async function removeLicense(licenseId: string, location: LicenseLocation = {}): Promise<boolean> {
  if (!LICENSE_ID_PATTERN.test(licenseId)) throw new LicenseError('LICENSE_INVALID', 'licenseId: expected letters, digits, ".", "_" or "-"', { field: 'licenseId' });
  const file = path.join(licensesDir(location), `${licenseId}${LICENSE_FILE_EXTENSION}`);
  try {
    await fsp.unlink(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new LicenseError('LICENSE_INVALID', `could not remove ${file}: ${(err as Error).message}`, { cause: err });
  }
}
