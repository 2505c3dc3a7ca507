/**
 * The decisions the catalog adds to the reference: sections and namespaces, retry safety and recovery, throttles,
 * paging, constraints; and the lookup functions of src/mws/catalog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  actionIdOf,
  catalog,
  findOperation,
  getDatatype,
  getOperation,
  getSection,
  nextTokenOperation,
  operations,
} from '../../src/mws/catalog';
import { MwsConnectorError } from '../../src/mws/errors';
import { CONDITIONS_NOT_MODELLED } from '../../scripts/catalog-policy';

const throttling = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'mws', 'throttling.json'), 'utf8')) as Record<
  string,
  { maxQuota: number | null; restoreEverySeconds: number | null; hourlyMax: number | null; restoreUnit?: string; sharedBucket?: string }
>;

const op = (id: string) => getOperation(id);

describe('sections', () => {
  it('lists the 14 sections with their operation counts', () => {
    const counts = Object.fromEntries(catalog.sections.map((s) => [s.name, operations.filter((o) => o.section === s.name).length]));
    expect(counts).toEqual({
      Feeds: 6, Reports: 14, Orders: 6, Products: 15, Sellers: 3, FulfillmentInventory: 3, FulfillmentInboundShipment: 23,
      FulfillmentOutboundShipment: 11, Finances: 5, MerchantFulfillment: 6, Recommendations: 4, Subscriptions: 10,
      ShipmentInvoicing: 4, EasyShip: 5,
    });
  });

  it('has GetServiceStatus everywhere except Feeds and Reports', () => {
    for (const s of catalog.sections) {
      const has = !!findOperation(`${s.name}.GetServiceStatus`);
      expect([s.name, s.hasServiceStatus]).toEqual([s.name, has]);
      expect([s.name, has]).toEqual([s.name, !['Feeds', 'Reports'].includes(s.name)]);
    }
  });

  it('uses the namespaces the live service sent (REFERENCE.md §a)', () => {
    expect(getSection('Feeds').namespace).toBe('http://mws.amazonaws.com/doc/2009-01-01/');
    expect(getSection('Reports').namespace).toBe('http://mws.amazonaws.com/doc/2009-01-01/');
    expect(getSection('Orders').namespace).toBe('https://mws.amazonservices.com/Orders/2013-09-01');
    expect(getSection('Products').namespace).toBe('http://mws.amazonservices.com/schema/Products/2011-10-01');
    expect(getSection('FulfillmentInventory').namespace).toBe('http://mws.amazonaws.com/FulfillmentInventory/2010-10-01/');
    expect(getSection('subscriptions').namespace).toBe('http://mws.amazonservices.com/schema/Subscriptions/2013-07-01');
  });

  it('sends SellerId everywhere and records Merchant as the Feeds/Reports alternative', () => {
    for (const o of operations) {
      expect(o.sellerParam).toBe('SellerId');
      expect(o.sellerParamAlternatives).toEqual(['Feeds', 'Reports'].includes(o.section) ? ['Merchant'] : []);
    }
  });
});

describe('retry safety', () => {
  it('marks Get*/List*/GetServiceStatus idempotent and everything else not', () => {
    for (const o of operations) expect([o.id, o.idempotent]).toEqual([o.id, /^(Get|List)/.test(o.name)]);
  });

  it.each(['ConfirmPreorder', 'ConfirmTransportRequest', 'PutTransportContent', 'EstimateTransportRequest', 'VoidTransportRequest',
    'SendTestNotificationToDestination', 'ManageReportSchedule', 'RequestReport', 'UpdateReportAcknowledgements', 'SubmitFeed',
    'CreateFulfillmentOrder', 'CreateShipment', 'CancelShipment'])('%s is not idempotent and says how to recover', (name) => {
    const found = operations.find((o) => o.name === name);
    expect(found?.idempotent).toBe(false);
    expect(found?.recovery).toMatch(/\S{10,}/);
  });

  it('has a recovery for every non-idempotent operation and none for reads', () => {
    for (const o of operations) expect([o.id, o.recovery === null]).toEqual([o.id, o.idempotent]);
  });

  it('gives concrete recoveries', () => {
    expect(op('Reports.RequestReport').recovery).toMatch(/GetReportRequestList.*ReportType.*RequestedFromDate/);
    expect(op('Feeds.SubmitFeed').recovery).toMatch(/GetFeedSubmissionList.*FeedType.*SubmittedFromDate.*ContentMD5/);
    expect(op('FulfillmentOutboundShipment.CreateFulfillmentOrder').recovery).toMatch(/GetFulfillmentOrder.*SellerFulfillmentOrderId/);
    expect(op('MerchantFulfillment.CreateShipment').recovery).toBe('never-retry');
    expect(op('FulfillmentInboundShipment.GetPackageLabels').idempotent).toBe(true);
  });

  it('names only operations of the same section in recoveries', () => {
    // Nothing to look up: a plan commits nothing; a test notification is checked at the destination itself.
    const noLookup = ['CreateInboundShipmentPlan', 'SendTestNotificationToDestination'];
    for (const o of operations.filter((x) => x.recovery && x.recovery !== 'never-retry')) {
      const named = (o.recovery as string).match(/\b(?:Get|List)[A-Z][A-Za-z]+\b/g) ?? [];
      expect([o.name, named.length > 0]).toEqual([o.name, !noLookup.includes(o.name)]);
      for (const name of named) expect([o.id, name, !!findOperation(`${o.section}.${name}`)]).toEqual([o.id, name, true]);
    }
  });
});

