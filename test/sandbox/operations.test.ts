/**
 * Ordinary operation handlers, called directly and read back through the connector's own parser:
 * coverage of the catalog, ListOrders filters and paging, tokens, and the operations that change state.
 */
import { createHash } from 'node:crypto';
import { operations } from '../../src/mws/catalog';
import { shipmentIdOfOrder } from '../../src/sandbox/operations/shipmentInvoicing';
import type { OrderRecord } from '../../src/sandbox/state';
import { SandboxError } from '../../src/sandbox/types';
import { createHarness, EPOCH, type Harness } from './support/handlerHarness';
import { expectSandboxError } from './support/stores';

const SELLER = 'A2SANDBOXSELLER1';
const US = 'ATVPDKIKX0DER';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let h: Harness;
beforeEach(() => {
  h = createHarness({ seed: 21, orders: 1200 });
});

async function pages(first: string, next: string, params: Record<string, string>, listKey: string, seller = SELLER): Promise<Json[]> {
  const out: Json[] = [];
  let page: Json = await h.call(first, params, seller);
  for (;;) {
    out.push(...((page[listKey] as Json[] | undefined) ?? []));
    if (!page.NextToken) return out;
    page = await h.call(next, { NextToken: page.NextToken as string }, seller);
  }
}

test('every catalog operation except Feeds and Reports has a handler, and nothing else does', () => {
  const expected = operations.filter((op) => op.section !== 'Feeds' && op.section !== 'Reports').map((op) => op.id).sort();
  expect(Object.keys(h.handlers).sort()).toEqual(expected);
  expect(expected).toHaveLength(95);
});

