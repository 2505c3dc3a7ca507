import iconv from 'iconv-lite';
import { createLifecycles, FEED_TIMING } from '../../src/sandbox/lifecycle';
import {
  callHandler, expectSandboxError, JP, MemoryListingStore, MemoryOrderStore, md5Base64, rawBody, seedListings, seedOrders, SELLER_JP, SELLER_MARKETPLACES, SELLER_US,
  TestClock, US, value, values, xmlOf,
} from './support/stores';

const FEED_DONE_MS = FEED_TIMING.startsAfterMs + FEED_TIMING.processingMs;

function world() {
  const clock = new TestClock();
  const listings = new MemoryListingStore(seedListings());
  const orders = new MemoryOrderStore(seedOrders());
  const lifecycles = createLifecycles({
    clock, listings, orders, seed: 7, reportBytes: 0,
    credentials: [{ sellerId: SELLER_US, awsAccessKeyId: 'SANDBOXDEVKEY0000001', secretKey: 'test' }],
    sellerMarketplaces: (sellerId) => SELLER_MARKETPLACES[sellerId] ?? [],
  });
  const call = (operationId: string, params: Record<string, string> = {}, options: { sellerId?: string; body?: Buffer; contentType?: string; headers?: Record<string, string> } = {}) =>
    callHandler(lifecycles.handlers, operationId, params, { clock, ...options });
  const submit = async (feedType: string, body: string | Buffer, options: { sellerId?: string; contentType?: string; params?: Record<string, string> } = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const xml = xmlOf(await call('Feeds.SubmitFeed', { FeedType: feedType, ContentMD5Value: md5Base64(bytes), ...options.params }, { body: bytes, sellerId: options.sellerId, contentType: options.contentType }));
    return value(xml, 'FeedSubmissionId') as string;
  };
  return { clock, listings, orders, lifecycles, call, submit };
}

const inventoryFeed = (messages: Array<{ sku: string; quantity: string }>) =>
  `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">` +
  `<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${SELLER_US}</MerchantIdentifier></Header><MessageType>Inventory</MessageType>` +
  messages.map((m, i) => `<Message><MessageID>${i + 1}</MessageID><OperationType>Update</OperationType><Inventory><SKU>${m.sku}</SKU><Quantity>${m.quantity}</Quantity></Inventory></Message>`).join('') +
  `</AmazonEnvelope>`;

