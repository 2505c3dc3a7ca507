/**
 * Decisions the reference data does not make for us: retry safety and recovery of non-idempotent operations,
 * cross-field constraints, section namespaces, paging styles and assumed throttles. Read by generate-catalog.ts.
 */
import type { ConstraintSpec, ThrottleSpec } from '../src/mws/catalog/types';
import type { RawDatatype, RawElement } from './catalog-datatypes';

/** REFERENCE.md §a, "Response xmlns seen LIVE" column (DOCS where no live sample: Finances). */
export const SECTION_NAMESPACES: Record<string, string> = {
  Orders: 'https://mws.amazonservices.com/Orders/2013-09-01',
  Feeds: 'http://mws.amazonaws.com/doc/2009-01-01/',
  Reports: 'http://mws.amazonaws.com/doc/2009-01-01/',
  Products: 'http://mws.amazonservices.com/schema/Products/2011-10-01',
  Sellers: 'https://mws.amazonservices.com/Sellers/2011-07-01',
  FulfillmentInventory: 'http://mws.amazonaws.com/FulfillmentInventory/2010-10-01/',
  FulfillmentInboundShipment: 'http://mws.amazonaws.com/FulfillmentInboundShipment/2010-10-01/',
  FulfillmentOutboundShipment: 'http://mws.amazonaws.com/FulfillmentOutboundShipment/2010-10-01/',
  Finances: 'http://mws.amazonservices.com/Finances/2015-05-01',
  MerchantFulfillment: 'https://mws.amazonservices.com/MerchantFulfillment/2015-06-01',
  Recommendations: 'https://mws.amazonservices.com/Recommendations/2013-04-01',
  Subscriptions: 'http://mws.amazonservices.com/schema/Subscriptions/2013-07-01',
  ShipmentInvoicing: 'https://mws.amazonservices.com/ShipmentInvoicing/2018-09-01',
  EasyShip: 'https://mws.amazonservices.com/EasyShip/2018-09-01',
};

/** REFERENCE.md §f: Feeds/Reports list operations page with HasNext; every other paged operation with NextToken only. */
export const HAS_NEXT_OPERATIONS = new Set([
  'GetFeedSubmissionList',
  'GetFeedSubmissionListByNextToken',
  'GetReportRequestList',
  'GetReportRequestListByNextToken',
  'GetReportList',
  'GetReportListByNextToken',
  'GetReportScheduleList',
  'GetReportScheduleListByNextToken',
]);

/** Operation names that read only (checked before the state-changing prefixes below). */
const READ_PREFIX = /^(Get|List)/;
/** Operation names that change state (GetServiceStatus and every Get or List name are reads). */
const WRITE_PREFIX = /^(Create|Submit|Cancel|Update|Register|Deregister|Delete|Confirm|Put|Estimate|Void|Send|Manage|Request)/;

/**
 * How a caller learns whether an ambiguous (timed-out, reset) call to a non-idempotent operation took effect,
 * keyed by operation name. `never-retry` means no lookup can prove it and a repeat has a cost.
 */
