import { PassThrough } from 'node:stream';
import { MwsClient } from '../../src/mws/client';
import { ClockSkew } from '../../src/mws/clockskew';
import { MwsConnectorError } from '../../src/mws/errors';
import { contentMd5, signV2 } from '../../src/mws/signer';
import { buildUserAgent, escapeApplicationName, escapeApplicationVersion, escapeAttributeValue } from '../../src/mws/useragent';
import { ManualClock } from '../../src/util/clock';
import { createLogger } from '../../src/util/logger';
import { FixtureServer, type RecordedRequest, TEST_SECRET_KEY, drive, errorResponse, ordersPage, testConnection, until } from '../support/fixture-server';
import { rejection } from '../support/errors';
import { loadSample } from '../support/samples';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const LIST_ORDERS = { CreatedAfter: '2025-12-01T00:00:00Z' };
const AUTH_TOKEN = 'amzn.mws.4ea38b7b-f563-7709-4bae-87aeaEXAMPLE';

let server: FixtureServer;
let clock: ManualClock;
let client: MwsClient;

function hostOf(url: string): string {
  return new URL(url).host;
}

/** Recomputes the signature the way MWS did, from what actually arrived. */
function expectValidSignature(req: RecordedRequest): void {
  const { Signature, ...params } = req.params;
  const expected = signV2({ method: req.method, host: hostOf(server.url), path: req.path, params, secretKey: TEST_SECRET_KEY });
  expect(Signature).toBe(expected.signature);
}

afterEach(async () => {
  client?.close();
  await server?.close();
});

