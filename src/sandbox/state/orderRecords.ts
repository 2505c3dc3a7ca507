/**
 * The full order a seller sees, regenerated on demand from (seed, seller, index): buyer, address, items and
 * money come from a seeded random stream, the status from the store's timeline and overlay. orders.ts keeps
 * the compact store that decides which orders exist and match a filter.
 */
import type { FulfillmentChannel, Listing, SandboxAddress, SandboxOrder, SandboxOrderItem } from '../types';
import { formatMoney } from './marketplaces';
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import { EXAMPLE_ORDER_INDEX, type SellerOrders } from './orderIndex';
import { Random } from './random';

export interface OrderRecord extends SandboxOrder {
  index: number;
  sellerOrderId: string;
  shipServiceLevel: string;
  shipmentServiceLevelCategory: string;
  paymentMethod: 'Other' | 'COD';
  paymentMethodDetails: string[];
  isBusinessOrder: boolean;
  purchaseOrderNumber?: string;
  isPrime: boolean;
  isPremiumOrder: boolean;
  earliestShipDate: string;
  latestShipDate: string;
  earliestDeliveryDate: string;
  latestDeliveryDate: string;
  numberOfItemsShipped: number;
  numberOfItemsUnshipped: number;
  shippingPrice: string;
  phone: string;
  addressType: 'Residential' | 'Commercial';
  pointsGranted: boolean;
  orderType: 'StandardOrder' | 'SourcingOnDemandOrder';
  /** SourcingOnDemand orders (JP) promise a ship date later. */
  promiseResponseDueDate?: string;
  items: OrderItemRecord[];
}

export interface OrderItemRecord extends SandboxOrderItem {
  shippingPrice: string;
  itemTax: string;
  conditionId: string;
  conditionNote?: string;
  promotionIds: string[];
  isGift: boolean;
  giftMessageText?: string;
  customizedUrl?: string;
  giftWrapPrice?: string;
  giftWrapLevel?: string;
  /** JP scheduled delivery window. */
  scheduledDelivery?: { start: string; end: string };
  pointsNumber?: number;
  codFee?: string;
  businessPrice: boolean;
  /** US marketplace facilitator tax. */
  taxCollection: boolean;
}

/** What materialising an order needs from its store. */
export interface OrderSource {
  seed: number;
  /** The sandbox clock's start: purchase offsets and the status timeline count from it. */
  epoch: number;
  /** The listings an order in this marketplace and channel is bought from. */
  poolFor(marketplaceId: string, channel: FulfillmentChannel): Listing[];
  /** The listing's seeded price (orders keep the price they were bought at, whatever feeds change later). */
  seededPriceOf(listing: Listing): string;
}

