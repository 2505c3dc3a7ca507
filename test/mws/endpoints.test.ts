/** Marketplaces and hosts against reference/mws/endpoints.json (the MWS docs' DG_Endpoints table). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findMarketplace, hostForMarketplaces, hosts, marketplaces, regions } from '../../src/mws/endpoints';
import { ConfigError } from '../../src/mws/errors';

interface RawEndpoint {
  region: string;
  endpoint: string;
  countryCode: string;
  marketplaceId: string;
  marketplace: string;
  alsoAccepted?: string[];
}
const reference = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'mws', 'endpoints.json'), 'utf8')) as RawEndpoint[];

describe('marketplaces', () => {
  it.each(reference.map((r) => [r.countryCode, r] as const))('%s matches endpoints.json', (_code, raw) => {
    const m = findMarketplace(raw.marketplaceId);
    expect(m).toMatchObject({
      countryCode: raw.countryCode,
      marketplaceId: raw.marketplaceId,
      name: raw.marketplace,
      region: raw.region,
      host: raw.endpoint,
      alsoAccepted: raw.alsoAccepted ?? [],
    });
  });

  it('has exactly the marketplaces of the reference, every host, and the regions', () => {
    expect(marketplaces.map((m) => m.marketplaceId).sort()).toEqual(reference.map((r) => r.marketplaceId).sort());
    expect([...hosts].sort()).toEqual([...new Set(reference.flatMap((r) => [r.endpoint, ...(r.alsoAccepted ?? [])]))].sort());
    expect(regions).toEqual(['NA', 'EU', 'FE', 'CN']);
  });

  it('gives each marketplace its currency and flat-file charset', () => {
    const currencies = Object.fromEntries(marketplaces.map((m) => [m.countryCode, m.currency]));
    expect(currencies).toEqual({
      BR: 'BRL', CA: 'CAD', MX: 'MXN', US: 'USD', AE: 'AED', DE: 'EUR', EG: 'EGP', ES: 'EUR', FR: 'EUR', BE: 'EUR', GB: 'GBP',
      IN: 'INR', IT: 'EUR', NL: 'EUR', PL: 'PLN', SA: 'SAR', SE: 'SEK', TR: 'TRY', SG: 'SGD', AU: 'AUD', JP: 'JPY', CN: 'CNY',
    });
    expect(findMarketplace('US')?.flatFileCharset).toBe('Cp1252');
    expect(findMarketplace('DE')?.flatFileCharset).toBe('Cp1252');
    expect(findMarketplace('JP')?.flatFileCharset).toBe('Shift_JIS');
    expect(findMarketplace('CN')?.flatFileCharset).toBe('UTF-8');
  });

  it('finds by id or country code, with UK as an alias of GB', () => {
    expect(findMarketplace('uk')?.marketplaceId).toBe('A1F83G8C2ARO7P');
    expect(findMarketplace('GB')).toBe(findMarketplace('A1F83G8C2ARO7P'));
    expect(findMarketplace('ATVPDKIKX0DER')?.countryCode).toBe('US');
    expect(findMarketplace('XX')).toBeUndefined();
  });
});

describe('hostForMarketplaces', () => {
  it('returns the documented host of one marketplace', () => {
    expect(hostForMarketplaces(['A1VC38T7YXB528'])).toBe('mws.amazonservices.jp');
    expect(hostForMarketplaces(['A2EUQ1WTGCTBG2'])).toBe('mws.amazonservices.ca');
    expect(hostForMarketplaces(['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'A13V1IB3VIYZZH'])).toBe('mws-eu.amazonservices.com');
  });

  it('uses the US host for US with CA or MX, which both also accepted', () => {
    expect(hostForMarketplaces(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'])).toBe('mws.amazonservices.com');
    expect(hostForMarketplaces(['A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'])).toBe('mws.amazonservices.com');
  });

  function configError(ids: string[]): ConfigError {
    try {
      hostForMarketplaces(ids);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return e as ConfigError;
    }
    throw new Error(`expected ${ids.join(',')} to be refused`);
  }

  it('refuses marketplaces on two hosts, naming marketplaceIds', () => {
    const e = configError(['ATVPDKIKX0DER', 'A1PA6795UKMFR9']);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.field).toBe('marketplaceIds');
    expect(e.message).toMatch(/different hosts/);
    expect(configError(['A1PA6795UKMFR9', 'A21TJRUUN4KGV']).message).toMatch(/mws.amazonservices.in/);
  });

  it('refuses unknown and empty marketplace lists', () => {
    expect(configError(['NOPE']).message).toMatch(/unknown marketplace "NOPE"/);
    expect(configError([]).field).toBe('marketplaceIds');
  });
});
