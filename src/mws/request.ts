/**
 * Turns an operation and its wire parameters into the signed HTTP request MWS expects (REFERENCE.md §d):
 * the common parameters, Signature Version 2, and one of the two transports — `form` (everything in a
 * form-encoded POST body) or `query+body` (everything in the query string, the raw document as the body,
 * its MD5 as the signed `ContentMD5Value`).
 */
import type { OperationSpec } from './catalog/types';
import type { ResolvedConnection } from './config';
import type { StreamedBody } from './body';
import { contentMd5, signV2 } from './signer';
import type { HttpRequest } from './transport';

export interface WireRequest {
  params: Record<string, string>;
  /** An in-memory document, or a streamed one whose length and MD5 were measured beforehand. */
  body?: Buffer | StreamedBody;
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

/** A fresh, signed request; called once per attempt so each retry carries a current Timestamp. */
export function signedRequest(op: OperationSpec, connection: ResolvedConnection, wire: WireRequest, options: SignOptions): HttpRequest {
  const params = { ...wire.params, ...commonParams(op, connection, options.timestamp) };
  const base = options.signal ? { signal: options.signal } : {};
  if (op.transport === 'query+body') {
    const body = wire.body ?? Buffer.alloc(0);
    const streamed = !Buffer.isBuffer(body);
    params.ContentMD5Value = streamed ? body.md5 : contentMd5(body);
    const length = streamed ? body.size : body.length;
    const { query } = signV2({ method: 'POST', host: connection.host, path: op.path, params, secretKey: connection.secretKey });
    return {
      ...base,
      method: 'POST',
      path: `${op.path}?${query}`,
      headers: { 'Content-Type': options.contentType ?? DEFAULT_BODY_CONTENT_TYPE, 'Content-Length': String(length) },
      // A streamed document is opened by the transport when the attempt starts: every attempt from its first byte.
      body: streamed ? body.open : body,
    };
  }
  const { query } = signV2({ method: 'POST', host: connection.host, path: op.path, params, secretKey: connection.secretKey });
  const body = Buffer.from(query, 'utf8');
  return {
    ...base,
    method: 'POST',
    path: op.path,
    headers: { 'Content-Type': FORM_CONTENT_TYPE, 'Content-Length': String(body.length) },
    body,
  };
}
