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
  /** `endpointHost`: the host the connection talks to (decides evaluation). `feature`: the feature required. */
  check(request: { endpointHost: string; feature?: string }): Promise<LicenseDecision>;
}
