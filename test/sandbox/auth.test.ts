import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalQueryOf, percentEncode, stringToSign } from '../../src/sandbox/auth';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { hostSandbox, type HostedSandbox } from '../../src/sandbox/host';
import { buildParams, callMws, FEEDS, formEncode, listOrders, ORDERS, OTHER_SELLER, send, TEST_CREDENTIALS, testWorld, US } from './support/signed-request';

const hmac = (secret: string, text: string, algorithm = 'sha256'): string => createHmac(algorithm, secret).update(text).digest('base64');

describe('canonical string (REFERENCE.md §i known answers, computed with the sandbox verifier)', () => {
  test('KAT-1 bizon/mws-sdk, both vectors', () => {
    const one = stringToSign('POST', 'mws-eu.amazonservices.com', 'Products/2011-10-01', canonicalQueryOf([['Cool', 'Test with spaces']]));
    expect(one).toBe('POST\nmws-eu.amazonservices.com\nProducts/2011-10-01\nCool=Test%20with%20spaces');
    expect(hmac('secret', one)).toBe('JKuirYHlrTxwQYwG61ULhe+VkyngRdgokEOPSnnxieo=');
    const two = stringToSign('POST', 'mws-eu.amazonservices.com', 'Products/2011-10-01', canonicalQueryOf([['Method', 'Example']]));
    expect(hmac('secret', two)).toBe('nUS2Ev6IZwnNwnVNRWz8hFjJfns5HJLsBrWlMSGwW/A=');
  });

  test('KAT-2 dmichael/amazon-mws', () => {
    const text = stringToSign('GET', 'mws.amazonaws.com', '/', canonicalQueryOf([['devil', '666']]));
    expect(hmac('beelzebub', text)).toBe('F8zvW31wDYENPZrwkVYaPOLHh2R+goZncb0SlwTwyes=');
  });

  test('KAT-3 AWS Signature Version 2 example (order of pairs does not matter; Signature is left out)', () => {
    const pairs: Array<[string, string]> = [
      ['Version', '2009-03-31'],
      ['Timestamp', '2011-10-03T15:19:30'],
      ['Signature', 'ignored'],
      ['SignatureVersion', '2'],
      ['SignatureMethod', 'HmacSHA256'],
      ['Action', 'DescribeJobFlows'],
      ['AWSAccessKeyId', 'AKIAIOSFODNN7EXAMPLE'],
    ];
    const text = stringToSign('GET', 'elasticmapreduce.amazonaws.com', '/', canonicalQueryOf(pairs));
    expect(text).toBe(
      'GET\nelasticmapreduce.amazonaws.com\n/\nAWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Action=DescribeJobFlows&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30&Version=2009-03-31',
    );
    const signature = hmac('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', text);
    expect(signature).toBe('i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf/Mj6vPxyYIs=');
    expect(percentEncode(signature)).toBe('i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf%2FMj6vPxyYIs%3D');
  });

  test('encoding vectors (hakanensari/jeff) and byte-order sort', () => {
    expect(percentEncode(' ')).toBe('%20');
    expect(canonicalQueryOf([['foo', 'bar baz']])).toBe('foo=bar%20baz');
    expect(percentEncode('…')).toBe('%E2%80%A6');
    expect(percentEncode('~,')).toBe('~%2C');
    expect(percentEncode("*!'()")).toBe('%2A%21%27%28%29');
    expect(canonicalQueryOf([['A10', '1'], ['A1', '1']])).toBe('A1=1&A10=1');
    expect(canonicalQueryOf([['MarketplaceId.Id.1', 'x'], ['MWSAuthToken', 'y'], ['Action', 'a'], ['AWSAccessKeyId', 'k']])).toBe(
      'AWSAccessKeyId=k&Action=a&MWSAuthToken=y&MarketplaceId.Id.1=x',
    );
  });
});

