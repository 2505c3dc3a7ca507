/**
 * Turns an operation and its wire parameters into the signed HTTP request MWS expects (REFERENCE.md §d):
 * the common parameters, Signature Version 2, and one of the two transports — `form` (everything in a
 * form-encoded POST body) or `query+body` (everything in the query string, the raw document as the body,
 * its MD5 as the signed `ContentMD5Value`).
 */
import type { OperationSpec } from './catalog/types';
import type { ResolvedConnection } from './config';
import { measureBody, type StreamedBody } from './body';
import { ValidationError } from './errors';
import { toWireParams, withDefaultMarketplaces } from './params';
import { contentMd5, signV2, type SignV2Output } from './signer';
import type { HttpRequest } from './transport';

export interface WireRequest {
  params: Record<string, string>;
  /** An in-memory document, or a streamed one whose length and MD5 were measured beforehand. */
  body?: Buffer | StreamedBody;
}

/**
 * A caller's input as it goes on the wire, before signing: the connection's marketplaces filled in where the
 * operation takes a list, validated (a ValidationError naming every field) and encoded, a streamed document
 * measured once for its length and MD5. A caller's ContentMD5Value must be the body's. Returns the input with its
 * defaults too (the throttle counts items from it).
 */
export async function wireRequestOf(op: OperationSpec, params: Record<string, unknown>, marketplaceIds: readonly string[]): Promise<{ input: Record<string, unknown>; wire: WireRequest }> {
  const input = withDefaultMarketplaces(op, params, marketplaceIds);
  const encoded = toWireParams(op, input);
  const bodyParam = op.params.find((p) => p.in === 'body')?.name ?? 'body';
  const wire: WireRequest = { params: encoded.params };
  if (encoded.body !== undefined) wire.body = Buffer.isBuffer(encoded.body) ? encoded.body : await measureBody(encoded.body, bodyParam);
  if (op.transport === 'query+body' && wire.params.ContentMD5Value !== undefined) {
    // The MD5 is always computed from the body; a caller's differing value means the body is not what they meant.
    const body = wire.body ?? Buffer.alloc(0);
    const actual = Buffer.isBuffer(body) ? contentMd5(body) : body.md5;
    if (wire.params.ContentMD5Value !== actual) {
      throw new ValidationError(`${op.id}: ContentMD5Value does not match the body`, [{ field: 'ContentMD5Value', message: `expected the Base64 MD5 of the body, ${actual}` }]);
    }
  }
  return { input, wire };
}

export interface SignOptions {
  /** ISO 8601 Timestamp, already corrected for the server's clock. */
  timestamp: string;
  /** Body Content-Type for `query+body` operations. */
  contentType?: string;
  signal?: AbortSignal;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
/** What Amazon's own Feeds library sent; MWS sniffed the feed format from FeedType, not from this header. */
export const DEFAULT_BODY_CONTENT_TYPE = 'application/octet-stream';

/** The parameters every MWS request carries, besides the operation's own. */
export function commonParams(op: OperationSpec, connection: ResolvedConnection, timestamp: string): Record<string, string> {
  const params: Record<string, string> = {
    AWSAccessKeyId: connection.awsAccessKeyId,
    Action: op.name,
    [op.sellerParam]: connection.sellerId,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: timestamp,
    Version: op.version,
  };
  if (connection.mwsAuthToken) params.MWSAuthToken = connection.mwsAuthToken;
  return params;
}

/** The signed parameters of one request: the common ones, ContentMD5Value for `query+body`, and SigV2 over them. */
export interface SignedParams {
  params: Record<string, string>;
  signed: SignV2Output;
  /** The body's length for `query+body` (Content-Length). */
  bodyLength?: number;
}

export function signParams(op: OperationSpec, connection: ResolvedConnection, wire: WireRequest, timestamp: string): SignedParams {
  const params = { ...wire.params, ...commonParams(op, connection, timestamp) };
  let bodyLength: number | undefined;
  if (op.transport === 'query+body') {
    const body = wire.body ?? Buffer.alloc(0);
    params.ContentMD5Value = Buffer.isBuffer(body) ? contentMd5(body) : body.md5;
    bodyLength = Buffer.isBuffer(body) ? body.length : body.size;
  }
  const signed = signV2({ method: 'POST', host: connection.host, path: op.path, params, secretKey: connection.secretKey });
  return { params, signed, ...(bodyLength !== undefined ? { bodyLength } : {}) };
}

/** A fresh, signed request; called once per attempt so each retry carries a current Timestamp. */
export function signedRequest(op: OperationSpec, connection: ResolvedConnection, wire: WireRequest, options: SignOptions): HttpRequest {
  const { signed, bodyLength } = signParams(op, connection, wire, options.timestamp);
  // A non-idempotent call goes on a connection of its own (see HttpRequest.freshConnection).
  const base = { ...(options.signal ? { signal: options.signal } : {}), ...(op.idempotent ? {} : { freshConnection: true }) };
  if (op.transport === 'query+body') {
    const body = wire.body ?? Buffer.alloc(0);
    return {
      ...base,
      method: 'POST',
      path: `${op.path}?${signed.query}`,
      headers: { 'Content-Type': options.contentType ?? DEFAULT_BODY_CONTENT_TYPE, 'Content-Length': String(bodyLength) },
      // A streamed document is opened by the transport when the attempt starts: every attempt from its first byte.
      body: Buffer.isBuffer(body) ? body : body.open,
    };
  }
  const body = Buffer.from(signed.query, 'utf8');
  return {
    ...base,
    method: 'POST',
    path: op.path,
    headers: { 'Content-Type': FORM_CONTENT_TYPE, 'Content-Length': String(body.length) },
    body,
  };
}
