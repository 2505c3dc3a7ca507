/**
 * Recommendations (2013-04-01), derived from the seller's listings and the catalog: Inventory (low stock),
 * Pricing (priced above the lowest competitor), Fulfillment (MFN items that sell well), Selection (catalog
 * products the seller does not list), ListingQuality, GlobalSelling and Advertising. Pages of 20.
 */
import { issueNextToken } from '../nexttoken';
import { formatMoney, marketplaceById, type SandboxState } from '../state';
import { localPriceCents, type MarketplaceInfo } from '../state/marketplaces';
import { competitorPriceCents, ProductCatalog } from '../state/products';
import { Random } from '../state/random';
import type { Listing, OperationHandler } from '../types';
import { catalogResult, type XmlFields } from './render';
import { checkMarketplace, invalid, isoSeconds, readCursor, requireParam, structListParam } from './wire';

export const RECOMMENDATIONS_PAGE_SIZE = 20;
export const RECOMMENDATION_CATEGORIES = ['Inventory', 'Selection', 'Pricing', 'Fulfillment', 'ListingQuality', 'GlobalSelling', 'Advertising'] as const;
type Category = (typeof RECOMMENDATION_CATEGORIES)[number];

interface RecCursor { op: 'ListRecommendations'; seller: string; marketplaceId: string; categories: Category[]; next: number }

