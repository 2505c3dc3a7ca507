/**
 * Mutable records of the sections whose operations create and change things: FBA outbound fulfillment
 * orders, FBA inbound shipments, Subscriptions destinations/subscriptions, Merchant Fulfillment
 * shipments, EasyShip packages and ShipmentInvoicing invoices. Plain JSON-shaped data, so a snapshot is
 * the data itself. A few outbound orders and inbound shipments are seeded per seller so lists are never empty.
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import type { Listing } from '../types';
import { marketplaceByCode } from './marketplaces';
import { iso, type OrderRecord } from './orderRecords';
import { Random } from './random';

export type AddressFields = Record<string, string>;

export interface FulfillmentOrderItemRecord {
  sellerSku: string;
  sellerFulfillmentOrderItemId: string;
  quantity: number;
  cancelledQuantity: number;
  perUnitDeclaredValue?: { currencyCode: string; value: string };
  displayableComment?: string;
  giftMessage?: string;
}

export interface FulfillmentOrderRecord {
  sellerId: string;
  sellerFulfillmentOrderId: string;
  marketplaceId: string;
  displayableOrderId: string;
  displayableOrderDateTime: string;
  displayableOrderComment: string;
  shippingSpeedCategory: string;
  destinationAddress: AddressFields;
  fulfillmentAction: string;
  fulfillmentPolicy: string;
  receivedAt: number;
  /** Set when cancelled or updated explicitly; otherwise the status follows the timeline from receivedAt. */
  statusOverride?: { status: string; at: number };
  notificationEmails: string[];
  items: FulfillmentOrderItemRecord[];
  returns: Array<{ sellerReturnItemId: string; sellerFulfillmentOrderItemId: string; amazonShipmentId: string; reason: string; comment?: string; status: string; at: number }>;
  /** Fixed ids of the shipment and package (the documented example order's); others derive them from the order id. */
  shipmentId?: string;
  packageNumber?: number;
}

export interface InboundItemRecord {
  sellerSku: string;
  fnsku: string;
  quantityShipped: number;
  quantityReceived: number;
  quantityInCase: number;
  prepInstructions: Array<{ instruction: string; owner: string }>;
}

export interface InboundShipmentRecord {
  sellerId: string;
  shipmentId: string;
  shipmentName: string;
  shipFromAddress: AddressFields;
  destinationFulfillmentCenterId: string;
  labelPrepType: string;
  shipmentStatus: string;
  areCasesRequired: boolean;
  boxContentsSource: string;
  lastUpdated: number;
  items: InboundItemRecord[];
  transport?: { status: string; isPartnered: boolean; shipmentType: string; carrier?: string; trackingIds: string[]; estimate?: string; currency: string; updatedAt: number };
  preorderConfirmedNeedBy?: string;
}

export interface DestinationRecord {
  deliveryChannel: string;
  attributes: Array<{ key: string; value: string }>;
}

export interface SubscriptionRecord {
  notificationType: string;
  destination: DestinationRecord;
  isEnabled: boolean;
}

export interface MfnShipmentRecord {
  sellerId: string;
  shipmentId: string;
  amazonOrderId: string;
  sellerOrderId?: string;
  items: Array<{ orderItemId: string; quantity: number }>;
  shipFromAddress: AddressFields;
  shipToAddress: AddressFields;
  packageDimensions: Record<string, string>;
  weight: { value: string; unit: string };
  shippingServiceId: string;
  carrierName: string;
  rate: { currencyCode: string; amount: string };
  trackingId: string;
  status: string;
  createdAt: number;
  updatedAt: number;
}

/** A Merchant Fulfillment label's ShipToAddress: the order's buyer and shipping address. */
export function mfnShipToAddress(order: OrderRecord): AddressFields {
  const a = order.shippingAddress;
  return {
    Name: a.name, AddressLine1: a.addressLine1, Email: order.buyerEmail, City: a.city, ...(a.stateOrRegion ? { StateOrProvinceCode: a.stateOrRegion } : {}),
    PostalCode: a.postalCode, CountryCode: a.countryCode, Phone: order.phone,
  };
}

