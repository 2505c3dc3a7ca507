/** Request counters per operation and per outcome, read by tests and benchmarks through the control API. */

export type RequestOutcome =
  | 'ok'
  | 'throttled' // 503 RequestThrottled
  | 'quota-exceeded' // 503 QuotaExceeded
  | 'auth-error' // InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied, expired Timestamp, unknown seller
  | 'param-error' // parameter checks (catalog) and ContentMD5 checks
  | 'not-found' // InvalidAddress: unknown path, Action or Version
  | 'handler-error' // an operation answered with an MWS error (InvalidReportId, ReportNotReady, ...)
  | 'fault' // an armed fault fired
  | 'internal'; // a bug in the sandbox (500 InternalError without a fault)

export interface SandboxCounters {
  total: number;
  byOutcome: Partial<Record<RequestOutcome, number>>;
  /** `Section.Operation` (or `(unknown)`) → outcome → count. */
  byOperation: Record<string, Partial<Record<RequestOutcome, number>>>;
}

export class RequestCounters {
  private data: SandboxCounters = { total: 0, byOutcome: {}, byOperation: {} };

  record(operationId: string, outcome: RequestOutcome): void {
    this.data.total += 1;
    this.data.byOutcome[outcome] = (this.data.byOutcome[outcome] ?? 0) + 1;
    const perOp = (this.data.byOperation[operationId] ??= {});
    perOp[outcome] = (perOp[outcome] ?? 0) + 1;
  }

  snapshot(): SandboxCounters {
    return JSON.parse(JSON.stringify(this.data)) as SandboxCounters;
  }

  reset(): void {
    this.data = { total: 0, byOutcome: {}, byOperation: {} };
  }
}