describe('feed lifecycle', () => {
  it('moves _SUBMITTED_ → _IN_PROGRESS_ → _DONE_ with sandbox time and reports not-ready before that', async () => {
    const { clock, call, submit, listings } = world();
    const id = await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-002', quantity: '3' }]));
    const status = async () => xmlOf(await call('Feeds.GetFeedSubmissionList', { 'FeedSubmissionIdList.Id.1': id }));
    expect(value(await status(), 'FeedProcessingStatus')).toBe('_SUBMITTED_');
    await expectSandboxError(call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }), 'FeedProcessingResultNotReady');
    clock.advance(FEED_TIMING.startsAfterMs);
    const inProgress = await status();
    expect(value(inProgress, 'FeedProcessingStatus')).toBe('_IN_PROGRESS_');
    expect(value(inProgress, 'StartedProcessingDate')).toBe('2026-01-15T12:00:30+00:00');
    expect(listings.get(SELLER_US, 'MUG-002', US)?.quantity).toBe(10);
    clock.advance(FEED_TIMING.processingMs);
    const done = await status();
    expect(value(done, 'FeedProcessingStatus')).toBe('_DONE_');
    expect(value(done, 'CompletedProcessingDate')).toBe('2026-01-15T12:01:30+00:00');
    expect(listings.get(SELLER_US, 'MUG-002', US)?.quantity).toBe(3);
  });

  it('applies a due feed when the server settles before another section reads listings', async () => {
    const { clock, submit, listings, lifecycles } = world();
    await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-001', quantity: '0' }]));
    clock.advance(FEED_DONE_MS);
    expect(listings.get(SELLER_US, 'MUG-001', US)?.quantity).toBe(10);
    lifecycles.settle(clock.now());
    expect(listings.get(SELLER_US, 'MUG-001', US)?.quantity).toBe(0);
  });

  it('serves an XML ProcessingReport with an error per bad message (unknown SKU, bad quantity)', async () => {
    const { clock, call, submit, listings } = world();
    const id = await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-001', quantity: '7' }, { sku: 'NO-SUCH-SKU', quantity: '1' }, { sku: 'MUG-002', quantity: '-4' }]));
    clock.advance(FEED_DONE_MS);
    const { body, contentType } = await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }));
    const report = body.toString('utf8');
    expect(contentType).toBe('text/xml');
    expect(value(report, 'MessageType')).toBe('ProcessingReport');
    expect(value(report, 'DocumentTransactionID')).toBe(id);
    expect(value(report, 'MessagesProcessed')).toBe('3');
    expect(value(report, 'MessagesSuccessful')).toBe('1');
    expect(value(report, 'MessagesWithError')).toBe('2');
    expect(values(report, 'SKU')).toEqual(['NO-SUCH-SKU', 'MUG-002']);
    expect(values(report, 'ResultMessageCode')).toEqual(['13013', '5000']);
    expect(listings.get(SELLER_US, 'MUG-001', US)?.quantity).toBe(7);
    expect(listings.get(SELLER_US, 'MUG-002', US)?.quantity).toBe(10);
  });

  it('applies a Price feed only to the marketplaces in MarketplaceIdList', async () => {
    const { clock, submit, listings } = world();
    const feed = `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${SELLER_US}</MerchantIdentifier></Header><MessageType>Price</MessageType><Message><MessageID>1</MessageID><Price><SKU>MUG-001</SKU><StandardPrice currency="USD">24.50</StandardPrice></Price></Message></AmazonEnvelope>`;
    await submit('_POST_PRODUCT_PRICING_DATA_', feed, { params: { 'MarketplaceIdList.Id.1': US } });
    clock.advance(FEED_DONE_MS);
    const before = listings.get(SELLER_US, 'MUG-001', 'A2EUQ1WTGCTBG2')?.price;
    await submit('_POST_PRODUCT_PRICING_DATA_', feed.replace('24.50', '1.00'), { params: { 'MarketplaceIdList.Id.1': US } }); // settles the first
    expect(listings.get(SELLER_US, 'MUG-001', US)?.price).toBe('24.50');
    expect(listings.get(SELLER_US, 'MUG-001', 'A2EUQ1WTGCTBG2')?.price).toBe(before);
  });

  it('reads a Cp1252 flat file and answers with a Feed Processing Summary and per-row errors', async () => {
    const { clock, call, submit, listings } = world();
    const feed = iconv.encode('sku\tprice\tquantity\nMUG-001\t21.00\t5\nTASSE-GRÖSSE\t\t1\nMUG-002\t\tzwölf\n', 'windows-1252');
    const id = await submit('_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', feed, { contentType: 'text/tab-separated-values; charset=Cp1252' });
    clock.advance(FEED_DONE_MS);
    const { body, contentType } = await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }));
    expect(contentType).toBe('text/plain;charset=Cp1252');
    const text = iconv.decode(body, 'windows-1252');
    expect(text.startsWith('Feed Processing Summary:\n\tNumber of records processed\t\t3\n\tNumber of records successful\t\t1\n\n')).toBe(true);
    const rows = text.split('\n').slice(4).filter(Boolean).map((line) => line.split('\t'));
    expect(rows[0]).toEqual(['original-record-number', 'sku', 'error-code', 'error-type', 'error-message']);
    expect(rows[1].slice(0, 4)).toEqual(['2', 'TASSE-GRÖSSE', '13013', 'Error']);
    expect(rows[2].slice(0, 4)).toEqual(['3', 'MUG-002', '5000', 'Error']);
    expect(rows[2][4]).toContain('zwölf');
    expect(listings.get(SELLER_US, 'MUG-001', US)).toMatchObject({ price: '21.00', quantity: 5 });
  });

  it('reads a Shift_JIS flat file for a Japanese seller and labels the summary Windows-31J', async () => {
    const { clock, call, submit, listings } = world();
    const feed = iconv.encode('sku\tprice\tquantity\nYUNOMI-01\t2480\t4\n急須-01\t\t1\n', 'Shift_JIS');
    const id = await submit('_POST_FLAT_FILE_INVLOADER_DATA_', feed, { sellerId: SELLER_JP, contentType: 'text/tab-separated-values; charset=Shift_JIS' });
    clock.advance(FEED_DONE_MS);
    const { body, contentType } = await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }, { sellerId: SELLER_JP }));
    expect(contentType).toBe('text/plain;charset=Windows-31J');
    expect(iconv.decode(body, 'Windows-31J')).toContain('2\t急須-01\t13013\tError');
    expect(listings.get(SELLER_JP, 'YUNOMI-01', JP)).toMatchObject({ price: '2480', quantity: 4 });
  });

  it('acknowledges and ships orders with OrderAcknowledgement and flat fulfillment feeds', async () => {
    const { clock, submit, orders, call } = world();
    const ack = `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${SELLER_US}</MerchantIdentifier></Header><MessageType>OrderAcknowledgement</MessageType>` +
      `<Message><MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>111-0000001-0000001</AmazonOrderID><StatusCode>Success</StatusCode></OrderAcknowledgement></Message>` +
      `<Message><MessageID>2</MessageID><OrderAcknowledgement><AmazonOrderID>111-9999999-9999999</AmazonOrderID><StatusCode>Success</StatusCode></OrderAcknowledgement></Message></AmazonEnvelope>`;
    const ackId = await submit('_POST_ORDER_ACKNOWLEDGEMENT_DATA_', ack);
    clock.advance(FEED_DONE_MS);
    const report = (await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: ackId }))).body.toString('utf8');
    expect(values(report, 'AmazonOrderID')).toEqual(['111-9999999-9999999']);
    expect(orders.get(SELLER_US, '111-0000001-0000001')?.orderStatus).toBe('Unshipped');
    const ship = 'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\ttracking-number\n111-0000001-0000001\t111-0000001-0000001-1\t1\t2026-01-15\tUPS\t1Z999\n111-0000004-0000004\t\t1\t2026-01-15\tUPS\t1Z998\n';
    const shipId = await submit('_POST_FLAT_FILE_FULFILLMENT_DATA_', ship);
    clock.advance(FEED_DONE_MS);
    const summary = (await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: shipId }))).body.toString('latin1');
    expect(summary).toContain('Number of records successful\t\t1');
    expect(summary).toContain('2\t111-0000004-0000004\t25\tError');
    expect(orders.get(SELLER_US, '111-0000001-0000001')).toMatchObject({ orderStatus: 'Shipped', lastUpdateDate: new Date(clock.now()).toISOString() });
  });

  it('ships an order with an XML OrderFulfillment feed and refuses a canceled one', async () => {
    const { clock, submit, orders, call } = world();
    const message = (id: number, orderId: string) =>
      `<Message><MessageID>${id}</MessageID><OrderFulfillment><AmazonOrderID>${orderId}</AmazonOrderID><FulfillmentDate>2026-01-15T12:00:00Z</FulfillmentDate>` +
      `<FulfillmentData><CarrierName>UPS</CarrierName><ShipperTrackingNumber>1Z999</ShipperTrackingNumber></FulfillmentData>` +
      `<Item><AmazonOrderItemCode>${orderId}-1</AmazonOrderItemCode><Quantity>1</Quantity></Item></OrderFulfillment></Message>`;
    const feed = `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${SELLER_US}</MerchantIdentifier></Header>` +
      `<MessageType>OrderFulfillment</MessageType>${message(1, '111-0000002-0000002')}${message(2, '111-0000004-0000004')}</AmazonEnvelope>`;
    const id = await submit('_POST_ORDER_FULFILLMENT_DATA_', feed);
    clock.advance(FEED_DONE_MS);
    const report = (await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }))).body.toString('utf8');
    expect([value(report, 'MessagesSuccessful'), value(report, 'MessagesWithError')]).toEqual(['1', '1']);
    expect(values(report, 'AmazonOrderID')).toEqual(['111-0000004-0000004']);
    expect(orders.get(SELLER_US, '111-0000002-0000002')?.orderStatus).toBe('Shipped');
    expect(orders.get(SELLER_US, '111-0000004-0000004')?.orderStatus).toBe('Canceled');
  });

  it('reports an unreadable XML feed as one error and changes nothing', async () => {
    const { clock, call, submit } = world();
    const id = await submit('_POST_INVENTORY_AVAILABILITY_DATA_', '<AmazonEnvelope><Message>');
    clock.advance(FEED_DONE_MS);
    const report = (await rawBody(await call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }))).body.toString('utf8');
    expect(value(report, 'MessagesProcessed')).toBe('0');
    expect(value(report, 'ResultDescription')).toMatch(/XML Parsing Fatal Error/);
  });
});

