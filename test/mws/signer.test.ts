/**
 * Signature Version 2 and Content-MD5 against the published known-answer vectors (REFERENCE.md §i), plus
 * properties of the encoding and the canonical query.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalHost, canonicalQuery, contentMd5, rfc3986Encode, signV2 } from '../../src/mws/signer';
import { MwsConnectorError } from '../../src/mws/errors';

describe('signV2 known answers (REFERENCE.md §i)', () => {
  it('KAT-1 (bizon/mws-sdk): a value with spaces', () => {
    const out = signV2({
      method: 'POST',
      host: 'mws-eu.amazonservices.com',
      path: 'Products/2011-10-01', // as written in that test: no leading slash
      params: { Cool: 'Test with spaces' },
      secretKey: 'secret',
    });
    expect(out.stringToSign).toBe('POST\nmws-eu.amazonservices.com\nProducts/2011-10-01\nCool=Test%20with%20spaces');
    expect(out.signature).toBe('JKuirYHlrTxwQYwG61ULhe+VkyngRdgokEOPSnnxieo=');
  });

  it('KAT-1 (bizon/mws-sdk): a second parameter set', () => {
    const out = signV2({ method: 'POST', host: 'mws-eu.amazonservices.com', path: 'Products/2011-10-01', params: { Method: 'Example' }, secretKey: 'secret' });
    expect(out.stringToSign).toBe('POST\nmws-eu.amazonservices.com\nProducts/2011-10-01\nMethod=Example');
    expect(out.signature).toBe('nUS2Ev6IZwnNwnVNRWz8hFjJfns5HJLsBrWlMSGwW/A=');
  });

  it('KAT-2 (dmichael/amazon-mws): GET to the root path', () => {
    const out = signV2({ method: 'GET', host: 'mws.amazonaws.com', path: '/', params: { devil: '666' }, secretKey: 'beelzebub' });
    expect(out.stringToSign).toBe('GET\nmws.amazonaws.com\n/\ndevil=666');
    expect(out.signature).toBe('F8zvW31wDYENPZrwkVYaPOLHh2R+goZncb0SlwTwyes=');
  });

  it('KAT-3 (AWS SigV2 reference example), including the URL-encoded signature in the query', () => {
    const out = signV2({
      method: 'GET',
      host: 'elasticmapreduce.amazonaws.com',
      path: '/',
      params: {
        AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Action: 'DescribeJobFlows',
        Version: '2009-03-31',
        SignatureMethod: 'HmacSHA256',
        SignatureVersion: '2',
        Timestamp: '2011-10-03T15:19:30',
      },
      secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    expect(out.stringToSign).toBe(
      'GET\nelasticmapreduce.amazonaws.com\n/\nAWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Action=DescribeJobFlows&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30&Version=2009-03-31',
    );
    expect(out.signature).toBe('i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf/Mj6vPxyYIs=');
    expect(out.query.endsWith('&Signature=i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf%2FMj6vPxyYIs%3D')).toBe(true);
  });

  it('HmacSHA1 when SignatureMethod asks for it (answer computed independently with Python hmac)', () => {
    const out = signV2({ method: 'GET', host: 'mws.amazonaws.com', path: '/', params: { devil: '666', SignatureMethod: 'HmacSHA1' }, secretKey: 'beelzebub' });
    expect(out.stringToSign).toBe('GET\nmws.amazonaws.com\n/\nSignatureMethod=HmacSHA1&devil=666');
    expect(out.signature).toBe('b9ZS9Z7Fzc7ILyjv7Af6i41LgkY=');
  });

  it('a non-default port stays in the signed host; byte-order sort; * and ~ (answer computed with Python hmac)', () => {
    const out = signV2({
      method: 'post',
      host: 'MWS.AmazonServices.com:8443',
      path: '/Orders/2013-09-01',
      params: { a: '~~', Z: '*', A10: '1', A1: '1' },
      secretKey: 'secret',
    });
    expect(out.stringToSign).toBe('POST\nmws.amazonservices.com:8443\n/Orders/2013-09-01\nA1=1&A10=1&Z=%2A&a=~~');
    expect(out.signature).toBe('i/J5WHyPMkeBQiZk6tqAgrRdfn3WG8QYWEt7pDOUgyU=');
  });

  it('refuses an unknown SignatureMethod with a typed error', () => {
    expect(() => signV2({ method: 'GET', host: 'h', path: '/', params: { SignatureMethod: 'HmacMD5' }, secretKey: 'k' })).toThrow(MwsConnectorError);
  });

  it('never signs a Signature parameter that is already present', () => {
    const a = signV2({ method: 'GET', host: 'h', path: '/', params: { X: '1' }, secretKey: 'k' });
    const b = signV2({ method: 'GET', host: 'h', path: '/', params: { X: '1', Signature: 'old' }, secretKey: 'k' });
    expect(b.stringToSign).toBe(a.stringToSign);
    expect(b.signature).toBe(a.signature);
  });
});

describe('rfc3986Encode', () => {
  it.each([
    ['~', '~'],
    ['*', '%2A'],
    ['!', '%21'],
    ["'", '%27'],
    ['(', '%28'],
    [')', '%29'],
    ['+', '%2B'],
    ['%', '%25'],
    [' ', '%20'],
    ['…', '%E2%80%A6'],
    ['~,', '~%2C'],
    ['AZaz09-_.', 'AZaz09-_.'],
    ['ü', '%C3%BC'],
    ['😀', '%F0%9F%98%80'],
  ])('encodes %j as %s (jeff vectors and RFC 3986)', (input, expected) => {
    expect(rfc3986Encode(input)).toBe(expected);
  });

  /** An independent reference: encodeURIComponent plus the four characters it leaves alone that RFC 3986 reserves. */
  const reference = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

  it('equals the reference encoding and decodes back, for any unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const encoded = rfc3986Encode(s);
        expect(encoded).toBe(reference(s));
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('only uses upper-case hex and never emits + for a space', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '+', '*', '~', '%', '!', "'", '(', ')', 'é', 'a') }), (s) => {
        const encoded = rfc3986Encode(s);
        expect(encoded).not.toMatch(/%[0-9A-F]?[a-f]/);
        expect(encoded.includes('+')).toBe(false);
      }),
    );
  });
});

