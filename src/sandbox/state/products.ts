/**
 * The seeded product catalog: ASINs with titles in English, German and Japanese, brands, identifiers
 * (UPC/EAN/JAN), dimensions, sales ranks and a USD base price. The first two products carry the fixed
 * non-ASCII titles the issue names, so tests can look for them.
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import { localPriceCents, type MarketplaceInfo } from './marketplaces';
import { Random } from './random';

export interface SandboxProduct {
  asin: string;
  /** Title per language family: `en`, `de`, `ja` (other marketplaces use `en`). */
  titles: { en: string; de: string; ja: string };
  brand: string;
  productGroup: string;
  binding: string;
  /** Browse node of the product's category and its parent. */
  categoryId: string;
  categoryName: string;
  parentCategoryId: string;
  parentCategoryName: string;
  upc: string;
  ean: string;
  /** Base price in US cents. */
  baseUsdCents: number;
  weightPounds: string;
  dimensionsInches: { height: string; length: string; width: string };
  salesRank: number;
  offerCount: number;
  /** Books only. */
  book?: { author: string; illustrator: string; edition: string; pages: number; publicationDate: string };
}

export const PRODUCT_COUNT = 400;
/** The product with the documented example ASIN; the example listing (listings.ts) sits at the same index. */
export const EXAMPLE_PRODUCT_INDEX = 237;

const KINDS: Array<{ en: string; de: string; ja: string; group: string; binding: string; category: [string, string] }> = [
  { en: 'Kitchen Scale', de: 'Küchenwaage', ja: 'キッチンスケール', group: 'Kitchen', binding: 'Kitchen', category: ['3737671', 'Kitchen Scales'] },
  { en: 'Stand Mixer', de: 'Küchenmaschine', ja: 'スタンドミキサー', group: 'Kitchen', binding: 'Kitchen', category: ['289932', 'Stand Mixers'] },
  { en: 'Water Bottle', de: 'Trinkflasche', ja: 'ウォーターボトル', group: 'Sports', binding: 'Sports', category: ['3408161', 'Water Bottles'] },
  { en: 'Desk Lamp', de: 'Schreibtischlampe', ja: 'デスクライト', group: 'Home Improvement', binding: 'Tools & Home Improvement', category: ['1063292', 'Desk Lamps'] },
  { en: 'USB-C Cable', de: 'USB-C-Kabel', ja: 'USB-Cケーブル', group: 'Electronics', binding: 'Electronics', category: ['172282', 'Cables'] },
  { en: 'Backpack', de: 'Rucksack', ja: 'バックパック', group: 'Luggage', binding: 'Luggage', category: ['360832011', 'Backpacks'] },
  { en: 'Notebook', de: 'Notizbuch', ja: 'ノート', group: 'Office Product', binding: 'Office Product', category: ['1069242', 'Notebooks'] },
  { en: 'Chef Knife', de: 'Kochmesser', ja: '牛刀包丁', group: 'Kitchen', binding: 'Kitchen', category: ['289857', 'Chef Knives'] },
  { en: 'Cookbook', de: 'Kochbuch', ja: '料理本', group: 'Book', binding: 'Paperback', category: ['6', 'Cookbooks'] },
];
const ADJECTIVES: Array<{ en: string; de: string; ja: string }> = [
  { en: 'Stainless Steel', de: 'Edelstahl', ja: 'ステンレス製' },
  { en: 'Compact', de: 'Kompakte', ja: 'コンパクト' },
  { en: 'Premium', de: 'Hochwertige', ja: 'プレミアム' },
  { en: 'Large', de: 'Große', ja: '大型' },
  { en: 'Eco-Friendly', de: 'Umweltfreundliche', ja: 'エコ' },
];
const BRANDS = ['Acme', 'Nordlicht', 'Sakura Works', 'Blue Harbor', 'Größenwahn GmbH'];

function checkDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

