/**
 * Report contents captured from state when a report is generated, in the column layouts MWS's flat-file and
 * XML reports used (Amazon's report type pages, mirrored in bizon/mws-api-doc). Each builder returns the
 * body without padding, or undefined when nothing matches (_DONE_NO_DATA_).
 */
import { createHash } from 'node:crypto';
import type { Listing, ListingStore, OrderStore, SandboxOrder } from '../types';
import { element, text, optText } from '../xml';
import type { Charset } from './marketplaces';
import { UTF8 } from './marketplaces';
import type { ReportBody } from './reportBodies';

export interface RowSource {
  sellerId: string;
  marketplaceIds: string[];
  startDate: number;
  endDate: number;
  listings: ListingStore;
  orders: OrderStore;
  charset: Charset;
}

type Contents = Pick<ReportBody, 'format' | 'head' | 'rows' | 'tail'>;
type Builder = (source: RowSource) => Contents | undefined;

/** Values never contain the separators of the format. */
function cell(value: string | number | undefined): string {
  return String(value ?? '').replace(/[\t\r\n]+/g, ' ');
}

function tsv(values: Array<string | number | undefined>): string {
  return values.map(cell).join('\t');
}

/** A short stable id derived from a value (listing ids, FNSKUs). */
function derivedId(prefix: string, value: string, length: number): string {
  return prefix + createHash('sha1').update(value).digest('hex').slice(0, length).toUpperCase();
}

/** Flat-file date-time as the reports printed it: `2020-03-04 05:06:07 UTC`. */
export function flatDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

function listingsOf(source: RowSource, filter: (listing: Listing) => boolean): Listing[] {
  const listings = source.marketplaceIds.flatMap((marketplaceId) => source.listings.list(source.sellerId, marketplaceId));
  return listings.filter(filter).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.marketplaceId < b.marketplaceId ? -1 : 1));
}

function flat(head: string[], rows: string[]): Contents | undefined {
  return rows.length === 0 ? undefined : { format: 'flat', head: head.join('\t') + '\n', rows, tail: '' };
}

const openListings: Builder = (source) =>
  flat(
    ['sku', 'asin', 'price', 'quantity'],
    listingsOf(source, () => true).map((l) => tsv([l.sku, l.asin, l.price, l.quantity])),
  );

const MERCHANT_LISTINGS_HEAD = [
  'item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'image-url', 'item-is-marketplace',
  'product-id-type', 'zshop-shipping-fee', 'item-note', 'item-condition', 'zshop-category1', 'zshop-browse-path', 'zshop-storefront-feature',
  'asin1', 'asin2', 'asin3', 'will-ship-internationally', 'expedited-shipping', 'zshop-boldface', 'product-id', 'bid-for-featured-placement',
  'add-delete', 'pending-quantity', 'fulfillment-channel',
];

/** item-condition codes of the listings reports (11 = New). */
const CONDITION_CODES: Record<string, number> = { New: 11, UsedLikeNew: 1, UsedVeryGood: 2, UsedGood: 3, UsedAcceptable: 4, Refurbished: 10 };

const merchantListings: Builder = (source) =>
  flat(
    MERCHANT_LISTINGS_HEAD,
    listingsOf(source, () => true).map((l) =>
      tsv([
        l.title, '', derivedId('', `${l.sellerId}/${l.marketplaceId}/${l.sku}`, 10), l.sku, l.price, l.fulfillmentChannel === 'AFN' ? '' : l.quantity, l.openDate, '', 'y',
        1, '', '', CONDITION_CODES[l.condition] ?? l.condition, '', '', '', l.asin, '', '', '', '', '', l.asin, '', '', 0,
        l.fulfillmentChannel === 'AFN' ? 'AMAZON_NA' : 'DEFAULT',
      ]),
    ),
  );

const afnInventory: Builder = (source) =>
  flat(
    ['seller-sku', 'fulfillment-channel-sku', 'asin', 'condition-type', 'Warehouse-Condition-code', 'Quantity Available'],
    listingsOf(source, (l) => l.fulfillmentChannel === 'AFN').map((l) => tsv([l.sku, derivedId('X00', `${l.sellerId}/${l.sku}`, 7), l.asin, 'NewItem', 'SELLABLE', l.quantity])),
  );

