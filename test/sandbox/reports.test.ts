import iconv from 'iconv-lite';
import { createLifecycles, REPORT_TIMING } from '../../src/sandbox/lifecycle';
import { SandboxError } from '../../src/sandbox/types';
import {
  callHandler, expectSandboxError, GERMAN_TITLE, JAPANESE_TITLE, MemoryListingStore, MemoryOrderStore, md5Base64, rawBody, seedListings, seedOrders, SELLER_EU, SELLER_JP,
  SELLER_MARKETPLACES, SELLER_US, TestClock, value, values, xmlOf,
} from './support/stores';

const REPORT_DONE_MS = REPORT_TIMING.startsAfterMs + REPORT_TIMING.processingMs;
const HOUR_MS = 60 * 60 * 1000;

function world(reportBytes = 0) {
  const clock = new TestClock();
  const listings = new MemoryListingStore(seedListings());
  const orders = new MemoryOrderStore(seedOrders());
  const lifecycles = createLifecycles({
    clock, listings, orders, seed: 7, reportBytes,
    credentials: [SELLER_US, SELLER_EU, SELLER_JP].map((sellerId) => ({ sellerId, awsAccessKeyId: 'SANDBOXDEVKEY0000001', secretKey: 'test' })),
    sellerMarketplaces: (sellerId) => SELLER_MARKETPLACES[sellerId] ?? [],
  });
  const call = (operationId: string, params: Record<string, string> = {}, sellerId = SELLER_US, extra: { body?: Buffer } = {}) =>
    callHandler(lifecycles.handlers, operationId, params, { clock, sellerId, ...extra });
  const request = async (reportType: string, params: Record<string, string> = {}, sellerId = SELLER_US) =>
    value(xmlOf(await call('Reports.RequestReport', { ReportType: reportType, ...params }, sellerId)), 'ReportRequestId') as string;
  const requestInfo = async (id: string, sellerId = SELLER_US) => xmlOf(await call('Reports.GetReportRequestList', { 'ReportRequestIdList.Id.1': id }, sellerId));
  const download = async (reportId: string, sellerId = SELLER_US) => rawBody(await call('Reports.GetReport', { ReportId: reportId }, sellerId));
  return { clock, listings, orders, lifecycles, call, request, requestInfo, download };
}

