/**
 * Entities the actions' example inputs name that live in the section records (EXAMPLE_IDS, read from the
 * catalog's data module), added for every seller beside the generated world. The example orders themselves are
 * fixed indexes of the order index (orderIndex.ts); the example listing is a fixed SKU index (listings.ts).
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import { marketplaceByCode, marketplaceById } from './marketplaces';
import { EXAMPLE_LABELLED_ORDER_INDEX } from './orderIndex';
import type { SeededOrderStore } from './orders';
import { mfnShipToAddress, recordKey, type MfnShipmentRecord, type SectionRecords } from './records';

export function seedExampleEntities(
  records: SectionRecords,
  orders: SeededOrderStore,
  sellers: Array<{ sellerId: string; marketplaceCodes: string[] }>,
  epoch: number,
): void {
  for (const { sellerId, marketplaceCodes } of sellers) {
    const label = exampleLabel(orders, sellerId, epoch);
    if (label) records.mfnShipments[recordKey(sellerId, label.shipmentId)] = label;
    const ltl = records.inboundShipments[recordKey(sellerId, EXAMPLE_IDS.ltlShipmentId)];
    const currency = marketplaceCodes[0] !== undefined ? marketplaceByCode(marketplaceCodes[0]).currency : 'USD';
    // A bill of lading exists only for a confirmed partnered LTL transport.
    if (ltl) ltl.transport = { status: 'CONFIRMED', isPartnered: true, shipmentType: 'LTL', carrier: 'UNITED_PARCEL_SERVICE_INC', trackingIds: [], estimate: '450.00', currency, updatedAt: ltl.lastUpdated };
    // Proposed by an earlier CreateInboundShipmentPlan, so CreateInboundShipment's example can create it.
    const working = records.inboundShipments[recordKey(sellerId, EXAMPLE_IDS.inboundShipmentId)];
    if (working) {
      records.inboundPlans[recordKey(sellerId, EXAMPLE_IDS.plannedShipmentId)] = {
        sellerId, shipmentId: EXAMPLE_IDS.plannedShipmentId, destinationFulfillmentCenterId: working.destinationFulfillmentCenterId, labelPrepType: 'SELLER_LABEL',
        items: [{ sellerSku: EXAMPLE_IDS.sellerSku, quantity: 1 }],
      };
    }
  }
}

/**
 * A Merchant Fulfillment label (EXAMPLE_IDS.mfnShipmentId) bought at the sandbox's start for a shipped MFN order, so
 * GetShipment shows one and CancelShipment can refund it within the 24-hour window.
 */
function exampleLabel(orders: SeededOrderStore, sellerId: string, epoch: number): MfnShipmentRecord | undefined {
  const order = orders.byIndex(sellerId, EXAMPLE_LABELLED_ORDER_INDEX);
  const marketplace = order ? marketplaceById(order.marketplaceId) : undefined;
  if (!order || !marketplace) return undefined;
  const place = marketplace.cities[0]!;
  return {
    sellerId,
    shipmentId: EXAMPLE_IDS.mfnShipmentId,
    amazonOrderId: order.amazonOrderId,
    sellerOrderId: order.sellerOrderId,
    items: order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
    shipFromAddress: {
      Name: 'Sandbox Warehouse', AddressLine1: place.street, City: place.city, ...(place.region ? { StateOrProvinceCode: place.region } : {}),
      PostalCode: place.postalCode, CountryCode: marketplace.countryCode, Email: 'seller@example.com', Phone: '555-0100',
    },
    shipToAddress: mfnShipToAddress(order),
    packageDimensions: { Length: '10', Width: '8', Height: '4', Unit: 'inches' },
    weight: { value: '16', unit: 'ounces' },
    shippingServiceId: EXAMPLE_IDS.shippingServiceId,
    carrierName: 'UPS',
    rate: { currencyCode: order.orderTotal.currency, amount: order.shippingPrice },
    trackingId: `1Z${order.amazonOrderId.replace(/\D/g, '').slice(-12)}`,
    status: 'Purchased',
    createdAt: epoch,
    updatedAt: epoch,
  };
}