export function recommendationsHandlers(state: SandboxState): Record<string, OperationHandler> {
  const updated = (m: MarketplaceInfo, c: Category) => state.epoch - Random.for(state.seed, 'rec-updated', m.code, c).int(1, 48) * 3_600_000;

  const all = (sellerId: string, m: MarketplaceInfo, categories: Category[]): Array<[Category, XmlFields]> => {
    const listings = state.listings.list(sellerId, m.marketplaceId);
    const price = (cents: number) => ({ CurrencyCode: m.currency, Amount: formatMoney(cents) });
    const id = (c: Category, key: string) => `${c.toUpperCase()}-${Random.for(state.seed, 'rec', sellerId, m.code, c, key).chars(10)}`;
    const ident = (l: Listing) => ({ Asin: l.asin, Sku: l.sku });
    const out: Array<[Category, XmlFields]> = [];
    const listed = new Set(listings.map((l) => l.asin));
    for (const c of categories) {
      const last = isoSeconds(updated(m, c));
      if (c === 'Inventory') for (const l of listings.filter((x) => x.quantity <= 10)) out.push([c, { RecommendationId: id(c, l.sku), RecommendationReason: 'Restock: fewer than 11 units left', LastUpdated: last, ItemIdentifier: ident(l), ItemName: l.title, FulfillmentChannel: l.fulfillmentChannel === 'AFN' ? 'AFN' : 'MFN', AvailableQuantity: l.quantity, DaysUntilStockRunsOut: Math.max(0, l.quantity), DaysOutOfStockLast30Days: l.quantity === 0 ? 3 : 0 }]);
      if (c === 'Pricing' || c === 'Advertising' || c === 'Fulfillment' || c === 'ListingQuality') {
        for (const l of listings) {
          const p = state.catalog.get(l.asin);
          if (!p) continue;
          const low = competitorPriceCents(state.seed, p, m);
          const mine = Math.round(Number(l.price) * 100);
          if (c === 'Pricing' && mine > low) out.push([c, { RecommendationId: id(c, l.sku), RecommendationReason: 'Your price is above the lowest price', LastUpdated: last, ItemIdentifier: ident(l), ItemName: l.title, Condition: l.condition, SubCondition: l.condition, FulfillmentChannel: l.fulfillmentChannel, YourPricePlusShipping: price(mine), LowestPricePlusShipping: price(low), PriceDifferenceToLowPrice: price(mine - low), MedianPricePlusShipping: price(Math.round((mine + low) / 2)), NumberOfOffers: p.offerCount }]);
          if (c === 'Fulfillment' && l.fulfillmentChannel === 'MFN' && p.salesRank < 50_000) out.push([c, { RecommendationId: id(c, l.sku), RecommendationReason: 'Popular item: use Fulfillment by Amazon', LastUpdated: last, ItemIdentifier: ident(l), ItemName: l.title, BrandName: p.brand, ProductCategory: p.productGroup, SalesRank: p.salesRank, BuyboxPrice: price(low), NumberOfOffers: p.offerCount, NumberOfOffersFulfilledByAmazon: Math.floor(p.offerCount / 2) }]);
          if (c === 'Advertising' && p.salesRank < 20_000) out.push([c, { RecommendationId: id(c, l.sku), RecommendationReason: 'Sponsored Products could increase sales', LastUpdated: last, ItemIdentifier: ident(l), ItemName: l.title, BrandName: p.brand, ProductCategory: p.productGroup, SalesRank: p.salesRank, YourPricePlusShipping: price(mine), LowestPricePlusShipping: price(low), AvailableQuantity: l.quantity, SalesForTheLast30Days: Random.for(state.seed, 'sales30', l.sku).int(0, 80) }]);
          if (c === 'ListingQuality' && l.condition !== 'New') out.push([c, { QualitySet: 'Defect', DefectGroup: 'Missing Attributes', DefectAttribute: 'condition_note', ItemIdentifier: ident(l), ItemName: l.title, RecommendationId: id(c, l.sku), RecommendationReason: 'Add a condition note to used listings' }]);
        }
      }
      if (c === 'Selection' || c === 'GlobalSelling') {
        for (const p of state.catalog.products.filter((x) => !listed.has(x.asin) && x.salesRank < 60_000).slice(0, 25)) {
          const fields = { ItemIdentifier: { Asin: p.asin, Upc: p.upc }, ItemName: ProductCatalog.titleFor(p, m.languageCode), BrandName: p.brand, ProductCategory: p.productGroup, SalesRank: p.salesRank, BuyboxPrice: price(localPriceCents(p.baseUsdCents, m)), NumberOfOffers: p.offerCount };
          if (c === 'Selection') out.push([c, { LastUpdated: last, ...fields, RecommendationId: id(c, p.asin), RecommendationReason: 'Sells well on Amazon; you do not offer it yet' }]);
          else out.push([c, { RecommendationId: id(c, p.asin), RecommendationReason: 'Sells well in another marketplace', LastUpdated: last, ...fields, NumberOfOffersFulfilledByAmazon: Math.floor(p.offerCount / 2) }]);
        }
      }
    }
    return out;
  };

  const page = (operation: string, c: RecCursor, now: number) => {
    const m = marketplaceById(c.marketplaceId);
    if (!m) throw invalid(`MarketplaceId ${c.marketplaceId} is not served by the sandbox`);
    const recs = all(c.seller, m, c.categories);
    const slice = recs.slice(c.next, c.next + RECOMMENDATIONS_PAGE_SIZE);
    const more = c.next + RECOMMENDATIONS_PAGE_SIZE < recs.length;
    const of = (cat: Category) => {
      const items = slice.filter(([k]) => k === cat).map(([, v]) => v);
      return items.length > 0 ? items : undefined;
    };
    return catalogResult(`Recommendations.${operation}`, {
      InventoryRecommendations: of('Inventory'), SelectionRecommendations: of('Selection'), PricingRecommendations: of('Pricing'),
      FulfillmentRecommendations: of('Fulfillment'), ListingQualityRecommendations: of('ListingQuality'), GlobalSellingRecommendations: of('GlobalSelling'),
      AdvertisingRecommendations: of('Advertising'),
      NextToken: more ? issueNextToken({ ...c, next: c.next + RECOMMENDATIONS_PAGE_SIZE }, now) : undefined,
    });
  };

  return {
    'Recommendations.GetLastUpdatedTimeForRecommendations': (req) => {
      const marketplaceId = requireParam(req.params, 'MarketplaceId');
      checkMarketplace(req, marketplaceId, state.sellerMarketplaces(req.sellerId));
      const m = marketplaceById(marketplaceId) as MarketplaceInfo;
      return catalogResult('Recommendations.GetLastUpdatedTimeForRecommendations', {
        InventoryRecommendationsLastUpdated: isoSeconds(updated(m, 'Inventory')), SelectionRecommendationsLastUpdated: isoSeconds(updated(m, 'Selection')),
        FulfillmentRecommendationsLastUpdated: isoSeconds(updated(m, 'Fulfillment')), PricingRecommendationsLastUpdated: isoSeconds(updated(m, 'Pricing')),
        GlobalSellingRecommendationsLastUpdated: isoSeconds(updated(m, 'GlobalSelling')), AdvertisingRecommendationsLastUpdated: isoSeconds(updated(m, 'Advertising')),
      });
    },
    'Recommendations.ListRecommendations': (req) => {
      const marketplaceId = requireParam(req.params, 'MarketplaceId');
      checkMarketplace(req, marketplaceId, state.sellerMarketplaces(req.sellerId));
      const single = req.params.RecommendationCategory;
      const queried = structListParam(req.params, 'CategoryQueryList.CategoryQuery').map((q) => q.RecommendationCategory);
      const wanted = single ? [single] : queried.length > 0 ? queried : [...RECOMMENDATION_CATEGORIES];
      for (const c of wanted) if (!(RECOMMENDATION_CATEGORIES as readonly string[]).includes(c)) throw invalid(`RecommendationCategory must be one of ${RECOMMENDATION_CATEGORIES.join(', ')}, got "${c}"`);
      return page('ListRecommendations', { op: 'ListRecommendations', seller: req.sellerId, marketplaceId, categories: wanted as Category[], next: 0 }, req.now);
    },
    'Recommendations.ListRecommendationsByNextToken': (req) => page('ListRecommendationsByNextToken', readCursor<RecCursor>(req, 'ListRecommendations'), req.now),
  };
}