describe('authentication over HTTP', () => {
  let sandbox: HostedSandbox;
  beforeAll(async () => {
    sandbox = await hostSandbox({ seed: 7, credentials: SANDBOX_CREDENTIALS, throttling: false }, () => testWorld());
  });
  afterAll(() => sandbox.close());

  test('accepts a form POST, a GET with a query string, HmacSHA1, a host signed without its port, and a matching MWSAuthToken', async () => {
    for (const extra of [{}, { method: 'GET' as const }, { algorithm: 'sha1' as const }, { signHost: '127.0.0.1' }, { sendToken: true }]) {
      const reply = await listOrders(sandbox.url, extra);
      expect({ extra, status: reply.status }).toEqual({ extra, status: 200 });
      expect(reply.body).toContain('<ListOrdersResponse xmlns="https://mws.amazonservices.com/Orders/2013-09-01">');
    }
  });

  test('accepts Merchant instead of SellerId, and Feeds posted to / as Amazon\'s own library did', async () => {
    const reply = await callMws(sandbox.url, { ...FEEDS, path: '/', action: 'SubmitFeed', merchant: true, params: { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', ContentMD5Value: 'iUI5qlSDSrZOHRgvj4amUQ==' }, body: Buffer.from('sku\tprice\tquantity\nwidget\t\t0\n') });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<SubmitFeedResponse xmlns="http://mws.amazonaws.com/doc/2009-01-01/">');
  });

  test('accepts Expires in the future instead of Timestamp', async () => {
    const expires = new Date(Date.now() + 60_000).toISOString();
    const reply = await listOrders(sandbox.url, { omit: ['Timestamp'], params: { 'MarketplaceId.Id.1': 'ATVPDKIKX0DER', CreatedAfter: '2020-01-01', Expires: expires } });
    expect(reply.status).toBe(200);
  });

  test('an unknown developer key gets the LIVE 403 InvalidAccessKeyId body, byte for byte', async () => {
    const reply = await listOrders(sandbox.url, { credentials: { ...TEST_CREDENTIALS, awsAccessKeyId: 'SANDBOXUNKNOWNKEY001' } });
    expect(reply.status).toBe(403);
    const live = readFileSync(join(__dirname, '../fixtures/samples/live.ErrorResponse.Orders-InvalidAccessKeyId.403.xml'), 'utf8');
    const requestId = reply.headers['x-mws-request-id'] as string;
    expect(reply.body).toBe(live.replace(/<RequestID>[^<]+<\/RequestID>/, `<RequestID>${requestId}</RequestID>`));
    expect(reply.headers['content-type']).toBe('text/xml');
  });

  const rejected: Array<[string, Parameters<typeof listOrders>[1], number, string]> = [
    ['wrong secret', { secret: 'not-the-secret' }, 403, 'SignatureDoesNotMatch'],
    ['signed for another host', { signHost: 'mws.amazonservices.com' }, 403, 'SignatureDoesNotMatch'],
    ['stale Timestamp (20 minutes old)', { timestamp: new Date(Date.now() - 20 * 60_000).toISOString() }, 400, 'InvalidParameterValue'],
    ['Timestamp 16 minutes ahead', { timestamp: new Date(Date.now() + 16 * 60_000).toISOString() }, 400, 'InvalidParameterValue'],
    ['unknown seller', { credentials: { ...TEST_CREDENTIALS, sellerId: 'A2UNKNOWNSELLER' } }, 400, 'InvalidParameterValue'],
    ["another seller's MWSAuthToken", { credentials: { ...TEST_CREDENTIALS, mwsAuthToken: OTHER_SELLER.mwsAuthToken as string }, sendToken: true }, 401, 'AccessDenied'],
    ['unsupported SignatureMethod', { params: { 'MarketplaceId.Id.1': 'ATVPDKIKX0DER', CreatedAfter: '2020-01-01', SignatureMethod: 'HmacMD5' } }, 400, 'InvalidParameterValue'],
    ['missing Signature', { omit: ['Signature'] }, 400, 'InvalidParameterValue'],
  ];
  test.each(rejected)('%s is refused', async (_name, extra, status, code) => {
    const reply = await listOrders(sandbox.url, extra);
    expect(reply.status).toBe(status);
    expect(reply.body).toMatch(new RegExp(`^<\\?xml version="1.0"\\?>\\n<ErrorResponse xmlns="https://mws.amazonservices.com/Orders/2013-09-01">\\n  <Error>\\n    <Type>Sender</Type>\\n    <Code>${code}</Code>\\n    <Message>[^<]+</Message>\\n  </Error>\\n  <RequestID>${reply.headers['x-mws-request-id'] as string}</RequestID>\\n</ErrorResponse>\\n$`));
    // Neither the secret nor a token is ever echoed.
    expect(reply.body).not.toContain(TEST_CREDENTIALS.secretKey);
    expect(reply.body).not.toContain('amzn.mws.');
  });

  test('a parameter changed after signing is refused', async () => {
    const { params } = buildParams(sandbox.url, { ...ORDERS, action: 'ListOrders', params: { 'MarketplaceId.Id.1': US, CreatedAfter: '2020-01-01' } });
    params.CreatedAfter = '2019-01-01';
    const reply = await send(sandbox.url, 'POST', ORDERS.path, Buffer.from(formEncode(params)), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  test('the time window follows the sandbox clock, not the wall clock', async () => {
    const timestamp = new Date(sandbox.clock.now()).toISOString();
    sandbox.control.advance(16 * 60_000);
    try {
      const reply = await listOrders(sandbox.url, { timestamp });
      expect(reply.status).toBe(400);
      expect(reply.body).toContain('Request has expired');
      const fresh = await listOrders(sandbox.url, { timestamp: new Date(sandbox.clock.now()).toISOString() });
      expect(fresh.status).toBe(200);
    } finally {
      // The clock cannot go back: later tests sign with the sandbox's time.
    }
  });

  test('counters count authentication failures apart from successes', () => {
    const counters = sandbox.control.counters();
    expect(counters.byOutcome['auth-error']).toBeGreaterThanOrEqual(7);
    expect(counters.byOperation['Orders.ListOrders']?.ok).toBeGreaterThanOrEqual(5);
  });
});
