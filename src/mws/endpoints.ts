/**
 * MWS marketplaces and the endpoint host that serves each (reference/mws/endpoints.json, from the MWS docs page
 * DG_Endpoints, 2022-07 snapshot; China from older client libraries). One connection talks to one host, so every
 * marketplace of a connection must be served by the same host.
 */
import { ConfigError } from './errors';

export const regions = ['NA', 'EU', 'FE', 'CN'] as const;
export type Region = (typeof regions)[number];

export interface Marketplace {
  countryCode: string;
  marketplaceId: string;
  name: string;
  region: Region;
  /** The endpoint host the docs list for this marketplace. */
  host: string;
  /** Other hosts that also served it (older clients sent CA/MX traffic to the US host). */
  alsoAccepted: string[];
  /** ISO 4217 currency of the marketplace's prices. */
  currency: string;
  /** Charset of flat-file feeds and reports, as MWS named it (see FLAT_FILE_CHARSET below). */
  flatFileCharset: string;
}

/**
 * Flat-file charsets. Documented (REFERENCE.md §d, Feeds docs): NA and EU `iso-8859-1`, sent LIVE as `CP1252`, and
 * JP `Shift_JIS` (LIVE `Windows-31J`). Inferred (no page says): UTF-8 for CN, IN, AE, SA, EG, TR, PL, whose scripts or
 * letters Cp1252 cannot hold; Cp1252 for AU and SG (English-language marketplaces on Latin-1-era tooling).
 */
const CP1252 = 'Cp1252';
const UTF8 = 'UTF-8';
const SHIFT_JIS = 'Shift_JIS';

type Row = [countryCode: string, marketplaceId: string, name: string, region: Region, host: string, currency: string, charset: string, alsoAccepted?: string[]];

const US_HOST = 'mws.amazonservices.com';
const EU_HOST = 'mws-eu.amazonservices.com';

const ROWS: Row[] = [
  ['BR', 'A2Q3Y263D00KWC', 'Brazil', 'NA', US_HOST, 'BRL', CP1252],
  ['CA', 'A2EUQ1WTGCTBG2', 'Canada', 'NA', 'mws.amazonservices.ca', 'CAD', CP1252, [US_HOST]],
  ['MX', 'A1AM78C64UM0Y8', 'Mexico', 'NA', 'mws.amazonservices.com.mx', 'MXN', CP1252, [US_HOST]],
  ['US', 'ATVPDKIKX0DER', 'United States', 'NA', US_HOST, 'USD', CP1252],
  ['AE', 'A2VIGQ35RCS4UG', 'United Arab Emirates', 'EU', 'mws.amazonservices.ae', 'AED', UTF8],
  ['DE', 'A1PA6795UKMFR9', 'Germany', 'EU', EU_HOST, 'EUR', CP1252],
  ['EG', 'ARBP9OOSHTCHU', 'Egypt', 'EU', EU_HOST, 'EGP', UTF8],
  ['ES', 'A1RKKUPIHCS9HS', 'Spain', 'EU', EU_HOST, 'EUR', CP1252],
  ['FR', 'A13V1IB3VIYZZH', 'France', 'EU', EU_HOST, 'EUR', CP1252],
  ['BE', 'AMEN7PMS3EDWL', 'Belgium', 'EU', EU_HOST, 'EUR', CP1252],
  ['GB', 'A1F83G8C2ARO7P', 'United Kingdom', 'EU', EU_HOST, 'GBP', CP1252],
  ['IN', 'A21TJRUUN4KGV', 'India', 'EU', 'mws.amazonservices.in', 'INR', UTF8],
  ['IT', 'APJ6JRA9NG5V4', 'Italy', 'EU', EU_HOST, 'EUR', CP1252],
  ['NL', 'A1805IZSGTT6HS', 'Netherlands', 'EU', EU_HOST, 'EUR', CP1252],
  ['PL', 'A1C3SOZRARQ6R3', 'Poland', 'EU', EU_HOST, 'PLN', UTF8],
  ['SA', 'A17E79C6D8DWNP', 'Saudi Arabia', 'EU', EU_HOST, 'SAR', UTF8],
  ['SE', 'A2NODRKZP88ZB9', 'Sweden', 'EU', EU_HOST, 'SEK', CP1252],
  ['TR', 'A33AVAJ2PDY3EV', 'Turkey', 'EU', EU_HOST, 'TRY', UTF8],
  ['SG', 'A19VAU5U5O7RUS', 'Singapore', 'FE', 'mws-fe.amazonservices.com', 'SGD', CP1252],
  ['AU', 'A39IBJ37TRP1C6', 'Australia', 'FE', 'mws.amazonservices.com.au', 'AUD', CP1252],
  ['JP', 'A1VC38T7YXB528', 'Japan', 'FE', 'mws.amazonservices.jp', 'JPY', SHIFT_JIS],
  // Legacy: absent from the 2019-2022 docs, kept because older accounts used it.
  ['CN', 'AAHKV2X7AFYLW', 'China', 'CN', 'mws.amazonservices.com.cn', 'CNY', UTF8],
];

export const marketplaces: readonly Marketplace[] = Object.freeze(
  ROWS.map(([countryCode, marketplaceId, name, region, host, currency, flatFileCharset, alsoAccepted]) =>
    Object.freeze({ countryCode, marketplaceId, name, region, host, alsoAccepted: alsoAccepted ?? [], currency, flatFileCharset }),
  ),
);

/** Every distinct endpoint host, documented ones first. */
export const hosts: readonly string[] = Object.freeze([...new Set(marketplaces.flatMap((m) => [m.host, ...m.alsoAccepted]))]);

/** By marketplace id, or by country code (case-insensitive; `UK` is an alias of GB). */
export function findMarketplace(idOrCountryCode: string): Marketplace | undefined {
  const byId = marketplaces.find((m) => m.marketplaceId === idOrCountryCode);
  if (byId) return byId;
  const code = idOrCountryCode.toUpperCase() === 'UK' ? 'GB' : idOrCountryCode.toUpperCase();
  return marketplaces.find((m) => m.countryCode === code);
}

/**
 * The one host that serves every given marketplace (ids or country codes): the first marketplace's documented
 * host when all accept it, else a host all of them accept. ConfigError on `marketplaceIds` otherwise.
 */
export function hostForMarketplaces(ids: string[]): string {
  if (ids.length === 0) throw new ConfigError('marketplaceIds', 'at least one marketplace id is required');
  const found = ids.map((id) => ({ id, marketplace: findMarketplace(id) }));
  const unknown = found.filter((f) => !f.marketplace).map((f) => f.id);
  if (unknown.length > 0) {
    throw new ConfigError('marketplaceIds', `unknown marketplace ${unknown.map((u) => JSON.stringify(u)).join(', ')}; expected marketplace ids such as ATVPDKIKX0DER (US)`);
  }
  const list = found.map((f) => f.marketplace as Marketplace);
  const common = list
    .map((m) => [m.host, ...m.alsoAccepted])
    .reduce((acc, accepted) => acc.filter((h) => accepted.includes(h)));
  if (common.length === 0) {
    const byHost = list.map((m) => `${m.marketplaceId} (${m.countryCode}) → ${m.host}`).join(', ');
    throw new ConfigError('marketplaceIds', `marketplaces are served by different hosts (${byHost}); use one connection per host`);
  }
  return common.includes(list[0].host) ? list[0].host : common[0];
}
