/**
 * Contract of the sandbox against MWS: every ordinary catalog operation (and a few Feeds/Reports ones) is
 * driven through the connector's MwsClient over real HTTP against startSandbox, and for every operation with a
 * published sample, every key path of the normalised sample must exist in the sandbox's normalised answer
 * (the union over the calls made for that operation). Paths the sandbox cannot produce are listed with why.
 */
import { createHash } from 'node:crypto';
import { getOperation, operations } from '../../src/mws/catalog';
import { MwsClient } from '../../src/mws/client';
import { parseMwsResponse } from '../../src/mws/xml';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { shipmentIdOfOrder } from '../../src/sandbox/operations/shipmentInvoicing';
import type { OrderRecord } from '../../src/sandbox/state';
import type { Clock } from '../../src/util/clock';
import { loadSample } from '../support/samples';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const START = Date.UTC(2026, 4, 1, 12, 0, 0);
const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const IN = 'A21TJRUUN4KGV';
const SELLERS = { us: 'A2SANDBOXSELLER1', jp: 'A2SANDBOXSELLERJP', in: 'A2SANDBOXSELLERIN' } as const;

/** Sample file → the operation it answers. */
const SAMPLES: Record<string, string> = {
  'ListOrdersResponse.xml': 'Orders.ListOrders',
  'ListOrdersByNextTokenResponse.xml': 'Orders.ListOrdersByNextToken',
  'GetOrderResponse.xml': 'Orders.GetOrder',
  'ListOrderItemsResponse.xml': 'Orders.ListOrderItems',
  'ListOrderItemsByNextTokenResponse.xml': 'Orders.ListOrderItemsByNextToken',
  'live.GetServiceStatusResponse.Orders.xml': 'Orders.GetServiceStatus',
  'GetServiceStatusResponse.Products.xml': 'Products.GetServiceStatus',
  'GetMatchingProductForIdResponse.xml': 'Products.GetMatchingProductForId',
  'GetCompetitivePricingForASINResponse.xml': 'Products.GetCompetitivePricingForASIN',
  'GetLowestPricedOffersForASINResponse.xml': 'Products.GetLowestPricedOffersForASIN',
  'GetMyPriceForSKUResponse.xml': 'Products.GetMyPriceForSKU',
  'ListMarketplaceParticipationsResponse.xml': 'Sellers.ListMarketplaceParticipations',
  'ListInventorySupplyResponse.xml': 'FulfillmentInventory.ListInventorySupply',
  'ListInboundShipmentsResponse.xml': 'FulfillmentInboundShipment.ListInboundShipments',
  'ListAllFulfillmentOrdersResponse.xml': 'FulfillmentOutboundShipment.ListAllFulfillmentOrders',
  'ListFinancialEventGroupsResponse.xml': 'Finances.ListFinancialEventGroups',
  'ListFinancialEventsResponse.xml': 'Finances.ListFinancialEvents',
  'GetEligibleShippingServicesResponse.xml': 'MerchantFulfillment.GetEligibleShippingServices',
  'ListSubscriptionsResponse.xml': 'Subscriptions.ListSubscriptions',
  'ListPickupSlotsResponse.xml': 'EasyShip.ListPickupSlots',
};

/** Sample paths the sandbox does not produce, and why. */
const NOT_PRODUCED: Record<string, string> = {
  'Orders.BuyerCounty': 'Brazil only; the sandbox has no Brazilian seller',
  'FinancialEventGroupList.OriginalTotal.Amount': 'documentation drift: the Finances datatype (and the ListFinancialEvents sample) spell it CurrencyAmount, which the sandbox sends',
  'FinancialEventGroupList.ConvertedTotal.Amount': 'as OriginalTotal.Amount',
  'FinancialEventGroupList.BeginningBalance.Amount': 'as OriginalTotal.Amount',
};

let sandbox: RunningSandbox;
const clients = new Map<string, MwsClient>();
/** Normalised answers per operation id. */
const answers = new Map<string, unknown[]>();

