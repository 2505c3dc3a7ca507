/**
 * Values for example inputs: by parameter or field name wherever one rule fits every operation (an ASIN is
 * an ASIN everywhere), plus a short per-operation table where the operation's own rules decide. Ids are
 * Amazon's documented examples from EXAMPLE_IDS, which the sandbox seeds for every seller.
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import type { FieldSpec, OperationSpec } from '../../mws/catalog/types';

export const EXAMPLE_DATE = '2020-01-31T00:00:00Z';

/** Where a value sits: its operation and the fields beside it in its structure. */
export interface ExamplePlace {
  op: OperationSpec;
  siblings: FieldSpec[];
}

/** A US address in the shape every section uses (Amazon's docs' "1234 Any St., Seattle"). */
const ADDRESS_TEXT: Readonly<Record<string, string>> = {
  Name: 'Jane Adams',
  Line1: '1234 Any St.',
  AddressLine1: '1234 Any St.',
  City: 'Seattle',
  StateOrProvinceCode: 'WA',
  PostalCode: '98103',
  Phone: '206-555-0100',
};

const NEXT_TOKEN_PLACEHOLDER = 'Placeholder: the NextToken returned with the previous page';

/** Text for a string parameter or field named `name`. */
export function exampleText(name: string, place: ExamplePlace): string {
  const { op } = place;
  if (name === 'NextToken') return NEXT_TOKEN_PLACEHOLDER;
  if (name === 'Value' && place.siblings.some((f) => f.name === 'Key' && f.values?.includes('sqsQueueUrl'))) return EXAMPLE_IDS.sqsQueueUrl;
  if (/MarketplaceId/.test(name)) return 'ATVPDKIKX0DER';
  if (/ASIN/i.test(name) || name === 'IdList' || name === 'IdValue') return EXAMPLE_IDS.asin;
  if (/SKU/i.test(name)) return EXAMPLE_IDS.sellerSku;
  if (/AmazonOrderId/.test(name) || (op.section === 'MerchantFulfillment' && name === 'OrderId')) return EXAMPLE_IDS.amazonOrderId;
  if (name === 'OrderItemId') return EXAMPLE_IDS.orderItemId;
  if (name === 'ShippingServiceId') return EXAMPLE_IDS.shippingServiceId;
  if (op.section === 'MerchantFulfillment' && name === 'ShipmentId') return EXAMPLE_IDS.mfnShipmentId;
  if (op.section === 'ShipmentInvoicing' && name === 'AmazonShipmentId') return EXAMPLE_IDS.amazonShipmentId;
  if (op.section === 'FulfillmentInboundShipment' && name === 'ShipmentId') return EXAMPLE_IDS.inboundShipmentId;
  if (op.section === 'FulfillmentOutboundShipment' && name === 'AmazonShipmentId') return EXAMPLE_IDS.fulfillmentShipmentId;
  if (name === 'SellerReturnItemId') return 'return-item-1';
  if (name === 'ReturnReasonCode') return 'DAMAGED';
  if (name === 'DestinationFulfillmentCenterId') return 'PHX6';
  if (name === 'SlotId') return EXAMPLE_IDS.pickupSlotId;
  if (name === 'NeedByDate') return '2020-02-14';
  if (name === 'PackageLabelsToPrint') return 'CartonA1';
  if (name === 'NotificationType') return EXAMPLE_IDS.notificationType;
  if (name === 'ReportId' || name === 'ReportIdList') return EXAMPLE_IDS.reportId;
  if (name === 'FeedSubmissionId') return EXAMPLE_IDS.feedSubmissionId;
  if (/SellerFulfillmentOrderId$/.test(name)) return EXAMPLE_IDS.sellerFulfillmentOrderId;
  if (name === 'SellerFulfillmentOrderItemId') return EXAMPLE_IDS.sellerFulfillmentOrderItemId;
  if (name === 'DisplayableOrderId') return EXAMPLE_IDS.newSellerFulfillmentOrderId;
  if (name === 'ShipmentName') return 'FBA (2020-01-31)';
  if (name === 'Identifier') return 'request1';
  if (name === 'Query') return 'kitchen scale';
  if (name === 'DisplayableOrderComment') return 'Thank you for your order';
  if (/CountryCode/.test(name)) return 'US';
  if (/CurrencyCode/.test(name)) return 'USD';
  if (/Email/.test(name)) return 'seller@example.com';
  if (ADDRESS_TEXT[name] !== undefined) return ADDRESS_TEXT[name];
  if (/Id$/.test(name)) return '50001018008';
  return `example ${name}`;
}

