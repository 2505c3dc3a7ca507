/**
 * Marketplaces the sandbox serves, with IDs from REFERENCE.md §c (Amazon's endpoint table) and the
 * currency, language and domain each one used. Addresses and names are invented test data in the
 * marketplace's own script (German umlauts, Japanese) so connectors meet non-ASCII text early.
 */
import { defaultSellerMarketplaces } from '../credentials';

export interface MarketplaceInfo {
  /** Short code the sandbox uses internally (REFERENCE.md: GB is aliased "UK" by the libraries). */
  code: string;
  marketplaceId: string;
  /** Marketplace name as ListMarketplaceParticipations and SalesChannel spell it. */
  name: string;
  countryCode: string;
  currency: string;
  languageCode: string;
  domainName: string;
  buyerEmailDomain: string;
  /** Local price = USD base price × factor (rounded to whole units when `wholeUnits`). */
  priceFactor: number;
  wholeUnits?: boolean;
  buyers: string[];
  cities: Array<{ city: string; region?: string; postalCode: string; street: string }>;
}

export const MARKETPLACES: MarketplaceInfo[] = [
  {
    code: 'US', marketplaceId: 'ATVPDKIKX0DER', name: 'Amazon.com', countryCode: 'US', currency: 'USD', languageCode: 'en_US',
    domainName: 'www.amazon.com', buyerEmailDomain: 'marketplace.amazon.com', priceFactor: 1,
    buyers: ['Jane Adams', 'George Jones', 'Maria Garcia', 'Wei Chen', 'Olivia Brown'],
    cities: [
      { city: 'Seattle', region: 'WA', postalCode: '98103', street: '1234 Any St.' },
      { city: 'Austin', region: 'TX', postalCode: '78701', street: '500 Congress Ave' },
      { city: 'Brooklyn', region: 'NY', postalCode: '11201', street: '77 Court St' },
    ],
  },
  {
    code: 'CA', marketplaceId: 'A2EUQ1WTGCTBG2', name: 'Amazon.ca', countryCode: 'CA', currency: 'CAD', languageCode: 'en_CA',
    domainName: 'www.amazon.ca', buyerEmailDomain: 'marketplace.amazon.ca', priceFactor: 1.35,
    buyers: ['Émilie Tremblay', 'Liam Wilson', 'Noah Roy'],
    cities: [
      { city: 'Vancouver', region: 'BC', postalCode: 'V5V 1A1', street: '100 Main St' },
      { city: 'Montréal', region: 'QC', postalCode: 'H2X 1Y4', street: '45 Rue Sainte-Catherine' },
    ],
  },
  {
    code: 'MX', marketplaceId: 'A1AM78C64UM0Y8', name: 'Amazon.com.mx', countryCode: 'MX', currency: 'MXN', languageCode: 'es_MX',
    domainName: 'www.amazon.com.mx', buyerEmailDomain: 'marketplace.amazon.com.mx', priceFactor: 17,
    buyers: ['José Hernández', 'Lucía Martínez'],
    cities: [{ city: 'Ciudad de México', region: 'CDMX', postalCode: '06600', street: 'Av. Reforma 222' }],
  },
  {
    code: 'DE', marketplaceId: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', currency: 'EUR', languageCode: 'de_DE',
    domainName: 'www.amazon.de', buyerEmailDomain: 'marketplace.amazon.de', priceFactor: 0.92,
    buyers: ['Jürgen Müller', 'Käthe Schröder', 'Björn Weiß', 'Günther Größ'],
    cities: [
      { city: 'München', postalCode: '80331', street: 'Marienplatz 1' },
      { city: 'Köln', postalCode: '50667', street: 'Domstraße 3' },
      { city: 'Düsseldorf', postalCode: '40213', street: 'Königsallee 12' },
    ],
  },
  {
    code: 'UK', marketplaceId: 'A1F83G8C2ARO7P', name: 'Amazon.co.uk', countryCode: 'GB', currency: 'GBP', languageCode: 'en_GB',
    domainName: 'www.amazon.co.uk', buyerEmailDomain: 'marketplace.amazon.co.uk', priceFactor: 0.79,
    buyers: ['Oliver Smith', 'Amelia Jones'],
    cities: [{ city: 'London', postalCode: 'SW1A 1AA', street: '10 Downing St' }],
  },
  {
    code: 'FR', marketplaceId: 'A13V1IB3VIYZZH', name: 'Amazon.fr', countryCode: 'FR', currency: 'EUR', languageCode: 'fr_FR',
    domainName: 'www.amazon.fr', buyerEmailDomain: 'marketplace.amazon.fr', priceFactor: 0.92,
    buyers: ['Chloé Lefèvre', 'François Dubois'],
    cities: [{ city: 'Paris', postalCode: '75001', street: '12 Rue de Rivoli' }],
  },
  {
    code: 'IT', marketplaceId: 'APJ6JRA9NG5V4', name: 'Amazon.it', countryCode: 'IT', currency: 'EUR', languageCode: 'it_IT',
    domainName: 'www.amazon.it', buyerEmailDomain: 'marketplace.amazon.it', priceFactor: 0.92,
    buyers: ['Niccolò Rossi', 'Giulia Bianchi'],
    cities: [{ city: 'Milano', postalCode: '20121', street: 'Via Dante 7' }],
  },
  {
    code: 'ES', marketplaceId: 'A1RKKUPIHCS9HS', name: 'Amazon.es', countryCode: 'ES', currency: 'EUR', languageCode: 'es_ES',
    domainName: 'www.amazon.es', buyerEmailDomain: 'marketplace.amazon.es', priceFactor: 0.92,
    buyers: ['Íñigo Fernández', 'María López'],
    cities: [{ city: 'Madrid', postalCode: '28013', street: 'Calle Mayor 5' }],
  },
  {
    code: 'JP', marketplaceId: 'A1VC38T7YXB528', name: 'Amazon.co.jp', countryCode: 'JP', currency: 'JPY', languageCode: 'ja_JP',
    domainName: 'www.amazon.co.jp', buyerEmailDomain: 'marketplace.amazon.co.jp', priceFactor: 150, wholeUnits: true,
    buyers: ['山田 太郎', '佐藤 花子', '鈴木 一郎'],
    cities: [
      { city: '東京都港区', postalCode: '107-0053', street: '赤坂1-2-10' },
      { city: '大阪市北区', postalCode: '530-0001', street: '梅田3-1-1' },
    ],
  },
  {
    code: 'IN', marketplaceId: 'A21TJRUUN4KGV', name: 'Amazon.in', countryCode: 'IN', currency: 'INR', languageCode: 'en_IN',
    domainName: 'www.amazon.in', buyerEmailDomain: 'marketplace.amazon.in', priceFactor: 83,
    buyers: ['Aarav Sharma', 'Priya Iyer'],
    cities: [{ city: 'Bengaluru', region: 'KA', postalCode: '560001', street: '12 MG Road' }],
  },
];

