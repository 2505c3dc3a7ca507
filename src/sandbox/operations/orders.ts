/**
 * Orders (2013-09-01): ListOrders / ListOrdersByNextToken / GetOrder / ListOrderItems /
 * ListOrderItemsByNextToken over the seeded orders. Filters follow the MWS rules (exactly one of
 * CreatedAfter / LastUpdatedAfter; Unshipped and PartiallyShipped together; BuyerEmail/SellerOrderId exclude
 * other filters) and the result echoes the upper bound actually used (CreatedBefore or LastUpdatedBefore).
 */
import { issueNextToken } from '../nexttoken';
import type { SandboxState } from '../state';
import type { OrderFilter, OrderItemRecord, OrderRecord } from '../state';
import { ORDER_ITEMS_PAGE_SIZE } from '../state/orders';
import type { OperationHandler, SandboxRequest } from '../types';
import { checkMarketplace, dateParam, element, intParam, invalid, listParam, money, optText, readCursor, requireParam, result, text } from './wire';

/** MWS refused bounds later than two minutes before the request. */
const LATEST_BOUND_LAG_MS = 2 * 60 * 1000;
const MAX_GET_ORDER_IDS = 50;

interface ListOrdersCursor {
  op: 'ListOrders';
  seller: string;
  filter: OrderFilter;
  echo: 'CreatedBefore' | 'LastUpdatedBefore';
  paymentMethods: string[];
  next: number;
  pageSize: number;
}

interface OrderItemsCursor {
  op: 'ListOrderItems';
  seller: string;
  order: string;
  next: number;
}

export function orderHandlers(state: SandboxState): Record<string, OperationHandler> {
  const listOrdersPage = (operation: string, cursor: ListOrdersCursor, now: number) => {
    const accept = cursor.paymentMethods.length > 0
      ? (i: number) => cursor.paymentMethods.includes(state.orders.byIndex(cursor.seller, i)?.paymentMethod ?? '')
      : undefined;
    const page = state.orders.find(cursor.seller, cursor.filter, cursor.next, cursor.pageSize, now, accept);
    const orders = page.indexes.map((i) => state.orders.byIndex(cursor.seller, i)).filter((o): o is OrderRecord => o !== undefined);
    const nextToken = page.more ? issueNextToken({ ...cursor, next: page.indexes[page.indexes.length - 1] + 1 }, now) : undefined;
    const bound = cursor.echo === 'CreatedBefore' ? cursor.filter.createdBefore : cursor.filter.lastUpdatedBefore;
    return result(operation, [
      optText('NextToken', nextToken),
      text(cursor.echo, new Date(bound ?? now).toISOString()),
      element('Orders', orders.map(renderOrder)),
    ]);
  };

  const orderItemsPage = (operation: string, cursor: OrderItemsCursor, now: number) => {
    const order = state.orders.get(cursor.seller, cursor.order);
    if (!order) throw invalid(`AmazonOrderId ${cursor.order} is not an order of seller ${cursor.seller}`);
    const items = order.items.slice(cursor.next, cursor.next + ORDER_ITEMS_PAGE_SIZE);
    const more = cursor.next + ORDER_ITEMS_PAGE_SIZE < order.items.length;
    return result(operation, [
      optText('NextToken', more ? issueNextToken({ ...cursor, next: cursor.next + ORDER_ITEMS_PAGE_SIZE }, now) : undefined),
      text('AmazonOrderId', order.amazonOrderId),
      element('OrderItems', items.map(renderOrderItem)),
    ]);
  };

  return {
    'Orders.ListOrders': (req) => listOrdersPage('ListOrders', listOrdersCursor(req, state.sellerMarketplaces(req.sellerId)), req.now),
    'Orders.ListOrdersByNextToken': (req) => listOrdersPage('ListOrdersByNextToken', readCursor<ListOrdersCursor>(req, 'ListOrders'), req.now),
    'Orders.GetOrder': (req) => {
      const ids = listParam(req.params, 'AmazonOrderId.Id');
      if (ids.length === 0) throw invalid('AmazonOrderId.Id.1 is required');
      if (ids.length > MAX_GET_ORDER_IDS) throw invalid(`AmazonOrderId accepts at most ${MAX_GET_ORDER_IDS} ids, got ${ids.length}`);
      // Ids that are not this seller's orders are left out rather than failing the whole call.
      const orders = ids.map((id) => state.orders.get(req.sellerId, id)).filter((o): o is OrderRecord => o !== undefined);
      return result('GetOrder', element('Orders', orders.map(renderOrder)));
    },
    'Orders.ListOrderItems': (req) => {
      const amazonOrderId = requireParam(req.params, 'AmazonOrderId');
      return orderItemsPage('ListOrderItems', { op: 'ListOrderItems', seller: req.sellerId, order: amazonOrderId, next: 0 }, req.now);
    },
    'Orders.ListOrderItemsByNextToken': (req) => orderItemsPage('ListOrderItemsByNextToken', readCursor<OrderItemsCursor>(req, 'ListOrderItems'), req.now),
  };
}