/** An inventory feed for the example SKU (the XML feed shape of Amazon's Feeds docs). */
const INVENTORY_FEED =
  '<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">' +
  '<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>M_EXAMPLE_123456</MerchantIdentifier></Header><MessageType>Inventory</MessageType>' +
  `<Message><MessageID>1</MessageID><OperationType>Update</OperationType><Inventory><SKU>${EXAMPLE_IDS.sellerSku}</SKU><Quantity>10</Quantity></Inventory></Message>` +
  '</AmazonEnvelope>';

/**
 * Whole parameters an operation's example sets itself, because the operation's rules (not the parameter's
 * name) decide the value.
 */
const OPERATION_EXAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  // EasyShip serves only Amazon.in; naming the marketplace shows that (the connection's may be another).
  'EasyShip.ListPickupSlots': { MarketplaceId: EXAMPLE_IDS.easyShipMarketplaceId },
  'EasyShip.CreateScheduledPackage': { MarketplaceId: EXAMPLE_IDS.easyShipMarketplaceId },
  'EasyShip.UpdateScheduledPackages': { MarketplaceId: EXAMPLE_IDS.easyShipMarketplaceId },
  'EasyShip.GetScheduledPackage': { MarketplaceId: EXAMPLE_IDS.easyShipMarketplaceId },
  // Only a shipment CreateInboundShipmentPlan proposed can be created; a bill of lading needs a confirmed partnered LTL
  // transport; a partnered small-parcel transport needs its packages' dimensions and weight.
  'FulfillmentInboundShipment.CreateInboundShipment': { ShipmentId: EXAMPLE_IDS.plannedShipmentId },
  'FulfillmentInboundShipment.GetBillOfLading': { ShipmentId: EXAMPLE_IDS.ltlShipmentId },
  'FulfillmentInboundShipment.PutTransportContent': {
    TransportDetails: { PartneredSmallParcelData: { PackageList: [{ Dimensions: { Length: '12', Width: '10', Height: '8', Unit: 'inches' }, Weight: { Value: 10, Unit: 'pounds' } }] } },
  },
  // The example fulfillment order has shipped; a new one is created, then updated and cancelled.
  'FulfillmentOutboundShipment.CreateFulfillmentOrder': { SellerFulfillmentOrderId: EXAMPLE_IDS.newSellerFulfillmentOrderId },
  'FulfillmentOutboundShipment.UpdateFulfillmentOrder': { SellerFulfillmentOrderId: EXAMPLE_IDS.newSellerFulfillmentOrderId },
  'FulfillmentOutboundShipment.CancelFulfillmentOrder': { SellerFulfillmentOrderId: EXAMPLE_IDS.newSellerFulfillmentOrderId },
  'FulfillmentOutboundShipment.GetPackageTrackingDetails': { PackageNumber: EXAMPLE_IDS.packageNumber },
  // A feed that changes something (the generic body is an empty envelope).
  'Feeds.SubmitFeed': { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: INVENTORY_FEED },
};

export function operationExample(op: OperationSpec): Record<string, unknown> {
  const own = OPERATION_EXAMPLES[`${op.section}.${op.name}`] ?? {};
  const known = new Set(op.params.map((p) => p.name));
  return Object.fromEntries(Object.entries(own).filter(([name]) => known.has(name)));
}
