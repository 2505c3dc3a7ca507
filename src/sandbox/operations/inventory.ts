/**
 * FulfillmentInventory (2010-10-01): ListInventorySupply over the seller's AFN listings, by SKU list or
 * by QueryStartDateTime (listings whose supply changed since then), 50 per page like MWS.
 */
import { issueNextToken } from '../nexttoken';
import type { SandboxState } from '../state';
import { fnskuFor } from '../state/records';
import { Random } from '../state/random';
import type { Listing, OperationHandler, SandboxRequest } from '../types';
import { checkMarketplace, dateParam, element, invalid, isoSeconds, listParam, readCursor, result, text } from './wire';

export const INVENTORY_PAGE_SIZE = 50;
const MAX_SKUS = 50;

interface InventoryCursor {
  op: 'ListInventorySupply';
  seller: string;
  marketplaceId: string;
  since: number;
  detailed: boolean;
  next: number;
}

export function inventoryHandlers(state: SandboxState): Record<string, OperationHandler> {
  /** When a listing's supply last changed: seeded within the 30 days before the epoch. */
  const changedAt = (l: Listing) => state.epoch - Random.for(state.seed, 'supply-change', l.sellerId, l.marketplaceId, l.sku).int(0, 30 * 24) * 3_600_000;

  const render = (l: Listing | undefined, sku: string, detailed: boolean, now: number) => {
    if (!l) return element('member', [text('SellerSKU', sku), text('TotalSupplyQuantity', 0), text('InStockSupplyQuantity', 0)]);
    const inbound = l.quantity > 0 ? Math.floor(l.quantity / 5) : 0;
    const inStock = l.quantity - inbound;
    return element('member', [
      text('SellerSKU', l.sku),
      text('FNSKU', fnskuFor(l.asin)),
      text('ASIN', l.asin),
      text('Condition', l.condition === 'New' ? 'NewItem' : 'UsedLikeNew'),
      text('TotalSupplyQuantity', l.quantity),
      text('InStockSupplyQuantity', inStock),
      inStock > 0
        ? element('EarliestAvailability', text('TimepointType', 'Immediately'))
        : element('EarliestAvailability', [text('TimepointType', 'DateTime'), text('DateTime', isoSeconds(now + 7 * 86_400_000))]),
      detailed
        ? element('SupplyDetail', [
            inStock > 0 ? element('member', [text('Quantity', inStock), text('SupplyType', 'InStock'), element('EarliestAvailableToPick', text('TimepointType', 'Immediately')), element('LatestAvailableToPick', text('TimepointType', 'Immediately'))]) : '',
            inbound > 0 ? element('member', [text('Quantity', inbound), text('SupplyType', 'Inbound'), element('EarliestAvailableToPick', [text('TimepointType', 'DateTime'), text('DateTime', isoSeconds(now + 3 * 86_400_000))]), element('LatestAvailableToPick', [text('TimepointType', 'DateTime'), text('DateTime', isoSeconds(now + 9 * 86_400_000))])]) : '',
          ])
        : element('SupplyDetail', ''),
    ]);
  };

  const byDate = (operation: string, cursor: InventoryCursor, now: number) => {
    const matching = state.listings.list(cursor.seller, cursor.marketplaceId).filter((l) => l.fulfillmentChannel === 'AFN' && changedAt(l) >= cursor.since);
    const slice = matching.slice(cursor.next, cursor.next + INVENTORY_PAGE_SIZE);
    const more = cursor.next + INVENTORY_PAGE_SIZE < matching.length;
    return result(operation, [
      text('MarketplaceId', cursor.marketplaceId),
      element('InventorySupplyList', slice.map((l) => render(l, l.sku, cursor.detailed, now))),
      more ? text('NextToken', issueNextToken({ ...cursor, next: cursor.next + INVENTORY_PAGE_SIZE }, now)) : '',
    ]);
  };

  return {
    'FulfillmentInventory.ListInventorySupply': (req) => {
      const marketplaceId = marketplaceFor(req, state);
      const skus = listParam(req.params, 'SellerSkus.member');
      const since = dateParam(req.params, 'QueryStartDateTime');
      if ((skus.length > 0) === (since !== undefined)) throw invalid('Exactly one of SellerSkus or QueryStartDateTime must be specified');
      if (skus.length > MAX_SKUS) throw invalid(`SellerSkus accepts at most ${MAX_SKUS} SKUs, got ${skus.length}`);
      const detailed = (req.params.ResponseGroup ?? 'Basic') === 'Detailed';
      if (skus.length > 0) {
        return result('ListInventorySupply', [
          text('MarketplaceId', marketplaceId),
          element('InventorySupplyList', skus.map((sku) => {
            const l = state.listings.get(req.sellerId, sku, marketplaceId);
            return render(l && l.fulfillmentChannel === 'AFN' ? l : undefined, sku, detailed, req.now);
          })),
        ]);
      }
      return byDate('ListInventorySupply', { op: 'ListInventorySupply', seller: req.sellerId, marketplaceId, since: since as number, detailed, next: 0 }, req.now);
    },
    'FulfillmentInventory.ListInventorySupplyByNextToken': (req) => byDate('ListInventorySupplyByNextToken', readCursor<InventoryCursor>(req, 'ListInventorySupply'), req.now),
  };
}

/** MarketplaceId is optional in FBA sections: the seller's first marketplace stands in for it. */
export function marketplaceFor(req: SandboxRequest, state: SandboxState): string {
  const own = state.sellerMarketplaces(req.sellerId);
  const id = req.params.MarketplaceId || own[0];
  if (!id) throw invalid(`seller ${req.sellerId} participates in no marketplace`);
  checkMarketplace(req, id, own);
  return id;
}
