/**
 * Errors crossing from a loaded package into the runtime. A bundled connector carries its own copy of the
 * error classes, so `instanceof` fails across that line: an error that looks like one of ours (a known `code`)
 * is rebuilt as this runtime's MwsConnectorError, anything else becomes UNEXPECTED.
 */
import { ERROR_CODES, MwsConnectorError, type MwsConnectorErrorOptions, toConnectorError, type ErrorCode } from '../mws/errors';

/** The shape of an MwsConnectorError from another copy of the class: its options as properties. */
type ErrorLike = Omit<MwsConnectorErrorOptions, 'cause'> & { code: string; message: string; name?: string };

export function toHostError(err: unknown, fallback: ErrorCode = 'UNEXPECTED'): MwsConnectorError {
  if (err instanceof MwsConnectorError) return err;
  if (isErrorLike(err)) {
    const rebuilt = new MwsConnectorError(err.code as ErrorCode, err.message, {
      ...(typeof err.retryable === 'boolean' ? { retryable: err.retryable } : {}),
      ...(err.requestId !== undefined ? { requestId: err.requestId } : {}),
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.field !== undefined ? { field: err.field } : {}),
      ...(Array.isArray(err.details) ? { details: err.details } : {}),
      ...(err.mwsCode !== undefined ? { mwsCode: err.mwsCode } : {}),
      ...(err.recovery !== undefined ? { recovery: err.recovery } : {}),
      ...(err.operation !== undefined ? { operation: err.operation } : {}),
    });
    if (typeof err.name === 'string' && err.name !== 'Error') rebuilt.name = err.name;
    return rebuilt;
  }
  return toConnectorError(err, fallback);
}

function isErrorLike(err: unknown): err is ErrorLike {
  if (err === null || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