/** The order at index `i` of `seller`, as it stands at `now`. */
export function materializeOrder(source: OrderSource, seller: SellerOrders, i: number, now: number): OrderRecord {
  const marketplace = seller.marketplaceOf(i);
  const channel = seller.channelOf(i);
  const rnd = Random.for(source.seed, 'order', seller.sellerId, i);
  const purchase = source.epoch + seller.purchaseOffset[i];
  const { status, lastUpdate } = seller.statusAt(i, source.epoch, now);
  const pool = source.poolFor(marketplace.marketplaceId, channel);
  // Big orders are bulk business purchases (paid cash on delivery in Japan), so they show every item feature.
  const big = seller.itemCount[i] > 30;
  const isCod = marketplace.code === 'JP' && (big || rnd.chance(0.2));
  const isBusinessOrder = big || rnd.chance(0.1);
  const sourcingOnDemand = marketplace.code === 'JP' && rnd.chance(0.08);
  const shippingUnit = marketplace.wholeUnits ? 30000 : Math.round(499 * marketplace.priceFactor);
  const itemCount = seller.itemCount[i];
  const shipped = status === 'Shipped';
  const items: OrderItemRecord[] = [];
  let totalCents = 0;
  for (let n = 0; n < itemCount; n++) {
    const listing = pool[(rnd.int(0, pool.length - 1) + n) % pool.length];
    const quantity = itemCount > 30 ? 1 : rnd.int(1, 3);
    const unitCents = Math.round(Number(source.seededPriceOf(listing)) * 100);
    const shippingCents = channel === 'MFN' && n === 0 ? shippingUnit : 0;
    totalCents += unitCents * quantity + shippingCents;
    const used = listing.condition !== 'New';
    items.push({
      orderItemId: orderItemIdOf(seller, i, n, rnd.digits(2)),
      sku: listing.sku,
      asin: listing.asin,
      title: listing.title,
      quantityOrdered: quantity,
      quantityShipped: shipped || (status === 'PartiallyShipped' && n === 0) ? quantity : 0,
      itemPrice: formatMoney(unitCents * quantity),
      currency: marketplace.currency,
      shippingPrice: formatMoney(shippingCents),
      itemTax: formatMoney(marketplace.code === 'US' ? Math.round(unitCents * quantity * 0.08) : 0),
      conditionId: used ? 'Used' : 'New',
      conditionNote: used ? 'Minor scuffs on the box' : undefined,
      promotionIds: rnd.chance(0.1) ? ['FREESHIP'] : [],
      isGift: rnd.chance(0.05),
      giftMessageText: undefined,
      customizedUrl: rnd.chance(0.03) ? `https://sandbox.invalid/customized/${seller.orderId(i)}/${n}` : undefined,
      businessPrice: isBusinessOrder,
      taxCollection: marketplace.code === 'US',
      pointsNumber: marketplace.code === 'JP' ? Math.floor((unitCents * quantity) / 10000) : undefined,
      codFee: isCod ? formatMoney(33000) : undefined,
      scheduledDelivery: marketplace.code === 'JP' && rnd.chance(0.3)
        ? { start: iso(purchase + 2 * 86_400_000), end: iso(purchase + 2 * 86_400_000 + 7_200_000) }
        : undefined,
    });
    const last = items[items.length - 1];
    if (last.isGift) {
      last.giftMessageText = 'Alles Gute! / おめでとう';
      last.giftWrapLevel = 'Classic';
      last.giftWrapPrice = formatMoney(marketplace.wholeUnits ? 30000 : Math.round(199 * marketplace.priceFactor));
    }
  }
  const buyerName = rnd.pick(marketplace.buyers);
  const place = rnd.pick(marketplace.cities);
  const shippingAddress: SandboxAddress = {
    name: buyerName,
    addressLine1: place.street,
    city: place.city,
    stateOrRegion: place.region,
    postalCode: place.postalCode,
    countryCode: marketplace.countryCode,
  };
  const unshippedItems = items.reduce((sum, it) => sum + it.quantityOrdered - it.quantityShipped, 0);
  const latestShip = purchase + 3 * 86_400_000;
  return {
    index: i,
    amazonOrderId: seller.orderId(i),
    sellerId: seller.sellerId,
    marketplaceId: marketplace.marketplaceId,
    purchaseDate: iso(purchase),
    lastUpdateDate: iso(lastUpdate),
    orderStatus: status,
    fulfillmentChannel: channel,
    salesChannel: marketplace.name,
    buyerName,
    buyerEmail: seller.buyerEmail(i),
    shippingAddress,
    orderTotal: { currency: marketplace.currency, amount: formatMoney(totalCents) },
    items,
    sellerOrderId: seller.sellerOrderId(i),
    shipServiceLevel: channel === 'AFN' ? 'Expedited' : 'Std Dom',
    shipmentServiceLevelCategory: channel === 'AFN' ? 'Expedited' : 'Standard',
    paymentMethod: isCod ? 'COD' : 'Other',
    paymentMethodDetails: isCod ? ['COD'] : ['CreditCard'],
    isBusinessOrder,
    purchaseOrderNumber: isBusinessOrder ? `PO${rnd.digits(8)}` : undefined,
    isPrime: channel === 'AFN' && rnd.chance(0.6),
    isPremiumOrder: false,
    earliestShipDate: iso(purchase + 3_600_000),
    latestShipDate: iso(latestShip),
    earliestDeliveryDate: iso(latestShip + 86_400_000),
    latestDeliveryDate: iso(latestShip + 5 * 86_400_000),
    numberOfItemsShipped: items.reduce((sum, it) => sum + it.quantityShipped, 0),
    numberOfItemsUnshipped: status === 'Canceled' ? 0 : unshippedItems,
    shippingPrice: formatMoney(channel === 'MFN' ? shippingUnit : 0),
    phone: `+${rnd.digits(11)}`,
    addressType: isBusinessOrder ? 'Commercial' : 'Residential',
    pointsGranted: marketplace.code === 'JP',
    orderType: sourcingOnDemand ? 'SourcingOnDemandOrder' : 'StandardOrder',
    promiseResponseDueDate: sourcingOnDemand ? iso(purchase + 86_400_000) : undefined,
  };
}


/** Item ids encode the order's index and the line; the example order's one line has Amazon's documented id. */
function orderItemIdOf(seller: SellerOrders, i: number, n: number, check: string): string {
  if (i === EXAMPLE_ORDER_INDEX && n === 0) return EXAMPLE_IDS.orderItemId;
  return `${seller.prefix.slice(0, 2)}${String(i).padStart(7, '0')}${String(n).padStart(3, '0')}${check}`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
