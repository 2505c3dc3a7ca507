/** Contracts between the license module and the runtime that asks it (the license hook). */
import type { MwsConnectorError } from '../mws/errors';

export type LicenseState = 'valid' | 'expiring' | 'grace' | 'expired' | 'not-yet-valid' | 'invalid';

/** What the gate answers before enabling the connector and before every invoke. */
export interface LicenseDecision {
  allowed: boolean;
  /** True when the call targets an evaluation host (loopback by default) and needs no license. */
  evaluation: boolean;
  /** Absent for evaluation calls with no license installed. */
  state?: LicenseState;
  reason?: string;
  licenseId?: string;
  licensee?: string;
  expiresAt?: string;
  daysLeft?: number;
  /** Set for `expiring` and `grace`: shown in logs and in results' metadata. */
  warning?: string;
  /** Set when `allowed` is false: a LicenseError with its own code. */
  error?: MwsConnectorError;
}

export interface LicenseGate {
  /**
   * `endpointHost`: the host the connection talks to (decides evaluation). `feature`: the feature required.
   * `sellerId`: the connection's seller, counted against the license's `limits.sellers` (per running gate).
   */
  check(request: { endpointHost: string; feature?: string; sellerId?: string }): Promise<LicenseDecision>;
}

/** The signed content of a license file (schemaVersion 1). Dates are ISO 8601 UTC strings. */
export interface LicensePayload {
  schemaVersion: 1;
  licenseId: string;
  licensee: string;
  product: string;
  edition: string;
  features: string[];
  /** `null` = unlimited. `servers` counts fingerprints; `sellers` counts distinct seller ids per server. */
  limits: { servers: number | null; sellers: number | null };
  /** Server fingerprints this license runs on, or `["*"]` for any server. */
  servers: string[];
  issuedAt: string;
  notBefore: string;
  expiresAt: string;
  /** Days after `expiresAt` during which the connector still runs, with a warning. */
  graceDays: number;
  keyId: string;
}

/** Why a license is refused, for programs; `reason` says it in words. */
export type LicenseReasonCode =
  | 'malformed'
  | 'unknown-key'
  | 'bad-signature'
  | 'key-id-mismatch'
  | 'unsupported-schema'
  | 'wrong-product'
  | 'missing-feature'
  | 'wrong-server'
  | 'not-yet-valid'
  | 'expired';

/** What `inspectLicense` answers. Every field but `state` and `reason` is present only when the signature verified. */
export interface LicenseInspection {
  state: LicenseState;
  /** Exact words: why invalid or refused, or a one-line summary for usable states. */
  reason: string;
  /** Set when the license is refused (`invalid`, `expired`, `not-yet-valid`). */
  reasonCode?: LicenseReasonCode;
  keyId?: string;
  licenseId?: string;
  licensee?: string;
  product?: string;
  edition?: string;
  features?: string[];
  limits?: { servers: number | null; sellers: number | null };
  servers?: string[];
  issuedAt?: string;
  notBefore?: string;
  expiresAt?: string;
  graceDays?: number;
  /** When the grace period ends (expiresAt + graceDays). */
  graceEndsAt?: string;
  /** Whole days until `expiresAt`, rounded up; 0 or negative once expired. */
  daysLeft?: number;
  /** The next instant the state changes by time alone (ISO), if any. */
  nextChangeAt?: string;
  /** The fingerprint the server check used (absent when it was skipped). */
  fingerprint?: string;
  /** True when the license may be used now (`valid`, `expiring`, `grace`). */
  usable: boolean;
}

/** Minimal logger surface the license gate uses (winston's Logger satisfies it). */
export interface LicenseLogger {
  warn(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
}
