/**
 * Applies parsed feed records to the seller's listings and orders and collects per-record results for the
 * processing report. Result codes are the sandbox's, modelled on MWS's numeric ResultMessageCode values.
 */
import type { ListingStore, OrderStore } from '../types';
import type { FeedRecord, ParsedFeed } from './feedParsing';

export const RESULT_CODES = {
  /** The SKU is not one of the seller's listings (in the feed's marketplaces). */
  unknownSku: 13013,
  /** A value is not what the field takes (quantity, price). */
  invalidValue: 5000,
  /** The order does not exist for this seller. */
  unknownOrder: 18028,
  /** The order's status does not allow the change (e.g. shipping a canceled order). */
  invalidOrderState: 25,
  /** The record or the whole document could not be read. */
  unreadable: 5001,
} as const;

export interface RecordResult {
  record: number;
  code: number;
  type: 'Error' | 'Warning';
  message: string;
  sku?: string;
  amazonOrderId?: string;
}

export interface FeedOutcome {
  format: 'xml' | 'flat';
  processed: number;
  successful: number;
  results: RecordResult[];
}

export interface ApplyContext {
  sellerId: string;
  /** The feed's MarketplaceIdList; empty means every marketplace of the seller. */
  marketplaceIds: string[];
  listings: ListingStore;
  orders: OrderStore;
  /** Sandbox time at which processing completed (orders get it as LastUpdateDate). */
  now: number;
}

const QUANTITY = /^\d{1,9}$/;
const PRICE = /^\d{1,9}(\.\d{1,4})?$/;

type Change = { quantity?: number; price?: string };

function updateListing(ctx: ApplyContext, sku: string, changes: Change): boolean {
  if (ctx.marketplaceIds.length === 0) return ctx.listings.update(ctx.sellerId, sku, changes);
  let updated = false;
  for (const marketplaceId of ctx.marketplaceIds) updated = ctx.listings.update(ctx.sellerId, sku, changes, marketplaceId) || updated;
  return updated;
}

function listingChange(record: number, sku: string, quantity: string | undefined, price: string | undefined, remove: boolean | undefined): Change | RecordResult {
  const changes: Change = {};
  if (remove) changes.quantity = 0;
  else if (quantity !== undefined) {
    if (!QUANTITY.test(quantity)) return { record, sku, code: RESULT_CODES.invalidValue, type: 'Error', message: `Invalid quantity "${quantity}": expected a whole number from 0 to 999999999.` };
    changes.quantity = Number(quantity);
  }
  if (price !== undefined && !remove) {
    if (!PRICE.test(price)) return { record, sku, code: RESULT_CODES.invalidValue, type: 'Error', message: `Invalid price "${price}": expected a decimal number such as 19.99.` };
    changes.price = price;
  }
  return changes;
}

function applyRecord(ctx: ApplyContext, item: FeedRecord): RecordResult | undefined {
  switch (item.kind) {
    case 'unmodelled':
      return undefined;
    case 'unreadable':
      return { record: item.record, sku: item.sku, code: RESULT_CODES.unreadable, type: 'Error', message: item.message };
    case 'inventory':
    case 'price':
    case 'priceAndQuantity': {
      const change =
        item.kind === 'inventory'
          ? listingChange(item.record, item.sku, item.quantity, undefined, item.remove)
          : item.kind === 'price'
            ? listingChange(item.record, item.sku, undefined, item.price, false)
            : listingChange(item.record, item.sku, item.quantity, item.price, item.remove);
      if ('code' in change) return change;
      if (!updateListing(ctx, item.sku, change)) {
        return { record: item.record, sku: item.sku, code: RESULT_CODES.unknownSku, type: 'Error', message: `The SKU "${item.sku}" does not match any of your listings.` };
      }
      return undefined;
    }
    case 'acknowledgement':
    case 'fulfillment': {
      const order = ctx.orders.get(ctx.sellerId, item.amazonOrderId);
      const amazonOrderId = item.amazonOrderId;
      if (!order) return { record: item.record, amazonOrderId, code: RESULT_CODES.unknownOrder, type: 'Error', message: `The order "${amazonOrderId}" was not found.` };
      if (item.kind === 'fulfillment' && item.quantity !== undefined && !QUANTITY.test(item.quantity)) {
        return { record: item.record, amazonOrderId, code: RESULT_CODES.invalidValue, type: 'Error', message: `Invalid quantity "${item.quantity}": expected a whole number.` };
      }
      const target = nextOrderStatus(order.orderStatus, item);
      if (target === undefined) {
        return { record: item.record, amazonOrderId, code: RESULT_CODES.invalidOrderState, type: 'Error', message: `The order "${amazonOrderId}" is ${order.orderStatus}; it cannot be changed by this feed.` };
      }
      if (target !== order.orderStatus) ctx.orders.setStatus(ctx.sellerId, amazonOrderId, target, ctx.now);
      return undefined;
    }
  }
}

/** The order status a record leads to, or undefined when the current status forbids it. */
function nextOrderStatus(current: string, item: Extract<FeedRecord, { kind: 'acknowledgement' | 'fulfillment' }>): string | undefined {
  if (item.kind === 'fulfillment') return current === 'Canceled' ? undefined : 'Shipped';
  if (item.statusCode === 'Failure') return current === 'Shipped' ? undefined : 'Canceled';
  if (item.statusCode !== 'Success') return undefined;
  if (current === 'Canceled') return undefined;
  return current === 'Pending' ? 'Unshipped' : current;
}

export function applyFeed(parsed: ParsedFeed, ctx: ApplyContext): FeedOutcome {
  if (parsed.fatal) {
    return { format: parsed.format, processed: 0, successful: 0, results: [{ record: 0, code: RESULT_CODES.unreadable, type: 'Error', message: parsed.fatal }] };
  }
  const results: RecordResult[] = [];
  for (const item of parsed.records) {
    const result = applyRecord(ctx, item);
    if (result) results.push(result);
  }
  const failed = new Set(results.filter((r) => r.type === 'Error').map((r) => r.record)).size;
  return { format: parsed.format, processed: parsed.records.length, successful: parsed.records.length - failed, results };
}