function ordersOf(source: RowSource, dateOf: (order: SandboxOrder) => string): SandboxOrder[] {
  const selected: SandboxOrder[] = [];
  for (const order of source.orders.list(source.sellerId)) {
    const at = Date.parse(dateOf(order));
    if (source.marketplaceIds.includes(order.marketplaceId) && at >= source.startDate && at <= source.endDate) selected.push(order);
  }
  return selected.sort((a, b) => Date.parse(dateOf(a)) - Date.parse(dateOf(b)) || (a.amazonOrderId < b.amazonOrderId ? -1 : 1));
}

const ALL_ORDERS_HEAD = [
  'amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel',
  'order-channel', 'url', 'ship-service-level', 'product-name', 'sku', 'asin', 'item-status', 'quantity', 'currency', 'item-price', 'item-tax',
  'shipping-price', 'shipping-tax', 'gift-wrap-price', 'gift-wrap-tax', 'item-promotion-discount', 'ship-promotion-discount', 'ship-city',
  'ship-state', 'ship-postal-code', 'ship-country', 'promotion-ids',
];

function allOrdersFlat(dateOf: (order: SandboxOrder) => string): Builder {
  return (source) =>
    flat(
      ALL_ORDERS_HEAD,
      ordersOf(source, dateOf).flatMap((o) =>
        o.items.map((item) =>
          tsv([
            o.amazonOrderId, '', o.purchaseDate, o.lastUpdateDate, o.orderStatus, o.fulfillmentChannel === 'AFN' ? 'Amazon' : 'Merchant', o.salesChannel,
            '', '', 'Standard', item.title, item.sku, item.asin, o.orderStatus === 'Shipped' ? 'Shipped' : 'Unshipped', item.quantityOrdered, item.currency,
            item.itemPrice, '', '', '', '', '', '', '', o.shippingAddress.city, o.shippingAddress.stateOrRegion, o.shippingAddress.postalCode,
            o.shippingAddress.countryCode, '',
          ]),
        ),
      ),
    );
}

function allOrdersXml(dateOf: (order: SandboxOrder) => string): Builder {
  return (source) => {
    const orders = ordersOf(source, dateOf);
    if (orders.length === 0) return undefined;
    const rows = orders.map((o, index) =>
      element('Message', [
        text('MessageID', index + 1),
        element('Order', [
          text('AmazonOrderID', o.amazonOrderId),
          text('PurchaseDate', o.purchaseDate),
          text('LastUpdatedDate', o.lastUpdateDate),
          text('OrderStatus', o.orderStatus),
          text('SalesChannel', o.salesChannel),
          element('FulfillmentData', [
            text('FulfillmentChannel', o.fulfillmentChannel === 'AFN' ? 'Amazon' : 'Merchant'),
            text('ShipServiceLevel', 'Standard'),
            element('Address', [text('City', o.shippingAddress.city), optText('State', o.shippingAddress.stateOrRegion), text('PostalCode', o.shippingAddress.postalCode), text('Country', o.shippingAddress.countryCode)]),
          ]),
          ...o.items.map((item) =>
            element('OrderItem', [
              text('ASIN', item.asin),
              text('SKU', item.sku),
              text('ItemStatus', o.orderStatus === 'Shipped' ? 'Shipped' : 'Unshipped'),
              text('ProductName', item.title),
              text('Quantity', item.quantityOrdered),
              element('ItemPrice', element('Component', [text('Type', 'Principal'), text('Amount', item.itemPrice, { currency: item.currency })])),
            ]),
          ),
        ]),
      ]),
    );
    return {
      format: 'xml',
      head: '<?xml version="1.0" encoding="UTF-8"?>\n<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd"><Header><DocumentVersion>1.01</DocumentVersion></Header><MessageType>AllOrdersReport</MessageType>\n',
      rows,
      tail: '</AmazonEnvelope>\n',
    };
  };
}

const ORDERS_HEAD = [
  'order-id', 'order-item-id', 'purchase-date', 'payments-date', 'buyer-email', 'buyer-name', 'buyer-phone-number', 'sku', 'product-name',
  'quantity-purchased', 'currency', 'item-price', 'item-tax', 'shipping-price', 'shipping-tax', 'ship-service-level', 'recipient-name',
  'ship-address-1', 'ship-address-2', 'ship-address-3', 'ship-city', 'ship-state', 'ship-postal-code', 'ship-country', 'ship-phone-number',
];

