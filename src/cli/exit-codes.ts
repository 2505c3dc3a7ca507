/**
 * The CLI's exit codes (README "CLI" → "Exit codes"): one per kind of failure, so scripts can tell a typo from
 * a refused credential from an expired license. MwsConnectorErrors map by their category; oclif's own parse
 * errors (missing flag, unknown flag) are usage errors.
 */
import { MwsConnectorError, type ErrorCategory } from '../mws/errors';

export const EXIT = {
  OK: 0,
  UNEXPECTED: 1,
  USAGE: 2,
  CONFIG: 3,
  CONNECTION: 4,
  LICENSE: 5,
  INTEGRITY: 6,
  THROTTLED: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Category → exit code. `service` (MWS answered with an error of its own: unknown id, not ready, unavailable,
 * unparseable) shares 4 with authentication and connection: the remote side refused or failed, not the caller's
 * configuration.
 */
const BY_CATEGORY: Record<ErrorCategory, ExitCode> = {
  config: EXIT.CONFIG,
  validation: EXIT.CONFIG,
  auth: EXIT.CONNECTION,
  connection: EXIT.CONNECTION,
  service: EXIT.CONNECTION,
  license: EXIT.LICENSE,
  integrity: EXIT.INTEGRITY,
  throttle: EXIT.THROTTLED,
  internal: EXIT.UNEXPECTED,
};

export function exitCodeForCategory(category: ErrorCategory): ExitCode {
  return BY_CATEGORY[category];
}

/** oclif's parse errors carry `oclif.exit` (2) and a `parse` member. */
export function isUsageError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { parse?: unknown; oclif?: { exit?: number } };
  return e.parse !== undefined || e.oclif?.exit === EXIT.USAGE;
}

export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof MwsConnectorError) return exitCodeForCategory(err.category);
  if (isUsageError(err)) return EXIT.USAGE;
  return EXIT.UNEXPECTED;
}