function listOrdersCursor(req: SandboxRequest, sellerMarketplaces: string[]): ListOrdersCursor {
  const p = req.params;
  const marketplaceIds = listParam(p, 'MarketplaceId.Id');
  if (marketplaceIds.length === 0) throw invalid('MarketplaceId.Id.1 is required');
  for (const id of marketplaceIds) checkMarketplace(req, id, sellerMarketplaces, 'MarketplaceId.Id');
  const createdAfter = dateParam(p, 'CreatedAfter');
  const createdBefore = dateParam(p, 'CreatedBefore');
  const lastUpdatedAfter = dateParam(p, 'LastUpdatedAfter');
  const lastUpdatedBefore = dateParam(p, 'LastUpdatedBefore');
  if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
    throw invalid('Exactly one of CreatedAfter or LastUpdatedAfter must be specified');
  }
  const latest = req.now - LATEST_BOUND_LAG_MS;
  const statuses = listParam(p, 'OrderStatus.Status');
  if (statuses.includes('Unshipped') !== statuses.includes('PartiallyShipped')) {
    throw invalid('OrderStatus values Unshipped and PartiallyShipped must be used together');
  }
  const buyerEmail = p.BuyerEmail || undefined;
  const sellerOrderId = p.SellerOrderId || undefined;
  const channels = listParam(p, 'FulfillmentChannel.Channel');
  const paymentMethods = listParam(p, 'PaymentMethod.Method');
  if (listParam(p, 'TFMShipmentStatus.Status').length > 0) throw invalid('TFMShipmentStatus applies only to the China marketplace, which the sandbox does not serve');
  if (listParam(p, 'EasyShipShipmentStatus.Status').length > 0 && !marketplaceIds.every((id) => id === 'A21TJRUUN4KGV')) {
    throw invalid('EasyShipShipmentStatus applies only to the India marketplace (A21TJRUUN4KGV)');
  }
  if ((buyerEmail || sellerOrderId) && (statuses.length > 0 || channels.length > 0 || paymentMethods.length > 0 || lastUpdatedAfter !== undefined)) {
    throw invalid('BuyerEmail and SellerOrderId cannot be combined with OrderStatus, FulfillmentChannel, PaymentMethod or LastUpdatedAfter/LastUpdatedBefore');
  }
  const filter: OrderFilter = { marketplaceIds, statuses, channels, buyerEmail, sellerOrderId };
  let echo: ListOrdersCursor['echo'];
  if (createdAfter !== undefined) {
    if (lastUpdatedBefore !== undefined) throw invalid('LastUpdatedBefore cannot be used with CreatedAfter');
    const before = createdBefore ?? latest;
    checkRange('CreatedAfter', createdAfter, 'CreatedBefore', before, latest);
    Object.assign(filter, { createdAfter, createdBefore: before });
    echo = 'CreatedBefore';
  } else {
    if (createdBefore !== undefined) throw invalid('CreatedBefore cannot be used with LastUpdatedAfter');
    const after = lastUpdatedAfter as number;
    const before = lastUpdatedBefore ?? latest;
    checkRange('LastUpdatedAfter', after, 'LastUpdatedBefore', before, latest);
    Object.assign(filter, { lastUpdatedAfter: after, lastUpdatedBefore: before });
    echo = 'LastUpdatedBefore';
  }
  return { op: 'ListOrders', seller: req.sellerId, filter, echo, paymentMethods, next: 0, pageSize: intParam(p, 'MaxResultsPerPage', 100, 1, 100) };
}

function checkRange(afterName: string, after: number, beforeName: string, before: number, latest: number): void {
  if (after > latest) throw invalid(`${afterName} must be no later than two minutes before the request time`);
  if (before > latest) throw invalid(`${beforeName} must be no later than two minutes before the request time`);
  if (before <= after) throw invalid(`${beforeName} must be later than ${afterName}`);
}