describe('Orders', () => {
  test('ListOrders pages over exactly the matching orders and echoes the bound it used', async () => {
    const createdAfter = new Date(EPOCH - 20 * 86_400_000).toISOString();
    const params = { 'MarketplaceId.Id.1': US, 'MarketplaceId.Id.2': 'A2EUQ1WTGCTBG2', CreatedAfter: createdAfter, 'OrderStatus.Status.1': 'Unshipped', 'OrderStatus.Status.2': 'PartiallyShipped', 'OrderStatus.Status.3': 'Shipped', 'FulfillmentChannel.Channel.1': 'MFN', MaxResultsPerPage: '7' };
    const first = await h.call('Orders.ListOrders', params);
    expect(first.CreatedBefore).toBe(new Date(EPOCH - 120_000).toISOString());
    expect(first.Orders).toHaveLength(7);
    const got = await pages('Orders.ListOrders', 'Orders.ListOrdersByNextToken', params, 'Orders');
    const expected = [...h.state.orders.list(SELLER)].filter((o) =>
      Date.parse(o.purchaseDate) >= Date.parse(createdAfter) && Date.parse(o.purchaseDate) < EPOCH - 120_000 && o.fulfillmentChannel === 'MFN'
      && ['Unshipped', 'PartiallyShipped', 'Shipped'].includes(o.orderStatus) && [US, 'A2EUQ1WTGCTBG2'].includes(o.marketplaceId));
    expect(expected.length).toBeGreaterThan(20);
    expect(got.map((o) => o.AmazonOrderId)).toEqual(expected.map((o) => o.amazonOrderId));
    expect(new Set(got.map((o) => o.AmazonOrderId)).size).toBe(got.length);
  });

  test('LastUpdatedAfter filters on the moving LastUpdateDate and echoes LastUpdatedBefore', async () => {
    const after = EPOCH - 2 * 86_400_000;
    const result = await h.call('Orders.ListOrders', { 'MarketplaceId.Id.1': US, LastUpdatedAfter: new Date(after).toISOString() });
    expect(result.LastUpdatedBefore).toBe(new Date(EPOCH - 120_000).toISOString());
    expect(result.CreatedBefore).toBeUndefined();
    const orders = result.Orders as Json[];
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) expect(Date.parse(o.LastUpdateDate)).toBeGreaterThanOrEqual(after);
  });

  test('BuyerEmail and SellerOrderId find exactly their order', async () => {
    const target = h.state.orders.byIndex(SELLER, 700) as OrderRecord;
    const base = { 'MarketplaceId.Id.1': target.marketplaceId, CreatedAfter: '2026-01-01T00:00:00Z' };
    const byEmail = await h.call('Orders.ListOrders', { ...base, BuyerEmail: target.buyerEmail });
    expect((byEmail.Orders as Json[]).map((o) => o.AmazonOrderId)).toEqual([target.amazonOrderId]);
    const bySellerId = await h.call('Orders.ListOrders', { ...base, SellerOrderId: target.sellerOrderId });
    expect((bySellerId.Orders as Json[]).map((o) => o.AmazonOrderId)).toEqual([target.amazonOrderId]);
    expect((await h.call('Orders.ListOrders', { ...base, BuyerEmail: 'someone@example.com' })).Orders).toEqual([]);
    // Another spelling of the same index is another SellerOrderId.
    const padded = target.sellerOrderId.replace(/-(\d+)$/, '-0$1');
    expect((await h.call('Orders.ListOrders', { ...base, SellerOrderId: padded })).Orders).toEqual([]);
  });

  test('MWS filter rules are enforced with InvalidParameterValue naming the parameters', async () => {
    const mp = { 'MarketplaceId.Id.1': US };
    await expectSandboxError(h.raw('Orders.ListOrders', mp), 'InvalidParameterValue');
    await expectSandboxError(h.raw('Orders.ListOrders', { ...mp, CreatedAfter: '2026-04-01T00:00:00Z', LastUpdatedAfter: '2026-04-01T00:00:00Z' }), 'InvalidParameterValue');
    await expect(h.raw('Orders.ListOrders', { ...mp, CreatedAfter: '2026-04-01T00:00:00Z', 'OrderStatus.Status.1': 'Unshipped' })).rejects.toThrow(/Unshipped and PartiallyShipped/);
    await expect(h.raw('Orders.ListOrders', { ...mp, CreatedAfter: new Date(EPOCH).toISOString() })).rejects.toThrow(/two minutes/);
    await expect(h.raw('Orders.ListOrders', { 'MarketplaceId.Id.1': 'A1PA6795UKMFR9', CreatedAfter: '2026-04-01T00:00:00Z' })).rejects.toThrow(/A1PA6795UKMFR9/);
  });

  test('GetOrder returns the requested orders; ListOrderItems pages a big order 30 items at a time', async () => {
    const a = h.state.orders.byIndex(SELLER, 10) as OrderRecord;
    const b = h.state.orders.byIndex(SELLER, 11) as OrderRecord;
    const got = await h.call('Orders.GetOrder', { 'AmazonOrderId.Id.1': a.amazonOrderId, 'AmazonOrderId.Id.2': b.amazonOrderId, 'AmazonOrderId.Id.3': '999-9999999-9999999' });
    expect((got.Orders as Json[]).map((o) => o.AmazonOrderId)).toEqual([a.amazonOrderId, b.amazonOrderId]);
    const big = [...h.state.orders.list(SELLER)].find((o) => o.items.length > 30) as OrderRecord;
    const first = await h.call('Orders.ListOrderItems', { AmazonOrderId: big.amazonOrderId });
    expect(first.OrderItems).toHaveLength(30);
    expect(first.AmazonOrderId).toBe(big.amazonOrderId);
    const items = await pages('Orders.ListOrderItems', 'Orders.ListOrderItemsByNextToken', { AmazonOrderId: big.amazonOrderId }, 'OrderItems');
    expect(items.map((i) => i.OrderItemId)).toEqual(big.items.map((i) => i.orderItemId));
    expect(items[0].ItemPrice).toEqual({ CurrencyCode: big.orderTotal.currency, Amount: big.items[0].itemPrice });
  });

  test('NextTokens are bound to their operation and seller and expire after 15 sandbox-minutes', async () => {
    const first = await h.call('Orders.ListOrders', { 'MarketplaceId.Id.1': US, CreatedAfter: '2026-03-01T00:00:00Z', MaxResultsPerPage: '5' });
    const token = first.NextToken as string;
    await expectSandboxError(h.raw('Orders.ListOrdersByNextToken', { NextToken: token }, 'A2SANDBOXSELLEREU'), 'NextTokenCorrupted');
    await expectSandboxError(h.raw('Orders.ListOrderItemsByNextToken', { NextToken: token }), 'NextTokenCorrupted');
    await expectSandboxError(h.raw('Orders.ListOrdersByNextToken', { NextToken: `${token.slice(0, -2)}AA` }), 'NextTokenCorrupted');
    h.clock.advance(14 * 60_000);
    expect((await h.call('Orders.ListOrdersByNextToken', { NextToken: token })).Orders).toHaveLength(5);
    h.clock.advance(2 * 60_000);
    await expectSandboxError(h.raw('Orders.ListOrdersByNextToken', { NextToken: token }), 'NextTokenCorrupted');
  });
});