export const RECOVERY: Record<string, string> = {
  SubmitFeed:
    'GetFeedSubmissionList filtered by FeedTypeList = the FeedType and SubmittedFromDate = just before the call; a submission whose ContentMD5 (where returned) or SubmittedDate matches is this feed',
  CancelFeedSubmissions:
    'GetFeedSubmissionList filtered by the same FeedSubmissionIdList / FeedTypeList: cancelled submissions show FeedProcessingStatus _CANCELLED_',
  RequestReport:
    'GetReportRequestList filtered by ReportTypeList = the ReportType and RequestedFromDate = just before the call; a request with the same StartDate/EndDate is this one',
  CancelReportRequests:
    'GetReportRequestList filtered by the same ReportRequestIdList / ReportTypeList: cancelled requests show ReportProcessingStatus _CANCELLED_',
  ManageReportSchedule:
    'GetReportScheduleList filtered by ReportTypeList = the ReportType: the schedule shows the Schedule and ScheduledDate sent (absent after _NEVER_)',
  UpdateReportAcknowledgements:
    'GetReportList filtered by ReportRequestIdList or ReportTypeList: each ReportInfo shows Acknowledged with the value sent',
  CreateInboundShipmentPlan:
    'nothing to look up: a plan commits nothing until CreateInboundShipment; call again and use only one of the returned plans',
  CreateInboundShipment:
    'ListInboundShipments with ShipmentIdList = the ShipmentId sent (the id comes from the plan, so it is known before the call)',
  UpdateInboundShipment:
    'ListInboundShipments with ShipmentIdList = the ShipmentId and ListInboundShipmentItems with ShipmentId: compare header and quantities with the update',
  ConfirmPreorder: 'GetPreorderInfo with ShipmentId: ShipmentConfirmedForPreorder is true when the confirmation took effect',
  PutTransportContent: 'GetTransportContent with ShipmentId: TransportStatus WORKING with the details sent',
  EstimateTransportRequest: 'GetTransportContent with ShipmentId: TransportStatus ESTIMATING or ESTIMATED',
  ConfirmTransportRequest:
    'GetTransportContent with ShipmentId: TransportStatus CONFIRMING or CONFIRMED (Amazon charges the seller for the carrier)',
  VoidTransportRequest: 'GetTransportContent with ShipmentId: TransportStatus VOIDING or VOIDED',
  CreateFulfillmentOrder:
    'GetFulfillmentOrder with SellerFulfillmentOrderId = the id sent (chosen by the caller, so a found order is this one)',
  UpdateFulfillmentOrder:
    'GetFulfillmentOrder with SellerFulfillmentOrderId: compare the fields sent with the order',
  CancelFulfillmentOrder: 'GetFulfillmentOrder with SellerFulfillmentOrderId: FulfillmentOrderStatus CANCELLED',
  CreateFulfillmentReturn:
    'GetFulfillmentOrder with SellerFulfillmentOrderId: ReturnItemList holds the SellerReturnItemId values sent',
  CreateShipment: 'never-retry',
  CancelShipment: 'GetShipment with ShipmentId: Status RefundPending, RefundApplied or RefundRejected',
  RegisterDestination: 'ListRegisteredDestinations with MarketplaceId: the Destination is listed',
  DeregisterDestination: 'ListRegisteredDestinations with MarketplaceId: the Destination is no longer listed',
  SendTestNotificationToDestination:
    'look for the test notification at the destination (e.g. the SQS queue); a second test notification is harmless',
  CreateSubscription: 'GetSubscription with MarketplaceId, NotificationType and Destination: the subscription exists',
  DeleteSubscription: 'GetSubscription with MarketplaceId, NotificationType and Destination: an error means it was deleted',
  UpdateSubscription: 'GetSubscription with MarketplaceId, NotificationType and Destination: IsEnabled equals the value sent',
  SubmitFBAOutboundShipmentInvoice:
    'GetFBAOutboundShipmentInvoiceStatus with AmazonShipmentId: an InvoiceStatus other than none means Amazon has the invoice',
  CreateScheduledPackage:
    'GetScheduledPackage with ScheduledPackageId.AmazonOrderId = the AmazonOrderId sent (a second create fails with ScheduledPackageAlreadyExists)',
  UpdateScheduledPackages:
    'GetScheduledPackage for each ScheduledPackageId sent: PackagePickupSlot equals the slot sent',
};

/** Decides retry safety from the operation name; unknown shapes stop generation so every new name is decided. */
export function isIdempotent(name: string): boolean {
  if (name === 'GetServiceStatus' || READ_PREFIX.test(name)) return true;
  if (WRITE_PREFIX.test(name)) return false;
  throw new Error(`No idempotency decision for operation ${name}: add it to catalog-policy.ts`);
}

/** The list parameter whose length is the token cost, for throttles restored per item (Products). */
export const ITEM_PARAMS: Record<string, string> = {
  GetMatchingProduct: 'ASINList',
  GetMatchingProductForId: 'IdList',
  GetCompetitivePricingForSKU: 'SellerSKUList',
  GetCompetitivePricingForASIN: 'ASINList',
  GetLowestOfferListingsForSKU: 'SellerSKUList',
  GetLowestOfferListingsForASIN: 'ASINList',
  GetMyPriceForSKU: 'SellerSKUList',
  GetMyPriceForASIN: 'ASINList',
  GetMyFeesEstimate: 'FeesEstimateRequestList',
  // GetLowestPricedOffersForSKU / ForASIN take one SellerSKU / ASIN: one item per call, no list parameter.
};