function client(seller: keyof typeof SELLERS = 'us'): MwsClient {
  let c = clients.get(seller);
  if (!c) {
    const creds = SANDBOX_CREDENTIALS.find((x) => x.sellerId === SELLERS[seller]);
    if (!creds) throw new Error(`no sandbox credentials for ${seller}`);
    const marketplaceIds = sandbox.state.sellerMarketplaces(creds.sellerId);
    // The client lives on sandbox time; its waits for throttle tokens move the (frozen) sandbox clock instead of sleeping.
    const clock: Clock = { now: () => sandbox.control.now(), sleep: async (ms) => {
      sandbox.control.advance(ms);
    } };
    c = new MwsClient({ ...creds, marketplaceIds, endpoint: sandbox.url } as never, { clock });
    clients.set(seller, c);
  }
  return c;
}

async function call(id: string, params: Record<string, unknown> = {}, seller: keyof typeof SELLERS = 'us'): Promise<Json> {
  const res = await client(seller).call(id, params);
  answers.set(id, [...(answers.get(id) ?? []), res.result]);
  return res.result as Json;
}

/**
 * Key paths of a normalised value: objects by key, leaves included. Array levels are transparent, because
 * elements the catalog does not type (SellerDealPaymentEvent, ns2:ItemAttributes children) normalise to a value
 * or to an array depending on how many occurrences a document happens to hold.
 */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, prefix, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      keyPaths(v, path, out);
    }
  }
  return out;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, orders: 1500, timeScale: 0, now: START, throttling: false });
});
afterAll(async () => {
  for (const c of clients.values()) c.close();
  await sandbox.close();
});