describe('report lifecycle', () => {
  it('moves a request through _SUBMITTED_, _IN_PROGRESS_ and _DONE_, then lists and serves the report', async () => {
    const { clock, call, request, requestInfo, download } = world();
    const id = await request('_GET_FLAT_FILE_OPEN_LISTINGS_DATA_');
    expect(value(await requestInfo(id), 'ReportProcessingStatus')).toBe('_SUBMITTED_');
    clock.advance(REPORT_TIMING.startsAfterMs);
    expect(value(await requestInfo(id), 'ReportProcessingStatus')).toBe('_IN_PROGRESS_');
    clock.advance(REPORT_TIMING.processingMs);
    const done = await requestInfo(id);
    expect(value(done, 'ReportProcessingStatus')).toBe('_DONE_');
    expect(value(done, 'Scheduled')).toBe('false');
    const reportId = value(done, 'GeneratedReportId') as string;
    const list = xmlOf(await call('Reports.GetReportList', { 'ReportRequestIdList.Id.1': id }));
    expect(values(list, 'ReportId')).toEqual([reportId]);
    expect(value(list, 'Acknowledged')).toBe('false');
    const { body, contentType } = await download(reportId);
    expect(contentType).toBe('text/plain;charset=Cp1252');
    const lines = iconv.decode(body, 'windows-1252').trimEnd().split('\n');
    expect(lines[0]).toBe('sku\tasin\tprice\tquantity');
    expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(['FBA-003', 'MUG-001', 'MUG-002']);
  });

  it('keeps a German product name intact through Cp1252', async () => {
    const { clock, request, requestInfo, download } = world();
    const id = await request('_GET_MERCHANT_LISTINGS_DATA_');
    clock.advance(REPORT_DONE_MS);
    const { body } = await download(value(await requestInfo(id), 'GeneratedReportId') as string);
    expect(body.includes(Buffer.from([0xf6]))).toBe(true); // ö as one Cp1252 byte, not UTF-8
    const rows = iconv.decode(body, 'windows-1252').split('\n').map((l) => l.split('\t'));
    expect(rows[0].slice(0, 6)).toEqual(['item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity']);
    expect(rows.find((r) => r[3] === 'MUG-001')?.[0]).toBe(GERMAN_TITLE);
  });

  it('keeps a Japanese product name intact through Windows-31J for the JP seller', async () => {
    const { clock, request, requestInfo, download } = world();
    const id = await request('_GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_', {}, SELLER_JP);
    clock.advance(REPORT_DONE_MS);
    const { body, contentType } = await download(value(await requestInfo(id, SELLER_JP), 'GeneratedReportId') as string, SELLER_JP);
    expect(contentType).toBe('text/plain;charset=Windows-31J');
    const rows = iconv.decode(body, 'Windows-31J').trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows[1][0]).toBe('503-0000001-0000001');
    expect(rows[1][rows[0].indexOf('product-name')]).toBe(JAPANESE_TITLE);
  });

  it('selects orders by order date or by last update within StartDate/EndDate, and has an XML variant', async () => {
    const { clock, request, requestInfo, download } = world();
    const start = new Date(clock.now() - 10 * 24 * HOUR_MS).toISOString();
    const byDate = await request('_GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_', { StartDate: start });
    const xml = await request('_GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_', { StartDate: start });
    clock.advance(REPORT_DONE_MS);
    const flat = (await download(value(await requestInfo(byDate), 'GeneratedReportId') as string)).body.toString('latin1');
    expect(flat.trimEnd().split('\n').slice(1).map((l) => l.split('\t')[0])).toEqual(['111-0000002-0000002', '111-0000001-0000001']);
    const document = await download(value(await requestInfo(xml), 'GeneratedReportId') as string);
    expect(document.contentType).toBe('text/xml');
    const text = document.body.toString('utf8');
    expect(value(text, 'MessageType')).toBe('AllOrdersReport');
    expect(values(text, 'AmazonOrderID')).toEqual(['111-0000002-0000002', '111-0000001-0000001']);
    expect(value(text, 'ProductName')).toBe('Travel mug, steel');
  });

  it('lists merchant-fulfilled items still to ship in the actionable order report, after an acknowledgement feed', async () => {
    const { clock, call, request, requestInfo, download } = world();
    const orderIds = async (requestId: string) => {
      const { body } = await download(value(await requestInfo(requestId), 'GeneratedReportId') as string);
      return body.toString('latin1').trimEnd().split('\n').slice(1).map((line) => line.split('\t')[0]);
    };
    const before = await request('_GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_');
    const ack = Buffer.from(
      `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${SELLER_US}</MerchantIdentifier></Header>` +
        `<MessageType>OrderAcknowledgement</MessageType><Message><MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>111-0000001-0000001</AmazonOrderID>` +
        `<StatusCode>Success</StatusCode></OrderAcknowledgement></Message></AmazonEnvelope>`,
    );
    await call('Feeds.SubmitFeed', { FeedType: '_POST_ORDER_ACKNOWLEDGEMENT_DATA_', ContentMD5Value: md5Base64(ack) }, SELLER_US, { body: ack });
    clock.advance(2 * REPORT_DONE_MS);
    const after = await request('_GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_');
    clock.advance(REPORT_DONE_MS);
    expect(await orderIds(before)).toEqual(['111-0000002-0000002']);
    expect(await orderIds(after)).toEqual(['111-0000002-0000002', '111-0000001-0000001']); // oldest purchase first
  });

  it('finishes _DONE_NO_DATA_ without a report when nothing matches', async () => {
    const { clock, call, request, requestInfo } = world();
    const id = await request('_GET_AFN_INVENTORY_DATA_', {}, SELLER_JP);
    clock.advance(REPORT_DONE_MS);
    const info = await requestInfo(id, SELLER_JP);
    expect(value(info, 'ReportProcessingStatus')).toBe('_DONE_NO_DATA_');
    expect(value(info, 'GeneratedReportId')).toBeUndefined();
    expect(value(info, 'CompletedDate')).toBeDefined();
    expect(values(xmlOf(await call('Reports.GetReportList', { 'ReportRequestIdList.Id.1': id }, SELLER_JP)), 'ReportId')).toEqual([]);
  });

  it('generates each report from state as it was when its processing completed, in time order with feeds', async () => {
    const { clock, call, request, requestInfo, download } = world();
    const feed = Buffer.from('sku\tprice\tquantity\nFBA-003\t\t5\n');
    await call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', ContentMD5Value: md5Base64(feed) }, SELLER_US, { body: feed });
    const before = await request('_GET_AFN_INVENTORY_DATA_'); // completes at 60 s, before the feed (90 s)
    clock.advance(40_000);
    const after = await request('_GET_AFN_INVENTORY_DATA_'); // completes at 100 s
    clock.advance(REPORT_DONE_MS);
    const quantityIn = async (requestId: string) => {
      const { body } = await download(value(await requestInfo(requestId), 'GeneratedReportId') as string);
      const row = body.toString('latin1').trimEnd().split('\n')[1].split('\t');
      expect(row.slice(0, 2)).toEqual(['FBA-003', expect.stringMatching(/^X00/)]);
      return row[5];
    };
    expect(await quantityIn(before)).toBe('42');
    expect(await quantityIn(after)).toBe('5');
  });

  it('refuses unknown and foreign report ids with InvalidReportId, and reports past 90 days with ReportNoLongerAvailable', async () => {
    const { clock, request, requestInfo, call } = world();
    await expectSandboxError(call('Reports.GetReport', { ReportId: '123' }), 'InvalidReportId');
    const id = await request('_GET_FLAT_FILE_OPEN_LISTINGS_DATA_');
    clock.advance(REPORT_DONE_MS);
    const reportId = value(await requestInfo(id), 'GeneratedReportId') as string;
    await expectSandboxError(call('Reports.GetReport', { ReportId: reportId }, SELLER_EU), 'InvalidReportId');
    clock.advance(91 * 24 * HOUR_MS);
    await expectSandboxError(call('Reports.GetReport', { ReportId: reportId }), 'ReportNoLongerAvailable');
  });

  it('refuses an ill-formed ReportType, a StartDate after EndDate and a foreign marketplace', async () => {
    const { call } = world();
    await expectSandboxError(call('Reports.RequestReport', { ReportType: 'open listings' }), 'InvalidReportType');
    await expectSandboxError(call('Reports.RequestReport', { ReportType: '_GET_AFN_INVENTORY_DATA_', StartDate: '2026-01-10T00:00:00Z', EndDate: '2026-01-01T00:00:00Z' }), 'InvalidParameterValue');
    await expectSandboxError(call('Reports.RequestReport', { ReportType: '_GET_AFN_INVENTORY_DATA_', 'MarketplaceIdList.Id.1': 'A1VC38T7YXB528' }), 'InvalidParameterValue');
  });
});