describe('throttles', () => {
  it.each(operations.map((o) => [o.id, o] as const))('%s matches throttling.json or is marked assumed', (id, o) => {
    const t = throttling[id];
    if (t.maxQuota === null) {
      expect(o.throttle.assumed).toBe(true);
      expect(o.throttle.maxQuota).toBeGreaterThan(0);
      return;
    }
    expect(o.throttle.maxQuota).toBe(t.maxQuota);
    expect(o.throttle.restoreEverySeconds).toBe(t.restoreEverySeconds);
    expect(o.throttle.hourlyMax).toBe(t.hourlyMax);
    expect(o.throttle.restoreUnit).toBe(t.restoreUnit ?? 'request');
    expect(o.throttle.sharedBucket).toBe(t.sharedBucket);
  });

  it('costs item-restored operations by their id list', () => {
    expect(op('Products.GetMatchingProductForId').throttle).toMatchObject({ restoreUnit: 'item', itemParam: 'IdList', maxQuota: 20 });
    expect(op('Products.GetMyFeesEstimate').throttle.itemParam).toBe('FeesEstimateRequestList');
    for (const o of operations.filter((x) => x.throttle.itemParam)) {
      expect(o.params.find((p) => p.name === o.throttle.itemParam)?.list).toBe(true);
    }
  });

  it('marks ShipmentInvoicing and GetReportScheduleListByNextToken as assumed, and only those with no figure', () => {
    const assumed = operations.filter((o) => o.throttle.assumed).map((o) => o.id);
    expect(assumed).toEqual(expect.arrayContaining(['ShipmentInvoicing.SubmitFBAOutboundShipmentInvoice', 'Reports.GetReportScheduleListByNextToken']));
    expect(assumed).not.toContain('Orders.ListOrders');
  });
});

describe('paging', () => {
  it('uses HasNext for Feeds/Reports lists and NextToken elsewhere', () => {
    expect(op('Reports.GetReportList').pagingStyle).toBe('HasNext');
    expect(op('Feeds.GetFeedSubmissionListByNextToken').pagingStyle).toBe('HasNext');
    expect(op('Orders.ListOrders').pagingStyle).toBe('NextToken');
    expect(op('Orders.GetOrder').pagingStyle).toBeNull();
  });

  it('links starters and partners both ways', () => {
    for (const o of operations.filter((x) => x.nextToken)) {
      const partner = nextTokenOperation(o);
      expect(partner?.name).toBe(o.nextToken);
      expect(partner?.nextToken).toBe(partner?.name);
      expect(partner?.pagingStyle).toBe(o.pagingStyle);
      if (partner !== o) expect(partner?.nextTokenOf).toBe(o.name);
    }
    expect(nextTokenOperation(op('Orders.GetOrder'))).toBeUndefined();
  });

  it('marks only GetReportScheduleListByNextToken deprecated', () => {
    expect(operations.filter((o) => o.deprecated).map((o) => o.id)).toEqual(['Reports.GetReportScheduleListByNextToken']);
  });

  it('posts SubmitFeed and SubmitFBAOutboundShipmentInvoice as query+body, everything else as a form', () => {
    expect(operations.filter((o) => o.transport === 'query+body').map((o) => o.name)).toEqual(['SubmitFeed', 'SubmitFBAOutboundShipmentInvoice']);
  });
});