const byId = new Map(MARKETPLACES.map((m) => [m.marketplaceId, m]));
const byCode = new Map(MARKETPLACES.map((m) => [m.code, m]));

export function marketplaceById(marketplaceId: string): MarketplaceInfo | undefined {
  return byId.get(marketplaceId);
}

export function marketplaceByCode(code: string): MarketplaceInfo {
  const found = byCode.get(code);
  if (!found) throw new Error(`unknown sandbox marketplace code ${code}`);
  return found;
}

/**
 * Which marketplaces a seller participates in: the public test sellers' fixed sets (src/sandbox/credentials.ts);
 * any other seller id (custom credentials) gets the US marketplace, as the credentials module defines.
 */
export function marketplaceCodesForSeller(sellerId: string): string[] {
  return defaultSellerMarketplaces(sellerId)
    .map((id) => byId.get(id)?.code)
    .filter((code): code is string => code !== undefined);
}

/** Cents (or yen) → decimal string with two places, as MWS printed money. */
export function formatMoney(minorUnits: number): string {
  const negative = minorUnits < 0;
  const abs = Math.abs(Math.round(minorUnits));
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** A USD base price in cents expressed in the marketplace's currency (minor units, 2 decimals). */
export function localPriceCents(baseUsdCents: number, marketplace: MarketplaceInfo): number {
  const local = baseUsdCents * marketplace.priceFactor;
  return marketplace.wholeUnits ? Math.round(local / 100) * 100 : Math.round(local / 10) * 10 - 1;
}
