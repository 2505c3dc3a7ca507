/**
 * MWS envelopes: `<{Op}Response><{Op}Result>…</{Op}Result><ResponseMetadata><RequestId>…` and `<ErrorResponse>`.
 */
import type { OperationSpec } from '../catalog/types';
import { codeForMwsError, MwsConnectorError, MwsServiceError, ParseError } from '../errors';
import type { XmlLimits } from './guard';
import { createContext, normaliseStruct, type DatatypeLookup, type DebugLogger } from './normalise';
import { childNamed, parseXml, type XmlElement } from './tree';

export interface ParseResponseOptions {
  logger?: DebugLogger;
  limits?: Partial<XmlLimits>;
}

export interface ParsedMwsResponse {
  result: unknown;
  requestId?: string;
}

/** Longest excerpt of a non-XML error body kept in a message. */
const MAX_TEXT_EXCERPT = 200;

/** RequestId inside ResponseMetadata (normal responses, section errors) or RequestID/RequestId on the root (gateway errors). */
export function findRequestId(root: XmlElement): string | undefined {
  const metadata = childNamed(root, 'ResponseMetadata');
  const candidates = [metadata && childNamed(metadata, 'RequestId'), childNamed(root, 'RequestID'), childNamed(root, 'RequestId')];
  for (const candidate of candidates) {
    const text = candidate?.text.trim();
    if (text) return text;
  }
  return undefined;
}

export async function parseMwsResponseWith(
  lookup: DatatypeLookup,
  op: OperationSpec,
  body: string | Buffer,
  options: ParseResponseOptions = {},
): Promise<ParsedMwsResponse> {
  if (op.response.rawBody) {
    throw new ParseError('UNEXPECTED', `${op.id} returns a raw document, not an MWS XML envelope; read it as a download`, { operation: op.id });
  }
  const root = await parseXml(body, options.limits);
  if (root.name === 'ErrorResponse') throw errorFromElement(root, undefined, op.id);
  const expectedRoot = `${op.name}Response`;
  if (root.name !== expectedRoot) {
    throw new ParseError('PARSE_FAILED', `${op.id}: expected a <${expectedRoot}> document, got <${root.name}>`, { operation: op.id });
  }
  const requestId = findRequestId(root);
  const ctx = createContext(lookup, options.logger);
  const resultName = op.response.resultElement ?? `${op.name}Result`;
  let result: unknown;
  if (op.response.noResultElement) {
    result = {};
  } else if (op.response.resultRepeats) {
    result = root.children
      .filter((child) => child.name === resultName)
      .map((child, index) => normaliseStruct(child, op.response.elements, ctx, `/${resultName}[${index}]`));
  } else {
    const resultElement = childNamed(root, resultName);
    if (!resultElement) {
      throw new ParseError('PARSE_FAILED', `${op.id}: <${expectedRoot}> has no <${resultName}> element`, { operation: op.id, ...(requestId ? { requestId } : {}) });
    }
    result = normaliseStruct(resultElement, op.response.elements, ctx, `/${resultName}`);
  }
  return requestId === undefined ? { result } : { result, requestId };
}

function errorFromElement(root: XmlElement, status: number | undefined, operationId: string | undefined): MwsServiceError {
  const errors = root.children.filter((child) => child.name === 'Error');
  const first = errors[0];
  const field = (name: string): string => (first ? (childNamed(first, name)?.text ?? '').trim() : '');
  const mwsCode = field('Code') || 'Unknown';
  const type = field('Type');
  const message = field('Message').replace(/\s+/g, ' ');
  const detail = field('Detail');
  const requestId = findRequestId(root);
  const parts = [
    operationId ? `${operationId}: ` : '',
    `MWS error ${mwsCode}`,
    status !== undefined ? ` (HTTP ${status}${type ? `, ${type}` : ''})` : type ? ` (${type})` : '',
    message ? `: ${message}` : '',
    detail ? ` [Detail: ${truncate(detail.replace(/\s+/g, ' '))}]` : '',
    errors.length > 1 ? ` (+${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '',
  ];
  return new MwsServiceError(codeForMwsError(mwsCode, status), parts.join(''), {
    mwsCode,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(operationId !== undefined ? { operation: operationId } : {}),
  });
}

function truncate(text: string): string {
  return text.length > MAX_TEXT_EXCERPT ? `${text.slice(0, MAX_TEXT_EXCERPT)}…` : text;
}

function bodyExcerpt(body: string | Buffer): string {
  // Decode leniently here: this is only for a human-readable excerpt of a body that is not XML.
  const text = typeof body === 'string' ? body.slice(0, MAX_TEXT_EXCERPT * 4) : body.subarray(0, MAX_TEXT_EXCERPT * 4).toString('utf8');
  return truncate(text.replace(/\s+/g, ' ').trim());
}

/**
 * Turns an MWS error body into a MwsServiceError. A body that is not an `<ErrorResponse>` (plain text such as
 * "Invalid UPC identifier", an HTML gateway page) still yields an error, coded by HTTP status, with an excerpt of the text.
 */
export async function parseErrorResponse(body: string | Buffer, status: number, operationId?: string): Promise<MwsServiceError> {
  let root: XmlElement | undefined;
  try {
    root = await parseXml(body);
  } catch (err) {
    if (!(err instanceof MwsConnectorError)) throw err;
  }
  if (root?.name === 'ErrorResponse') return errorFromElement(root, status, operationId);
  const excerpt = bodyExcerpt(body);
  const code = status >= 500 ? 'MWS_UNAVAILABLE' : 'MWS_REJECTED';
  const prefix = operationId ? `${operationId}: ` : '';
  return new MwsServiceError(code, `${prefix}MWS answered HTTP ${status} without an ErrorResponse: ${excerpt || '(empty body)'}`, {
    status,
    ...(operationId !== undefined ? { operation: operationId } : {}),
  });
}
