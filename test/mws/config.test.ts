/** Connection configuration: defaults, endpoint resolution, and refusal of bad configuration naming each field. */
import fc from 'fast-check';
import { isLoopbackHost, validateConnectionConfig } from '../../src/mws/config';
import { ValidationError } from '../../src/mws/errors';
import { clearSecretsForTests, redactSecrets } from '../../src/util/secrets';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'amzn.mws.4ea38b7b-f563-7709-4bae-87aeaEXAMPLE';

/** A real-looking configuration (documentation example values). */
const real = {
  sellerId: 'A1EXAMPLESELLER',
  mwsAuthToken: TOKEN,
  awsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretKey: SECRET,
  developerId: '1234-5678-9012',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

function refused(input: unknown): ValidationError {
  try {
    validateConnectionConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).code).toBe('CONFIG_INVALID');
    return e as ValidationError;
  }
  throw new Error('expected the configuration to be refused');
}

const fields = (input: unknown): string[] => (refused(input).details ?? []).map((d) => d.field);

afterEach(() => clearSecretsForTests());

describe('validateConnectionConfig: accepted', () => {
  it('resolves a real-looking configuration to the marketplace host with documented defaults', () => {
    const resolved = validateConnectionConfig(real);
    expect(resolved).toMatchObject({
      ...real,
      region: 'NA',
      baseUrl: 'https://mws.amazonservices.com',
      host: 'mws.amazonservices.com',
      isLoopback: false,
      timeScale: 1,
      timeouts: { connectMs: 10_000, firstByteMs: 60_000, idleMs: 120_000 },
    });
  });

  it('resolves an EU configuration and a custom https endpoint with port', () => {
    expect(validateConnectionConfig({ ...real, marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'] }).host).toBe('mws-eu.amazonservices.com');
    const custom = validateConnectionConfig({ ...real, endpoint: 'https://MWS.Example.COM:8443/' });
    expect(custom.baseUrl).toBe('https://mws.example.com:8443');
    expect(custom.host).toBe('mws.example.com:8443');
    expect(validateConnectionConfig({ ...real, endpoint: 'https://mws.amazonservices.com:443' }).host).toBe('mws.amazonservices.com');
  });

  it('accepts http and timeScale for loopback endpoints (the sandbox), across hosts', () => {
    const sandbox = validateConnectionConfig({ ...real, endpoint: 'http://127.0.0.1:54321', timeScale: 60, marketplaceIds: ['ATVPDKIKX0DER', 'A1PA6795UKMFR9'] });
    expect(sandbox).toMatchObject({ baseUrl: 'http://127.0.0.1:54321', host: '127.0.0.1:54321', isLoopback: true, timeScale: 60 });
    expect(validateConnectionConfig({ ...real, endpoint: 'http://[::1]:8080' }).host).toBe('[::1]:8080');
    expect(validateConnectionConfig({ ...real, endpoint: 'http://localhost:8080' }).isLoopback).toBe(true);
  });

  it('takes partial timeouts over the defaults', () => {
    expect(validateConnectionConfig({ ...real, timeouts: { connectMs: 2000 } }).timeouts).toEqual({ connectMs: 2000, firstByteMs: 60_000, idleMs: 120_000 });
  });
});

describe('validateConnectionConfig: refused, naming the field', () => {
  it('refuses an unknown marketplace', () => {
    const e = refused({ ...real, marketplaceIds: ['ATVPDKIKX0DER', 'US'] });
    expect(e.details).toEqual([{ field: 'marketplaceIds[1]', message: 'unknown marketplace id "US"; the marketplace id of US is ATVPDKIKX0DER' }]);
  });

  it('refuses marketplaces on two hosts', () => {
    expect(fields({ ...real, marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] })).toEqual(['marketplaceIds']);
  });

  it('refuses http:// to a public host', () => {
    expect(fields({ ...real, endpoint: 'http://mws.amazonservices.com' })).toEqual(['endpoint']);
    expect(fields({ ...real, endpoint: 'http://127.example.com' })).toEqual(['endpoint']);
  });

  it('refuses timeScale with a real endpoint', () => {
    expect(fields({ ...real, timeScale: 10 })).toEqual(['timeScale']);
    expect(fields({ ...real, endpoint: 'https://mws.amazonservices.com', timeScale: 0.5 })).toEqual(['timeScale']);
    expect(validateConnectionConfig({ ...real, timeScale: 1 }).timeScale).toBe(1);
  });

  it('lists every problem of a thoroughly bad configuration', () => {
    expect(fields({
      sellerId: 'seller 1',
      awsAccessKeyId: 'akia',
      mwsAuthToken: 'token',
      region: 'US',
      marketplaceIds: 'ATVPDKIKX0DER',
      endpoint: 'ftp://x',
      timeouts: { connectMs: -1, readMs: 5 },
      timeScale: 'fast',
      password: 'x',
    }).sort()).toEqual(['awsAccessKeyId', 'endpoint', 'marketplaceIds', 'mwsAuthToken', 'password', 'region', 'secretKey', 'sellerId', 'timeScale', 'timeouts.connectMs', 'timeouts.readMs']);
  });

  it('refuses endpoints with a path, credentials or no scheme', () => {
    expect(fields({ ...real, endpoint: 'https://mws.amazonservices.com/Orders/2013-09-01' })).toEqual(['endpoint']);
    expect(fields({ ...real, endpoint: 'https://user:pw@mws.amazonservices.com' })).toEqual(['endpoint']);
    expect(fields({ ...real, endpoint: 'mws.amazonservices.com' })).toEqual(['endpoint']);
  });

  it('refuses a marketplace outside the chosen region', () => {
    expect(refused({ ...real, region: 'EU' }).details?.[0]).toEqual({ field: 'marketplaceIds[0]', message: 'ATVPDKIKX0DER (US) is in region NA, not EU' });
  });

  it('refuses non-objects', () => {
    expect(fields(null)).toEqual(['connection']);
    expect(fields(['x'])).toEqual(['connection']);
  });
});

describe('secrets', () => {
  it('never puts the secret key or auth token in messages, and registers both for redaction', () => {
    // The secret sits in a wrong field too: still masked everywhere.
    const e = refused({ ...real, sellerId: SECRET, mwsAuthToken: `${TOKEN} `, endpoint: 'http://example.com' });
    const text = JSON.stringify(e.toJSON()) + String(e.stack);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(redactSecrets(`key=${SECRET}`)).toBe('key=***');
    expect(redactSecrets(`token=${TOKEN}`)).toBe('token=***');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true], ['127.255.255.254', true], ['localhost', true], ['LocalHost.', true], ['api.localhost', true],
    ['::1', true], ['[::1]', true], ['0:0:0:0:0:0:0:1', true], ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true],
    ['128.0.0.1', false], ['10.0.0.1', false], ['127.0.0.256', false], ['::2', false], ['::ffff:8.8.8.8', false],
    ['localhost.example.com', false], ['127.0.0.1.nip.io', false], ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('accepts every 127.0.0.0/8 address and no other IPv4 address', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        expect(isLoopbackHost(`${a}.${b}.${c}.${d}`)).toBe(a === 127);
      }),
    );
  });
});