describe('settlement reports', () => {
  it('cannot be requested or scheduled but are pre-generated and listed by GetReportList', async () => {
    const { call, download } = world();
    await expectSandboxError(call('Reports.RequestReport', { ReportType: '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_' }), 'InvalidReportType');
    await expectSandboxError(call('Reports.ManageReportSchedule', { ReportType: '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_', Schedule: '_1_DAY_' }), 'InvalidReportType');
    const list = xmlOf(await call('Reports.GetReportList', { 'ReportTypeList.Type.1': '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_' }));
    const ids = values(list, 'ReportId');
    expect(ids).toHaveLength(3);
    const newest = (await download(ids[0])).body.toString('latin1').trimEnd().split('\n').map((l) => l.split('\t'));
    expect(newest[0].slice(0, 6)).toEqual(['settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency']);
    // The shipped order of 20 days ago falls in the period before the newest one.
    const middle = (await download(ids[1])).body.toString('latin1').trimEnd().split('\n').map((l) => l.split('\t'));
    expect(middle.slice(2).map((r) => [r[7], r[12], r[14]])).toEqual([['111-0000003-0000003', 'ItemPrice', '19.99'], ['111-0000003-0000003', 'ItemFees', '-3.00']]);
    expect(middle[1].slice(4, 6)).toEqual(['16.99', 'USD']);
  });
});

