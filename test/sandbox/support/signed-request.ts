/**
 * Hand-made MWS requests for sandbox tests, signed here with node:crypto (independently of src/mws/signer.ts and of
 * the sandbox's own verifier), sent over real HTTP on loopback, plus a small world of test handlers.
 */
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { SandboxWorld } from '../../../src/sandbox/host';
import { element, text } from '../../../src/sandbox/xml';
import type { OperationHandler, SandboxCredentials } from '../../../src/sandbox/types';

export const TEST_CREDENTIALS: SandboxCredentials = {
  sellerId: 'A2SANDBOXSELLER1',
  awsAccessKeyId: 'SANDBOXDEVKEY0000001',
  secretKey: 'sandbox-secret-key-not-a-real-secret',
  mwsAuthToken: 'amzn.mws.00000000-0000-4000-8000-000000000001',
};
export const OTHER_SELLER: SandboxCredentials = { ...TEST_CREDENTIALS, sellerId: 'A2SANDBOXSELLEREU', mwsAuthToken: 'amzn.mws.00000000-0000-4000-8000-000000000002' };
export const US = 'ATVPDKIKX0DER';

/** RFC 3986 encoding written for the tests: encodeURIComponent plus the five characters it leaves alone. */
export function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function sign(method: string, host: string, path: string, params: Record<string, string>, secret: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  const query = Object.keys(params)
    .map((k) => [encode(k), encode(params[k] as string)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return createHmac(algorithm, secret).update(`${method}\n${host}\n${path}\n${query}`).digest('base64');
}

export interface MwsCall {
  path: string;
  action: string;
  version: string;
  params?: Record<string, string>;
  method?: 'GET' | 'POST';
  credentials?: SandboxCredentials;
  /** Override the signing secret (wrong-secret tests). */
  secret?: string;
  timestamp?: string;
  /** Host string to sign; default the URL's host:port. */
  signHost?: string;
  algorithm?: 'sha256' | 'sha1';
  /** Send Merchant instead of SellerId. */
  merchant?: boolean;
  sendToken?: boolean;
  /** Raw body: parameters go in the query string (SubmitFeed). */
  body?: Buffer;
  contentType?: string;
  /** Extra headers for a raw-body request (e.g. Content-MD5). */
  headers?: Record<string, string>;
  omit?: string[];
}

export interface MwsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Header names as spelled on the wire. */
  rawHeaderNames: string[];
  body: string;
  bytes: Buffer;
  /** False when the connection ended before the announced body was complete. */
  complete: boolean;
  error?: string;
}

export function buildParams(url: string, call: MwsCall): { params: Record<string, string>; host: string } {
  const credentials = call.credentials ?? TEST_CREDENTIALS;
  const host = new URL(url).host;
  const params: Record<string, string> = {
    AWSAccessKeyId: credentials.awsAccessKeyId,
    Action: call.action,
    [call.merchant ? 'Merchant' : 'SellerId']: credentials.sellerId,
    SignatureMethod: call.algorithm === 'sha1' ? 'HmacSHA1' : 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: call.timestamp ?? new Date().toISOString(),
    Version: call.version,
    ...(call.sendToken && credentials.mwsAuthToken ? { MWSAuthToken: credentials.mwsAuthToken } : {}),
    ...(call.params ?? {}),
  };
  const method = call.method ?? 'POST';
  const omitted = call.omit ?? [];
  for (const name of omitted) if (name !== 'Signature') delete params[name];
  params.Signature = sign(method, call.signHost ?? host, call.path, params, call.secret ?? credentials.secretKey, call.algorithm ?? 'sha256');
  if (omitted.includes('Signature')) delete params.Signature;
  return { params, host };
}

export function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
}

export function send(url: string, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}, ca?: string): Promise<MwsReply> {
  const target = new URL(path, url);
  const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requestFn(target, { method, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }, agent: false, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaderNames: res.rawHeaders.filter((_, i) => i % 2 === 0),
          body: bytes.toString('utf8'),
          bytes,
          complete: res.complete && !error,
          ...(error ? { error: error.message } : {}),
        });
      };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish());
      res.on('error', (error) => finish(error));
      res.on('close', () => finish(res.complete ? undefined : new Error('closed before the body was complete')));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs and sends one call: form POST by default, GET with a query string, or query + raw body. */
