/**
 * The sandbox's seeded, deterministic world: sellers and their marketplaces, products, listings, orders and
 * the records of the creating/changing sections. Same seed, same world; time-dependent facts (order status,
 * fulfillment progress) are computed from the sandbox clock, so they move with `timeScale` and `advance`.
 * `snapshot()`/`restore()` carry everything mutable (for `stateDir`); a reset is a fresh `createSandboxState`.
 */
import { SandboxError, type ListingStore, type SandboxClock, type SandboxCredentials } from '../types';
import { seedExampleEntities } from './examples';
import { SeededListingStore } from './listings';
import { marketplaceByCode, marketplaceCodesForSeller } from './marketplaces';
import { SeededOrderStore } from './orders';
import { ProductCatalog } from './products';
import { seedRecords, type SectionRecords } from './records';

export interface SandboxStateOptions {
  seed: number;
  /** Orders per seller (up to 100,000; generated lazily). */
  orders: number;
  credentials: SandboxCredentials[];
  clock: SandboxClock;
}

export interface SandboxState {
  readonly seed: number;
  /** Sandbox instant the world was generated around: order history spans the 90 days before it. */
  readonly epoch: number;
  readonly credentials: SandboxCredentials[];
  readonly catalog: ProductCatalog;
  readonly listings: ListingStore & SeededListingStore;
  readonly orders: SeededOrderStore;
  readonly records: SectionRecords;
  /** Seller ids in credential order (first = default seller). */
  sellerIds(): string[];
  /** Marketplace ids the seller participates in; empty for an unknown seller. */
  sellerMarketplaces(sellerId: string): string[];
  /** Moves `count` orders one status step forward at `now` (control API); returns how many changed. */
  mutateOrders(count: number, now: number): number;
  /** A fresh id for things the sandbox mints (`prefix` + zero-padded sequence). */
  nextId(prefix: string): string;
  snapshot(): unknown;
  restore(data: unknown): void;
}

const SNAPSHOT_VERSION = 1;
export const MAX_ORDERS_PER_SELLER = 100_000;

interface StateSnapshot {
  version: number;
  seed: number;
  epoch: number;
  orders: ReturnType<SeededOrderStore['snapshot']>;
  listings: ReturnType<SeededListingStore['snapshot']>;
  records: SectionRecords;
}

export function createSandboxState(options: SandboxStateOptions): SandboxState {
  const { seed, clock } = options;
  if (!Number.isInteger(options.orders) || options.orders < 0 || options.orders > MAX_ORDERS_PER_SELLER) {
    throw new SandboxError(400, 'InvalidParameterValue', `orders must be an integer from 0 to ${MAX_ORDERS_PER_SELLER}, got ${options.orders}`);
  }
  const sellerIds = [...new Set(options.credentials.map((c) => c.sellerId))];
  const sellers = sellerIds.map((sellerId) => ({ sellerId, marketplaceCodes: marketplaceCodesForSeller(sellerId) }));
  const marketplacesBySeller = new Map(sellers.map((s) => [s.sellerId, s.marketplaceCodes.map((c) => marketplaceByCode(c).marketplaceId)]));
  let epoch = clock.now();
  const catalog = new ProductCatalog(seed);
  const listings = new SeededListingStore(seed, catalog, sellers, epoch);
  const listingsFor = (sellerId: string, marketplaceId: string) => listings.list(sellerId, marketplaceId);
  const orders = new SeededOrderStore(seed, sellers, options.orders, listingsFor, (l) => listings.seededPrice(l), epoch, () => clock.now());
  let records = seedRecords(seed, sellers, listingsFor, epoch);
  seedExampleEntities(records, orders, sellers, epoch);

  const state: SandboxState = {
    seed,
    get epoch() {
      return epoch;
    },
    credentials: options.credentials,
    catalog,
    listings,
    orders,
    get records() {
      return records;
    },
    sellerIds: () => sellerIds.slice(),
    sellerMarketplaces: (sellerId) => (marketplacesBySeller.get(sellerId) ?? []).slice(),
    mutateOrders: (count, now) => orders.mutate(count, now),
    nextId: (prefix) => `${prefix}${String(records.sequence++).padStart(6, '0')}`,
    snapshot: (): StateSnapshot => ({
      version: SNAPSHOT_VERSION,
      seed,
      epoch,
      orders: orders.snapshot(),
      listings: listings.snapshot(),
      records: JSON.parse(JSON.stringify(records)) as SectionRecords,
    }),
    restore: (data) => {
      const snap = data as Partial<StateSnapshot> | null;
      if (!snap || typeof snap !== 'object' || snap.version !== SNAPSHOT_VERSION) {
        throw new SandboxError(500, 'InternalError', `Saved sandbox state has an unknown format (expected version ${SNAPSHOT_VERSION})`, 'Receiver');
      }
      if (snap.seed !== seed) {
        throw new SandboxError(500, 'InternalError', `Saved sandbox state was generated with seed ${snap.seed}, this sandbox uses seed ${seed}`, 'Receiver');
      }
      // The order history is anchored to the saved epoch so restored ids, dates and statuses stay the same.
      epoch = snap.epoch ?? epoch;
      orders.epoch = epoch;
      orders.restore(snap.orders ?? {});
      listings.restore(snap.listings ?? []);
      if (snap.records) records = JSON.parse(JSON.stringify(snap.records)) as SectionRecords;
    },
  };
  return state;
}

export { MARKETPLACES, marketplaceById, formatMoney } from './marketplaces';
export type { MarketplaceInfo } from './marketplaces';
export type { OrderRecord, OrderItemRecord, OrderFilter } from './orders';