describe('cancellation, counts and acknowledgements', () => {
  it('cancels only requests that have not started; unknown ids are InvalidReportRequestId', async () => {
    const { clock, call, request, requestInfo } = world();
    const started = await request('_GET_FLAT_FILE_OPEN_LISTINGS_DATA_');
    clock.advance(REPORT_TIMING.startsAfterMs);
    const waiting = await request('_GET_FLAT_FILE_OPEN_LISTINGS_DATA_');
    const xml = xmlOf(await call('Reports.CancelReportRequests', { 'ReportRequestIdList.Id.1': started, 'ReportRequestIdList.Id.2': waiting }));
    expect([value(xml, 'Count'), values(xml, 'ReportRequestId')]).toEqual(['1', [waiting]]);
    clock.advance(REPORT_DONE_MS);
    expect(value(await requestInfo(waiting), 'ReportProcessingStatus')).toBe('_CANCELLED_');
    expect(value(await requestInfo(started), 'ReportProcessingStatus')).toBe('_DONE_');
    await expectSandboxError(call('Reports.CancelReportRequests', { 'ReportRequestIdList.Id.1': '42' }), 'InvalidReportRequestId');
    const cancelledCount = xmlOf(await call('Reports.GetReportRequestCount', { 'ReportProcessingStatusList.Status.1': '_CANCELLED_' }));
    expect(value(cancelledCount, 'Count')).toBe('1');
  });

  it('acknowledges reports and filters lists and counts by Acknowledged', async () => {
    const { call } = world();
    const all = values(xmlOf(await call('Reports.GetReportList')), 'ReportId');
    const xml = xmlOf(await call('Reports.UpdateReportAcknowledgements', { 'ReportIdList.Id.1': all[0], Acknowledged: 'true' }));
    expect([value(xml, 'Count'), value(xml, 'Acknowledged')]).toEqual(['1', 'true']);
    expect(value(xml, 'AcknowledgedDate')).toBe('2026-01-15T12:00:00+00:00');
    expect(value(xmlOf(await call('Reports.GetReportCount', { Acknowledged: 'false' })), 'Count')).toBe(String(all.length - 1));
    expect(values(xmlOf(await call('Reports.GetReportList', { Acknowledged: 'true' })), 'ReportId')).toEqual([all[0]]);
    await expectSandboxError(call('Reports.UpdateReportAcknowledgements', { 'ReportIdList.Id.1': '999' }), 'InvalidReportId');
  });

  it('pages report requests with HasNext and NextToken', async () => {
    const { call, request } = world();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await request('_GET_FLAT_FILE_OPEN_LISTINGS_DATA_'));
    const first = xmlOf(await call('Reports.GetReportRequestList', { MaxCount: '3' }));
    expect(value(first, 'HasNext')).toBe('true');
    const second = xmlOf(await call('Reports.GetReportRequestListByNextToken', { NextToken: value(first, 'NextToken') as string }));
    expect([...values(first, 'ReportRequestId'), ...values(second, 'ReportRequestId')]).toEqual([...ids].reverse());
    expect([value(second, 'HasNext'), value(second, 'NextToken')]).toEqual(['false', undefined]);
    await expectSandboxError(call('Reports.GetReportListByNextToken', { NextToken: value(first, 'NextToken') as string }), 'NextTokenCorrupted');
  });
});

