import { Writable } from 'node:stream';
import { getOperation } from '../../src/mws/catalog';
import { signV2 } from '../../src/mws/signer';
import { parseMwsResponse } from '../../src/mws/xml';
import { createLogger, LOG_LEVEL_ENV, redactValue, silentLogger, type Logger } from '../../src/util/logger';
import { clearSecretsForTests, registerSecret } from '../../src/util/secrets';
import { loadSample } from '../support/samples';

const SECRET_KEY = 'wJalr/XUtnFEMI+K7MDENG/bPxRfiCY=EXAMPLEKEY';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

function capture(options: Parameters<typeof createLogger>[0] = {}): { logger: Logger; lines: () => Promise<string[]> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', ...options, stream });
  // winston hands records to its transports through streams; one macrotask turn delivers everything already logged.
  const lines = async (): Promise<string[]> => {
    await new Promise((resolve) => setImmediate(resolve));
    return chunks.join('').split('\n').filter((line) => line !== '');
  };
  return { logger, lines };
}

afterEach(() => {
  clearSecretsForTests();
  delete process.env[LOG_LEVEL_ENV];
});

describe('createLogger', () => {
  it('never writes a registered secret, at debug level, by any path', async () => {
    registerSecret(SECRET_KEY);
    const { logger, lines } = capture();
    const signed = signV2({ method: 'POST', host: 'mws.amazonservices.com', path: '/Orders/2013-09-01', params: { Action: 'ListOrders', AWSAccessKeyId: ACCESS_KEY }, secretKey: SECRET_KEY });
    logger.debug('connection', { config: { awsAccessKeyId: ACCESS_KEY, secretKey: SECRET_KEY, sellerId: 'A1EXAMPLE' } });
    logger.debug(`request https://mws.amazonservices.com/Orders/2013-09-01?${signed.query}`);
    logger.debug('string to sign', { stringToSign: signed.stringToSign, note: `key was ${SECRET_KEY}`, encoded: encodeURIComponent(SECRET_KEY) });
    logger.error(new Error(`failed with ${SECRET_KEY}`));
    logger.debug('nested', { deep: [{ list: [SECRET_KEY] }] });
    const written = await lines();
    expect(written).toHaveLength(5);
    for (const line of written) {
      expect(line).not.toContain(SECRET_KEY);
      expect(line).not.toContain(encodeURIComponent(SECRET_KEY));
      expect(line).not.toContain(signed.signature);
      expect(line).not.toContain(encodeURIComponent(signed.signature));
    }
    expect(written[1]).toContain('Signature=***');
    expect(written[1]).toContain(`AWSAccessKeyId=****${ACCESS_KEY.slice(-4)}`);
    expect(written[1]).not.toContain(ACCESS_KEY);
  });

  it('writes JSON lines with level, message and metadata', async () => {
    const { logger, lines } = capture();
    logger.info('hello', { operation: 'Orders.ListOrders', attempt: 2 });
    const [line] = await lines();
    expect(JSON.parse(line ?? '')).toMatchObject({ level: 'info', message: 'hello', operation: 'Orders.ListOrders', attempt: 2 });
  });

  it('writes a human-readable line when pretty', async () => {
    const { logger, lines } = capture({ pretty: true });
    logger.warn('slow down', { BuyerEmail: 'someone@example.com' });
    const [line] = await lines();
    expect(line).toContain('slow down');
    expect(line).not.toContain('someone@example.com');
    expect(() => JSON.parse(line ?? '')).toThrow();
  });

  it(`takes its level from ${LOG_LEVEL_ENV}`, async () => {
    process.env[LOG_LEVEL_ENV] = 'warn';
    const { logger, lines } = capture({ level: undefined });
    logger.info('dropped');
    logger.warn('kept');
    expect((await lines()).map((line) => JSON.parse(line).message)).toEqual(['kept']);
  });

  it('refuses an unknown level with a typed error naming the variable', () => {
    process.env[LOG_LEVEL_ENV] = 'loud';
    expect(() => createLogger()).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: LOG_LEVEL_ENV }));
  });

  it('does not show the buyer name or e-mail when logging a normalised sample order', async () => {
    const xml = loadSample('ListOrdersResponse.xml');
    const buyerValues = [...xml.matchAll(/<(BuyerEmail|BuyerName)>([^<]+)</g)].map((m) => m[2] as string);
    expect(buyerValues.length).toBeGreaterThanOrEqual(4);
    const { result } = await parseMwsResponse(getOperation('Orders.ListOrders'), xml);
    const { logger, lines } = capture();
    logger.info('page', { result });
    logger.debug('raw body', { body: xml });
    const written = (await lines()).join('\n');
    for (const value of buyerValues) expect(written).not.toContain(value);
    expect(written).not.toContain('1234 Any St.');
    expect(written).toContain('902-3159896-1390916');
  });

  it('shows PII when redactPii is false, but still no secrets', async () => {
    registerSecret(SECRET_KEY);
    const { logger, lines } = capture({ redactPii: false });
    logger.info('order', { BuyerEmail: 'someone@example.com', secretKey: SECRET_KEY });
    const [line] = await lines();
    expect(line).toContain('someone@example.com');
    expect(line).not.toContain(SECRET_KEY);
  });

  it('offers a silent logger', () => {
    expect(silentLogger.silent).toBe(true);
    expect(() => silentLogger.error('nothing')).not.toThrow();
  });
});

describe('redactValue', () => {
  it('masks secrets, signed query strings and PII deeply, leaving other data alone', () => {
    registerSecret(SECRET_KEY);
    const value = {
      url: `/Orders?AWSAccessKeyId=${ACCESS_KEY}&Signature=abc%2Bdef%3D&SellerId=A1`,
      mwsAuthToken: 'amzn.mws.1234',
      order: { AmazonOrderId: '1', BuyerName: 'Jo', ShippingAddress: { Name: 'Jo', AddressLine1: '1 Main St', City: 'Seattle', PostalCode: '98103' }, ProductInfo: { Name: 'Book' } },
      xml: '<Order><BuyerEmail>jo@example.com</BuyerEmail><ShippingAddress><Name>Jo</Name><City>Seattle</City></ShippingAddress></Order>',
      json: '{"BuyerEmail":"jo@example.com","OrderStatus":"Shipped","Signature":"c2lnbmF0dXJl"}',
      text: `key ${SECRET_KEY}`,
    };
    expect(redactValue(value)).toEqual({
      url: '/Orders?AWSAccessKeyId=****MPLE&Signature=***&SellerId=A1',
      mwsAuthToken: '***',
      order: { AmazonOrderId: '1', BuyerName: '***', ShippingAddress: { Name: '***', AddressLine1: '***', City: 'Seattle', PostalCode: '***' }, ProductInfo: { Name: 'Book' } },
      xml: '<Order><BuyerEmail>***</BuyerEmail><ShippingAddress><Name>***</Name><City>Seattle</City></ShippingAddress></Order>',
      json: '{"BuyerEmail":"***","OrderStatus":"Shipped","Signature":"***"}',
      text: 'key ***',
    });
    expect(value.order.BuyerName).toBe('Jo');
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ a: 1, self: '[circular]' });
  });
});