describe('call: the request MWS expects', () => {
  beforeEach(async () => {
    clock = new ManualClock(START);
    server = await FixtureServer.start({ clock });
    client = new MwsClient(testConnection(server.url, { mwsAuthToken: AUTH_TOKEN }) as never, { clock });
  });

  it('POSTs a signed form with the common parameters, the default marketplace and a parsed result', async () => {
    server.enqueue({ body: ordersPage('ListOrders', ['111-0000001-0000001', '111-0000001-0000002']) });
    const response = await client.call('orders.ListOrders', LIST_ORDERS);
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/Orders/2013-09-01');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(req.params).toMatchObject({
      AWSAccessKeyId: 'AKIAFIXTUREEXAMPLE01',
      Action: 'ListOrders',
      SellerId: 'A2FIXTURESELLER',
      MWSAuthToken: AUTH_TOKEN,
      SignatureMethod: 'HmacSHA256',
      SignatureVersion: '2',
      Timestamp: new Date(START).toISOString(),
      Version: '2013-09-01',
      CreatedAfter: '2025-12-01T00:00:00Z',
      'MarketplaceId.Id.1': 'ATVPDKIKX0DER',
    });
    expectValidSignature(req);
    expect(response).toMatchObject({ operation: 'Orders.ListOrders', status: 200, attempts: 1, requestId: 'rid-ListOrders-111-0000001-0000001' });
    expect(response.result.Orders.map((o: { AmazonOrderId: string }) => o.AmazonOrderId)).toEqual(['111-0000001-0000001', '111-0000001-0000002']);
    expect(response.headers['x-mws-request-id']).toBe('fixture-1');
  });

  it('defaults the Products scalar MarketplaceId to the connection marketplace', async () => {
    server.enqueue({ body: loadSample('GetMatchingProductForIdResponse.xml') });
    await client.call('Products.GetMatchingProductForId', { IdType: 'ASIN', IdList: ['B000000001'] });
    expect(server.requests[0].params).toMatchObject({ MarketplaceId: 'ATVPDKIKX0DER', 'IdList.Id.1': 'B000000001', Version: '2011-10-01' });
  });

  it('validates parameters before anything is sent', async () => {
    const error = await rejection(client.call('Orders.ListOrders', { MaxResultsPerPage: 500 }));
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.details?.map((d) => d.field)).toContain('MaxResultsPerPage');
    const unknown = await rejection(client.call('Orders.ListAllTheThings'));
    expect(unknown.code).toBe('UNKNOWN_ACTION');
    expect(server.requests).toHaveLength(0);
  });

  it('sends Amazon\'s User-Agent format and reuses one keep-alive connection', async () => {
    for (let i = 0; i < 3; i++) server.enqueue({ body: ordersPage('ListOrders', [`111-0000001-000000${i}`]) });
    for (let i = 0; i < 3; i++) await client.call('Orders.ListOrders', LIST_ORDERS);
    expect(server.requests[0].headers['user-agent']).toMatch(/^amazon-mws-connector\/\d+\.\d+\.\d+ \(Language=JavaScript; Platform=Node\.js\/[\d.]+\/\w+\/\w+\)$/);
    expect(new Set(server.requests.map((r) => r.remotePort)).size).toBe(1);
  });

  it('SubmitFeed: six parallel calls each send their own body and MD5, in the signed query string', async () => {
    const feeds = Array.from({ length: 6 }, (_, i) => `sku\tprice\tquantity\nwidget-${i}\t${i}.99\t${i}\n`.repeat(1000 * (i + 1)));
    for (let i = 0; i < 6; i++) server.enqueue({ body: loadSample('SubmitFeedResponse.xml') });
    const results = await Promise.all(
      feeds.map((feed) => client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: feed }, { contentType: 'text/tab-separated-values; charset=iso-8859-1' })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const received = server.requests.map((r) => r.body.toString('utf8')).sort();
    expect(received).toEqual([...feeds].sort());
    for (const req of server.requests) {
      expect(req.path).toBe('/Feeds/2009-01-01');
      expect(req.params.ContentMD5Value).toBe(contentMd5(req.body));
      expect(req.headers['content-type']).toBe('text/tab-separated-values; charset=iso-8859-1');
      expect(req.params.FeedType).toBe('_POST_FLAT_FILE_INVLOADER_DATA_');
      expectValidSignature(req);
    }
  });

  it('refuses a caller ContentMD5Value that does not match the feed', async () => {
    const error = await rejection(client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: 'abc\tdef', ContentMD5Value: 'mA5nPbh1CSx9M3dbkr3Cyg==' }));
    expect(error.field).toBe('ContentMD5Value');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps secrets out of errors and logs even when the server echoes the request', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    client.close();
    client = new MwsClient(testConnection(server.url, { mwsAuthToken: AUTH_TOKEN }) as never, { clock, logger: createLogger({ level: 'debug', stream, pretty: false }) });
    server.enqueue({ status: 500, body: 'x' }); // retried (idempotent)...
    server.enqueue({ status: 403, body: errorResponse('SignatureDoesNotMatch', 'placeholder') });
    const echoing = server.requests.length;
    const error = await rejection(drive(clock, client.call('Orders.ListOrders', LIST_ORDERS)));
    expect(server.requests.length - echoing).toBe(2);
    expect(error.code).toBe('AUTH_FAILED');
    // The same failure, with the request echoed back in the message (as some gateways do).
    server.enqueue({ stream: (res, req) => res.writeHead(403, { 'Content-Type': 'text/xml' }).end(errorResponse('SignatureDoesNotMatch', `bad request ${req.body.toString('utf8')}`)) });
    const echoed = await rejection(client.call('Orders.ListOrders', LIST_ORDERS));
    expect(echoed.message).toContain('bad request');
    for (const text of [echoed.message, JSON.stringify(echoed), String(echoed.stack), lines.join('\n')]) {
      expect(text).not.toContain(AUTH_TOKEN);
      expect(text).not.toContain(TEST_SECRET_KEY);
      expect(text).not.toContain(encodeURIComponent(TEST_SECRET_KEY));
    }
    expect(lines.join('')).toMatch(/retrying MWS call/);
  });

  it('ends with ABORTED when the signal fires while waiting for a token', async () => {
    for (let i = 0; i < 6; i++) server.enqueue({ body: ordersPage('ListOrders', ['111-0000001-0000001']) });
    await Promise.all(Array.from({ length: 6 }, () => client.call('Orders.ListOrders', LIST_ORDERS)));
    const controller = new AbortController();
    const waiting = client.call('Orders.ListOrders', LIST_ORDERS, { signal: controller.signal });
    await until(() => clock.pending === 1, 'the call to wait');
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    expect(server.requests).toHaveLength(6);
  });
});

