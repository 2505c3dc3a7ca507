/**
 * The license hook the runtime calls on enable and before every invoke. Each check re-lists the licenses
 * folder and stats its files (cheap), re-reads a file only when its stat changed, re-verifies a signature only
 * when the file's hash changed, and re-decides when the folder changed or the next time boundary passed —
 * so a license installed while the runtime runs counts at once, with no restart.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { LicenseError, toConnectorError } from '../mws/errors';
import { systemClock, type Clock } from '../util/clock';
import { DEFAULT_EVALUATION_HOSTS, evaluationHostMatcher } from './evaluation';
import { serverFingerprint } from './fingerprint';
import { evaluateLicense, verifyLicense, type Verification } from './inspect';
import { errorCodeFor, licenseFileNames, licensesDir, pickActive, readLicenseFile, type LicenseLocation } from './install';
import type { TrustedKeys } from './keys';
import { DAY_MS, DEFAULT_FEATURE } from './payload';
import type { LicenseDecision, LicenseGate, LicenseInspection, LicenseLogger } from './types';

export interface LicenseGateOptions extends LicenseLocation {
  /** Default: the vendor keys. Tests pass their own (`host.trustedKeys`). */
  trustedKeys?: TrustedKeys;
  /** Default: `serverFingerprint()` (honours MWS_CONNECTOR_FINGERPRINT). */
  fingerprint?: string;
  /** Host names, IPs and CIDR ranges that need no license; default loopback. `[]` turns evaluation off. */
  evaluationHosts?: readonly string[];
  clock?: Clock;
  logger?: LicenseLogger;
  /** The feature required when a check names none; default `mws-actions` (connector.json `license.feature`). */
  feature?: string;
  product?: string;
}

export interface LicenseGateHandle extends LicenseGate {
  /** The licenses folder this gate watches. */
  readonly dir: string;
  readonly fingerprint: string;
}

interface FileEntry {
  statKey: string;
  hash: string;
  verification: Verification;
}

interface CachedDecision {
  folderKey: string;
  feature: string;
  decidedAt: number;
  validUntil: number;
  active?: { file: string; inspection: LicenseInspection };
}