describe('constraints', () => {
  it('models the documented cross-field rules', () => {
    const kinds = (id: string) => op(id).constraints.map((c) => `${c.kind}:${c.params.join('+')}`);
    expect(kinds('Orders.ListOrders')).toEqual(expect.arrayContaining([
      'exactlyOneOf:CreatedAfter+LastUpdatedAfter', 'requiredWith:CreatedBefore+CreatedAfter',
      'requiredWith:LastUpdatedBefore+LastUpdatedAfter', 'requiredTogether:OrderStatus',
    ]));
    expect(kinds('FulfillmentInventory.ListInventorySupply')).toEqual(['exactlyOneOf:SellerSkus+QueryStartDateTime']);
    expect(kinds('Finances.ListFinancialEvents')).toContain('exactlyOneOf:AmazonOrderId+FinancialEventGroupId+PostedAfter');
    expect(op('Feeds.SubmitFeed').constraints).toContainEqual(expect.objectContaining({
      kind: 'requiredIfValue', params: ['MarketplaceIdList'], when: { param: 'FeedType', value: '_POST_PRODUCT_IMAGE_DATA_' },
    }));
  });

  it('covers every condition text of the reference or records why not', () => {
    const uncovered: string[] = [];
    for (const o of operations) {
      for (const p of o.params.filter((x) => x.condition)) {
        const covered = o.constraints.some((c) => c.params.includes(p.name));
        if (!covered && !CONDITIONS_NOT_MODELLED[`${o.name}.${p.name}`]) uncovered.push(`${o.id}.${p.name}`);
      }
    }
    expect(uncovered).toEqual([]);
  });
});

describe('lookups', () => {
  it('accepts Section.Operation and action ids', () => {
    expect(getOperation('orders.ListOrders')).toBe(getOperation('Orders.ListOrders'));
    expect(getOperation('fulfillmentInboundShipment.CreateInboundShipmentPlan').id).toBe('FulfillmentInboundShipment.CreateInboundShipmentPlan');
    expect(actionIdOf(op('FulfillmentInboundShipment.CreateInboundShipmentPlan'))).toBe('fulfillmentInboundShipment.CreateInboundShipmentPlan');
    expect(findOperation('Orders.Nope')).toBeUndefined();
  });

  it('refuses an unknown id with UNKNOWN_ACTION naming close matches', () => {
    let error: unknown;
    try {
      getOperation('orders.ListOrder');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect((error as MwsConnectorError).code).toBe('UNKNOWN_ACTION');
    expect((error as Error).message).toContain('Orders.ListOrders');
    expect(() => getSection('Carts')).toThrow(/Unknown MWS section/);
  });

  it('finds datatypes by Section.Name key', () => {
    expect(getDatatype('Orders.Order')?.elements.some((e) => e.name === 'AmazonOrderId')).toBe(true);
    expect(getDatatype('Orders.Nope')).toBeUndefined();
  });

  it('carries the Feeds/Reports enumerations', () => {
    expect(catalog.enumerations.FeedType).toHaveLength(32);
    expect(catalog.enumerations.ReportType).toHaveLength(85);
    expect(catalog.enumerations.Schedule).toContain('_NEVER_');
    expect(catalog.enumerations.FeedProcessingStatus).toHaveLength(7);
    expect(catalog.enumerations.ReportProcessingStatus).toEqual(expect.arrayContaining(['_DONE_', '_DONE_NO_DATA_', '_CANCELLED_']));
  });
});