test('every ordinary operation answers through MwsClient, shaped like its published sample', async () => {
  const orders = (seller: string) => [...sandbox.state.orders.list(seller)] as OrderRecord[];
  const usOrders = orders(SELLERS.us);
  const jpOrders = orders(SELLERS.jp);
  const afnListing = sandbox.state.listings.list(SELLERS.us, US).find((l) => l.fulfillmentChannel === 'AFN')!;
  const listing = sandbox.state.listings.list(SELLERS.us, US)[1];

  // ---- Orders (JP for COD, points and scheduled delivery; US for the rest) ----
  const jpList = await call('Orders.ListOrders', { MarketplaceId: [JP], CreatedAfter: new Date(START - 30 * 86_400_000).toISOString(), MaxResultsPerPage: 100 }, 'jp');
  await call('Orders.ListOrders', { MarketplaceId: [US], LastUpdatedAfter: new Date(START - 5 * 86_400_000).toISOString() });
  await call('Orders.ListOrdersByNextToken', { NextToken: jpList.NextToken }, 'jp');
  await call('Orders.GetOrder', { AmazonOrderId: usOrders.slice(-5).map((o) => o.amazonOrderId) });
  const richJp = jpOrders.filter((o) => o.items.some((i) => i.giftWrapPrice || i.scheduledDelivery || i.codFee || i.promotionIds.length > 0 || i.conditionNote)).slice(0, 40);
  for (const o of richJp) await call('Orders.ListOrderItems', { AmazonOrderId: o.amazonOrderId }, 'jp');
  for (const o of usOrders.filter((x) => x.items.some((i) => i.customizedUrl)).slice(0, 3)) await call('Orders.ListOrderItems', { AmazonOrderId: o.amazonOrderId });
  // Big orders (61–90 items) page their items; the Japanese ones are COD business orders with every item feature.
  for (const [seller, list] of [['jp', jpOrders], ['us', usOrders]] as const) {
    for (const big of list.filter((o) => o.items.length > 30)) {
      let page = await call('Orders.ListOrderItems', { AmazonOrderId: big.amazonOrderId }, seller);
      while (page.NextToken) page = await call('Orders.ListOrderItemsByNextToken', { NextToken: page.NextToken }, seller);
    }
  }
  await call('Orders.GetServiceStatus');

  // ---- Products ----
  const mp = { MarketplaceId: US };
  await call('Products.ListMatchingProducts', { ...mp, Query: 'kitchen' });
  await call('Products.GetMatchingProduct', { ...mp, ASINList: [listing.asin, 'B0UNKNOWN1'] });
  const book = sandbox.state.catalog.products.find((p) => p.book)!;
  await call('Products.GetMatchingProductForId', { ...mp, IdType: 'ASIN', IdList: [listing.asin, book.asin] });
  await call('Products.GetMatchingProductForId', { ...mp, IdType: 'EAN', IdList: [book.ean, '4000000000000'] });
  await call('Products.GetCompetitivePricingForSKU', { ...mp, SellerSKUList: [listing.sku] });
  await call('Products.GetCompetitivePricingForASIN', { ...mp, ASINList: [listing.asin] });
  await call('Products.GetLowestOfferListingsForSKU', { ...mp, SellerSKUList: [listing.sku], ItemCondition: 'New' });
  await call('Products.GetLowestOfferListingsForASIN', { ...mp, ASINList: [listing.asin] });
  await call('Products.GetLowestPricedOffersForSKU', { ...mp, SellerSKU: listing.sku, ItemCondition: 'New' });
  await call('Products.GetLowestPricedOffersForASIN', { ...mp, ASIN: listing.asin, ItemCondition: 'New' });
  await call('Products.GetMyFeesEstimate', { FeesEstimateRequestList: [{ MarketplaceId: US, IdType: 'ASIN', IdValue: listing.asin, IsAmazonFulfilled: true, Identifier: 'fee-1', PriceToEstimateFees: { ListingPrice: { CurrencyCode: 'USD', Amount: '30.00' } } }] });
  const used = sandbox.state.listings.list(SELLERS.us, US).find((l) => l.condition === 'Used')!;
  await call('Products.GetMyPriceForSKU', { ...mp, SellerSKUList: [listing.sku, used.sku] });
  await call('Products.GetMyPriceForASIN', { ...mp, ASINList: [listing.asin] });
  await call('Products.GetProductCategoriesForSKU', { ...mp, SellerSKU: listing.sku });
  await call('Products.GetProductCategoriesForASIN', { ...mp, ASIN: listing.asin });
  await call('Products.GetServiceStatus');

  // ---- Sellers, Inventory, Finances ----
  const participations = await call('Sellers.ListMarketplaceParticipations');
  await call('Sellers.ListMarketplaceParticipationsByNextToken', { NextToken: participations.NextToken });
  await call('Sellers.GetServiceStatus');
  const supply = await call('FulfillmentInventory.ListInventorySupply', { MarketplaceId: US, QueryStartDateTime: '2020-01-01T00:00:00Z', ResponseGroup: 'Detailed' });
  await call('FulfillmentInventory.ListInventorySupplyByNextToken', { NextToken: supply.NextToken });
  await call('FulfillmentInventory.GetServiceStatus');
  const groups = await call('Finances.ListFinancialEventGroups', { FinancialEventGroupStartedAfter: '2026-01-01T00:00:00Z', MaxResultsPerPage: 3 });
  await call('Finances.ListFinancialEventGroupsByNextToken', { NextToken: groups.NextToken });
  const events = await call('Finances.ListFinancialEvents', { PostedAfter: new Date(START - 80 * 86_400_000).toISOString(), MaxResultsPerPage: 5 }, 'in');
  await call('Finances.ListFinancialEventsByNextToken', { NextToken: events.NextToken }, 'in');
  await call('Finances.GetServiceStatus');

  // ---- FBA outbound ----
  const address = { Name: 'Jane Adams', Line1: '123 Oak St.', Line2: 'Apt. 321', City: 'Seattle', StateOrProvinceCode: 'WA', CountryCode: 'US', PostalCode: '98101', PhoneNumber: '321-098-7654' };
  await call('FulfillmentOutboundShipment.GetFulfillmentPreview', { MarketplaceId: US, Address: address, Items: [{ SellerSKU: afnListing.sku, SellerFulfillmentOrderItemId: 'p1', Quantity: 1 }] });
  const order = { SellerFulfillmentOrderId: 'contract-1', DisplayableOrderId: 'C1', DisplayableOrderDateTime: '2026-05-01T10:00:00Z', DisplayableOrderComment: 'Vielen Dank', ShippingSpeedCategory: 'Standard', DestinationAddress: address, NotificationEmailList: ['x@example.invalid'], Items: [{ SellerSKU: afnListing.sku, SellerFulfillmentOrderItemId: 'l1', Quantity: 1 }] };
  await call('FulfillmentOutboundShipment.CreateFulfillmentOrder', { ...order, FulfillmentAction: 'Hold' });
  await call('FulfillmentOutboundShipment.UpdateFulfillmentOrder', { SellerFulfillmentOrderId: 'contract-1', FulfillmentAction: 'Ship' });
  await call('FulfillmentOutboundShipment.GetFulfillmentOrder', { SellerFulfillmentOrderId: 'contract-1' });
  const listed = await call('FulfillmentOutboundShipment.ListAllFulfillmentOrders', { QueryStartDateTime: '2026-01-01T00:00:00Z' });
  await call('FulfillmentOutboundShipment.ListAllFulfillmentOrdersByNextToken', { NextToken: listed.NextToken });
  await call('FulfillmentOutboundShipment.CancelFulfillmentOrder', { SellerFulfillmentOrderId: 'contract-1' });
  const done = await call('FulfillmentOutboundShipment.GetFulfillmentOrder', { SellerFulfillmentOrderId: 'SBX-FO-0001' });
  const shipment = (done.FulfillmentShipment as Json[])[0];
  await call('FulfillmentOutboundShipment.GetPackageTrackingDetails', { PackageNumber: (shipment.FulfillmentShipmentPackage as Json[])[0].PackageNumber });
  await call('FulfillmentOutboundShipment.ListReturnReasonCodes', { MarketplaceId: US, SellerSKU: afnListing.sku, Language: 'ja_JP' });
  await call('FulfillmentOutboundShipment.CreateFulfillmentReturn', { SellerFulfillmentOrderId: 'SBX-FO-0001', Items: [{ SellerReturnItemId: 'r1', SellerFulfillmentOrderItemId: 'SBX-FO-0001-1', AmazonShipmentId: shipment.AmazonShipmentId, ReturnReasonCode: 'DAMAGED' }, { SellerReturnItemId: 'r2', SellerFulfillmentOrderItemId: 'nope', AmazonShipmentId: shipment.AmazonShipmentId, ReturnReasonCode: 'DAMAGED' }] });
  await call('FulfillmentOutboundShipment.GetServiceStatus');

  // ---- FBA inbound ----
  await call('FulfillmentInboundShipment.GetInboundGuidanceForSKU', { SellerSKUList: [afnListing.sku, 'NOPE'], MarketplaceId: US });
  await call('FulfillmentInboundShipment.GetInboundGuidanceForASIN', { ASINList: [afnListing.asin, 'B0UNKNOWN1'], MarketplaceId: US });
  const shipFrom = { Name: 'Lager Köln', AddressLine1: 'Domstraße 3', City: 'Seattle', StateOrProvinceCode: 'WA', CountryCode: 'US', PostalCode: '98101' };
  const plan = await call('FulfillmentInboundShipment.CreateInboundShipmentPlan', { ShipFromAddress: shipFrom, InboundShipmentPlanRequestItems: [{ SellerSKU: afnListing.sku, Quantity: 10 }] });
  const shipmentId = (plan.InboundShipmentPlans as Json[])[0].ShipmentId as string;
  const header = { ShipmentName: 'Contract', ShipFromAddress: shipFrom, DestinationFulfillmentCenterId: 'PHX6', LabelPrepPreference: 'SELLER_LABEL', ShipmentStatus: 'WORKING' };
  await call('FulfillmentInboundShipment.CreateInboundShipment', { ShipmentId: shipmentId, InboundShipmentHeader: header, InboundShipmentItems: [{ SellerSKU: afnListing.sku, QuantityShipped: 10 }] });
  await call('FulfillmentInboundShipment.UpdateInboundShipment', { ShipmentId: shipmentId, InboundShipmentHeader: { ...header, ShipmentName: 'Contract 2' }, InboundShipmentItems: [{ SellerSKU: afnListing.sku, QuantityShipped: 12 }] });
  await call('FulfillmentInboundShipment.GetPreorderInfo', { ShipmentId: shipmentId });
  await call('FulfillmentInboundShipment.ConfirmPreorder', { ShipmentId: shipmentId, NeedByDate: '2026-05-20' });
  await call('FulfillmentInboundShipment.GetPrepInstructionsForSKU', { SellerSKUList: [afnListing.sku, 'NOPE'], ShipToCountryCode: 'US' });
  await call('FulfillmentInboundShipment.GetPrepInstructionsForASIN', { AsinList: [afnListing.asin, 'B0UNKNOWN1'], ShipToCountryCode: 'US' });
  await call('FulfillmentInboundShipment.PutTransportContent', { ShipmentId: shipmentId, IsPartnered: true, ShipmentType: 'SP', TransportDetails: { PartneredSmallParcelData: { PackageList: [{ Dimensions: { Unit: 'inches', Length: 10, Width: 10, Height: 10 }, Weight: { Unit: 'pounds', Value: 5 } }] } } });
  await call('FulfillmentInboundShipment.EstimateTransportRequest', { ShipmentId: shipmentId });
  sandbox.control.advance(60_000);
  await call('FulfillmentInboundShipment.GetTransportContent', { ShipmentId: shipmentId });
  await call('FulfillmentInboundShipment.ConfirmTransportRequest', { ShipmentId: shipmentId });
  sandbox.control.advance(60_000);
  await call('FulfillmentInboundShipment.VoidTransportRequest', { ShipmentId: shipmentId });
  await call('FulfillmentInboundShipment.GetPackageLabels', { ShipmentId: shipmentId, PageType: 'PackageLabel_Letter_2', NumberOfPackages: 1 });
  await call('FulfillmentInboundShipment.GetUniquePackageLabels', { ShipmentId: shipmentId, PageType: 'PackageLabel_Letter_2', PackageLabelsToPrint: ['CARTON1'] });
  await call('FulfillmentInboundShipment.GetPalletLabels', { ShipmentId: shipmentId, PageType: 'PackageLabel_Letter_2', NumberOfPallets: 1 });
  await expect(client().call('FulfillmentInboundShipment.GetBillOfLading', { ShipmentId: shipmentId })).rejects.toThrow(/bill of lading/);
  answers.set('FulfillmentInboundShipment.GetBillOfLading', []);
  const inbound = await call('FulfillmentInboundShipment.ListInboundShipments', { ShipmentStatusList: ['WORKING', 'SHIPPED', 'IN_TRANSIT', 'RECEIVING', 'CLOSED', 'CANCELLED', 'CHECKED_IN'] });
  await call('FulfillmentInboundShipment.ListInboundShipmentsByNextToken', { NextToken: inbound.NextToken });
  await call('FulfillmentInboundShipment.ListInboundShipmentItems', { LastUpdatedAfter: '2026-01-01T00:00:00Z', LastUpdatedBefore: new Date(START).toISOString() });
  const items = await call('FulfillmentInboundShipment.ListInboundShipmentItems', { LastUpdatedAfter: '2026-01-01T00:00:00Z', LastUpdatedBefore: new Date(START + 86_400_000).toISOString() });
  if (items.NextToken) await call('FulfillmentInboundShipment.ListInboundShipmentItemsByNextToken', { NextToken: items.NextToken });
  await call('FulfillmentInboundShipment.GetServiceStatus');

  // ---- Merchant Fulfillment ----
  const mfn = usOrders.find((o) => o.fulfillmentChannel === 'MFN' && o.orderStatus === 'Unshipped')!;
  const details = {
    AmazonOrderId: mfn.amazonOrderId, ItemList: [{ OrderItemId: mfn.items[0].orderItemId, Quantity: mfn.items[0].quantityOrdered }],
    ShipFromAddress: { Name: 'Lager', AddressLine1: '1 Main', City: 'Seattle', StateOrProvinceCode: 'WA', PostalCode: '98101', CountryCode: 'US', Email: 'a@example.invalid', Phone: '5555555555' },
    PackageDimensions: { Length: 10, Width: 8, Height: 4, Unit: 'inches' }, Weight: { Value: 32, Unit: 'ounces' },
    ShippingServiceOptions: { DeliveryExperience: 'DeliveryConfirmationWithoutSignature', CarrierWillPickUp: false },
  };
  const eligible = await call('MerchantFulfillment.GetEligibleShippingServices', { ShipmentRequestDetails: details });
  const service = (eligible.ShippingServiceList as Json[])[0];
  await call('MerchantFulfillment.GetAdditionalSellerInputs', { OrderId: mfn.amazonOrderId, ShippingServiceId: service.ShippingServiceId, ShipFromAddress: details.ShipFromAddress });
  const created = await call('MerchantFulfillment.CreateShipment', { ShipmentRequestDetails: details, ShippingServiceId: service.ShippingServiceId });
  await call('MerchantFulfillment.GetShipment', { ShipmentId: (created.Shipment as Json).ShipmentId });
  await call('MerchantFulfillment.CancelShipment', { ShipmentId: (created.Shipment as Json).ShipmentId });
  await call('MerchantFulfillment.GetServiceStatus');

  // ---- Recommendations ----
  await call('Recommendations.GetLastUpdatedTimeForRecommendations', { MarketplaceId: US });
  const recs = await call('Recommendations.ListRecommendations', { MarketplaceId: US });
  await call('Recommendations.ListRecommendationsByNextToken', { NextToken: recs.NextToken });
  await call('Recommendations.GetServiceStatus');

  // ---- Subscriptions ----
  const destination = { DeliveryChannel: 'SQS', AttributeList: [{ Key: 'sqsQueueUrl', Value: 'https://sqs.us-east-1.amazonaws.com/123456789012/mws_notifications' }] };
  await call('Subscriptions.RegisterDestination', { MarketplaceId: US, Destination: destination });
  await call('Subscriptions.ListRegisteredDestinations', { MarketplaceId: US });
  await call('Subscriptions.SendTestNotificationToDestination', { MarketplaceId: US, Destination: destination });
  await call('Subscriptions.CreateSubscription', { MarketplaceId: US, Subscription: { NotificationType: 'AnyOfferChanged', Destination: destination, IsEnabled: true } });
  await call('Subscriptions.UpdateSubscription', { MarketplaceId: US, Subscription: { NotificationType: 'AnyOfferChanged', Destination: destination, IsEnabled: true } });
  await call('Subscriptions.GetSubscription', { MarketplaceId: US, NotificationType: 'AnyOfferChanged', Destination: destination });
  await call('Subscriptions.ListSubscriptions', { MarketplaceId: US });
  await call('Subscriptions.DeleteSubscription', { MarketplaceId: US, NotificationType: 'AnyOfferChanged', Destination: destination });
  await call('Subscriptions.DeregisterDestination', { MarketplaceId: US, Destination: destination });
  await call('Subscriptions.GetServiceStatus');

  // ---- EasyShip (India) ----
  const inOrder = orders(SELLERS.in).find((o) => o.fulfillmentChannel === 'MFN' && o.orderStatus === 'Unshipped')!;
  const slots = await call('EasyShip.ListPickupSlots', { MarketplaceId: IN, AmazonOrderId: inOrder.amazonOrderId, PackageDimensions: { Length: 10, Width: 10, Height: 10, Unit: 'cm' }, PackageWeight: { Value: 500, Unit: 'g' } }, 'in');
  const slotList = slots.PickupSlotList as Json[];
  const pkg = await call('EasyShip.CreateScheduledPackage', { AmazonOrderId: inOrder.amazonOrderId, MarketplaceId: IN, PackageRequestDetails: { PackagePickupSlot: { SlotId: slotList[0].SlotId } } }, 'in');
  const packageId = ((pkg.ScheduledPackage as Json).ScheduledPackageId as Json).PackageId;
  await call('EasyShip.UpdateScheduledPackages', { MarketplaceId: IN, ScheduledPackageUpdateDetailsList: [{ ScheduledPackageId: { AmazonOrderId: inOrder.amazonOrderId, PackageId: packageId }, PackagePickupSlot: { SlotId: slotList[1].SlotId } }] }, 'in');
  await call('EasyShip.GetScheduledPackage', { ScheduledPackageId: { AmazonOrderId: inOrder.amazonOrderId, PackageId: packageId }, MarketplaceId: IN }, 'in');
  await call('EasyShip.GetServiceStatus');

  // ---- ShipmentInvoicing ----
  const afnShipped = usOrders.find((o) => o.fulfillmentChannel === 'AFN' && o.orderStatus === 'Shipped' && o.marketplaceId === US)!;
  const ids = { MarketplaceId: US, AmazonShipmentId: shipmentIdOfOrder(afnShipped.amazonOrderId) };
  await call('ShipmentInvoicing.GetFBAOutboundShipmentDetail', ids);
  const invoice = Buffer.from('<Invoice>nota fiscal</Invoice>', 'utf8');
  await call('ShipmentInvoicing.SubmitFBAOutboundShipmentInvoice', { ...ids, InvoiceContent: invoice, ContentMD5Value: createHash('md5').update(invoice).digest('base64') });
  await call('ShipmentInvoicing.GetFBAOutboundShipmentInvoiceStatus', ids);
  await call('ShipmentInvoicing.GetServiceStatus');

  // Every ordinary operation was driven (GetBillOfLading through its documented refusal).
  const ordinary = operations.filter((op) => op.section !== 'Feeds' && op.section !== 'Reports').map((op) => op.id).sort();
  expect([...answers.keys()].sort()).toEqual(ordinary);

  // Every key path of each published sample is present in the sandbox's answers for that operation.
  const missing: string[] = [];
  const excused = new Set<string>();
  for (const [file, id] of Object.entries(SAMPLES)) {
    const sample = await parseMwsResponse(getOperation(id), loadSample(file));
    const produced = new Set<string>();
    for (const answer of answers.get(id) ?? []) keyPaths(answer, '', produced);
    expect(produced.size).toBeGreaterThan(0);
    for (const path of keyPaths(sample.result)) {
      if (produced.has(path)) continue;
      if (NOT_PRODUCED[path]) excused.add(path);
      else missing.push(`${id}: ${path}`);
    }
  }
  expect(missing).toEqual([]);
  // The list of exceptions stays honest: each one is really missing.
  expect([...excused].sort()).toEqual(Object.keys(NOT_PRODUCED).sort());
});