function makeProduct(seed: number, index: number): SandboxProduct {
  const rnd = Random.for(seed, 'product', index);
  const kind = KINDS[index % KINDS.length];
  const adjective = rnd.pick(ADJECTIVES);
  const model = rnd.chars(2, 'ABCDEFGHJKLMNPQRSTUVWXYZ') + rnd.digits(3);
  const titles = {
    en: `${adjective.en} ${kind.en} ${model}`,
    de: `${adjective.de} ${kind.de} ${model}`,
    ja: `${adjective.ja}${kind.ja} ${model}`,
  };
  if (index === 0) {
    titles.en = 'Stand Mixer Size XL - Stainless Steel';
    titles.de = 'Küchenmaschine Größe XL – Edelstahl';
    titles.ja = 'スタンドミキサー XL ステンレス';
  } else if (index === 1) {
    titles.en = 'Stainless Steel Kitchen Scale';
    titles.de = 'Küchenwaage aus Edelstahl';
    titles.ja = 'ステンレス製キッチンスケール';
  }
  const upcBody = `0${rnd.digits(10)}`;
  const upc = upcBody + checkDigit(upcBody);
  const eanBody = `40${rnd.digits(10)}`;
  const seededAsin = `B0${rnd.chars(8)}`;
  return {
    asin: index === EXAMPLE_PRODUCT_INDEX ? EXAMPLE_IDS.asin : seededAsin,
    titles,
    brand: rnd.pick(BRANDS),
    productGroup: kind.group,
    binding: kind.binding,
    categoryId: kind.category[0],
    categoryName: kind.category[1],
    parentCategoryId: '1055398',
    parentCategoryName: 'Home & Kitchen',
    upc,
    ean: eanBody + checkDigit(eanBody),
    baseUsdCents: rnd.int(4, 250) * 100 - 1,
    weightPounds: (rnd.int(1, 400) / 20).toFixed(2),
    dimensionsInches: {
      height: (rnd.int(10, 200) / 10).toFixed(2),
      length: (rnd.int(10, 300) / 10).toFixed(2),
      width: (rnd.int(10, 200) / 10).toFixed(2),
    },
    salesRank: rnd.int(1, 250000),
    offerCount: rnd.int(1, 25),
    book: kind.group === 'Book'
      ? { author: rnd.pick(['Schröder, Käthe', '山田 花子', 'Adams, Jane']), illustrator: rnd.pick(['Weiß, Björn', 'Chen, Wei']), edition: `${rnd.int(1, 5)}`, pages: rnd.int(120, 640), publicationDate: `20${rnd.int(10, 24)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}` }
      : undefined,
  };
}

/**
 * The lowest competing offer for a product in a marketplace: 90–105 % of its local list price, seeded per
 * product and marketplace. Products' offers and Recommendations' pricing advice both quote it, so they agree.
 */
export function competitorPriceCents(seed: number, product: SandboxProduct, marketplace: MarketplaceInfo): number {
  return Math.round((localPriceCents(product.baseUsdCents, marketplace) * Random.for(seed, 'competitor', product.asin, marketplace.code).int(90, 105)) / 100);
}

export class ProductCatalog {
  readonly products: SandboxProduct[];
  private readonly byAsin: Map<string, SandboxProduct>;

  constructor(seed: number, count = PRODUCT_COUNT) {
    this.products = Array.from({ length: count }, (_, i) => makeProduct(seed, i));
    this.byAsin = new Map(this.products.map((p) => [p.asin, p]));
  }

  get(asin: string): SandboxProduct | undefined {
    return this.byAsin.get(asin);
  }

  /** Finds a product by ASIN, UPC, EAN or JAN (JAN is an EAN-13 in Japan). */
  findBy(idType: string, id: string): SandboxProduct | undefined {
    switch (idType) {
      case 'ASIN':
        return this.byAsin.get(id);
      case 'UPC':
        return this.products.find((p) => p.upc === id);
      case 'EAN':
      case 'JAN':
        return this.products.find((p) => p.ean === id);
      default:
        return undefined;
    }
  }

  /** Title in the marketplace's language family. */
  static titleFor(product: SandboxProduct, languageCode: string): string {
    if (languageCode.startsWith('de')) return product.titles.de;
    if (languageCode.startsWith('ja')) return product.titles.ja;
    return product.titles.en;
  }
}