describe('state-changing operations', () => {
  test('CreateFulfillmentOrder → GetFulfillmentOrder → ListAllFulfillmentOrders → CancelFulfillmentOrder', async () => {
    const sku = h.state.listings.list(SELLER, US).find((l) => l.fulfillmentChannel === 'AFN')?.sku as string;
    const create = {
      SellerFulfillmentOrderId: 'MY-ORDER-1', DisplayableOrderId: 'D1', DisplayableOrderDateTime: '2026-05-01T10:00:00Z', DisplayableOrderComment: 'Danke schön',
      ShippingSpeedCategory: 'Standard', 'DestinationAddress.Name': 'Jürgen Müller', 'DestinationAddress.Line1': 'Marienplatz 1', 'DestinationAddress.City': 'Seattle',
      'DestinationAddress.StateOrProvinceCode': 'WA', 'DestinationAddress.CountryCode': 'US', 'DestinationAddress.PostalCode': '98101',
      'Items.member.1.SellerSKU': sku, 'Items.member.1.SellerFulfillmentOrderItemId': 'line-1', 'Items.member.1.Quantity': '2',
    };
    expect(await h.xml('FulfillmentOutboundShipment.CreateFulfillmentOrder', create)).toContain('<CreateFulfillmentOrderResponse');
    await expectSandboxError(h.raw('FulfillmentOutboundShipment.CreateFulfillmentOrder', create), 'InvalidParameterValue');
    const got = await h.call('FulfillmentOutboundShipment.GetFulfillmentOrder', { SellerFulfillmentOrderId: 'MY-ORDER-1' });
    expect(got.FulfillmentOrder).toMatchObject({ SellerFulfillmentOrderId: 'MY-ORDER-1', FulfillmentOrderStatus: 'RECEIVED', DisplayableOrderComment: 'Danke schön', DestinationAddress: { Name: 'Jürgen Müller' } });
    expect(got.FulfillmentOrderItem).toEqual([expect.objectContaining({ SellerSKU: sku, Quantity: 2 })]);
    const listed = await pages('FulfillmentOutboundShipment.ListAllFulfillmentOrders', 'FulfillmentOutboundShipment.ListAllFulfillmentOrdersByNextToken', { QueryStartDateTime: '2026-01-01T00:00:00Z' }, 'FulfillmentOrders');
    expect(listed.map((o) => o.SellerFulfillmentOrderId)).toContain('MY-ORDER-1');
    expect(listed.length).toBe(13);
    h.clock.advance(15 * 60_000);
    await h.raw('FulfillmentOutboundShipment.CancelFulfillmentOrder', { SellerFulfillmentOrderId: 'MY-ORDER-1' });
    expect(((await h.call('FulfillmentOutboundShipment.GetFulfillmentOrder', { SellerFulfillmentOrderId: 'MY-ORDER-1' })).FulfillmentOrder as Json).FulfillmentOrderStatus).toBe('CANCELLED');
    await expectSandboxError(h.raw('FulfillmentOutboundShipment.CancelFulfillmentOrder', { SellerFulfillmentOrderId: 'SBX-FO-0001' }), 'InvalidRequestException');
  });

  test('a return authorization names the same fulfillment center when created and when read back', async () => {
    const seeded = Object.values(h.state.records.fulfillmentOrders).filter((o) => o.sellerId === SELLER);
    let returned = 0;
    for (const o of seeded) {
      const id = { SellerFulfillmentOrderId: o.sellerFulfillmentOrderId };
      const before = await h.call('FulfillmentOutboundShipment.GetFulfillmentOrder', id);
      if ((before.FulfillmentOrder as Json).FulfillmentOrderStatus !== 'COMPLETE') continue;
      const shipmentId = (before.FulfillmentShipment as Json[])[0].AmazonShipmentId as string;
      const created = await h.call('FulfillmentOutboundShipment.CreateFulfillmentReturn', {
        ...id, 'Items.member.1.SellerReturnItemId': 'r1', 'Items.member.1.SellerFulfillmentOrderItemId': o.items[0].sellerFulfillmentOrderItemId,
        'Items.member.1.AmazonShipmentId': shipmentId, 'Items.member.1.ReturnReasonCode': 'DAMAGED',
      });
      const after = await h.call('FulfillmentOutboundShipment.GetFulfillmentOrder', id);
      const center = (answer: Json) => (answer.ReturnAuthorizationList as Json[])[0].FulfillmentCenterId;
      expect(center(created)).toBe(center(after));
      returned++;
    }
    expect(returned).toBeGreaterThanOrEqual(3);
  });

  test('CreateInboundShipmentPlan → CreateInboundShipment → ListInboundShipments/Items → transport lifecycle', async () => {
    const plan = await h.call('FulfillmentInboundShipment.CreateInboundShipmentPlan', {
      'ShipFromAddress.Name': 'Lager Köln', 'ShipFromAddress.AddressLine1': 'Domstraße 3', 'ShipFromAddress.City': 'Seattle', 'ShipFromAddress.CountryCode': 'US',
      'InboundShipmentPlanRequestItems.member.1.SellerSKU': 'SBX-0001', 'InboundShipmentPlanRequestItems.member.1.Quantity': '12',
    });
    const shipmentId = ((plan.InboundShipmentPlans as Json[])[0]).ShipmentId as string;
    await expectSandboxError(h.raw('FulfillmentInboundShipment.CreateInboundShipment', { ShipmentId: 'FBANOTPLANNED', 'InboundShipmentHeader.ShipmentName': 'x' }), 'InvalidParameterValue');
    const created = await h.call('FulfillmentInboundShipment.CreateInboundShipment', {
      ShipmentId: shipmentId, 'InboundShipmentHeader.ShipmentName': 'Erste Sendung', 'InboundShipmentHeader.ShipmentStatus': 'WORKING',
      'InboundShipmentItems.member.1.SellerSKU': 'SBX-0001', 'InboundShipmentItems.member.1.QuantityShipped': '12',
    });
    expect(created.ShipmentId).toBe(shipmentId);
    const listed = await h.call('FulfillmentInboundShipment.ListInboundShipments', { 'ShipmentIdList.member.1': shipmentId });
    expect(listed.ShipmentData).toEqual([expect.objectContaining({ ShipmentId: shipmentId, ShipmentName: 'Erste Sendung', ShipmentStatus: 'WORKING' })]);
    const items = await h.call('FulfillmentInboundShipment.ListInboundShipmentItems', { ShipmentId: shipmentId });
    expect(items.ItemData).toEqual([expect.objectContaining({ SellerSKU: 'SBX-0001', QuantityShipped: 12 })]);
    const status = async (op: string) => ((await h.call(`FulfillmentInboundShipment.${op}`, { ShipmentId: shipmentId })).TransportResult as Json).TransportStatus;
    await expectSandboxError(h.raw('FulfillmentInboundShipment.EstimateTransportRequest', { ShipmentId: shipmentId }), 'InvalidRequestException');
    expect((await h.call('FulfillmentInboundShipment.PutTransportContent', { ShipmentId: shipmentId, IsPartnered: 'true', ShipmentType: 'SP', 'TransportDetails.PartneredSmallParcelData.PackageList.member.1.Weight.Value': '5' })).TransportResult).toEqual({ TransportStatus: 'WORKING' });
    expect(await status('EstimateTransportRequest')).toBe('ESTIMATING');
    await expectSandboxError(h.raw('FulfillmentInboundShipment.ConfirmTransportRequest', { ShipmentId: shipmentId }), 'InvalidRequestException');
    h.clock.advance(60_000);
    expect(await status('ConfirmTransportRequest')).toBe('CONFIRMING');
    h.clock.advance(60_000);
    expect(await status('VoidTransportRequest')).toBe('VOIDING');
  });

  test('Subscriptions: register, subscribe, read, update, delete, deregister', async () => {
    const mp = { MarketplaceId: US };
    const dest = { 'Destination.DeliveryChannel': 'SQS', 'Destination.AttributeList.member.1.Key': 'sqsQueueUrl', 'Destination.AttributeList.member.1.Value': 'https://sqs.us-east-1.amazonaws.com/123456789012/mws' };
    const sub = { 'Subscription.NotificationType': 'AnyOfferChanged', 'Subscription.IsEnabled': 'true', ...Object.fromEntries(Object.entries(dest).map(([k, v]) => [`Subscription.${k}`, v])) };
    await expectSandboxError(h.raw('Subscriptions.CreateSubscription', { ...mp, ...sub }), 'InvalidParameterValue');
    await h.raw('Subscriptions.RegisterDestination', { ...mp, ...dest });
    expect((await h.call('Subscriptions.ListRegisteredDestinations', mp)).DestinationList).toHaveLength(1);
    await h.raw('Subscriptions.CreateSubscription', { ...mp, ...sub });
    await h.raw('Subscriptions.UpdateSubscription', { ...mp, ...sub, 'Subscription.IsEnabled': 'false' });
    const got = await h.call('Subscriptions.GetSubscription', { ...mp, NotificationType: 'AnyOfferChanged', ...dest });
    expect(got.Subscription).toMatchObject({ NotificationType: 'AnyOfferChanged', IsEnabled: false });
    expect((await h.call('Subscriptions.ListSubscriptions', mp)).SubscriptionList).toHaveLength(1);
    await h.raw('Subscriptions.DeleteSubscription', { ...mp, NotificationType: 'AnyOfferChanged', ...dest });
    expect((await h.call('Subscriptions.ListSubscriptions', mp)).SubscriptionList ?? []).toHaveLength(0);
    await h.raw('Subscriptions.DeregisterDestination', { ...mp, ...dest });
    await expectSandboxError(h.raw('Subscriptions.SendTestNotificationToDestination', { ...mp, ...dest }), 'InvalidParameterValue');
  });

  test('MerchantFulfillment: eligible services, CreateShipment once per order, CancelShipment refunds', async () => {
    const order = [...h.state.orders.list(SELLER)].find((o) => o.fulfillmentChannel === 'MFN' && o.orderStatus === 'Unshipped') as OrderRecord;
    const details = {
      'ShipmentRequestDetails.AmazonOrderId': order.amazonOrderId, 'ShipmentRequestDetails.ItemList.Item.1.OrderItemId': order.items[0].orderItemId,
      'ShipmentRequestDetails.ItemList.Item.1.Quantity': String(order.items[0].quantityOrdered), 'ShipmentRequestDetails.Weight.Value': '32', 'ShipmentRequestDetails.Weight.Unit': 'ounces',
      'ShipmentRequestDetails.PackageDimensions.Length': '10', 'ShipmentRequestDetails.PackageDimensions.Width': '8', 'ShipmentRequestDetails.PackageDimensions.Height': '4', 'ShipmentRequestDetails.PackageDimensions.Unit': 'inches',
      'ShipmentRequestDetails.ShippingServiceOptions.DeliveryExperience': 'NoTracking', 'ShipmentRequestDetails.ShippingServiceOptions.CarrierWillPickUp': 'false',
      ...Object.fromEntries(Object.entries({ Name: 'Lager', AddressLine1: '1 Main', City: 'Seattle', PostalCode: '98101', CountryCode: 'US', Email: 'a@example.invalid', Phone: '555' }).map(([k, v]) => [`ShipmentRequestDetails.ShipFromAddress.${k}`, v])),
    };
    const eligible = await h.call('MerchantFulfillment.GetEligibleShippingServices', details);
    const service = (eligible.ShippingServiceList as Json[])[0];
    const created = await h.call('MerchantFulfillment.CreateShipment', { ...details, ShippingServiceId: service.ShippingServiceId, ShippingServiceOfferId: service.ShippingServiceOfferId });
    const shipment = created.Shipment as Json;
    expect(shipment).toMatchObject({ AmazonOrderId: order.amazonOrderId, Status: 'Purchased' });
    const label = (shipment.Label as Json).FileContents as Json;
    expect(createHash('md5').update(Buffer.from(label.Contents, 'base64')).digest('base64')).toBe(label.Checksum);
    await expectSandboxError(h.raw('MerchantFulfillment.CreateShipment', { ...details, ShippingServiceId: service.ShippingServiceId }), 'ShipmentAlreadyExists');
    expect(((await h.call('MerchantFulfillment.CancelShipment', { ShipmentId: shipment.ShipmentId })).Shipment as Json).Status).toBe('RefundPending');
    h.clock.advance(3_600_000);
    expect(((await h.call('MerchantFulfillment.GetShipment', { ShipmentId: shipment.ShipmentId })).Shipment as Json).Status).toBe('RefundApplied');
  });

  test('EasyShip schedules a package in an offered slot; ShipmentInvoicing accepts an invoice with the right MD5', async () => {
    const india = 'A2SANDBOXSELLERIN';
    const order = [...h.state.orders.list(india)].find((o) => o.fulfillmentChannel === 'MFN' && o.orderStatus === 'Unshipped') as OrderRecord;
    const base = { MarketplaceId: 'A21TJRUUN4KGV', AmazonOrderId: order.amazonOrderId, 'PackageDimensions.Length': '10', 'PackageDimensions.Width': '10', 'PackageDimensions.Height': '10', 'PackageDimensions.Unit': 'cm', 'PackageWeight.Value': '500', 'PackageWeight.Unit': 'g' };
    const slots = (await h.call('EasyShip.ListPickupSlots', base, india)).PickupSlotList as Json[];
    expect(slots).toHaveLength(6);
    await expectSandboxError(h.raw('EasyShip.CreateScheduledPackage', { MarketplaceId: 'A21TJRUUN4KGV', AmazonOrderId: order.amazonOrderId, 'PackageRequestDetails.PackagePickupSlot.SlotId': 'forged.slot' }, india), 'PickupSlotNotAvailable');
    const created = await h.call('EasyShip.CreateScheduledPackage', { MarketplaceId: 'A21TJRUUN4KGV', AmazonOrderId: order.amazonOrderId, 'PackageRequestDetails.PackagePickupSlot.SlotId': slots[0].SlotId }, india);
    const pkg = created.ScheduledPackage as Json;
    expect(pkg.PackageStatus).toBe('ReadyForPickup');
    const got = await h.call('EasyShip.GetScheduledPackage', { MarketplaceId: 'A21TJRUUN4KGV', 'ScheduledPackageId.AmazonOrderId': order.amazonOrderId, 'ScheduledPackageId.PackageId': (pkg.ScheduledPackageId as Json).PackageId }, india);
    expect((got.ScheduledPackage as Json).PackagePickupSlot).toMatchObject({ SlotId: slots[0].SlotId });

    const shipped = [...h.state.orders.list(SELLER)].find((o) => o.fulfillmentChannel === 'AFN' && o.orderStatus === 'Shipped') as OrderRecord;
    const ids = { MarketplaceId: shipped.marketplaceId, AmazonShipmentId: shipmentIdOfOrder(shipped.amazonOrderId) };
    expect(((await h.call('ShipmentInvoicing.GetFBAOutboundShipmentDetail', ids)).ShipmentDetail as Json).AmazonOrderId).toBe(shipped.amazonOrderId);
    const invoice = Buffer.from('<invoice>nota fiscal</invoice>');
    const call = (md5: string) => h.handlers['ShipmentInvoicing.SubmitFBAOutboundShipmentInvoice']({ operationId: 'ShipmentInvoicing.SubmitFBAOutboundShipmentInvoice', section: 'ShipmentInvoicing', operation: 'SubmitFBAOutboundShipmentInvoice', params: { ...ids, ContentMD5Value: md5 }, body: invoice, headers: {}, sellerId: SELLER, awsAccessKeyId: 'k', requestId: 'r', now: h.clock.now() });
    await expect(Promise.resolve().then(() => call('AAAA'))).rejects.toEqual(expect.objectContaining({ code: 'ContentMD5DoesNotMatch' }));
    await call(createHash('md5').update(invoice).digest('base64'));
    const status = async () => ((await h.call('ShipmentInvoicing.GetFBAOutboundShipmentInvoiceStatus', ids)).Shipments as Json[])[0].InvoiceStatus;
    expect(await status()).toBe('Processing');
    h.clock.advance(60_000);
    expect(await status()).toBe('Accepted');
  });
});

