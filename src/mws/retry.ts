/**
 * When a failed attempt may be sent again (issue 3's retry table).
 * - definite: the request certainly did not take effect (MWS refused it as throttled, or it never reached the
 *   server): any operation may retry.
 * - ambiguous: the request may have been processed: only idempotent operations retry; the others raise
 *   AMBIGUOUS_OUTCOME carrying the operation's `recovery`, because re-sending a feed or a label purchase blindly
 *   could do it twice.
 */
import { MwsConnectorError } from './errors';

export type FaultCause =
  | 'throttled' // 503 RequestThrottled with an ErrorResponse body
  | 'quotaExceeded' // 503 QuotaExceeded with an ErrorResponse body
  | 'connectionRefused'
  | 'connectTimeout' // no connection, so nothing was written
  | 'resetBeforeWrite' // the connection broke before the whole request was handed to it
  | 'timeoutAfterWrite' // no response (first byte or idle) after the request was written
  | 'resetAfterWrite'
  | 'http500'
  | 'http502'
  | 'http503' // 503 without a throttling ErrorResponse (ServiceUnavailable, a proxy's page)
  | 'http504'
  | 'truncatedBody' // the response ended before its Content-Length (or last chunk)
  | 'contentMd5Mismatch'; // a downloaded document did not match its Content-MD5 (REFERENCE.md §g: fetch again)

export type FaultKind = 'definite' | 'ambiguous';

export const RETRY_TABLE: Readonly<Record<FaultCause, FaultKind>> = {
  throttled: 'definite',
  quotaExceeded: 'definite',
  connectionRefused: 'definite',
  connectTimeout: 'definite',
  resetBeforeWrite: 'definite',
  timeoutAfterWrite: 'ambiguous',
  resetAfterWrite: 'ambiguous',
  http500: 'ambiguous',
  http502: 'ambiguous',
  http503: 'ambiguous',
  http504: 'ambiguous',
  truncatedBody: 'ambiguous',
  contentMd5Mismatch: 'ambiguous',
};

const FAULT = Symbol('mws.faultCause');

/** Marks an error with the fault that produced it (kept off JSON and messages). */
export function tagFault<E extends MwsConnectorError>(error: E, cause: FaultCause): E {
  Object.defineProperty(error, FAULT, { value: cause, enumerable: false });
  return error;
}

export function faultOf(error: unknown): FaultCause | undefined {
  return error instanceof MwsConnectorError ? ((error as unknown as Record<symbol, FaultCause | undefined>)[FAULT]) : undefined;
}

/** The fault of an HTTP error status with its parsed MWS code, if the status is one the table knows. */
export function faultForStatus(status: number, mwsCode?: string): FaultCause | undefined {
  if (status === 503 && mwsCode === 'RequestThrottled') return 'throttled';
  if (status === 503 && mwsCode === 'QuotaExceeded') return 'quotaExceeded';
  if (status === 500) return 'http500';
  if (status === 502) return 'http502';
  if (status === 503) return 'http503';
  if (status === 504) return 'http504';
  return undefined;
}

export type RetryDecision = 'retry' | 'raise' | 'ambiguous';

/**
 * What to do after attempt number `attempt` (1-based) failed with `error`.
 * 'ambiguous' means: raise AMBIGUOUS_OUTCOME instead of the error (see `ambiguousOutcome`).
 */
export function decideRetry(error: unknown, idempotent: boolean, attempt: number, maxRetries: number): RetryDecision {
  const cause = faultOf(error);
  if (cause === undefined) return 'raise';
  const kind = RETRY_TABLE[cause];
  if (kind === 'ambiguous' && !idempotent) return 'ambiguous';
  return attempt <= maxRetries ? 'retry' : 'raise';
}

/** DOCS advice for 500/503: exponential back-off, e.g. 1 s, 4 s, 10 s, 30 s (REFERENCE.md §b). */
export const BACKOFF_SCHEDULE_MS: readonly number[] = [1000, 4000, 10_000, 30_000];

/**
 * Delay before retry number `retry` (1-based): the schedule's step, scaled by `timeScale`, with "equal jitter"
 * (half fixed, half random) so parallel callers that failed together do not retry together.
 */
export function backoffMs(retry: number, timeScale: number, random: () => number = Math.random): number {
  const step = BACKOFF_SCHEDULE_MS[Math.min(retry, BACKOFF_SCHEDULE_MS.length) - 1] ?? BACKOFF_SCHEDULE_MS[0];
  const scaled = step / timeScale;
  return Math.round(scaled / 2 + random() * (scaled / 2));
}

/** The typed error for a non-idempotent call whose outcome is unknown. */
export function ambiguousOutcome(operation: string, recovery: string | null, error: MwsConnectorError): MwsConnectorError {
  const how =
    recovery === 'never-retry' || !recovery
      ? 'Do not re-send it automatically; check in Seller Central whether it took effect.'
      : `To find out: ${recovery}.`;
  return new MwsConnectorError(
    'AMBIGUOUS_OUTCOME',
    `${operation} may or may not have taken effect (${error.message}); it was not re-sent. ${how}`,
    {
      operation,
      recovery: recovery ?? 'never-retry',
      ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
      ...(error.status !== undefined ? { status: error.status } : {}),
      cause: error,
    },
  );
}