export function createLicenseGate(options: LicenseGateOptions = {}): LicenseGateHandle {
  const dir = licensesDir(options);
  const fingerprint = serverFingerprint(options.fingerprint !== undefined ? { fingerprint: options.fingerprint } : {});
  const isEvaluationHost = evaluationHostMatcher(options.evaluationHosts ?? DEFAULT_EVALUATION_HOSTS);
  const clock = options.clock ?? systemClock;
  const defaultFeature = options.feature ?? DEFAULT_FEATURE;
  const verifyOptions = { trustedKeys: options.trustedKeys, fingerprint, product: options.product };
  const files = new Map<string, FileEntry>();
  const decisions = new Map<string, CachedDecision>();
  const sellers = new Map<string, Set<string>>();
  const lastLogged = new Map<string, string>();

  /** Stats every license file; reads and verifies only what changed. Returns a key that changes with the folder. */
  async function scan(): Promise<string> {
    const names = await licenseFileNames(dir);
    const keys: string[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      let statKey: string;
      try {
        const s = await fsp.stat(file);
        statKey = `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
      } catch {
        continue; // removed between readdir and stat
      }
      const known = files.get(name);
      if (!known || known.statKey !== statKey) {
        const text = await readLicenseFile(file);
        const hash = typeof text === 'string' ? createHash('sha256').update(text).digest('hex') : `unreadable:${statKey}`;
        if (known && known.hash === hash) {
          known.statKey = statKey;
        } else {
          const verification: Verification =
            typeof text === 'string' ? verifyLicense(text, verifyOptions) : { ok: false, reasonCode: 'malformed', reason: text.reason };
          files.set(name, { statKey, hash, verification });
        }
      }
      keys.push(`${name}=${files.get(name)?.hash}`);
    }
    for (const name of files.keys()) if (!names.includes(name)) files.delete(name);
    return keys.join('|');
  }

  async function decide(feature: string): Promise<CachedDecision> {
    const folderKey = await scan();
    const now = clock.now();
    const cached = decisions.get(feature);
    if (cached && cached.folderKey === folderKey && now >= cached.decidedAt && now < cached.validUntil) return cached;
    let validUntil = Infinity;
    const evaluated = [...files.entries()].map(([name, entry]) => {
      const inspection = evaluateLicense(entry.verification, { now: new Date(now), feature });
      if (inspection.nextChangeAt !== undefined) validUntil = Math.min(validUntil, Date.parse(inspection.nextChangeAt));
      return { file: path.join(dir, name), inspection };
    });
    const active = pickActive(evaluated);
    const { expiresAt, daysLeft } = active?.inspection ?? {};
    // daysLeft (and the reason quoting it) changes once a day: decide again then too.
    if (expiresAt !== undefined && daysLeft !== undefined) validUntil = Math.min(validUntil, Date.parse(expiresAt) - (daysLeft - 1) * DAY_MS);
    const decision: CachedDecision = { folderKey, feature, decidedAt: now, validUntil };
    if (active) decision.active = active;
    decisions.set(feature, decision);
    return decision;
  }

  /** Logs when the outcome for a feature changes, not on every invoke. */
  function log(feature: string, key: string, level: 'warn' | 'info', message: string, meta: Record<string, unknown>): void {
    if (!options.logger || lastLogged.get(feature) === key) return;
    lastLogged.set(feature, key);
    options.logger[level](message, { ...meta, feature });
  }

  async function check(request: { endpointHost: string; feature?: string; sellerId?: string }): Promise<LicenseDecision> {
    const evaluation = isEvaluationHost(request?.endpointHost);
    const feature = request?.feature ?? defaultFeature;
    let decided: CachedDecision | undefined;
    try {
      decided = await decide(feature);
    } catch (err) {
      // An unreadable licenses folder refuses licensed calls (as a decision, like any refusal) but not evaluation ones.
      if (!evaluation) return { allowed: false, evaluation, reason: (err as Error).message, error: toConnectorError(err, 'LICENSE_MISSING') };
    }
    const inspection = decided?.active?.inspection;
    const decision: LicenseDecision = { allowed: true, evaluation };
    if (inspection) copyLicenseFields(decision, inspection);
    if (evaluation) return decision;

    if (!inspection) {
      decision.allowed = false;
      decision.reason = `no license is installed in ${dir}`;
      decision.error = new LicenseError(
        'LICENSE_MISSING',
        `No license is installed in ${dir} for this server (fingerprint ${fingerprint}). ` +
          'Send `mws-connector license request` to the vendor and install the license you receive with `mws-connector license install <file>`; loopback (evaluation) endpoints need no license.',
      );
      log(feature, `missing`, 'warn', 'license: none installed; non-evaluation calls are refused', { dir, fingerprint });
      return decision;
    }
    const meta = { licenseId: inspection.licenseId, state: inspection.state, expiresAt: inspection.expiresAt, daysLeft: inspection.daysLeft };
    if (!inspection.usable) {
      decision.allowed = false;
      decision.error = new LicenseError(errorCodeFor(inspection.state), `License refused (${path.basename(decided?.active?.file ?? '')}): ${inspection.reason}`);
      log(feature, `refused|${inspection.licenseId}|${inspection.state}|${inspection.reasonCode}`, 'warn', `license: refused: ${inspection.reason}`, meta);
      return decision;
    }
    const sellerRefusal = countSeller(inspection, request.sellerId);
    if (sellerRefusal) {
      decision.allowed = false;
      decision.reason = sellerRefusal;
      decision.error = new LicenseError('LICENSE_INVALID', `License ${inspection.licenseId ?? ''} refused: ${sellerRefusal}`);
      log(feature, `sellers|${inspection.licenseId}|${request.sellerId}`, 'warn', `license: ${sellerRefusal}`, meta);
      return decision;
    }
    if (inspection.state === 'expiring' || inspection.state === 'grace') {
      decision.warning = `License ${inspection.licenseId ?? ''} ${inspection.reason}`;
      log(feature, `usable|${inspection.licenseId}|${inspection.state}`, 'warn', `license: ${decision.warning}`, meta);
    } else {
      log(feature, `usable|${inspection.licenseId}|${inspection.state}`, 'info', `license: ${inspection.licenseId ?? ''} for ${inspection.licensee ?? ''} is ${inspection.reason}`, meta);
    }
    return decision;
  }

  /** Admits a seller against `limits.sellers` (distinct sellers this gate has let through); returns why not. */
  function countSeller(inspection: LicenseInspection, sellerId: string | undefined): string | undefined {
    const limit = inspection.limits?.sellers;
    if (limit === null || limit === undefined || sellerId === undefined || inspection.licenseId === undefined) return undefined;
    let seen = sellers.get(inspection.licenseId);
    if (!seen) sellers.set(inspection.licenseId, (seen = new Set()));
    if (seen.has(sellerId)) return undefined;
    if (seen.size >= limit) return `the license allows ${limit} seller account(s) on this server, already used by ${[...seen].join(', ')}`;
    seen.add(sellerId);
    return undefined;
  }

  return { check, dir, fingerprint };
}

function copyLicenseFields(decision: LicenseDecision, inspection: LicenseInspection): void {
  decision.state = inspection.state;
  decision.reason = inspection.reason;
  if (inspection.licenseId !== undefined) decision.licenseId = inspection.licenseId;
  if (inspection.licensee !== undefined) decision.licensee = inspection.licensee;
  if (inspection.expiresAt !== undefined) decision.expiresAt = inspection.expiresAt;
  if (inspection.daysLeft !== undefined) decision.daysLeft = inspection.daysLeft;
}