export function renderOrder(o: OrderRecord): string {
  const mfn = o.fulfillmentChannel === 'MFN';
  const pending = o.orderStatus === 'Pending';
  const a = o.shippingAddress;
  return element('Order', [
    text('AmazonOrderId', o.amazonOrderId),
    text('SellerOrderId', o.sellerOrderId),
    text('PurchaseDate', o.purchaseDate),
    text('LastUpdateDate', o.lastUpdateDate),
    text('OrderStatus', o.orderStatus),
    text('FulfillmentChannel', o.fulfillmentChannel),
    text('SalesChannel', o.salesChannel),
    text('ShipServiceLevel', o.shipServiceLevel),
    // MWS withheld the address until the order left Pending.
    pending
      ? ''
      : element('ShippingAddress', [
          text('Name', a.name), text('AddressLine1', a.addressLine1), text('City', a.city), optText('StateOrRegion', a.stateOrRegion),
          text('PostalCode', a.postalCode), text('CountryCode', a.countryCode), text('Phone', o.phone), text('AddressType', o.addressType),
        ]),
    mfn
      ? element('DefaultShipFromLocationAddress', [
          text('Name', 'Sandbox Seller Warehouse'), text('AddressLine1', a.addressLine1), text('AddressLine2', 'Dock 2'), text('City', a.city),
          optText('StateOrRegion', a.stateOrRegion), text('PostalCode', a.postalCode), text('CountryCode', a.countryCode), text('Phone', '555 555-5555'),
          text('isAddressSharingConfidential', false),
        ])
      : '',
    money('OrderTotal', o.orderTotal.currency, o.orderTotal.amount),
    text('NumberOfItemsShipped', o.numberOfItemsShipped),
    text('NumberOfItemsUnshipped', o.numberOfItemsUnshipped),
    o.paymentMethod === 'COD'
      ? element('PaymentExecutionDetail', element('PaymentExecutionDetailItem', [
          element('Payment', [text('CurrencyCode', o.orderTotal.currency), text('Amount', o.orderTotal.amount)]),
          text('PaymentMethod', 'COD'),
        ]))
      : '',
    text('PaymentMethod', o.paymentMethod),
    element('PaymentMethodDetails', o.paymentMethodDetails.map((d) => text('PaymentMethodDetail', d))),
    text('MarketplaceId', o.marketplaceId),
    text('BuyerEmail', o.buyerEmail),
    text('BuyerName', o.buyerName),
    o.isBusinessOrder
      ? element('BuyerTaxInfo', [
          text('CompanyLegalName', `${o.buyerName} GmbH`),
          text('TaxingRegion', a.countryCode),
          element('TaxClassifications', element('TaxClassification', [text('Name', 'VATNumber'), text('Value', `VAT${o.index}`)])),
        ])
      : '',
    text('ShipmentServiceLevelCategory', o.shipmentServiceLevelCategory),
    text('OrderType', o.orderType),
    text('EarliestShipDate', o.earliestShipDate),
    text('LatestShipDate', o.latestShipDate),
    mfn ? text('EarliestDeliveryDate', o.earliestDeliveryDate) : '',
    mfn ? text('LatestDeliveryDate', o.latestDeliveryDate) : '',
    text('IsBusinessOrder', o.isBusinessOrder),
    text('IsAccessPointOrder', false),
    optText('PurchaseOrderNumber', o.purchaseOrderNumber),
    text('IsPrime', o.isPrime),
    text('IsPremiumOrder', o.isPremiumOrder),
    text('IsGlobalExpressEnabled', false),
    optText('PromiseResponseDueDate', o.promiseResponseDueDate),
    o.promiseResponseDueDate ? text('IsEstimatedShipDateSet', true) : '',
  ]);
}

function renderOrderItem(item: OrderItemRecord): string {
  const c = item.currency;
  return element('OrderItem', [
    text('ASIN', item.asin),
    text('OrderItemId', item.orderItemId),
    text('SellerSKU', item.sku),
    item.customizedUrl ? element('BuyerCustomizedInfo', text('CustomizedURL', item.customizedUrl)) : '',
    text('Title', item.title),
    text('QuantityOrdered', item.quantityOrdered),
    text('QuantityShipped', item.quantityShipped),
    item.pointsNumber !== undefined
      ? element('PointsGranted', [text('PointsNumber', item.pointsNumber), money('PointsMonetaryValue', c, `${item.pointsNumber}.00`)])
      : '',
    element('ProductInfo', text('NumberOfItems', 1)),
    money('ItemPrice', c, item.itemPrice),
    money('ShippingPrice', c, item.shippingPrice),
    item.giftWrapPrice ? money('GiftWrapPrice', c, item.giftWrapPrice) : '',
    item.taxCollection ? element('TaxCollection', [text('Model', 'MarketplaceFacilitator'), text('ResponsibleParty', 'Amazon Services, Inc.')]) : '',
    money('ItemTax', c, item.itemTax),
    item.promotionIds.length > 0 ? element('PromotionIds', item.promotionIds.map((id) => text('PromotionId', id))) : '',
    item.codFee ? money('CODFee', c, item.codFee) : '',
    item.codFee ? money('CODFeeDiscount', c, '0.00') : '',
    text('IsGift', item.isGift),
    optText('GiftMessageText', item.giftMessageText),
    optText('GiftWrapLevel', item.giftWrapLevel),
    optText('ConditionNote', item.conditionNote),
    text('ConditionId', item.conditionId),
    text('ConditionSubtypeId', item.conditionId === 'New' ? 'New' : 'Mint'),
    item.scheduledDelivery ? text('ScheduledDeliveryStartDate', item.scheduledDelivery.start) : '',
    item.scheduledDelivery ? text('ScheduledDeliveryEndDate', item.scheduledDelivery.end) : '',
    item.businessPrice ? text('PriceDesignation', 'BusinessPrice') : '',
    text('IsTransparency', false),
  ]);
}
