/**
 * Seeded listings: the same SKU set for a seller in each of its marketplaces, priced in the local currency,
 * a third fulfilled by Amazon (AFN). Shared with the feed/report lifecycles through ListingStore; only
 * quantity and price change, and only changed listings go into snapshots.
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import type { Listing, ListingStore } from '../types';
import { formatMoney, localPriceCents, marketplaceByCode, type MarketplaceInfo } from './marketplaces';
import { EXAMPLE_PRODUCT_INDEX, ProductCatalog } from './products';
import { Random } from './random';

export const SKUS_PER_SELLER = 240;
/**
 * The listing that carries the documented example SellerSKU (EXAMPLE_IDS.sellerSku) in every marketplace of
 * every seller: fulfilled by Amazon (index % 3 === 0) and New, so the Products, FBA inventory, inbound and
 * outbound examples can all use it. Listing i lists product i, so it is the example ASIN's product's index.
 */
const EXAMPLE_LISTING_INDEX = EXAMPLE_PRODUCT_INDEX;

export function skuFor(index: number): string {
  if (index === EXAMPLE_LISTING_INDEX) return EXAMPLE_IDS.sellerSku;
  return `SBX-${String(index + 1).padStart(4, '0')}`;
}

type ListingChanges = Partial<Pick<Listing, 'quantity' | 'price'>>;

export class SeededListingStore implements ListingStore {
  private readonly bySeller = new Map<string, Listing[]>();
  private readonly byKey = new Map<string, Listing>();
  private readonly changed = new Map<string, ListingChanges>();
  private readonly seededPrices = new Map<string, string>();

  constructor(
    seed: number,
    catalog: ProductCatalog,
    sellers: Array<{ sellerId: string; marketplaceCodes: string[] }>,
    epoch: number,
  ) {
    for (const { sellerId, marketplaceCodes } of sellers) {
      const all: Listing[] = [];
      for (const code of marketplaceCodes) {
        const marketplace = marketplaceByCode(code);
        for (let i = 0; i < SKUS_PER_SELLER; i++) all.push(makeListing(seed, catalog, sellerId, marketplace, i, epoch));
      }
      this.bySeller.set(sellerId, all);
      for (const listing of all) {
        const k = key(sellerId, listing.marketplaceId, listing.sku);
        this.byKey.set(k, listing);
        this.seededPrices.set(k, listing.price);
      }
    }
  }

  list(sellerId: string, marketplaceId?: string): Listing[] {
    const all = this.bySeller.get(sellerId) ?? [];
    return marketplaceId ? all.filter((l) => l.marketplaceId === marketplaceId) : all.slice();
  }

  get(sellerId: string, sku: string, marketplaceId?: string): Listing | undefined {
    if (marketplaceId) return this.byKey.get(key(sellerId, marketplaceId, sku));
    return (this.bySeller.get(sellerId) ?? []).find((l) => l.sku === sku);
  }

  update(sellerId: string, sku: string, changes: ListingChanges, marketplaceId?: string): boolean {
    const targets = (this.bySeller.get(sellerId) ?? []).filter((l) => l.sku === sku && (!marketplaceId || l.marketplaceId === marketplaceId));
    for (const listing of targets) {
      if (changes.quantity !== undefined) listing.quantity = changes.quantity;
      if (changes.price !== undefined) listing.price = changes.price;
      const k = key(sellerId, listing.marketplaceId, sku);
      this.changed.set(k, { ...this.changed.get(k), ...changes });
    }
    return targets.length > 0;
  }

  /** The price the listing was seeded with. */
  seededPrice(listing: Listing): string {
    return this.seededPrices.get(key(listing.sellerId, listing.marketplaceId, listing.sku)) ?? listing.price;
  }

  snapshot(): Array<[string, ListingChanges]> {
    return [...this.changed.entries()];
  }

  restore(entries: Array<[string, ListingChanges]>): void {
    for (const [k, changes] of entries) {
      const listing = this.byKey.get(k);
      if (!listing) continue;
      this.update(listing.sellerId, listing.sku, changes, listing.marketplaceId);
    }
  }
}

function key(sellerId: string, marketplaceId: string, sku: string): string {
  return `${sellerId}|${marketplaceId}|${sku}`;
}

function makeListing(seed: number, catalog: ProductCatalog, sellerId: string, marketplace: MarketplaceInfo, index: number, epoch: number): Listing {
  const product = catalog.products[index % catalog.products.length];
  const rnd = Random.for(seed, 'listing', sellerId, marketplace.code, index);
  const openDaysAgo = rnd.int(30, 900);
  return {
    sellerId,
    marketplaceId: marketplace.marketplaceId,
    sku: skuFor(index),
    asin: product.asin,
    title: ProductCatalog.titleFor(product, marketplace.languageCode),
    price: formatMoney(localPriceCents(product.baseUsdCents, marketplace)),
    currency: marketplace.currency,
    quantity: rnd.chance(0.08) ? 0 : rnd.int(1, 500),
    fulfillmentChannel: index % 3 === 0 ? 'AFN' : 'MFN',
    condition: index % 17 === 5 ? 'Used' : 'New',
    openDate: new Date(epoch - openDaysAgo * 86_400_000).toISOString(),
  };
}
