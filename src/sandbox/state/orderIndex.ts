/**
 * The compact per-seller order index: typed arrays with what filters need (purchase time, status delays,
 * marketplace, channel, fate, item count), the seeded status timeline, the overlay of explicit status changes,
 * and the reversible id schemes (AmazonOrderId, BuyerEmail, SellerOrderId all encode the order's index).
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import type { FulfillmentChannel } from '../types';
import type { MarketplaceInfo } from './marketplaces';
import { Random, hashString } from './random';

export const ORDER_HISTORY_MS = 90 * 86_400_000;
/** Orders with many items (every BIG_ORDER_EVERY-th has 61–90) page their items at ORDER_ITEMS_PAGE_SIZE. */
export const BIG_ORDER_EVERY = 499;
export const ORDER_ITEMS_PAGE_SIZE = 30;
/** The seller's oldest order is the documented example order (EXAMPLE_IDS.amazonOrderId). */
export const EXAMPLE_ORDER_INDEX = 0;
/** The second oldest is the example FBA order (EXAMPLE_IDS.fbaOrderId), whose shipment ShipmentInvoicing shows. */
export const EXAMPLE_FBA_ORDER_INDEX = 1;
/** The third oldest is a shipped MFN order carrying the example Merchant Fulfillment label (state/examples.ts). */
export const EXAMPLE_LABELLED_ORDER_INDEX = 2;

const FATE_SHIP = 0;
const FATE_STAY_UNSHIPPED = 1;
const FATE_CANCEL = 2;

export interface OverlayEntry {
  status: string;
  lastUpdate: number;
}

export class SellerOrders {
  readonly purchaseOffset: Float64Array;
  readonly toUnshipped: Uint32Array;
  readonly toShipped: Uint32Array;
  readonly flags: Uint8Array;
  readonly itemCount: Uint8Array;
  readonly overlay = new Map<number, OverlayEntry>();
  readonly prefix: string;

  constructor(
    readonly seed: number,
    readonly sellerId: string,
    readonly marketplaces: MarketplaceInfo[],
    readonly count: number,
  ) {
    this.purchaseOffset = new Float64Array(count);
    this.toUnshipped = new Uint32Array(count);
    this.toShipped = new Uint32Array(count);
    this.flags = new Uint8Array(count);
    this.itemCount = new Uint8Array(count);
    this.prefix = String(100 + (hashString(`${seed}|${sellerId}`) % 900));
    for (let i = 0; i < count; i++) {
      const rnd = Random.for(seed, 'order-index', sellerId, i);
      // Denser towards the clock start ((1-u)² spacing), so even a small world has today's Pending orders.
      const u = (i + rnd.next()) / Math.max(1, count);
      this.purchaseOffset[i] = -Math.ceil(ORDER_HISTORY_MS * (1 - u) * (1 - u)) - 1000;
      const marketplace = rnd.int(0, marketplaces.length - 1);
      const afn = rnd.chance(0.35) ? 1 : 0;
      const roll = rnd.next();
      const fate = roll < 0.04 ? FATE_CANCEL : afn === 0 && roll < 0.3 ? FATE_STAY_UNSHIPPED : FATE_SHIP;
      const big = i % BIG_ORDER_EVERY === BIG_ORDER_EVERY - 1 ? 1 : 0;
      this.flags[i] = marketplace | (afn << 4) | (fate << 5) | (big << 7);
      this.toUnshipped[i] = rnd.int(5 * 60, 4 * 3600);
      this.toShipped[i] = afn ? rnd.int(6 * 3600, 2 * 86400) : rnd.int(4 * 3600, 4 * 86400);
      this.itemCount[i] = big ? rnd.int(61, 90) : rnd.chance(0.7) ? 1 : rnd.int(2, 4);
    }
    // The example orders, in the seller's first marketplace with one item each: MFN staying Unshipped (Merchant
    // Fulfillment, EasyShip), FBA Shipped (ShipmentInvoicing), MFN Shipped (a bought label).
    const examples: Array<[number, number]> = [
      [EXAMPLE_ORDER_INDEX, FATE_STAY_UNSHIPPED << 5],
      [EXAMPLE_FBA_ORDER_INDEX, (1 << 4) | (FATE_SHIP << 5)],
      [EXAMPLE_LABELLED_ORDER_INDEX, FATE_SHIP << 5],
    ];
    for (const [index, flags] of examples) {
      if (index >= count) continue;
      this.flags[index] = flags;
      this.itemCount[index] = 1;
    }
  }

