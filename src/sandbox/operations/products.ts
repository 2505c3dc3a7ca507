/**
 * Products (2011-10-01) over the seeded catalog and the seller's listings. Batch operations answer one
 * `<{Op}Result status=… ASIN|SellerSKU|Id+IdType=…>` per requested item; an unknown item gets
 * status="ClientError" with an `<Error>`, as the published samples show. Competitors' offers are seeded per
 * product around the seller's own price.
 */
import { createHash } from 'node:crypto';
import { formatMoney, marketplaceById, type MarketplaceInfo, type SandboxState } from '../state';
import { localPriceCents } from '../state/marketplaces';
import { competitorPriceCents, ProductCatalog, type SandboxProduct } from '../state/products';
import type { Listing, OperationHandler, SandboxRequest } from '../types';
import { catalogResult } from './render';
import { checkMarketplace, element, invalid, isoSeconds, listParam, requireParam, structListParam, text } from './wire';

const NS2 = 'http://mws.amazonservices.com/schema/Products/2011-10-01/default.xsd';
const PRODUCTS_NS = 'http://mws.amazonservices.com/schema/Products/2011-10-01';
const MAX_MATCHING_RESULTS = 10;

type Resolved = { product: SandboxProduct; listing?: Listing } | { error: string };

export function productsHandlers(state: SandboxState): Record<string, OperationHandler> {
  const marketplaceOf = (req: SandboxRequest): MarketplaceInfo => {
    const id = requireParam(req.params, 'MarketplaceId');
    checkMarketplace(req, id, state.sellerMarketplaces(req.sellerId));
    const m = marketplaceById(id);
    if (!m) throw invalid(`MarketplaceId ${id} is not served by the sandbox`);
    return m;
  };
  const byAsin = (asin: string, m: MarketplaceInfo): Resolved => {
    const product = state.catalog.get(asin);
    return product ? { product } : { error: `${asin} is an invalid ASIN for marketplace ${m.marketplaceId}` };
  };
  const bySku = (req: SandboxRequest, sku: string, m: MarketplaceInfo): Resolved => {
    const listing = state.listings.get(req.sellerId, sku, m.marketplaceId);
    const product = listing && state.catalog.get(listing.asin);
    return product ? { product, listing } : { error: `${sku} is an invalid SellerSKU for marketplace ${m.marketplaceId}` };
  };
  const money = (name: string, m: MarketplaceInfo, cents: number) => element(name, [text('CurrencyCode', m.currency), text('Amount', formatMoney(cents))]);
  const priceOf = (p: SandboxProduct, m: MarketplaceInfo) => localPriceCents(p.baseUsdCents, m);
  const competitorCents = (p: SandboxProduct, m: MarketplaceInfo) => competitorPriceCents(state.seed, p, m);
  const shippingCents = (m: MarketplaceInfo) => (m.wholeUnits ? 0 : Math.round(399 * m.priceFactor));

  const identifiers = (p: SandboxProduct, m: MarketplaceInfo, req: SandboxRequest, listing?: Listing) =>
    element('Identifiers', [
      element('MarketplaceASIN', [text('MarketplaceId', m.marketplaceId), text('ASIN', p.asin)]),
      listing ? element('SKUIdentifier', [text('MarketplaceId', m.marketplaceId), text('SellerId', req.sellerId), text('SellerSKU', listing.sku)]) : '',
    ]);
  const attributes = (p: SandboxProduct, m: MarketplaceInfo) => {
    const dim = (name: string, d: SandboxProduct['dimensionsInches'], weight: string) => element(`ns2:${name}`, [
      text('ns2:Height', d.height, { Units: 'inches' }), text('ns2:Length', d.length, { Units: 'inches' }), text('ns2:Width', d.width, { Units: 'inches' }), text('ns2:Weight', weight, { Units: 'pounds' }),
    ]);
    const b = p.book;
    const language = m.languageCode.startsWith('de') ? 'german' : m.languageCode.startsWith('ja') ? 'japanese' : 'english';
    // Elements in the alphabetical order the service used; the book-only ones appear for books.
    return element('AttributeSets', element('ns2:ItemAttributes', [
      b ? text('ns2:Author', b.author) : '', text('ns2:Binding', p.binding), text('ns2:Brand', p.brand), b ? text('ns2:Creator', b.illustrator, { Role: 'Illustrator' }) : '',
      b ? text('ns2:Edition', b.edition) : '', text('ns2:Feature', `${p.titles.en} – sandbox test product`),
      dim('ItemDimensions', p.dimensionsInches, p.weightPounds), text('ns2:IsAutographed', false), text('ns2:IsEligibleForTradeIn', b !== undefined), text('ns2:IsMemorabilia', false),
      text('ns2:Label', p.brand),
      element('ns2:Languages', ['Unknown', 'Published'].map((type) => element('ns2:Language', [text('ns2:Name', language), text('ns2:Type', type)]))),
      element('ns2:ListPrice', [text('ns2:Amount', formatMoney(priceOf(p, m))), text('ns2:CurrencyCode', m.currency)]), text('ns2:Manufacturer', p.brand),
      text('ns2:NumberOfItems', 1), b ? text('ns2:NumberOfPages', b.pages) : '', dim('PackageDimensions', p.dimensionsInches, p.weightPounds), text('ns2:PackageQuantity', 1),
      text('ns2:PartNumber', p.ean), text('ns2:ProductGroup', p.productGroup),
      text('ns2:ProductTypeName', p.productGroup.toUpperCase().replace(/\W+/g, '_')), b ? text('ns2:PublicationDate', b.publicationDate) : '', text('ns2:Publisher', p.brand),
      b ? text('ns2:ReleaseDate', b.publicationDate) : '',
      element('ns2:SmallImage', [text('ns2:URL', `https://sandbox.invalid/images/${p.asin}._SL75_.jpg`), text('ns2:Height', 75, { Units: 'pixels' }), text('ns2:Width', 75, { Units: 'pixels' })]),
      text('ns2:Studio', p.brand), text('ns2:Title', ProductCatalog.titleFor(p, m.languageCode)),
    ], { 'xml:lang': m.languageCode.replace('_', '-') }));
  };
  const salesRankings = (p: SandboxProduct) => element('SalesRankings', [
    element('SalesRank', [text('ProductCategoryId', `${p.productGroup.toLowerCase().replace(/\W+/g, '_')}_display_on_website`), text('Rank', p.salesRank)]),
    element('SalesRank', [text('ProductCategoryId', p.categoryId), text('Rank', Math.max(1, Math.floor(p.salesRank / 40)))]),
  ]);
  const priceBlock = (name: string, m: MarketplaceInfo, listingCents: number, attrs?: Record<string, string>) => {
    const ship = shippingCents(m);
    return element(name, [money('LandedPrice', m, listingCents + ship), money('ListingPrice', m, listingCents), money('Shipping', m, ship)], attrs);
  };
  const productXml = (children: string[], asList: boolean) => {
    const product = element('Product', children, asList ? undefined : { xmlns: PRODUCTS_NS, 'xmlns:ns2': NS2 });
    return asList ? element('Products', product, { xmlns: PRODUCTS_NS, 'xmlns:ns2': NS2 }) : product;
  };
  const errorXml = (message: string) => element('Error', [text('Type', 'Sender'), text('Code', 'InvalidParameterValue'), text('Message', message)]);

  /** One repeated result per requested item. */
  const batch = (operation: string, items: string[], idAttribute: 'ASIN' | 'SellerSKU', max: number, resolve: (id: string) => Resolved, body: (r: { product: SandboxProduct; listing?: Listing }, id: string) => string[]) => {
    if (items.length === 0) throw invalid(`${idAttribute === 'ASIN' ? 'ASINList.ASIN' : 'SellerSKUList.SellerSKU'}.1 is required`);
    if (items.length > max) throw invalid(`${operation} accepts at most ${max} items, got ${items.length}`);
    return {
      kind: 'xml' as const,
      xml: items.map((id) => {
        const r = resolve(id);
        if ('error' in r) return element(`${operation}Result`, errorXml(r.error), { [idAttribute]: id, status: 'ClientError' });
        return element(`${operation}Result`, body(r, id), { [idAttribute]: id, status: 'Success' });
      }).join(''),
    };
  };

  const competitive = (req: SandboxRequest, m: MarketplaceInfo) => (r: { product: SandboxProduct; listing?: Listing }) => {
    const p = r.product;
    const newCount = Math.max(1, p.offerCount - 1);
    return [productXml([
      identifiers(p, m, req, r.listing),
      element('CompetitivePricing', [
        element('CompetitivePrices', element('CompetitivePrice', [text('CompetitivePriceId', 1), priceBlock('Price', m, competitorCents(p, m))], { belongsToRequester: String(r.listing !== undefined && Number(r.listing.price) * 100 <= competitorCents(p, m)), condition: 'New', subcondition: 'New' })),
        element('NumberOfOfferListings', [text('OfferListingCount', p.offerCount, { condition: 'Any' }), text('OfferListingCount', p.offerCount - newCount, { condition: 'Used' }), text('OfferListingCount', newCount, { condition: 'New' })]),
      ]),
      salesRankings(p),
    ], false)];
  };
  const lowestListings = (req: SandboxRequest, m: MarketplaceInfo) => (r: { product: SandboxProduct; listing?: Listing }) => {
    const p = r.product;
    const condition = req.params.ItemCondition || 'New';
    return [
      text('AllOfferListingsConsidered', true),
      productXml([
        identifiers(p, m, req, r.listing),
        element('LowestOfferListings', [0, 1].map((k) => element('LowestOfferListing', [
          element('Qualifiers', [text('ItemCondition', condition), text('ItemSubcondition', condition === 'New' ? 'New' : 'Good'), text('FulfillmentChannel', k === 0 ? 'Amazon' : 'Merchant'), text('ShipsDomestically', 'True'), element('ShippingTime', text('Max', k === 0 ? '0-2 days' : '3-7 days')), text('SellerPositiveFeedbackRating', '95-97%')]),
          text('NumberOfOfferListingsConsidered', Math.max(1, p.offerCount - k)),
          text('SellerFeedbackCount', 1000 + p.salesRank % 5000),
          priceBlock('Price', m, competitorCents(p, m) + k * 100),
          text('MultipleOffersAtLowestPrice', 'False'),
        ]))),
      ], false),
    ];
  };
  const myPrice = (req: SandboxRequest, m: MarketplaceInfo) => (r: { product: SandboxProduct; listing?: Listing }) => {
    const own = r.listing ? [r.listing] : state.listings.list(req.sellerId, m.marketplaceId).filter((l) => l.asin === r.product.asin);
    return [productXml([
      identifiers(r.product, m, req, r.listing),
      element('Offers', own.map((l) => element('Offer', [
        priceBlock('BuyingPrice', m, Math.round(Number(l.price) * 100)),
        money('RegularPrice', m, Math.round(Number(l.price) * 100)),
        text('FulfillmentChannel', l.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT'),
        text('ItemCondition', l.condition), text('ItemSubCondition', l.condition === 'New' ? 'New' : 'Acceptable'),
        text('SellerId', req.sellerId), text('SellerSKU', l.sku),
      ]))),
    ], false)];
  };
  const lowestPriced = (req: SandboxRequest, kind: 'ASIN' | 'SKU') => {
    const m = marketplaceOf(req);
    const condition = requireParam(req.params, 'ItemCondition');
    const id = requireParam(req.params, kind === 'ASIN' ? 'ASIN' : 'SellerSKU');
    const r = kind === 'ASIN' ? byAsin(id, m) : bySku(req, id, m);
    if ('error' in r) throw invalid(r.error);
    const p = r.product;
    const low = competitorCents(p, m);
    const ship = shippingCents(m);
    const moneyOf = (cents: number) => ({ CurrencyCode: m.currency, Amount: formatMoney(cents) });
    const price = (cents: number) => ({ LandedPrice: moneyOf(cents + ship), ListingPrice: moneyOf(cents), Shipping: moneyOf(ship) });
    const offers = Array.from({ length: Math.min(p.offerCount, 5) }, (_, k) => ({
      SellerId: `A${createHash('md5').update(`${p.asin}${k}`).digest('hex').slice(0, 12).toUpperCase()}`,
      ...(kind === 'SKU' ? { MyOffer: false } : {}),
      // Both offer types were sent as SubCondition (sample), whatever the ASIN datatype page spells.
      SubCondition: condition.toLowerCase(),
      SellerFeedbackRating: { SellerPositiveFeedbackRating: '98.0', FeedbackCount: 100 + k * 37 },
      ShippingTime: { minimumHours: 24 * k, maximumHours: 24 * (k + 2), availabilityType: 'NOW' },
      ListingPrice: moneyOf(low + k * 150),
      Shipping: moneyOf(ship),
      IsFulfilledByAmazon: k % 2 === 0,
      IsBuyBoxWinner: k === 0,
      IsFeaturedMerchant: k < 2,
    }));
    const amazonCount = Math.ceil(p.offerCount / 2);
    const counts = [
      { condition: condition.toLowerCase(), fulfillmentChannel: 'Amazon', Value: amazonCount },
      { condition: condition.toLowerCase(), fulfillmentChannel: 'Merchant', Value: p.offerCount - amazonCount },
    ];
    return catalogResult(`Products.GetLowestPricedOffersFor${kind}`, {
      MarketplaceID: m.marketplaceId,
      [kind]: id,
      ItemCondition: condition,
      status: 'Success',
      Identifier: { MarketplaceId: m.marketplaceId, [kind === 'ASIN' ? 'ASIN' : 'SellerSKU']: id, ItemCondition: condition, TimeOfOfferChange: isoSeconds(state.epoch - 3_600_000) },
      Summary: {
        TotalOfferCount: p.offerCount,
        NumberOfOffers: counts,
        LowestPrices: [{ condition: condition.toLowerCase(), fulfillmentChannel: 'Amazon', ...price(low) }],
        BuyBoxPrices: [{ condition, ...price(low) }],
        ListPrice: moneyOf(priceOf(p, m)),
        SuggestedLowerPricePlusShipping: moneyOf(low + ship),
        BuyBoxEligibleOffers: counts,
        OffersAvailableTime: isoSeconds(state.epoch - 86_400_000),
      },
      Offers: offers,
    });
  };

  return {
    'Products.ListMatchingProducts': (req) => {
      const m = marketplaceOf(req);
      const words = requireParam(req.params, 'Query').toLowerCase().split(/\s+/).filter(Boolean);
      const hits = state.catalog.products
        .filter((p) => words.every((w) => [p.titles.en, p.titles.de, p.titles.ja, p.brand, p.asin].join(' ').toLowerCase().includes(w)))
        .slice(0, MAX_MATCHING_RESULTS);
      return { kind: 'xml', xml: element('ListMatchingProductsResult', element('Products', hits.map((p) => element('Product', [identifiers(p, m, req), attributes(p, m), element('Relationships', ''), salesRankings(p)])), { xmlns: PRODUCTS_NS, 'xmlns:ns2': NS2 })) };
    },
    'Products.GetMatchingProduct': (req) => {
      const m = marketplaceOf(req);
      return batch('GetMatchingProduct', listParam(req.params, 'ASINList.ASIN'), 'ASIN', 10, (a) => byAsin(a, m), (r) => [productXml([identifiers(r.product, m, req), attributes(r.product, m), element('Relationships', ''), salesRankings(r.product)], false)]);
    },
    'Products.GetMatchingProductForId': (req) => {
      const m = marketplaceOf(req);
      const idType = requireParam(req.params, 'IdType');
      const ids = listParam(req.params, 'IdList.Id');
      if (ids.length === 0) throw invalid('IdList.Id.1 is required');
      if (ids.length > 5) throw invalid(`GetMatchingProductForId accepts at most 5 ids, got ${ids.length}`);
      return {
        kind: 'xml',
        xml: ids.map((id) => {
          const product = idType === 'SellerSKU' ? state.catalog.get(state.listings.get(req.sellerId, id, m.marketplaceId)?.asin ?? '') : state.catalog.findBy(idType, id);
          const attrs = { Id: id, IdType: idType, status: product ? 'Success' : 'ClientError' };
          if (!product) return element('GetMatchingProductForIdResult', errorXml(`Invalid ${idType} identifier ${id} for marketplace ${m.marketplaceId}`), attrs);
          return element('GetMatchingProductForIdResult', productXml([identifiers(product, m, req), attributes(product, m), element('Relationships', ''), salesRankings(product)], true), attrs);
        }).join(''),
      };
    },
    'Products.GetCompetitivePricingForSKU': (req) => { const m = marketplaceOf(req); return batch('GetCompetitivePricingForSKU', listParam(req.params, 'SellerSKUList.SellerSKU'), 'SellerSKU', 20, (s) => bySku(req, s, m), competitive(req, m)); },
    'Products.GetCompetitivePricingForASIN': (req) => { const m = marketplaceOf(req); return batch('GetCompetitivePricingForASIN', listParam(req.params, 'ASINList.ASIN'), 'ASIN', 20, (a) => byAsin(a, m), competitive(req, m)); },
    'Products.GetLowestOfferListingsForSKU': (req) => { const m = marketplaceOf(req); return batch('GetLowestOfferListingsForSKU', listParam(req.params, 'SellerSKUList.SellerSKU'), 'SellerSKU', 20, (s) => bySku(req, s, m), lowestListings(req, m)); },
    'Products.GetLowestOfferListingsForASIN': (req) => { const m = marketplaceOf(req); return batch('GetLowestOfferListingsForASIN', listParam(req.params, 'ASINList.ASIN'), 'ASIN', 20, (a) => byAsin(a, m), lowestListings(req, m)); },
    'Products.GetLowestPricedOffersForSKU': (req) => lowestPriced(req, 'SKU'),
    'Products.GetLowestPricedOffersForASIN': (req) => lowestPriced(req, 'ASIN'),
    'Products.GetMyPriceForSKU': (req) => { const m = marketplaceOf(req); return batch('GetMyPriceForSKU', listParam(req.params, 'SellerSKUList.SellerSKU'), 'SellerSKU', 20, (s) => bySku(req, s, m), myPrice(req, m)); },
    'Products.GetMyPriceForASIN': (req) => { const m = marketplaceOf(req); return batch('GetMyPriceForASIN', listParam(req.params, 'ASINList.ASIN'), 'ASIN', 20, (a) => byAsin(a, m), myPrice(req, m)); },
    'Products.GetProductCategoriesForSKU': (req) => categories(req, 'SKU'),
    'Products.GetProductCategoriesForASIN': (req) => categories(req, 'ASIN'),
    'Products.GetMyFeesEstimate': (req) => {
      const requests = structListParam(req.params, 'FeesEstimateRequestList.FeesEstimateRequest');
      if (requests.length === 0) throw invalid('FeesEstimateRequestList.FeesEstimateRequest.1 is required');
      if (requests.length > 20) throw invalid(`GetMyFeesEstimate accepts at most 20 requests, got ${requests.length}`);
      return catalogResult('Products.GetMyFeesEstimate', {
        FeesEstimateResultList: requests.map((r) => {
          const m = marketplaceById(r.MarketplaceId ?? '');
          const cents = Math.round(Number(r['PriceToEstimateFees.ListingPrice.Amount'] ?? '0') * 100);
          const currency = r['PriceToEstimateFees.ListingPrice.CurrencyCode'] ?? m?.currency ?? 'USD';
          const amazon = r.IsAmazonFulfilled === 'true';
          const identifier = {
            MarketplaceId: r.MarketplaceId, IdType: r.IdType, IdValue: r.IdValue, IsAmazonFulfilled: amazon, SellerInputIdentifier: r.Identifier,
            PriceToEstimateFees: { ListingPrice: { CurrencyCode: currency, Amount: formatMoney(cents) } },
          };
          const known = m !== undefined && (r.IdType === 'ASIN' ? state.catalog.get(r.IdValue ?? '') : state.listings.get(req.sellerId, r.IdValue ?? '', m.marketplaceId));
          if (!known || !Number.isFinite(cents) || cents <= 0) {
            return { FeesEstimateIdentifier: identifier, Status: 'ClientError', Error: { Type: 'Sender', Code: 'InvalidParameterValue', Message: `No product ${r.IdType} ${r.IdValue} in marketplace ${r.MarketplaceId}, or the listing price is not positive` } };
          }
          const fee = (type: string, c: number) => ({ FeeType: type, FeeAmount: { CurrencyCode: currency, Amount: formatMoney(c) }, FinalFee: { CurrencyCode: currency, Amount: formatMoney(c) } });
          const details = [fee('ReferralFee', Math.round(cents * 0.15)), fee('VariableClosingFee', 0), ...(amazon ? [fee('FBAFees', 307)] : [])];
          const total = Math.round(cents * 0.15) + (amazon ? 307 : 0);
          return {
            FeesEstimateIdentifier: identifier,
            FeesEstimate: { TimeOfFeesEstimation: isoSeconds(req.now), TotalFeesEstimate: { CurrencyCode: currency, Amount: formatMoney(total) }, FeeDetailList: details },
            Status: 'Success',
          };
        }),
      });
    },
  };

  function categories(req: SandboxRequest, kind: 'ASIN' | 'SKU') {
    const m = marketplaceOf(req);
    const id = requireParam(req.params, kind === 'ASIN' ? 'ASIN' : 'SellerSKU');
    const r = kind === 'ASIN' ? byAsin(id, m) : bySku(req, id, m);
    if ('error' in r) throw invalid(r.error);
    const p = r.product;
    return catalogResult(`Products.GetProductCategoriesFor${kind}`, {
      Self: [{ ProductCategoryId: p.categoryId, ProductCategoryName: p.categoryName, Parent: { ProductCategoryId: p.parentCategoryId, ProductCategoryName: p.parentCategoryName } }],
    });
  }
}

