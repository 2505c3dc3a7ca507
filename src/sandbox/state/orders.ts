/**
 * Orders, cheap at 100,000 per seller: the compact index (orderIndex.ts) holds what filters need; everything
 * else (buyer, address, items, money) is regenerated from (seed, seller, index) on demand (orderRecords.ts).
 * Purchase dates rise with the index over the 90 days before the sandbox clock's start (denser in the last
 * days), so CreatedAfter/Before become a binary search. Statuses move with sandbox time; changes made by feeds
 * or the control API live in a small overlay that wins over the timeline and is snapshotted.
 */
import type { FulfillmentChannel, Listing, OrderStore } from '../types';
import { marketplaceByCode } from './marketplaces';
import { SellerOrders } from './orderIndex';
import { materializeOrder, type OrderRecord, type OrderSource } from './orderRecords';

export { BIG_ORDER_EVERY, ORDER_HISTORY_MS, ORDER_ITEMS_PAGE_SIZE } from './orderIndex';
export type { OrderItemRecord, OrderRecord } from './orderRecords';

export interface OrderFilter {
  createdAfter?: number;
  createdBefore?: number;
  lastUpdatedAfter?: number;
  lastUpdatedBefore?: number;
  statuses?: string[];
  marketplaceIds?: string[];
  channels?: string[];
  buyerEmail?: string;
  sellerOrderId?: string;
}

export class SeededOrderStore implements OrderStore {
  private readonly sellers = new Map<string, SellerOrders>();
  /** Listings by seller, marketplace and channel; the set of SKUs never changes, only their quantity/price. */
  private readonly pools = new Map<string, Listing[]>();

  constructor(
    private readonly seed: number,
    sellers: Array<{ sellerId: string; marketplaceCodes: string[] }>,
    ordersPerSeller: number,
    private readonly listingsFor: (sellerId: string, marketplaceId: string) => Listing[],
    /** The listing's seeded price (orders keep the price they were bought at, whatever feeds change later). */
    private readonly seededPriceOf: (listing: Listing) => string,
    public epoch: number,
    private readonly now: () => number,
  ) {
    for (const s of sellers) {
      this.sellers.set(s.sellerId, new SellerOrders(seed, s.sellerId, s.marketplaceCodes.map(marketplaceByCode), ordersPerSeller));
    }
  }

  count(sellerId: string): number {
    return this.sellers.get(sellerId)?.count ?? 0;
  }

  *list(sellerId: string): Iterable<OrderRecord> {
    const seller = this.sellers.get(sellerId);
    if (!seller) return;
    const now = this.now();
    for (let i = 0; i < seller.count; i++) yield this.materialize(seller, i, now);
  }

  get(sellerId: string, amazonOrderId: string): OrderRecord | undefined {
    const seller = this.sellers.get(sellerId);
    const i = seller?.indexOfOrderId(amazonOrderId);
    return seller && i !== undefined ? this.materialize(seller, i, this.now()) : undefined;
  }

  byIndex(sellerId: string, index: number): OrderRecord | undefined {
    const seller = this.sellers.get(sellerId);
    return seller && index >= 0 && index < seller.count ? this.materialize(seller, index, this.now()) : undefined;
  }

  /** Status and last update of the order at `index` at `now` (cheap: no materialisation). */
  statusOf(sellerId: string, index: number, now: number): { status: string; lastUpdate: number } | undefined {
    const seller = this.sellers.get(sellerId);
    return seller && index >= 0 && index < seller.count ? seller.statusAt(index, this.epoch, now) : undefined;
  }

  setStatus(sellerId: string, amazonOrderId: string, status: string, now: number): boolean {
    const seller = this.sellers.get(sellerId);
    const i = seller?.indexOfOrderId(amazonOrderId);
    if (!seller || i === undefined) return false;
    seller.overlay.set(i, { status, lastUpdate: now });
    return true;
  }

  /**
   * Moves up to `count` orders one step forward (Pending → Unshipped → Shipped), newest first, starting
   * with the first seller; returns how many changed.
   */
  mutate(count: number, now: number): number {
    let changed = 0;
    for (const seller of this.sellers.values()) {
      for (let i = seller.count - 1; i >= 0 && changed < count; i--) {
        const { status } = seller.statusAt(i, this.epoch, now);
        const next = status === 'Pending' ? 'Unshipped' : status === 'Unshipped' || status === 'PartiallyShipped' ? 'Shipped' : undefined;
        if (!next) continue;
        seller.overlay.set(i, { status: next, lastUpdate: now });
        changed++;
      }
    }
    return changed;
  }

