import { createHash } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { hostSandbox, type HostedSandbox } from '../../src/sandbox/host';
import { callMws, FEEDS, listOrders, ORDERS, PRODUCTS, REPORT_BODY, REPORTS, send, SELLERS, testWorld, US } from './support/signed-request';

const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('base64');

describe('sandbox server: routing, checks, envelopes', () => {
  let sandbox: HostedSandbox;
  let world: ReturnType<typeof testWorld>;
  beforeAll(async () => {
    sandbox = await hostSandbox({ seed: 3, credentials: SANDBOX_CREDENTIALS, throttling: false }, () => (world = testWorld()));
  });
  afterAll(() => sandbox.close());

  test('wraps a handler result in the section envelope with ResponseMetadata and the MWS headers', async () => {
    const reply = await callMws(sandbox.url, { ...SELLERS, action: 'ListMarketplaceParticipations' });
    expect(reply.status).toBe(200);
    const requestId = reply.headers['x-mws-request-id'] as string;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reply.body.startsWith('<?xml version="1.0"?>\n<ListMarketplaceParticipationsResponse xmlns="https://mws.amazonservices.com/Sellers/2011-07-01"><ListMarketplaceParticipationsResult>')).toBe(true);
    expect(reply.body.endsWith(`</ListMarketplaceParticipationsResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></ListMarketplaceParticipationsResponse>\n`)).toBe(true);
    expect(reply.headers['content-type']).toBe('text/xml');
    expect(reply.headers['x-mws-timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(reply.headers['x-mws-response-context']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Date.parse(reply.headers.date as string)).toBeGreaterThan(0);
    // Sellers never carried quota headers (LIVE).
    expect(reply.headers['x-mws-quota-max']).toBeUndefined();
  });

  test('unknown path → 404 InvalidAddress in the gateway namespace; a path without version says so', async () => {
    const reply = await callMws(sandbox.url, { path: '/Sellers/', version: '2011-07-01', action: 'ListMarketplaceParticipations' });
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('<ErrorResponse xmlns="https://mws.amazonservices.com/">');
    expect(reply.body).toContain('<Message>Resource /Sellers/ is not found on this server. API Version is missing</Message>');
    expect(reply.body).toContain('<RequestID>');
    const other = await callMws(sandbox.url, { path: '/Nothing/2020-01-01', version: '2020-01-01', action: 'X' });
    expect(other.status).toBe(404);
    expect(other.body).toContain('<Code>InvalidAddress</Code>');
  });

  test('unknown Action in a section → 404 InvalidAddress naming the section (LIVE wording)', async () => {
    const reply = await callMws(sandbox.url, { ...ORDERS, action: 'ListCarts' });
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('<Message>Operation ListCarts is not available for section Orders/2013-09-01</Message>');
    expect(reply.body).toContain('xmlns="https://mws.amazonservices.com/Orders/2013-09-01"');
  });

  test('wrong Version → 400 InvalidParameterValue', async () => {
    const reply = await listOrders(sandbox.url, { version: '2011-01-01' });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<Code>InvalidParameterValue</Code>');
    expect(reply.body).toContain('Version 2011-01-01 is not valid for section Orders; expected 2013-09-01.');
  });

  const invalid: Array<[string, Record<string, string>, string]> = [
    ['missing MarketplaceId', { CreatedAfter: '2020-01-01' }, 'MarketplaceId'],
    ['neither CreatedAfter nor LastUpdatedAfter', { 'MarketplaceId.Id.1': US }, 'Exactly one of CreatedAfter / LastUpdatedAfter'],
    ['both CreatedAfter and LastUpdatedAfter', { 'MarketplaceId.Id.1': US, CreatedAfter: '2020-01-01', LastUpdatedAfter: '2020-01-01' }, 'Exactly one of'],
    ['a malformed date', { 'MarketplaceId.Id.1': US, CreatedAfter: 'yesterday' }, 'CreatedAfter'],
    ['an unknown OrderStatus', { 'MarketplaceId.Id.1': US, CreatedAfter: '2020-01-01', 'OrderStatus.Status.1': 'Lost' }, 'OrderStatus.Status.1'],
    ['Unshipped without PartiallyShipped', { 'MarketplaceId.Id.1': US, CreatedAfter: '2020-01-01', 'OrderStatus.Status.1': 'Unshipped' }, 'PartiallyShipped'],
    ['MaxResultsPerPage 101', { 'MarketplaceId.Id.1': US, CreatedAfter: '2020-01-01', MaxResultsPerPage: '101' }, 'MaxResultsPerPage'],
    ['51 marketplaces', Object.fromEntries([...Array.from({ length: 51 }, (_, i) => [`MarketplaceId.Id.${i + 1}`, US]), ['CreatedAfter', '2020-01-01']]), 'at most 50'],
    ['a marketplace the seller is not registered in', { 'MarketplaceId.Id.1': 'A1VC38T7YXB528', CreatedAfter: '2020-01-01' }, 'not registered'],
  ];
  test.each(invalid)('ListOrders with %s → 400 InvalidParameterValue naming the problem', async (_name, params, needle) => {
    const reply = await callMws(sandbox.url, { ...ORDERS, action: 'ListOrders', params });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<Code>InvalidParameterValue</Code>');
    expect(reply.body).toContain(needle);
  });

  test('GetMatchingProductForId with 6 ids is over the list maximum of 5', async () => {
    const params: Record<string, string> = { MarketplaceId: US, IdType: 'ASIN' };
    for (let i = 1; i <= 6; i++) params[`IdList.Id.${i}`] = `B00000000${i}`;
    const reply = await callMws(sandbox.url, { ...PRODUCTS, action: 'GetMatchingProductForId', params });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('IdList has 6 values; at most 5 are allowed.');
    // Products errors come from the backend: RequestId, and quota headers are present on 400s.
    expect(reply.body).toContain('<RequestId>');
  });

  test('Feeds/Reports report a missing value as the LIVE Coral ValidationError', async () => {
    const reply = await callMws(sandbox.url, { ...FEEDS, action: 'GetFeedSubmissionListByNextToken' });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<Code>ValidationError</Code>');
    expect(reply.body).toContain("<Message>1 validation error detected: Value null at 'nextToken' failed to satisfy constraint: Member must not be null</Message>");
    expect(reply.body).toContain('<RequestId>');
  });

  describe('SubmitFeed: query parameters and a raw body', () => {
    const feed = Buffer.from('sku\tprice\tquantity\nwidget\t\t0\n', 'latin1');
    test('accepts the LIVE ContentMD5Value and hands the exact body to the handler', async () => {
      const before = world.feeds.length;
      const reply = await callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: 'iUI5qlSDSrZOHRgvj4amUQ==' }, body: feed });
      expect(reply.status).toBe(200);
      expect(reply.headers['x-amz-request-id']).toBe(reply.headers['x-mws-request-id']);
      expect(world.feeds.length).toBe(before + 1);
      expect(world.feeds[world.feeds.length - 1]).toBe(feed.toString('latin1'));
    });
    test('a body that does not match ContentMD5Value → ContentMD5DoesNotMatch; none → ContentMD5Missing', async () => {
      const wrong = await callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: md5('other') }, body: feed });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toContain('<Code>ContentMD5DoesNotMatch</Code>');
      const none = await callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_' }, body: feed });
      expect(none.body).toContain('<Code>ContentMD5Missing</Code>');
    });
    test('a mismatch names the MD5 of the body received', async () => {
      const wrong = await callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: md5('other') }, body: feed });
      expect(wrong.body).toContain(md5(feed));
    });
    test('a ContentMD5Value and a Content-MD5 header that disagree → InvalidParameterValue naming the parameter', async () => {
      const reply = await callMws(sandbox.url, {
        ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: md5(feed) }, body: feed, headers: { 'Content-MD5': md5('x') },
      });
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('<Code>InvalidParameterValue</Code>');
      expect(reply.body).toContain('ContentMD5Value');
    });
    test('the MD5 in the Content-MD5 header alone is accepted (the live peddler vector)', async () => {
      expect(md5(feed)).toBe('iUI5qlSDSrZOHRgvj4amUQ==');
      const before = world.feeds.length;
      const reply = await callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_' }, body: feed, headers: { 'Content-MD5': md5(feed) } });
      expect(reply.status).toBe(200);
      expect(world.feeds.length).toBe(before + 1);
    });
    test('_POST_PRODUCT_IMAGE_DATA_ needs MarketplaceIdList (catalog constraint)', async () => {
      const reply = await callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_PRODUCT_IMAGE_DATA_', ContentMD5Value: md5(feed) }, body: feed });
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('MarketplaceIdList is required for FeedType _POST_PRODUCT_IMAGE_DATA_');
    });
  });

  test('a raw handler result is streamed with its Content-MD5 and Content-Type (GetReport)', async () => {
    const reply = await callMws(sandbox.url, { ...REPORTS, action: 'GetReport', params: { ReportId: '1' } });
    expect(reply.status).toBe(200);
    expect(reply.bytes.equals(REPORT_BODY)).toBe(true);
    expect(reply.headers['content-md5']).toBe(md5(REPORT_BODY));
    expect(reply.headers['content-type']).toBe('text/plain;charset=windows-1252');
  });

  test('a catalog operation without a handler is refused, not faked', async () => {
    const reply = await callMws(sandbox.url, { ...ORDERS, action: 'GetOrder', params: { 'AmazonOrderId.Id.1': '111-0000001-0000001' } });
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('not implemented by the sandbox');
  });

  test('malformed percent-encoding → 400, and the counters saw every outcome', async () => {
    const reply = await send(sandbox.url, 'POST', ORDERS.path, Buffer.from('Action=ListOrders&Bad=%E2%80'), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(reply.status).toBe(400);
    const counters = sandbox.control.counters();
    expect(counters.byOutcome['not-found']).toBeGreaterThanOrEqual(4);
    expect(counters.byOutcome['param-error']).toBeGreaterThanOrEqual(10);
    expect(counters.byOperation['Feeds.SubmitFeed']?.ok).toBeGreaterThanOrEqual(1);
    expect(counters.state).toEqual({ feeds: world.feeds.length });
  });
});

describe('sandbox server over TLS', () => {
  test('serves https with a self-signed certificate for 127.0.0.1 and returns it as the CA', async () => {
    const sandbox = await hostSandbox({ seed: 1, credentials: SANDBOX_CREDENTIALS, tls: true }, () => testWorld());
    try {
      expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.ca).toContain('-----BEGIN CERTIFICATE-----');
      const reply = await callMws(sandbox.url, { ...SELLERS, action: 'ListMarketplaceParticipations' }, sandbox.ca);
      expect(reply.status).toBe(200);
      await expect(callMws(sandbox.url, { ...SELLERS, action: 'ListMarketplaceParticipations' })).rejects.toThrow(/self.signed|certificate/i);
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});