describe('CancelFeedSubmissions', () => {
  it('cancels a feed that has not started and leaves one in progress alone', async () => {
    const { clock, call, submit, listings } = world();
    const started = await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-002', quantity: '1' }]));
    clock.advance(FEED_TIMING.startsAfterMs);
    const waiting = await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-001', quantity: '1' }]));
    const xml = xmlOf(await call('Feeds.CancelFeedSubmissions', { 'FeedSubmissionIdList.Id.1': started, 'FeedSubmissionIdList.Id.2': waiting }));
    expect(value(xml, 'Count')).toBe('1');
    expect(values(xml, 'FeedSubmissionId')).toEqual([waiting]);
    expect(value(xml, 'FeedProcessingStatus')).toBe('_CANCELLED_');
    clock.advance(FEED_DONE_MS);
    await expectSandboxError(call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: waiting }), 'FeedCanceled');
    expect(listings.get(SELLER_US, 'MUG-001', US)?.quantity).toBe(10);
    expect(listings.get(SELLER_US, 'MUG-002', US)?.quantity).toBe(1);
    await expectSandboxError(call('Feeds.CancelFeedSubmissions', { 'FeedSubmissionIdList.Id.1': '1' }), 'InvalidFeedSubmissionId');
  });
});

describe('GetFeedSubmissionList paging and filters', () => {
  it('pages newest first with HasNext and NextToken, and counts by status', async () => {
    const { clock, call, submit } = world();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-002', quantity: String(i) }])));
      clock.advance(10_000);
    }
    const first = xmlOf(await call('Feeds.GetFeedSubmissionList', { MaxCount: '5' }));
    expect(value(first, 'HasNext')).toBe('true');
    const seen = [...values(first, 'FeedSubmissionId')];
    let token = value(first, 'NextToken');
    while (token) {
      const page = xmlOf(await call('Feeds.GetFeedSubmissionListByNextToken', { NextToken: token }));
      seen.push(...values(page, 'FeedSubmissionId'));
      token = value(page, 'NextToken');
      expect(value(page, 'HasNext')).toBe(token ? 'true' : 'false');
    }
    expect(seen).toEqual([...ids].reverse());
    const defaults = xmlOf(await call('Feeds.GetFeedSubmissionList'));
    expect(values(defaults, 'FeedSubmissionId')).toHaveLength(10);
    const done = xmlOf(await call('Feeds.GetFeedSubmissionCount', { 'FeedProcessingStatusList.Status.1': '_DONE_' }));
    const submitted = xmlOf(await call('Feeds.GetFeedSubmissionCount', { 'FeedProcessingStatusList.Status.1': '_SUBMITTED_' }));
    const inProgress = xmlOf(await call('Feeds.GetFeedSubmissionCount', { 'FeedProcessingStatusList.Status.1': '_IN_PROGRESS_' }));
    // Feeds are 10, 20, … 120 s old: under 30 s waiting (2), under 90 s processing (6), the rest done (4).
    expect([value(done, 'Count'), value(inProgress, 'Count'), value(submitted, 'Count')]).toEqual(['4', '6', '2']);
    const byType = xmlOf(await call('Feeds.GetFeedSubmissionCount', { 'FeedTypeList.Type.1': '_POST_PRODUCT_DATA_' }));
    expect(value(byType, 'Count')).toBe('0');
  });

  it('refuses MaxCount above 100, a tampered token, a missing token and another seller\'s token', async () => {
    const { call, submit } = world();
    await expectSandboxError(call('Feeds.GetFeedSubmissionList', { MaxCount: '101' }), 'InvalidParameterValue');
    for (let i = 0; i < 3; i++) await submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-002', quantity: '1' }]));
    const token = value(xmlOf(await call('Feeds.GetFeedSubmissionList', { MaxCount: '1' })), 'NextToken') as string;
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    await expectSandboxError(call('Feeds.GetFeedSubmissionListByNextToken', { NextToken: tampered }), 'NextTokenCorrupted');
    await expectSandboxError(call('Feeds.GetFeedSubmissionListByNextToken', {}), 'ValidationError');
    await expectSandboxError(call('Feeds.GetFeedSubmissionListByNextToken', { NextToken: token }, { sellerId: SELLER_JP }), 'NextTokenCorrupted');
  });
});

describe('feed snapshots', () => {
  it('restores pending feeds into a fresh world, which then processes them identically', async () => {
    const a = world();
    const id = await a.submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([{ sku: 'MUG-002', quantity: '2' }, { sku: 'GONE', quantity: '1' }]));
    const saved = JSON.parse(JSON.stringify(a.lifecycles.snapshot())) as unknown;
    const b = world();
    b.lifecycles.restore(saved);
    expect(b.lifecycles.counts()).toMatchObject({ feedSubmissions: 1 });
    for (const w of [a, b]) w.clock.advance(FEED_DONE_MS);
    const reportA = await rawBody(await a.call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }));
    const reportB = await rawBody(await b.call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }));
    expect(reportB.body.equals(reportA.body)).toBe(true);
    expect(b.listings.get(SELLER_US, 'MUG-002', US)?.quantity).toBe(2);
    const nextA = await a.submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([]));
    const nextB = await b.submit('_POST_INVENTORY_AVAILABILITY_DATA_', inventoryFeed([]));
    expect(nextB).toBe(nextA);
  });
});