describe('clock skew', () => {
  it("signs with the server's time once a response told it, and re-signs once after RequestExpired", async () => {
    clock = new ManualClock(START);
    const serverClock = new ManualClock(START + 20 * 60_000);
    server = await FixtureServer.start({ clock: serverClock });
    client = new MwsClient(testConnection(server.url) as never, { clock });
    server.enqueue(
      { status: 400, body: errorResponse('RequestExpired', 'Request has expired. Timestamp date is 2026-01-10T12:00:00.000Z') },
      { body: ordersPage('ListOrders', ['111-0000001-0000001']) },
      { body: ordersPage('ListOrders', ['111-0000001-0000001']) },
    );
    const first = await client.call('Orders.ListOrders', LIST_ORDERS);
    expect(first.attempts).toBe(2);
    expect(server.requests.map((r) => r.params.Timestamp)).toEqual([new Date(START).toISOString(), new Date(START + 20 * 60_000).toISOString()]);
    await clock.advance(1000);
    await serverClock.advance(1000);
    await client.call('Orders.ListOrders', LIST_ORDERS);
    expect(server.requests[2].params.Timestamp).toBe(new Date(START + 20 * 60_000 + 1000).toISOString());
  });
});

describe('clock skew (unit)', () => {
  it('ignores noise under 2 s, refuses over 24 h, and extrapolates a sped-up sandbox clock at timeScale', () => {
    const local = new ManualClock(START);
    const skew = new ClockSkew(local);
    expect(skew.observe({ date: new Date(START + 1500).toUTCString() }, START, START)?.offsetMs).toBe(0);
    expect(skew.observe({ 'x-mws-timestamp': new Date(START + 30 * 86_400_000).toISOString() }, START, START)?.refused).toBe(true);
    expect(skew.observe({ 'x-mws-timestamp': new Date(START - 17 * 60_000).toISOString() }, START, START)).toMatchObject({ offsetMs: -17 * 60_000, changed: true });
    expect(skew.timestamp()).toBe(new Date(START - 17 * 60_000).toISOString());

    const scaled = new ClockSkew(local, 60);
    expect(scaled.now()).toBe(START);
    scaled.observe({ 'x-mws-timestamp': new Date(START + 5000).toISOString() }, START, START);
    local.set(START + 1000); // one real second = one sandbox minute
    expect(scaled.now()).toBe(START + 5000 + 60_000);
    expect(scaled.toLocal(START + 5000 + 120_000)).toBe(START + 2000);
  });

  it('re-signs once after the InvalidParameterValue "Request has expired" the sandbox and MWS sent', async () => {
    clock = new ManualClock(START);
    server = await FixtureServer.start({ clock: new ManualClock(START - 40 * 60_000) });
    client = new MwsClient(testConnection(server.url) as never, { clock });
    server.enqueue({ status: 400, body: errorResponse('InvalidParameterValue', 'Request has expired. Expires date is 2026-01-10T12:00:00Z') }, { body: ordersPage('ListOrders', ['111-1']) });
    const response = await client.call('Orders.ListOrders', LIST_ORDERS);
    expect(response.attempts).toBe(2);
    expect(server.requests[1].params.Timestamp).toBe(new Date(START - 40 * 60_000).toISOString());
  });
});

