/**
 * One error taxonomy for the library, runtime, actions and CLI (ARCHITECTURE §3.4).
 * Every error that leaves this package is a MwsConnectorError with a `code` from ERROR_CODES.
 * Messages are passed through the secret registry, so no registered secret can appear in them.
 */
import { redactSecrets } from '../util/secrets';

/** What kind of problem a code is; the CLI maps categories to exit codes. */
export type ErrorCategory =
  | 'config' // the connection or a profile is wrong
  | 'validation' // an input, manifest or schema is wrong
  | 'auth' // credentials refused
  | 'connection' // endpoint unreachable, TLS, proxy
  | 'license'
  | 'integrity' // checksums, signatures of packages
  | 'throttle' // throttled or timed out after retries
  | 'service' // MWS refused or failed the request for another reason
  | 'internal';

interface CodeInfo {
  category: ErrorCategory;
  retryable: boolean;
  description: string;
}

/** The documented code list. README "Error codes" is generated from this table. */
export const ERROR_CODES = {
  CONFIG_INVALID: { category: 'config', retryable: false, description: 'The connection configuration is invalid; `field` names the property.' },
  PROFILE_NOT_FOUND: { category: 'config', retryable: false, description: 'No connection profile has that name.' },
  SECRET_REFERENCE_UNRESOLVED: { category: 'config', retryable: false, description: 'An env:/file: secret reference could not be read.' },
  INPUT_INVALID: { category: 'validation', retryable: false, description: 'Action input or call parameters failed validation; `details` lists every offending field.' },
  OUTPUT_INVALID: { category: 'validation', retryable: false, description: 'A response did not match the action output schema.' },
  MANIFEST_INVALID: { category: 'validation', retryable: false, description: 'connector.json or a packaged schema is invalid.' },
  UNKNOWN_ACTION: { category: 'validation', retryable: false, description: 'No action or operation has that id.' },
  LIST_LIMIT_EXCEEDED: { category: 'validation', retryable: false, description: "A list is longer than Amazon's per-call maximum and cannot be split." },
  AUTH_FAILED: { category: 'auth', retryable: false, description: 'MWS refused the credentials (InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied, bad MWSAuthToken).' },
  REQUEST_EXPIRED: { category: 'auth', retryable: false, description: 'MWS refused the Timestamp (clock skew beyond 15 minutes).' },
  THROTTLED: { category: 'throttle', retryable: true, description: 'RequestThrottled: the burst bucket is empty; retried with backoff, raised after the retry budget.' },
  QUOTA_EXCEEDED: { category: 'throttle', retryable: true, description: 'QuotaExceeded: the hourly quota is spent; retry after resetsOn.' },
  TIMEOUT: { category: 'throttle', retryable: true, description: 'Connect, first-byte, idle or invocation timeout.' },
  MWS_INVALID_REQUEST: { category: 'validation', retryable: false, description: 'MWS rejected a parameter (InvalidParameterValue, ValidationError, InvalidRequest, MissingParameter, ...).' },
  MWS_NOT_FOUND: { category: 'service', retryable: false, description: 'InvalidAddress or an unknown id (InvalidReportId, InvalidFeedSubmissionId, ...).' },
  MWS_NOT_READY: { category: 'service', retryable: true, description: 'ReportNotReady / FeedProcessingResultNotReady: poll again later.' },
  MWS_REJECTED: { category: 'service', retryable: false, description: 'Any other MWS error; `mwsCode` holds Amazon\'s code.' },
  MWS_UNAVAILABLE: { category: 'service', retryable: true, description: 'InternalError / ServiceUnavailable (HTTP 5xx).' },
  NEXT_TOKEN_INVALID: { category: 'service', retryable: false, description: 'NextTokenCorrupted or an expired NextToken: restart from the first operation.' },
  AMBIGUOUS_OUTCOME: { category: 'service', retryable: false, description: 'A non-idempotent call may or may not have taken effect; `recovery` says how to find out.' },
  TRANSPORT_FAILED: { category: 'connection', retryable: true, description: 'The endpoint could not be reached (refused, reset, DNS, proxy).' },
  TLS_FAILED: { category: 'connection', retryable: false, description: 'TLS verification failed.' },
  PARSE_FAILED: { category: 'service', retryable: false, description: 'A response body could not be parsed (malformed or truncated XML).' },
  XML_UNSAFE: { category: 'service', retryable: false, description: 'A response body was refused by the XML guard (DOCTYPE, entities, size or depth).' },
  INTEGRITY_FAILED: { category: 'integrity', retryable: true, description: 'Content-MD5 or a package checksum did not match.' },
  LICENSE_MISSING: { category: 'license', retryable: false, description: 'No license is installed for a non-evaluation endpoint.' },
  LICENSE_INVALID: { category: 'license', retryable: false, description: 'The license is malformed, forged, or for another product, feature or server.' },
  LICENSE_EXPIRED: { category: 'license', retryable: false, description: 'The license expired and its grace period is over.' },
  LICENSE_NOT_YET_VALID: { category: 'license', retryable: false, description: 'The license notBefore date is in the future.' },
  ABORTED: { category: 'internal', retryable: false, description: 'The invocation was aborted (signal or SIGTERM); checkpoints were written.' },
  UNEXPECTED: { category: 'internal', retryable: false, description: 'A bug: an error that has no better code.' },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One offending field, for validation errors that list several. */
export interface FieldProblem {
  /** JSON path of the field, e.g. `MarketplaceId[3]` or `/input/CreatedAfter`. */
  field: string;
  message: string;
}

export interface MwsConnectorErrorOptions {
  retryable?: boolean;
  requestId?: string;
  status?: number;
  field?: string;
  details?: FieldProblem[];
  /** Amazon's own error code when the error came from MWS. */
  mwsCode?: string;
  /** For AMBIGUOUS_OUTCOME: how the caller finds out whether the call took effect. */
  recovery?: string;
  /** The operation id (e.g. `Orders.ListOrders`) involved. */
  operation?: string;
  cause?: unknown;
}

export class MwsConnectorError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly requestId?: string;
  readonly status?: number;
  readonly field?: string;
  readonly details?: FieldProblem[];
  readonly mwsCode?: string;
  readonly recovery?: string;
  readonly operation?: string;

  constructor(code: ErrorCode, message: string, options: MwsConnectorErrorOptions = {}) {
    super(redactSecrets(message));
    this.name = new.target.name;
    this.code = code;
    this.category = ERROR_CODES[code].category;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.status !== undefined) this.status = options.status;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) {
      this.details = options.details.map((d) => ({ field: d.field, message: redactSecrets(d.message) }));
    }
    if (options.mwsCode !== undefined) this.mwsCode = options.mwsCode;
    if (options.recovery !== undefined) this.recovery = options.recovery;
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.cause !== undefined) {
      // Keep the cause for debugging, but only as redacted text: raw causes (AxiosError) carry configs with secrets.
      Object.defineProperty(this, 'cause', {
        value: describeCause(options.cause),
        enumerable: false,
      });
    }
    if (this.stack) this.stack = redactSecrets(this.stack);
  }

  /** Plain JSON for `--json` output and logs. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, category: this.category, message: this.message, retryable: this.retryable };
    for (const key of ['requestId', 'status', 'field', 'details', 'mwsCode', 'recovery', 'operation'] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return redactSecrets(`${cause.name}: ${cause.message}`);
  return redactSecrets(String(cause));
}

export class ConfigError extends MwsConnectorError {
  constructor(field: string, message: string, options: Omit<MwsConnectorErrorOptions, 'field'> & { code?: ErrorCode } = {}) {
    super(options.code ?? 'CONFIG_INVALID', `${field}: ${message}`, { ...options, field });
  }
}

export class ValidationError extends MwsConnectorError {
  constructor(message: string, details: FieldProblem[], options: MwsConnectorErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'INPUT_INVALID', message, { ...options, details, field: options.field ?? details[0]?.field });
  }
}

/** An ErrorResponse from MWS (or an MWS-protocol endpoint). */
export class MwsServiceError extends MwsConnectorError {}

