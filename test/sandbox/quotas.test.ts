import { createHash } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { hostSandbox, type HostedSandbox } from '../../src/sandbox/host';
import { callMws, FEEDS, listOrders, ORDERS, OTHER_SELLER, PRODUCTS, testWorld, US, type MwsCall, type MwsReply } from './support/signed-request';

/** A frozen sandbox clock (timeScale 0): only `advance` moves time, so refills are exact. */
const START = Date.UTC(2026, 2, 2, 10, 17, 42, 500);

describe('quotas on the sandbox clock', () => {
  let sandbox: HostedSandbox;
  const at = (): string => new Date(sandbox.clock.now()).toISOString();
  const orders = (extra: Partial<MwsCall> = {}): Promise<MwsReply> => listOrders(sandbox.url, { timestamp: at(), ...extra });
  const products = (ids: number): Promise<MwsReply> => {
    const params: Record<string, string> = { MarketplaceId: US, IdType: 'ASIN' };
    for (let i = 1; i <= ids; i++) params[`IdList.Id.${i}`] = `B0000000${i}X`;
    return callMws(sandbox.url, { ...PRODUCTS, action: 'GetMatchingProductForId', params, timestamp: at() });
  };

  beforeEach(async () => {
    sandbox = await hostSandbox({ seed: 5, credentials: SANDBOX_CREDENTIALS, timeScale: 0, now: START }, () => testWorld());
  });
  afterEach(() => sandbox.close());

  test('the 7th immediate ListOrders is throttled with the 291-byte RequestThrottled body; ByNextToken shares the bucket', async () => {
    for (let i = 0; i < 6; i++) expect((await orders()).status).toBe(200);
    const seventh = await orders();
    expect(seventh.status).toBe(503);
    const id = seventh.headers['x-mws-request-id'] as string;
    const expected =
      '<?xml version="1.0"?>\n<ErrorResponse xmlns="https://mws.amazonservices.com/Orders/2013-09-01">\n  <Error>\n    <Type></Type>\n' +
      `    <Code>RequestThrottled</Code>\n    <Message>Request is throttled</Message>\n  </Error>\n  <RequestID>${id}</RequestID>\n</ErrorResponse>\n`;
    expect(seventh.body).toBe(expected);
    expect(seventh.bytes.length).toBe(291);
    const byToken = await callMws(sandbox.url, { ...ORDERS, action: 'ListOrdersByNextToken', params: { NextToken: 'x' }, timestamp: at() });
    expect(byToken.status).toBe(503);
    // Orders never carried quota headers.
    expect(seventh.headers['x-mws-quota-max']).toBeUndefined();
    const counters = sandbox.control.counters();
    expect(counters.byOperation['Orders.ListOrders']).toEqual({ ok: 6, throttled: 1 });
    expect(counters.byOperation['Orders.ListOrdersByNextToken']).toEqual({ throttled: 1 });
  });

  test('tokens return at the restore rate (one per 60 s), and each seller has its own bucket', async () => {
    for (let i = 0; i < 6; i++) await orders();
    sandbox.control.advance(59_000);
    expect((await orders()).status).toBe(503);
    sandbox.control.advance(1_000);
    expect((await orders()).status).toBe(200);
    expect((await orders()).status).toBe(503);
    sandbox.control.advance(180_000);
    for (let i = 0; i < 3; i++) expect((await orders()).status).toBe(200);
    expect((await orders()).status).toBe(503);
    const eu = await orders({ credentials: OTHER_SELLER, params: { 'MarketplaceId.Id.1': 'A1PA6795UKMFR9', CreatedAfter: '2020-01-01' } });
    expect(eu.status).toBe(200);
  });

  test('a 5-id GetMatchingProductForId costs 5 of 20 items, restored at 5 items/s; hourly headers as LIVE wrote them', async () => {
    for (let i = 0; i < 4; i++) expect((await products(5)).status).toBe(200);
    const last = await products(5);
    expect(last.status).toBe(503);
    expect(last.body).toContain('<Code>RequestThrottled</Code>');
    sandbox.control.advance(1_000);
    const refilled = await products(5);
    expect(refilled.status).toBe(200);
    expect((await products(1)).status).toBe(503);
    sandbox.control.advance(200);
    expect((await products(1)).status).toBe(200);
    expect(refilled.headers['x-mws-quota-max']).toBe('18000.0');
    expect(refilled.headers['x-mws-quota-remaining']).toBe('17975.0');
    // The hour starts at the whole minute of the first request.
    expect(refilled.headers['x-mws-quota-resetson']).toBe('2026-03-02T11:17:00.000Z');
    expect(refilled.rawHeaderNames).toContain('x-mws-quota-resetsOn');
  });

  test('Products and Feeds 400s carry the quota headers too; GetServiceStatus never does', async () => {
    const reply = await products(6);
    expect(reply.status).toBe(400);
    expect(reply.headers['x-mws-quota-max']).toBe('18000.0');
    const feeds = await callMws(sandbox.url, { ...FEEDS, action: 'GetFeedSubmissionListByNextToken', timestamp: at() });
    expect(feeds.status).toBe(400);
    expect(feeds.body).toContain('<Code>ValidationError</Code>');
    expect(feeds.headers['x-mws-quota-max']).toBe('1800.0');
    expect(feeds.headers['x-mws-quota-remaining']).toBe('1799.0');
    const status = await callMws(sandbox.url, { ...PRODUCTS, action: 'GetServiceStatus', timestamp: at() });
    expect(status.headers['x-mws-quota-max']).toBeUndefined();
  });

  test('the hourly quota: SubmitFeed allows 30 an hour, then 503 QuotaExceeded until resetsOn', async () => {
    const feed = Buffer.from('sku\tquantity\nw\t1\n');
    const md5 = createHash('md5').update(feed).digest('base64');
    const submit = (): Promise<MwsReply> =>
      callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: md5 }, body: feed, timestamp: at() });
    let ok = 0;
    for (let i = 0; i < 15; i++) if ((await submit()).status === 200) ok++;
    expect((await submit()).body).toContain('<Code>RequestThrottled</Code>');
    for (let i = 0; i < 15; i++) {
      sandbox.control.advance(120_000);
      if ((await submit()).status === 200) ok++;
    }
    expect(ok).toBe(30);
    sandbox.control.advance(120_000);
    const over = await submit();
    expect(over.status).toBe(503);
    expect(over.body).toContain('<Code>QuotaExceeded</Code>');
    expect(over.body).toContain(
      '<Message>You exceeded your quota of 30.0 requests per 1 hour for operation Feeds/2009-01-01/SubmitFeed.  Your quota will reset on Mon Mar 02 11:17:00 UTC 2026</Message>',
    );
    expect(over.headers['x-mws-quota-remaining']).toBe('0.0');
    expect(sandbox.control.counters().byOutcome['quota-exceeded']).toBe(1);
    sandbox.control.advance(Date.UTC(2026, 2, 2, 11, 17) - sandbox.clock.now());
    const after = await submit();
    expect(after.status).toBe(200);
    expect(after.headers['x-mws-quota-remaining']).toBe('29.0');
  });

  test('throttling: false turns quotas off', async () => {
    const free = await hostSandbox({ seed: 5, credentials: SANDBOX_CREDENTIALS, timeScale: 0, now: START, throttling: false }, () => testWorld());
    try {
      for (let i = 0; i < 10; i++) {
        expect((await listOrders(free.url, { timestamp: new Date(START).toISOString() })).status).toBe(200);
      }
    } finally {
      await free.close();
    }
  });
});