export interface EasyShipPackageRecord {
  sellerId: string;
  amazonOrderId: string;
  packageId: string;
  marketplaceId: string;
  dimensions: Record<string, string>;
  weight: Record<string, string>;
  slot: { slotId: string; start: number; end: number };
  status: string;
  invoiceNumber: string;
  createdAt: number;
}

export interface InvoiceRecord {
  sellerId: string;
  amazonShipmentId: string;
  marketplaceId: string;
  status: string;
  submittedAt: number;
  contentMd5: string;
}

export interface InboundPlanRecord {
  sellerId: string;
  shipmentId: string;
  destinationFulfillmentCenterId: string;
  labelPrepType: string;
  items: Array<{ sellerSku: string; quantity: number }>;
}

export interface SectionRecords {
  fulfillmentOrders: Record<string, FulfillmentOrderRecord>;
  /** Shipment ids proposed by CreateInboundShipmentPlan, not yet created. */
  inboundPlans: Record<string, InboundPlanRecord>;
  inboundShipments: Record<string, InboundShipmentRecord>;
  /** Keyed `${sellerId}|${marketplaceId}`. */
  destinations: Record<string, DestinationRecord[]>;
  subscriptions: Record<string, SubscriptionRecord[]>;
  mfnShipments: Record<string, MfnShipmentRecord>;
  easyShipPackages: Record<string, EasyShipPackageRecord>;
  invoices: Record<string, InvoiceRecord>;
  /** Counter for ids the sandbox mints (shipment ids, package ids). */
  sequence: number;
}

export function recordKey(sellerId: string, id: string): string {
  return `${sellerId}|${id}`;
}

const FULFILLMENT_CENTERS: Record<string, string[]> = {
  US: ['PHX6', 'SEA8', 'RIC2'], CA: ['YYZ1', 'YVR2'], MX: ['MEX1'], DE: ['LEJ1', 'MUC3'], UK: ['LTN1'], FR: ['ORY1'], IT: ['MXP5'], ES: ['MAD4'], JP: ['NRT1'], IN: ['BLR7'],
};

export function fulfillmentCenterFor(marketplaceCode: string, rnd: Random): string {
  return rnd.pick(FULFILLMENT_CENTERS[marketplaceCode] ?? ['PHX6']);
}