  marketplaceOf(i: number): MarketplaceInfo {
    return this.marketplaces[this.flags[i] & 0x0f];
  }

  channelOf(i: number): FulfillmentChannel {
    return this.flags[i] & 0x10 ? 'AFN' : 'MFN';
  }

  /** Status and last update at `now`, from the overlay or the seeded timeline. */
  statusAt(i: number, epoch: number, now: number): OverlayEntry {
    const overridden = this.overlay.get(i);
    if (overridden) return overridden;
    const purchase = epoch + this.purchaseOffset[i];
    const unshippedAt = purchase + this.toUnshipped[i] * 1000;
    const fate = (this.flags[i] >> 5) & 0x03;
    if (now < unshippedAt) return { status: 'Pending', lastUpdate: purchase };
    if (fate === FATE_CANCEL) return { status: 'Canceled', lastUpdate: unshippedAt };
    if (fate === FATE_STAY_UNSHIPPED) return { status: 'Unshipped', lastUpdate: unshippedAt };
    const shippedAt = unshippedAt + this.toShipped[i] * 1000;
    if (now >= shippedAt) return { status: 'Shipped', lastUpdate: shippedAt };
    if (this.itemCount[i] > 1 && this.channelOf(i) === 'MFN') {
      const partialAt = unshippedAt + Math.floor(this.toShipped[i] / 2) * 1000;
      if (now >= partialAt) return { status: 'PartiallyShipped', lastUpdate: partialAt };
    }
    return { status: 'Unshipped', lastUpdate: unshippedAt };
  }

  orderId(i: number): string {
    if (i === EXAMPLE_ORDER_INDEX) return EXAMPLE_IDS.amazonOrderId;
    if (i === EXAMPLE_FBA_ORDER_INDEX) return EXAMPLE_IDS.fbaOrderId;
    const check = Random.for(this.seed, 'order-id', this.sellerId, i).digits(7);
    return `${this.prefix}-${String(i).padStart(7, '0')}-${check}`;
  }

  indexOfOrderId(amazonOrderId: string): number | undefined {
    const example = amazonOrderId === EXAMPLE_IDS.amazonOrderId ? EXAMPLE_ORDER_INDEX : amazonOrderId === EXAMPLE_IDS.fbaOrderId ? EXAMPLE_FBA_ORDER_INDEX : undefined;
    if (example !== undefined) return example < this.count ? example : undefined;
    const match = /^(\d{3})-(\d{7})-(\d{7})$/.exec(amazonOrderId);
    if (!match || match[1] !== this.prefix) return undefined;
    const i = Number(match[2]);
    return i < this.count && this.orderId(i) === amazonOrderId ? i : undefined;
  }

  buyerEmail(i: number): string {
    const local = i.toString(36).padStart(4, '0') + Random.for(this.seed, 'buyer-email', this.sellerId, i).chars(8, 'abcdefghijklmnopqrstuvwxyz0123456789');
    return `${local}@${this.marketplaceOf(i).buyerEmailDomain}`;
  }

  indexOfBuyerEmail(email: string): number | undefined {
    const i = parseInt(email.slice(0, 4), 36);
    return Number.isInteger(i) && i >= 0 && i < this.count && this.buyerEmail(i) === email ? i : undefined;
  }

  sellerOrderId(i: number): string {
    return `SO-${this.prefix}-${i}`;
  }

  indexOfSellerOrderId(id: string): number | undefined {
    const match = /^SO-(\d{3})-(\d+)$/.exec(id);
    if (!match || match[1] !== this.prefix) return undefined;
    const i = Number(match[2]);
    return i < this.count && this.sellerOrderId(i) === id ? i : undefined;
  }
}