/** _GET_FLAT_FILE_ORDERS_DATA_: merchant-fulfilled orders placed in the window, one line per item. */
const flatOrders: Builder = (source) =>
  flat(
    ORDERS_HEAD,
    ordersOf(source, byOrderDate)
      .filter((o) => o.fulfillmentChannel === 'MFN' && o.orderStatus !== 'Pending' && o.orderStatus !== 'Canceled')
      .flatMap((o) =>
        o.items.map((item) =>
          tsv([
            o.amazonOrderId, item.orderItemId, o.purchaseDate, o.purchaseDate, o.buyerEmail, o.buyerName, '', item.sku, item.title, item.quantityOrdered,
            item.currency, item.itemPrice, '', '', '', 'Standard', o.shippingAddress.name, o.shippingAddress.addressLine1, '', '', o.shippingAddress.city,
            o.shippingAddress.stateOrRegion, o.shippingAddress.postalCode, o.shippingAddress.countryCode, '',
          ]),
        ),
      ),
  );

const ACTIONABLE_HEAD = [
  'order-id', 'order-item-id', 'purchase-date', 'payments-date', 'reporting-date', 'promise-date', 'days-past-promise', 'buyer-email', 'buyer-name',
  'buyer-phone-number', 'sku', 'product-name', 'quantity-purchased', 'quantity-shipped', 'quantity-to-ship', 'ship-service-level', 'recipient-name',
  'ship-address-1', 'ship-address-2', 'ship-address-3', 'ship-city', 'ship-state', 'ship-postal-code', 'ship-country',
];

/** _GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_: merchant-fulfilled items still to ship (dates are ignored, as MWS did). */
const actionableOrders: Builder = (source) =>
  flat(
    ACTIONABLE_HEAD,
    ordersOf({ ...source, startDate: -Infinity, endDate: Infinity }, byOrderDate)
      .filter((o) => o.fulfillmentChannel === 'MFN' && (o.orderStatus === 'Unshipped' || o.orderStatus === 'PartiallyShipped'))
      .flatMap((o) =>
        o.items
          .filter((item) => item.quantityShipped < item.quantityOrdered)
          .map((item) =>
            tsv([
              o.amazonOrderId, item.orderItemId, o.purchaseDate, o.purchaseDate, o.lastUpdateDate, '', 0, o.buyerEmail, o.buyerName, '', item.sku,
              item.title, item.quantityOrdered, item.quantityShipped, item.quantityOrdered - item.quantityShipped, 'Standard', o.shippingAddress.name,
              o.shippingAddress.addressLine1, '', '', o.shippingAddress.city, o.shippingAddress.stateOrRegion, o.shippingAddress.postalCode,
              o.shippingAddress.countryCode,
            ]),
          ),
      ),
  );

function byOrderDate(o: SandboxOrder): string {
  return o.purchaseDate;
}
function byLastUpdate(o: SandboxOrder): string {
  return o.lastUpdateDate;
}

/** Report types whose bodies the sandbox generates from state; other requestable types finish _DONE_NO_DATA_. */
export const REPORT_BUILDERS: Record<string, Builder> = {
  _GET_FLAT_FILE_OPEN_LISTINGS_DATA_: openListings,
  _GET_MERCHANT_LISTINGS_DATA_: merchantListings,
  _GET_MERCHANT_LISTINGS_ALL_DATA_: merchantListings,
  _GET_AFN_INVENTORY_DATA_: afnInventory,
  _GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_: allOrdersFlat(byOrderDate),
  _GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_: allOrdersFlat(byLastUpdate),
  _GET_XML_ALL_ORDERS_DATA_BY_ORDER_DATE_: allOrdersXml(byOrderDate),
  _GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_: allOrdersXml(byLastUpdate),
  _GET_FLAT_FILE_ORDERS_DATA_: flatOrders,
  _GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_: actionableOrders,
};

/** Builds a report body (without deciding padding) or undefined when there is no data. */
export function buildReportContents(reportType: string, source: RowSource): Contents | undefined {
  return REPORT_BUILDERS[reportType]?.(source);
}

/** XML bodies are UTF-8 whatever the marketplace; flat files use the marketplace charset. */
export function bodyCharset(contents: Contents, flatCharset: Charset): Charset {
  return contents.format === 'xml' ? UTF8 : flatCharset;
}