describe('canonicalQuery', () => {
  it('sorts by byte order of encoded names: A1 < A10, upper-case before lower-case', () => {
    expect(canonicalQuery({ a: '1', A10: '1', B: '1', A1: '1', MarketplaceId: 'x', MWSAuthToken: 't', Action: 'y', AWSAccessKeyId: 'k' })).toBe(
      'A1=1&A10=1&AWSAccessKeyId=k&Action=y&B=1&MWSAuthToken=t&MarketplaceId=x&a=1',
    );
  });

  it('keeps empty values as name=', () => {
    expect(canonicalQuery({ B: '', A: 'x' })).toBe('A=x&B=');
  });

  it('is independent of insertion order and strictly ascending by encoded name', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })), { selector: (e) => e[0], maxLength: 12 });
    fc.assert(
      fc.property(entries, (pairs) => {
        const forward = canonicalQuery(Object.fromEntries(pairs.filter(([k]) => k !== 'Signature')));
        const backward = canonicalQuery(Object.fromEntries([...pairs].reverse().filter(([k]) => k !== 'Signature')));
        expect(backward).toBe(forward);
        const names = forward === '' ? [] : forward.split('&').map((kv) => kv.slice(0, kv.indexOf('=')));
        for (let i = 1; i < names.length; i++) {
          // Encoded names are ASCII, so JS string comparison is byte comparison.
          expect(Buffer.compare(Buffer.from(names[i - 1]), Buffer.from(names[i]))).toBe(-1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('host canonicalisation', () => {
  it('lower-cases and drops only :443', () => {
    expect(canonicalHost('MWS.AmazonServices.COM')).toBe('mws.amazonservices.com');
    expect(canonicalHost('mws.amazonservices.com:443')).toBe('mws.amazonservices.com');
    expect(canonicalHost('127.0.0.1:8080')).toBe('127.0.0.1:8080');
  });

  it('signs the same whatever the host case', () => {
    const hostChars = fc.constantFrom(...'mws-euamazonservicescom.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: hostChars, minLength: 1, maxLength: 20 }), fc.boolean(), (host, upper) => {
        const cased = upper ? host.toUpperCase() : host;
        const a = signV2({ method: 'POST', host: cased, path: '/x', params: { A: '1' }, secretKey: 'k' });
        const b = signV2({ method: 'POST', host: host.toLowerCase(), path: '/x', params: { A: '1' }, secretKey: 'k' });
        expect(a.signature).toBe(b.signature);
      }),
      { numRuns: 100 },
    );
  });
});

describe('contentMd5 (REFERENCE.md §i)', () => {
  it.each([
    ['abc\tdef', 'Zj+Bh1BJ8HzBb9ToK28qFQ=='],
    ['mws', 'mA5nPbh1CSx9M3dbkr3Cyg=='],
    ['sku\tprice\tquantity\nwidget\t\t0\n', 'iUI5qlSDSrZOHRgvj4amUQ=='],
    ['', '1B2M2Y8AsgTpgAmY7PhCfg=='],
  ])('MD5 of %j is %s', (body, expected) => {
    expect(contentMd5(body)).toBe(expected);
    expect(contentMd5(Buffer.from(body, 'utf8'))).toBe(expected);
  });

  it('matches the Content-MD5 header of the live GetReport body', () => {
    const body = readFileSync(join(__dirname, '..', 'fixtures', 'samples', 'live.GetReport-body.txt'));
    expect(body.length).toBe(91);
    expect(contentMd5(body)).toBe('rkkx1Xv/k56/onrN0m7E/Q==');
  });
});