describe('paginate', () => {
  beforeEach(async () => {
    clock = new ManualClock(START);
  });

  it('follows NextToken through ListOrdersByNextToken over 3 pages, each order once', async () => {
    const pages: Record<string, string> = {
      first: ordersPage('ListOrders', ['111-1', '111-2'], 'token-2'),
      'token-2': ordersPage('ListOrdersByNextToken', ['111-3', '111-4'], 'token-3'),
      'token-3': ordersPage('ListOrdersByNextToken', ['111-5']),
    };
    server = await FixtureServer.start({ clock, handler: (req) => ({ body: pages[req.params.NextToken ?? 'first'] }) });
    client = new MwsClient(testConnection(server.url) as never, { clock });
    const ids: string[] = [];
    for await (const page of client.paginate('Orders.ListOrders', LIST_ORDERS)) {
      ids.push(...page.result.Orders.map((o: { AmazonOrderId: string }) => o.AmazonOrderId));
    }
    expect(ids).toEqual(['111-1', '111-2', '111-3', '111-4', '111-5']);
    expect(server.requests.map((r) => [r.params.Action, r.params.NextToken])).toEqual([
      ['ListOrders', undefined],
      ['ListOrdersByNextToken', 'token-2'],
      ['ListOrdersByNextToken', 'token-3'],
    ]);
    expect(server.requests[1].params['MarketplaceId.Id.1']).toBeUndefined();
  });

  it('follows HasNext through GetReportListByNextToken, each report once', async () => {
    const reportList = (op: string, ids: string[], next?: string): string =>
      `<?xml version="1.0"?><${op}Response xmlns="http://mws.amazonaws.com/doc/2009-01-01/"><${op}Result>` +
      (next ? `<NextToken>${next}</NextToken><HasNext>true</HasNext>` : '<HasNext>false</HasNext>') +
      ids.map((id) => `<ReportInfo><ReportId>${id}</ReportId><ReportType>_GET_FLAT_FILE_OPEN_LISTINGS_DATA_</ReportType><ReportRequestId>9${id}</ReportRequestId><AvailableDate>2025-12-01T00:00:00+00:00</AvailableDate><Acknowledged>false</Acknowledged></ReportInfo>`).join('') +
      `</${op}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${op}Response>`;
    const pages: Record<string, string> = {
      first: reportList('GetReportList', ['1001', '1002'], 'r2'),
      r2: reportList('GetReportListByNextToken', ['1003'], 'r3'),
      r3: reportList('GetReportListByNextToken', ['1004']),
    };
    server = await FixtureServer.start({ clock, handler: (req) => ({ body: pages[req.params.NextToken ?? 'first'] }) });
    client = new MwsClient(testConnection(server.url) as never, { clock });
    const ids: string[] = [];
    for await (const page of client.paginate('reports.GetReportList', {})) ids.push(...page.result.ReportInfo.map((r: { ReportId: string }) => r.ReportId));
    expect(ids).toEqual(['1001', '1002', '1003', '1004']);
    expect(server.requests.map((r) => r.params.Action)).toEqual(['GetReportList', 'GetReportListByNextToken', 'GetReportListByNextToken']);
  });

  it.each([
    ['NextTokenCorrupted', errorResponse('NextTokenCorrupted', 'The NextToken is corrupted')],
    ['an expired token (InvalidParameterValue)', errorResponse('InvalidParameterValue', 'The NextToken has expired')],
  ])('raises NEXT_TOKEN_INVALID for %s', async (_name, body) => {
    server = await FixtureServer.start({ clock });
    server.enqueue({ body: ordersPage('ListOrders', ['111-1'], 'stale') }, { status: 400, body });
    client = new MwsClient(testConnection(server.url) as never, { clock });
    const pages: unknown[] = [];
    const error = await rejection((async () => {
      for await (const page of client.paginate('Orders.ListOrders', LIST_ORDERS)) pages.push(page);
    })());
    expect(pages).toHaveLength(1);
    expect(error.code).toBe('NEXT_TOKEN_INVALID');
    expect(error.message).toMatch(/restart from Orders\.ListOrders/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('User-Agent', () => {
  it('escapes as MWS specified: \\ and / in the name, ( in the version, ) and ; in values', () => {
    expect(escapeApplicationName('My/Tool\\X')).toBe('My\\/Tool\\\\X');
    expect(escapeApplicationVersion('2.0 (beta)')).toBe('2.0 \\(beta)');
    expect(escapeAttributeValue('a;b)c')).toBe('a\\;b\\)c');
    const header = buildUserAgent({ application: 'Seller/Sync', version: '2.0(rc1)' });
    expect(header).toMatch(/^Seller\\\/Sync\/2\.0\\\(rc1\) \(Language=JavaScript; Platform=Node\.js\/[^;]+; Connector=amazon-mws-connector\/[\d.]+\)$/);
  });

  it('refuses a header MWS would reject (over 500 characters, control characters)', () => {
    expect(() => buildUserAgent({ application: 'x'.repeat(600) })).toThrow(/500/);
    expect(() => buildUserAgent({ application: 'bad\nname' })).toThrow(MwsConnectorError);
  });
});