/** Seeds a handful of outbound orders and inbound shipments for each seller from its AFN listings. */
export function seedRecords(
  seed: number,
  sellers: Array<{ sellerId: string; marketplaceCodes: string[] }>,
  listingsFor: (sellerId: string, marketplaceId: string) => Listing[],
  epoch: number,
): SectionRecords {
  const records: SectionRecords = { fulfillmentOrders: {}, inboundPlans: {}, inboundShipments: {}, destinations: {}, subscriptions: {}, mfnShipments: {}, easyShipPackages: {}, invoices: {}, sequence: 1 };
  for (const { sellerId, marketplaceCodes } of sellers) {
    const marketplace = marketplaceByCode(marketplaceCodes[0]);
    const afn = listingsFor(sellerId, marketplace.marketplaceId).filter((l) => l.fulfillmentChannel === 'AFN');
    for (let n = 0; n < 12; n++) {
      const rnd = Random.for(seed, 'fulfillment-order', sellerId, n);
      const seededReceivedAt = epoch - rnd.int(1, 30 * 24) * 3_600_000;
      // The last one is the documented example order, received ten days ago so it has shipped (COMPLETE).
      const example = n === 11;
      const receivedAt = example ? epoch - 10 * 86_400_000 : seededReceivedAt;
      const id = example ? EXAMPLE_IDS.sellerFulfillmentOrderId : `SBX-FO-${String(n + 1).padStart(4, '0')}`;
      const place = rnd.pick(marketplace.cities);
      const items = Array.from({ length: rnd.int(1, 3) }, (_, k) => ({
        sellerSku: afn[(n * 3 + k) % afn.length].sku,
        sellerFulfillmentOrderItemId: `${id}-${k + 1}`,
        quantity: rnd.int(1, 4),
        cancelledQuantity: 0,
      }));
      records.fulfillmentOrders[recordKey(sellerId, id)] = {
        sellerId,
        sellerFulfillmentOrderId: id,
        marketplaceId: marketplace.marketplaceId,
        displayableOrderId: `DISP-${n + 1}`,
        displayableOrderDateTime: iso(receivedAt - 3_600_000),
        displayableOrderComment: 'Thank you for your order',
        shippingSpeedCategory: rnd.pick(['Standard', 'Expedited', 'Priority']),
        destinationAddress: {
          Name: rnd.pick(marketplace.buyers), Line1: place.street, ...(n % 2 === 1 ? { Line2: `Apt. ${n}` } : {}), City: place.city,
          ...(place.region ? { StateOrProvinceCode: place.region } : {}), CountryCode: marketplace.countryCode, PostalCode: place.postalCode, PhoneNumber: '555-0100',
        },
        fulfillmentAction: 'Ship',
        fulfillmentPolicy: rnd.pick(['FillOrKill', 'FillAll', 'FillAllAvailable']),
        receivedAt,
        notificationEmails: n % 2 === 0 ? [`sbx${n}@example.invalid`] : [],
        items,
        returns: [],
        ...(example ? { shipmentId: EXAMPLE_IDS.fulfillmentShipmentId, packageNumber: EXAMPLE_IDS.packageNumber } : {}),
      };
    }
    for (let n = 0; n < 8; n++) {
      const rnd = Random.for(seed, 'inbound-shipment', sellerId, n);
      const seededId = `FBA${rnd.chars(6)}`;
      // The first two carry the documented example ShipmentIds (state/examples.ts gives the second its transport).
      const id = n === 0 ? EXAMPLE_IDS.inboundShipmentId : n === 1 ? EXAMPLE_IDS.ltlShipmentId : seededId;
      const place = rnd.pick(marketplace.cities);
      records.inboundShipments[recordKey(sellerId, id)] = {
        sellerId,
        shipmentId: id,
        shipmentName: `FBA (${new Date(epoch - (n + 1) * 5 * 86_400_000).toISOString().slice(0, 10)})`,
        shipFromAddress: {
          Name: 'Sandbox Warehouse', AddressLine1: place.street, City: place.city,
          ...(place.region ? { StateOrProvinceCode: place.region } : {}), CountryCode: marketplace.countryCode, PostalCode: place.postalCode,
        },
        destinationFulfillmentCenterId: fulfillmentCenterFor(marketplace.code, rnd),
        labelPrepType: 'SELLER_LABEL',
        shipmentStatus: ['WORKING', 'SHIPPED', 'IN_TRANSIT', 'RECEIVING', 'CLOSED', 'CLOSED', 'CANCELLED', 'CHECKED_IN'][n],
        areCasesRequired: false,
        boxContentsSource: n % 2 === 0 ? 'FEED' : 'NONE',
        lastUpdated: epoch - (n + 1) * 5 * 86_400_000,
        items: Array.from({ length: rnd.int(2, 5) }, (_, k) => {
          const listing = afn[(n * 5 + k) % afn.length];
          const shipped = rnd.int(10, 200);
          return { sellerSku: listing.sku, fnsku: fnskuFor(listing.asin), quantityShipped: shipped, quantityReceived: n >= 3 ? shipped : 0, quantityInCase: 0, prepInstructions: [] };
        }),
      };
    }
  }
  return records;
}

export function fnskuFor(asin: string): string {
  return `X0${asin.slice(-8)}`;
}