describe('report schedules', () => {
  it('creates a scheduled report request every period and deletes the schedule with _NEVER_', async () => {
    const { clock, call } = world();
    const created = xmlOf(await call('Reports.ManageReportSchedule', { ReportType: '_GET_FLAT_FILE_ORDERS_DATA_', Schedule: '_1_HOUR_', ScheduleDate: new Date(clock.now() + HOUR_MS).toISOString() }));
    expect([value(created, 'Count'), value(created, 'Schedule'), value(created, 'ScheduledDate')]).toEqual(['1', '_1_HOUR_', '2026-01-15T13:00:00+00:00']);
    clock.advance(3 * HOUR_MS + REPORT_DONE_MS);
    const requests = xmlOf(await call('Reports.GetReportRequestList', { 'ReportTypeList.Type.1': '_GET_FLAT_FILE_ORDERS_DATA_' }));
    expect(values(requests, 'Scheduled')).toEqual(['true', 'true', 'true']);
    expect(values(requests, 'SubmittedDate')).toEqual(['2026-01-15T15:00:00+00:00', '2026-01-15T14:00:00+00:00', '2026-01-15T13:00:00+00:00']);
    const list = xmlOf(await call('Reports.GetReportScheduleList'));
    expect([value(list, 'HasNext'), value(list, 'ScheduledDate')]).toEqual(['false', '2026-01-15T16:00:00+00:00']);
    expect(value(xmlOf(await call('Reports.GetReportScheduleCount')), 'Count')).toBe('1');
    await call('Reports.ManageReportSchedule', { ReportType: '_GET_FLAT_FILE_ORDERS_DATA_', Schedule: '_NEVER_' });
    expect(value(xmlOf(await call('Reports.GetReportScheduleCount')), 'Count')).toBe('0');
    await expectSandboxError(call('Reports.ManageReportSchedule', { ReportType: '_GET_FLAT_FILE_ORDERS_DATA_', Schedule: '_3_HOURS_' }), 'InvalidScheduleFrequency');
    await expectSandboxError(call('Reports.ManageReportSchedule', { ReportType: '_GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_', Schedule: '_1_DAY_' }), 'InvalidReportType');
  });
});

describe('report size (reportBytes)', () => {
  it('pads a flat report with distinct synthetic rows to at least reportBytes, identically on every open', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const { clock, call, request, requestInfo, download } = world(size);
    const id = await request('_GET_MERCHANT_LISTINGS_DATA_');
    clock.advance(REPORT_DONE_MS);
    const reportId = value(await requestInfo(id), 'GeneratedReportId') as string;
    const first = await download(reportId);
    expect(first.body.length).toBeGreaterThanOrEqual(size);
    expect(first.body.length).toBeLessThan(size + 1024);
    const again = await call('Reports.GetReport', { ReportId: reportId });
    if (again.kind !== 'raw') throw new Error('expected raw');
    expect(again.contentMd5).toBe(first.contentMd5);
    const chunks: Buffer[] = [];
    for await (const chunk of again.open()) chunks.push(chunk as Buffer);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.concat(chunks).equals(first.body)).toBe(true);
    const rows = iconv.decode(first.body, 'windows-1252').trimEnd().split('\n').slice(1);
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.slice(3, 5).map((r) => r.split('\t')[0])).toEqual(['Water bottle-P1', `${GERMAN_TITLE}-P2`]);
  });
});

describe('report snapshots', () => {
  it('restores requests, reports and schedules into a fresh world', async () => {
    const a = world();
    const id = await a.request('_GET_FLAT_FILE_OPEN_LISTINGS_DATA_');
    await a.call('Reports.ManageReportSchedule', { ReportType: '_GET_FLAT_FILE_ORDERS_DATA_', Schedule: '_1_DAY_' });
    const saved = JSON.parse(JSON.stringify(a.lifecycles.snapshot())) as unknown;
    const b = world();
    b.lifecycles.restore(saved);
    expect(b.lifecycles.counts()).toEqual(a.lifecycles.counts());
    b.clock.advance(REPORT_DONE_MS);
    const reportId = value(await b.requestInfo(id), 'GeneratedReportId') as string;
    expect((await b.download(reportId)).body.toString('latin1')).toContain('MUG-001');
    expect(() => b.lifecycles.restore({ version: 2 })).toThrow(SandboxError);
  });
});