/**
 * Where Amazon published no throttle (ShipmentInvoicing, GetReportScheduleListByNextToken): the strictest bucket in
 * the reference (GetServiceStatus: 2 requests, one back every 5 minutes) so that nothing is sent faster than MWS could
 * have allowed.
 */
export const ASSUMED_THROTTLE: ThrottleSpec = {
  maxQuota: 2,
  restoreEverySeconds: 300,
  hourlyMax: null,
  restoreUnit: 'request',
  assumed: true,
  source: 'assumed: no published figure; conservative default (the GetServiceStatus bucket, 2 / 300 s)',
};

type Constraint = ConstraintSpec;

/** Cross-field rules from the `condition` texts of operations.json and REFERENCE.md §a, keyed by operation name. */
export const CONSTRAINTS: Record<string, Constraint[]> = {
  ListOrders: [
    { kind: 'exactlyOneOf', params: ['CreatedAfter', 'LastUpdatedAfter'], message: 'exactly one of CreatedAfter / LastUpdatedAfter is required' },
    { kind: 'requiredWith', params: ['CreatedBefore', 'CreatedAfter'], message: 'CreatedBefore is only allowed with CreatedAfter' },
    { kind: 'requiredWith', params: ['LastUpdatedBefore', 'LastUpdatedAfter'], message: 'LastUpdatedBefore is only allowed with LastUpdatedAfter' },
    {
      kind: 'requiredTogether',
      params: ['OrderStatus'],
      values: ['Unshipped', 'PartiallyShipped'],
      message: 'OrderStatus Unshipped and PartiallyShipped must be requested together',
    },
    {
      kind: 'excludes',
      params: ['BuyerEmail', 'FulfillmentChannel', 'OrderStatus', 'PaymentMethod', 'LastUpdatedAfter', 'LastUpdatedBefore', 'SellerOrderId'],
      message: 'BuyerEmail cannot be combined with FulfillmentChannel, OrderStatus, PaymentMethod, LastUpdatedAfter/Before or SellerOrderId',
    },
    {
      kind: 'excludes',
      params: ['SellerOrderId', 'FulfillmentChannel', 'OrderStatus', 'PaymentMethod', 'LastUpdatedAfter', 'LastUpdatedBefore', 'BuyerEmail'],
      message: 'SellerOrderId cannot be combined with FulfillmentChannel, OrderStatus, PaymentMethod, LastUpdatedAfter/Before or BuyerEmail',
    },
  ],
  ListInventorySupply: [
    { kind: 'exactlyOneOf', params: ['SellerSkus', 'QueryStartDateTime'], message: 'exactly one of SellerSkus / QueryStartDateTime is required' },
  ],
  ListFinancialEvents: [
    {
      kind: 'exactlyOneOf',
      params: ['AmazonOrderId', 'FinancialEventGroupId', 'PostedAfter'],
      message: 'exactly one filter: AmazonOrderId, FinancialEventGroupId or PostedAfter (optionally with PostedBefore)',
    },
    { kind: 'requiredWith', params: ['PostedBefore', 'PostedAfter'], message: 'PostedBefore is only allowed with PostedAfter' },
  ],
  CreateInboundShipmentPlan: [
    {
      kind: 'atMostOneOf',
      params: ['ShipToCountryCode', 'ShipToCountrySubdivisionCode'],
      message: 'ShipToCountryCode and ShipToCountrySubdivisionCode are mutually exclusive',
    },
  ],
  ListInboundShipments: [
    { kind: 'atLeastOneOf', params: ['ShipmentStatusList', 'ShipmentIdList'], message: 'at least one of ShipmentStatusList / ShipmentIdList is required' },
    { kind: 'requiredTogether', params: ['LastUpdatedAfter', 'LastUpdatedBefore'], message: 'LastUpdatedAfter and LastUpdatedBefore must be given together' },
  ],
  ListInboundShipmentItems: [
    { kind: 'atLeastOneOf', params: ['ShipmentId', 'LastUpdatedAfter'], message: 'ShipmentId is required unless LastUpdatedAfter and LastUpdatedBefore are given' },
    { kind: 'requiredTogether', params: ['LastUpdatedAfter', 'LastUpdatedBefore'], message: 'LastUpdatedAfter and LastUpdatedBefore must be given together' },
  ],
  CreateFulfillmentOrder: [
    {
      kind: 'requiredIfValue',
      params: ['DeliveryWindow'],
      when: { param: 'ShippingSpeedCategory', value: 'ScheduledDelivery' },
      message: 'DeliveryWindow is required when ShippingSpeedCategory is ScheduledDelivery',
    },
  ],
  ListReturnReasonCodes: [
    {
      kind: 'atLeastOneOf',
      params: ['MarketplaceId', 'SellerFulfillmentOrderId'],
      message: 'one of MarketplaceId / SellerFulfillmentOrderId is required to identify the marketplace',
    },
  ],
};

