/**
 * Response bodies and headers as MWS sent them: the `<{Op}Response>` envelope, `ErrorResponse`, and the headers
 * every response carried (REFERENCE.md §b, §h; samples/live.*).
 */
import { createHash } from 'node:crypto';
import { escapeXml } from './xml';

/** Namespace of gateway errors that belong to no section (LIVE: "no such path"). */
export const GATEWAY_NAMESPACE = 'https://mws.amazonservices.com/';

export interface ErrorBody {
  type: 'Sender' | 'Receiver' | '';
  code: string;
  message: string;
}

/**
 * Gateway errors (routing, authentication, throttling) spelled the id `RequestID`; errors from a section's backend
 * (Feeds, Reports, parameter checks behind the gateway) spelled it `RequestId` (LIVE samples).
 */
export type RequestIdTag = 'RequestID' | 'RequestId';

/** Element text as MWS escaped it: only `&`, `<` and `>` (quotes stay literal, as in the LIVE ValidationError). */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** ErrorResponse laid out byte for byte like the LIVE 403 sample (indentation, trailing newline). */
export function renderErrorResponse(error: ErrorBody, namespace: string, requestId: string, tag: RequestIdTag): string {
  return (
    '<?xml version="1.0"?>\n' +
    `<ErrorResponse xmlns="${escapeXml(namespace)}">\n` +
    '  <Error>\n' +
    `    <Type>${escapeText(error.type)}</Type>\n` +
    `    <Code>${escapeText(error.code)}</Code>\n` +
    `    <Message>${escapeText(error.message)}</Message>\n` +
    '  </Error>\n' +
    `  <${tag}>${escapeText(requestId)}</${tag}>\n` +
    '</ErrorResponse>\n'
  );
}

/** `<{Op}Response xmlns>` + the handler's content + ResponseMetadata. */
export function renderEnvelope(operation: string, namespace: string, inner: string, requestId: string): string {
  return (
    '<?xml version="1.0"?>\n' +
    `<${operation}Response xmlns="${escapeXml(namespace)}">` +
    inner +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${operation}Response>\n`
  );
}

/** A uuid-shaped request id derived from the seed and a counter, so a replay with the same seed is identical. */
export function seededRequestId(seed: number, sequence: number): string {
  const hex = createHash('sha256').update(`sandbox-request:${seed}:${sequence}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Headers every MWS response carried: request id, timestamp (ms ISO), an opaque response context, Date. */
export function commonHeaders(requestId: string, now: number): Record<string, string> {
  const context = createHash('sha256').update(`context:${requestId}`).digest('base64');
  return {
    'x-mws-request-id': requestId,
    'x-mws-timestamp': new Date(now).toISOString(),
    'x-mws-response-context': context,
    Date: new Date(now).toUTCString(),
  };
}

/** Decimal quota figures as MWS wrote them: `80.0`. */
export function quotaNumber(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

export function base64Md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('base64');
}