  /**
   * Indexes of the orders matching `filter`, in purchase order, starting at `from`; stops after `limit`
   * matches and reports whether any further match exists.
   */
  find(
    sellerId: string,
    filter: OrderFilter,
    from: number,
    limit: number,
    now: number,
    accept?: (index: number) => boolean,
  ): { indexes: number[]; more: boolean } {
    const seller = this.sellers.get(sellerId);
    if (!seller) return { indexes: [], more: false };
    let start = from;
    let end = seller.count;
    if (filter.createdAfter !== undefined) start = Math.max(start, this.firstPurchasedAtOrAfter(seller, filter.createdAfter));
    if (filter.createdBefore !== undefined) end = Math.min(end, this.firstPurchasedAtOrAfter(seller, filter.createdBefore));
    if (filter.buyerEmail !== undefined || filter.sellerOrderId !== undefined) {
      const i = filter.buyerEmail !== undefined ? seller.indexOfBuyerEmail(filter.buyerEmail) : seller.indexOfSellerOrderId(filter.sellerOrderId ?? '');
      const other = filter.buyerEmail !== undefined && filter.sellerOrderId !== undefined ? seller.indexOfSellerOrderId(filter.sellerOrderId) : i;
      if (i === undefined || other !== i || i < start || i >= end) return { indexes: [], more: false };
      start = i;
      end = i + 1;
    }
    const marketplaceSet = filter.marketplaceIds ? new Set(filter.marketplaceIds) : undefined;
    const statusSet = filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
    const channelSet = filter.channels && filter.channels.length > 0 ? new Set(filter.channels) : undefined;
    const indexes: number[] = [];
    for (let i = start; i < end; i++) {
      if (marketplaceSet && !marketplaceSet.has(seller.marketplaceOf(i).marketplaceId)) continue;
      if (channelSet && !channelSet.has(seller.channelOf(i))) continue;
      if (statusSet || filter.lastUpdatedAfter !== undefined || filter.lastUpdatedBefore !== undefined) {
        const { status, lastUpdate } = seller.statusAt(i, this.epoch, now);
        if (statusSet && !statusSet.has(status)) continue;
        if (filter.lastUpdatedAfter !== undefined && lastUpdate < filter.lastUpdatedAfter) continue;
        if (filter.lastUpdatedBefore !== undefined && lastUpdate >= filter.lastUpdatedBefore) continue;
      }
      if (accept && !accept(i)) continue;
      if (indexes.length === limit) return { indexes, more: true };
      indexes.push(i);
    }
    return { indexes, more: false };
  }

  snapshot(): Record<string, Array<[number, string, number]>> {
    const out: Record<string, Array<[number, string, number]>> = {};
    for (const [sellerId, seller] of this.sellers) out[sellerId] = [...seller.overlay.entries()].map(([i, e]) => [i, e.status, e.lastUpdate]);
    return out;
  }

  restore(data: Record<string, Array<[number, string, number]>>): void {
    for (const seller of this.sellers.values()) seller.overlay.clear();
    for (const [sellerId, entries] of Object.entries(data)) {
      const seller = this.sellers.get(sellerId);
      if (!seller) continue;
      for (const [i, status, lastUpdate] of entries) if (i >= 0 && i < seller.count) seller.overlay.set(i, { status, lastUpdate });
    }
  }

  private poolFor(sellerId: string, marketplaceId: string, channel: FulfillmentChannel): Listing[] {
    const k = `${sellerId}|${marketplaceId}|${channel}`;
    let pool = this.pools.get(k);
    if (!pool) {
      const listings = this.listingsFor(sellerId, marketplaceId);
      const preferred = listings.filter((l) => l.fulfillmentChannel === channel);
      pool = preferred.length > 0 ? preferred : listings;
      this.pools.set(k, pool);
    }
    return pool;
  }

  private firstPurchasedAtOrAfter(seller: SellerOrders, instant: number): number {
    const offset = instant - this.epoch;
    let lo = 0;
    let hi = seller.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seller.purchaseOffset[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private materialize(seller: SellerOrders, i: number, now: number): OrderRecord {
    const source: OrderSource = {
      seed: this.seed,
      epoch: this.epoch,
      poolFor: (marketplaceId, channel) => this.poolFor(seller.sellerId, marketplaceId, channel),
      seededPriceOf: this.seededPriceOf,
    };
    return materializeOrder(source, seller, i, now);
  }
}