describe('read-only sections', () => {
  test('Products answers one result per id, ClientError for unknown ids, and sees listing price changes', async () => {
    const listing = h.state.listings.list(SELLER, US)[1];
    const got = await h.call('Products.GetMatchingProductForId', { MarketplaceId: US, IdType: 'ASIN', 'IdList.Id.1': listing.asin, 'IdList.Id.2': 'B0UNKNOWN1' }) as unknown as Json[];
    expect(got.map((r) => [r.Id, r.status])).toEqual([[listing.asin, 'Success'], ['B0UNKNOWN1', 'ClientError']]);
    expect((got[1].Error as Json).Code).toBe('InvalidParameterValue');
    h.state.listings.update(SELLER, listing.sku, { price: '12.34' }, US);
    const price = await h.call('Products.GetMyPriceForSKU', { MarketplaceId: US, 'SellerSKUList.SellerSKU.1': listing.sku }) as unknown as Json[];
    expect(((price[0].Product as Json).Offers as Json[])[0].RegularPrice).toEqual({ CurrencyCode: 'USD', Amount: '12.34' });
  });

  test('GetServiceStatus is GREEN with the sandbox time in every section that has it', async () => {
    const sections = Object.keys(h.handlers).filter((id) => id.endsWith('.GetServiceStatus'));
    expect(sections).toHaveLength(12);
    for (const id of sections) expect(await h.call(id)).toEqual({ Status: 'GREEN', Timestamp: new Date(EPOCH).toISOString().replace('.000Z', 'Z') });
  });

  test('ListInventorySupply by SKU list and by QueryStartDateTime with paging', async () => {
    const afn = h.state.listings.list(SELLER, US).filter((l) => l.fulfillmentChannel === 'AFN');
    const bySku = await h.call('FulfillmentInventory.ListInventorySupply', { MarketplaceId: US, 'SellerSkus.member.1': afn[0].sku, ResponseGroup: 'Detailed' });
    expect((bySku.InventorySupplyList as Json[])[0]).toMatchObject({ SellerSKU: afn[0].sku, ASIN: afn[0].asin, TotalSupplyQuantity: afn[0].quantity });
    const all = await pages('FulfillmentInventory.ListInventorySupply', 'FulfillmentInventory.ListInventorySupplyByNextToken', { MarketplaceId: US, QueryStartDateTime: '2020-01-01T00:00:00Z' }, 'InventorySupplyList');
    expect(all.map((m) => m.SellerSKU).sort()).toEqual(afn.map((l) => l.sku).sort());
  });

  test('ListFinancialEvents for an order carries its items; event groups page', async () => {
    const shipped = [...h.state.orders.list(SELLER)].find((o) => o.orderStatus === 'Shipped') as OrderRecord;
    const events = (await h.call('Finances.ListFinancialEvents', { AmazonOrderId: shipped.amazonOrderId })).FinancialEvents as Json;
    const shipment = (events.ShipmentEventList as Json[])[0];
    expect(shipment.AmazonOrderId).toBe(shipped.amazonOrderId);
    expect((shipment.ShipmentItemList as Json[]).map((i) => i.SellerSKU)).toEqual(shipped.items.map((i) => i.sku));
    const groups = await pages('Finances.ListFinancialEventGroups', 'Finances.ListFinancialEventGroupsByNextToken', { FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z', MaxResultsPerPage: '2' }, 'FinancialEventGroupList');
    expect(groups.length).toBeGreaterThanOrEqual(6);
    expect(groups.filter((g) => g.ProcessingStatus === 'Open')).toHaveLength(1);
  });

  test('ListMarketplaceParticipations pages the seller marketplaces', async () => {
    const all = await pages('Sellers.ListMarketplaceParticipations', 'Sellers.ListMarketplaceParticipationsByNextToken', {}, 'ListParticipations', 'A2SANDBOXSELLEREU');
    expect(all.map((p) => p.MarketplaceId)).toEqual(h.state.sellerMarketplaces('A2SANDBOXSELLEREU'));
    const first = await h.call('Sellers.ListMarketplaceParticipations', {}, 'A2SANDBOXSELLEREU');
    await expectSandboxError(h.raw('Sellers.ListMarketplaceParticipationsByNextToken', { NextToken: first.NextToken as string }), 'NextTokenCorrupted');
  });

  test('the same seed gives the same answers', async () => {
    const other = createHarness({ seed: 21, orders: 1200 });
    const calls: Array<[string, Record<string, string>]> = [
      ['Orders.ListOrders', { 'MarketplaceId.Id.1': US, CreatedAfter: '2026-04-25T00:00:00Z' }],
      ['Products.GetLowestPricedOffersForSKU', { MarketplaceId: US, SellerSKU: 'SBX-0003', ItemCondition: 'New' }],
      ['Recommendations.ListRecommendations', { MarketplaceId: US }],
      ['Finances.ListFinancialEventGroups', { FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z' }],
    ];
    for (const [id, params] of calls) expect(await other.xml(id, params)).toBe(await h.xml(id, params));
    const different = createHarness({ seed: 22, orders: 1200 });
    expect(await different.xml(calls[0][0], calls[0][1])).not.toBe(await h.xml(calls[0][0], calls[0][1]));
  });
});

test('SandboxError is what handlers throw', async () => {
  await expect(h.raw('Orders.GetOrder', {})).rejects.toBeInstanceOf(SandboxError);
});