/**
 * Conditions that are recorded as text only, with the reason they are not a ConstraintSpec (the catalog test
 * checks that every `condition` is either modelled above or listed here).
 */
export const CONDITIONS_NOT_MODELLED: Record<string, string> = {
  'GetPackageLabels.NumberOfPackages': 'depends on whether the shipment is partnered, which the request does not show',
};

/** A deliberate deviation from reference/mws/datatypes.json: one element replaced (same name) or added. */
export interface DatatypeCorrection {
  datatype: string;
  element: RawElement;
  reason: string;
}

/**
 * Datatype elements the reference gets wrong or leaves out, each checked against Amazon's response samples
 * (reference samples/) and the client library; every one is recorded in catalog.notes.
 */
export const DATATYPE_CORRECTIONS: DatatypeCorrection[] = [
  {
    datatype: 'FulfillmentOutboundShipment.FulfillmentOrder',
    element: { name: 'NotificationEmailList', type: 'List of xs:string', required: false, list: true, xmlItem: 'member', values: null },
    reason:
      'the datatype page types it xs:string, but the ListAllFulfillmentOrders sample returns <NotificationEmailList><member>…</member> and requests send NotificationEmailList.member.N (REFERENCE.md §e)',
  },
  {
    datatype: 'Products.OfferCount',
    element: { name: 'Value', type: 'xs:int', required: null, list: false, textContent: true, values: null },
    reason:
      'the page lists only the condition and fulfillmentChannel attributes; the GetLowestPricedOffersForASIN sample carries the count as text (<OfferCount condition="new" fulfillmentChannel="Amazon">1</OfferCount>); named Value like OfferListingCountType',
  },
  {
    datatype: 'Orders.Address',
    element: { name: 'isAddressSharingConfidential', type: 'xs:boolean', required: false, list: false, values: null },
    reason:
      'listed only in clientLibraryOnlyElements; the ListOrders samples return <isAddressSharingConfidential>false</isAddressSharingConfidential> in ShippingAddress',
  },
];

/** datatypes.json with DATATYPE_CORRECTIONS applied (a copy), and one note per correction. */
export function applyDatatypeCorrections(raw: Record<string, RawDatatype>): { datatypes: Record<string, RawDatatype>; notes: string[] } {
  const datatypes = { ...raw };
  const notes: string[] = [];
  for (const { datatype, element, reason } of DATATYPE_CORRECTIONS) {
    const dt = datatypes[datatype];
    if (!dt) throw new Error(`DATATYPE_CORRECTIONS: datatypes.json has no ${datatype}`);
    const index = dt.elements.findIndex((e) => e.name === element.name);
    const elements = [...dt.elements];
    if (index >= 0) elements[index] = element;
    else elements.push(element);
    datatypes[datatype] = { ...dt, elements };
    notes.push(`${datatype}.${element.name}: ${index >= 0 ? 'corrected' : 'added'} (deviation from the reference): ${reason}`);
  }
  return { datatypes, notes };
}