export class TransportError extends MwsConnectorError {}

export class ParseError extends MwsConnectorError {}

export class IntegrityError extends MwsConnectorError {
  constructor(message: string, options: MwsConnectorErrorOptions = {}) {
    super('INTEGRITY_FAILED', message, options);
  }
}

export class LicenseError extends MwsConnectorError {}

/** Maps Amazon's error code (and HTTP status) to our code. */
export function codeForMwsError(mwsCode: string, status?: number): ErrorCode {
  switch (mwsCode) {
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'AccessDenied':
    case 'InvalidAuthToken':
    case 'Unauthorized':
      return 'AUTH_FAILED';
    case 'RequestExpired':
      return 'REQUEST_EXPIRED';
    case 'RequestThrottled':
      return 'THROTTLED';
    case 'QuotaExceeded':
      return 'QUOTA_EXCEEDED';
    case 'InvalidParameterValue':
    case 'ValidationError':
    case 'InvalidRequest':
    case 'MissingParameter':
    case 'InputStreamDisconnected':
    case 'UserAgentHeaderMalformed':
    case 'ContentMD5Missing':
    case 'ContentMD5DoesNotMatch':
    case 'InvalidFeedType':
    case 'InvalidReportType':
    case 'InvalidScheduleFrequency':
      return 'MWS_INVALID_REQUEST';
    case 'InvalidAddress':
    case 'InvalidReportId':
    case 'InvalidReportRequestId':
    case 'InvalidFeedSubmissionId':
    case 'ResourceNotFound':
    case 'ReportNoLongerAvailable':
    case 'FeedProcessingResultNoLongerAvailable':
      return 'MWS_NOT_FOUND';
    case 'ReportNotReady':
    case 'FeedProcessingResultNotReady':
      return 'MWS_NOT_READY';
    case 'NextTokenCorrupted':
      return 'NEXT_TOKEN_INVALID';
    case 'InternalError':
    case 'Internal Error':
    case 'ServiceUnavailable':
      return 'MWS_UNAVAILABLE';
    default:
      if (status !== undefined && status >= 500) return 'MWS_UNAVAILABLE';
      if (status === 401 || status === 403) return 'AUTH_FAILED';
      return 'MWS_REJECTED';
  }
}

/** Wraps anything thrown into the family; MwsConnectorErrors pass through unchanged. */
export function toConnectorError(err: unknown, fallback: ErrorCode = 'UNEXPECTED'): MwsConnectorError {
  if (err instanceof MwsConnectorError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MwsConnectorError(fallback, message, { cause: err });
}