export function callMws(url: string, call: MwsCall, ca?: string): Promise<MwsReply> {
  const { params } = buildParams(url, call);
  const method = call.method ?? 'POST';
  if (call.body) {
    const headers = { 'Content-Type': call.contentType ?? 'text/tab-separated-values; charset=iso-8859-1', ...call.headers };
    return send(url, method, `${call.path}?${formEncode(params)}`, call.body, headers, ca);
  }
  if (method === 'GET') return send(url, 'GET', `${call.path}?${formEncode(params)}`, undefined, {}, ca);
  return send(url, 'POST', call.path, Buffer.from(formEncode(params)), { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, ca);
}

/** Shorthands for the common sections. */
export const ORDERS = { path: '/Orders/2013-09-01', version: '2013-09-01' };
export const SELLERS = { path: '/Sellers/2011-07-01', version: '2011-07-01' };
export const PRODUCTS = { path: '/Products/2011-10-01', version: '2011-10-01' };
export const FEEDS = { path: '/Feeds/2009-01-01', version: '2009-01-01' };
export const REPORTS = { path: '/Reports/2009-01-01', version: '2009-01-01' };

export function listOrders(url: string, extra: Partial<MwsCall> = {}): Promise<MwsReply> {
  return callMws(url, { ...ORDERS, action: 'ListOrders', params: { 'MarketplaceId.Id.1': US, CreatedAfter: '2020-01-01T00:00:00Z' }, ...extra });
}

export const REPORT_BODY = Buffer.from('sku\tprice\tquantity\nwidget-1\t9.99\t3\nwidget-2\t19.99\t0\n', 'latin1');

/**
 * A small world for server tests: orders with a status (drift target), a participations answer, feeds that are
 * counted (so tests see what was committed), and a raw report body.
 */
export function testWorld(): SandboxWorld & { feeds: string[] } {
  const feeds: string[] = [];
  const handlers: Record<string, OperationHandler> = {
    'Orders.ListOrders': (req) => ({
      kind: 'xml',
      xml: element('ListOrdersResult', [
        element('Orders', [element('Order', [text('AmazonOrderId', '111-0000001-0000001'), text('OrderStatus', 'Unshipped'), text('SellerId', req.sellerId)])]),
        text('CreatedBefore', new Date(req.now).toISOString()),
      ]),
    }),
    'Sellers.ListMarketplaceParticipations': () => ({
      kind: 'xml',
      xml: element('ListMarketplaceParticipationsResult', [
        element('ListParticipations', [element('Participation', [text('MarketplaceId', US), text('SellerId', TEST_CREDENTIALS.sellerId), text('HasSellerSuspendedListings', 'No')])]),
        element('ListMarketplaces', [element('Marketplace', [text('MarketplaceId', US), text('Name', 'Amazon.com'), text('DefaultCountryCode', 'US'), text('DefaultCurrencyCode', 'USD'), text('DefaultLanguageCode', 'en_US'), text('DomainName', 'www.amazon.com')])]),
      ]),
    }),
    'Products.GetMatchingProductForId': (req) => ({
      kind: 'xml',
      xml: Object.entries(req.params)
        .filter(([k]) => k.startsWith('IdList.Id.'))
        .map(([, id]) => `<GetMatchingProductForIdResult Id="${id}" IdType="ASIN" status="Success"><Products/></GetMatchingProductForIdResult>`)
        .join(''),
    }),
    'Feeds.SubmitFeed': (req) => {
      const id = String(50000 + feeds.length + 1);
      feeds.push(req.body?.toString('latin1') ?? '');
      return {
        kind: 'xml',
        xml: element('SubmitFeedResult', element('FeedSubmissionInfo', [text('FeedSubmissionId', id), text('FeedType', req.params.FeedType ?? ''), text('FeedProcessingStatus', '_SUBMITTED_')])),
      };
    },
    'Reports.GetReport': () => ({
      kind: 'raw',
      contentType: 'text/plain;charset=windows-1252',
      contentMd5: createHash('md5').update(REPORT_BODY).digest('base64'),
      contentLength: REPORT_BODY.length,
      open: () => Readable.from([REPORT_BODY.subarray(0, 20), REPORT_BODY.subarray(20)]),
    }),
  };
  return {
    feeds,
    handlers,
    sellerMarketplaces: (sellerId) => (sellerId === 'A2SANDBOXSELLEREU' ? ['A1PA6795UKMFR9'] : [US, 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8']),
    mutateOrders: (count) => count,
    counts: () => ({ feeds: feeds.length }),
    snapshot: () => ({ feeds: [...feeds] }),
    restore: (data) => {
      feeds.splice(0, feeds.length, ...(data as { feeds: string[] }).feeds);
    },
  };
}