/** Feeds and Reports samples (their handlers are the lifecycles' own), checked the same way. */
const LIFECYCLE_SAMPLES: Record<string, string> = {
  'SubmitFeedResponse.xml': 'Feeds.SubmitFeed',
  'live.SubmitFeedResponse.xml': 'Feeds.SubmitFeed',
  'GetFeedSubmissionListResponse.xml': 'Feeds.GetFeedSubmissionList',
  'GetFeedSubmissionCountResponse.xml': 'Feeds.GetFeedSubmissionCount',
  'CancelFeedSubmissionsResponse.xml': 'Feeds.CancelFeedSubmissions',
  'RequestReportResponse.xml': 'Reports.RequestReport',
  'GetReportRequestListResponse.xml': 'Reports.GetReportRequestList',
  'GetReportListResponse.xml': 'Reports.GetReportList',
  'CancelReportRequestsResponse.xml': 'Reports.CancelReportRequests',
};

test('Feeds and Reports answers through MwsClient carry every key path of their published samples', async () => {
  const listing = sandbox.state.listings.list(SELLERS.us, US)[0];
  const feed = Buffer.from(`sku\tprice\tquantity\n${listing.sku}\t\t7\n`, 'utf8');
  const tsv = { contentType: 'text/tab-separated-values; charset=UTF-8' };
  const submit = async () => (await client().call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', FeedContent: feed }, tsv)).result as Json;
  const record = (id: string, result: unknown) => answers.set(id, [...(answers.get(id) ?? []), result]);
  record('Feeds.SubmitFeed', await submit());
  record('Feeds.SubmitFeed', await submit());
  await call('Feeds.GetFeedSubmissionList', { MaxCount: 1 });
  sandbox.control.advance(3_600_000);
  await call('Feeds.GetFeedSubmissionList', { MaxCount: 1 });
  await call('Feeds.GetFeedSubmissionCount', {});
  const pending = await submit();
  await call('Feeds.CancelFeedSubmissions', { FeedSubmissionIdList: [(pending.FeedSubmissionInfo as Json).FeedSubmissionId] });

  await call('Reports.RequestReport', { ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', StartDate: new Date(START - 86_400_000).toISOString() });
  await call('Reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
  await call('Reports.GetReportRequestList', { MaxCount: 1 });
  sandbox.control.advance(3_600_000);
  await call('Reports.GetReportRequestList', { MaxCount: 1 });
  await call('Reports.GetReportList', { MaxCount: 1 });
  await call('Reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
  await call('Reports.CancelReportRequests', { ReportProcessingStatusList: ['_SUBMITTED_'] });

  const missing: string[] = [];
  for (const [file, id] of Object.entries(LIFECYCLE_SAMPLES)) {
    const sample = await parseMwsResponse(getOperation(id), loadSample(file));
    const produced = new Set<string>();
    for (const answer of answers.get(id) ?? []) keyPaths(answer, '', produced);
    expect(produced.size).toBeGreaterThan(0);
    for (const path of keyPaths(sample.result)) if (!produced.has(path)) missing.push(`${id}: ${path}`);
  }
  expect(missing).toEqual([]);
});
