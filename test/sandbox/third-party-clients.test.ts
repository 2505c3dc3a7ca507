/**
 * Proof that the sandbox accepts what real clients send: two honest third-party MWS clients from npm, unmodified,
 * complete ListOrders and ListMarketplaceParticipations against it over loopback.
 * - `mws` 2.0.11 (ScaleLeap): signs the marketplace's `webServiceUri` minus `https://`, so it talks https to
 *   `tls: true`; its axios uses https.globalAgent, which gets the sandbox CA for the test.
 * - `amazon-mws` 0.0.27: GET with a query string, signs the host without the port; it writes its body on the
 *   socket's connect event, so it needs a non-keep-alive global agent on Node 19+. Its xml2js setup uses `Value`
 *   as the text key, so any element with a `<Value>` child (BuyerTaxInfo/TaxClassification, documented MWS
 *   output) breaks its parser: the test asks it for one order without one.
 */
import http from 'node:http';
import https from 'node:https';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { listOrders } from './support/signed-request';

const US = 'ATVPDKIKX0DER';

describe('ScaleLeap mws 2.0.11 over https', () => {
  let sandbox: RunningSandbox;
  const savedAgent = https.globalAgent;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 8, orders: 30, tls: true });
    https.globalAgent = new https.Agent({ ca: sandbox.ca as string, keepAlive: false });
  });
  afterAll(async () => {
    https.globalAgent = savedAgent;
    await sandbox.close();
  });

  test('Orders.listOrders and Sellers.listMarketplaceParticipations decode with its own codecs', async () => {
    const { HttpClient, Orders, Sellers } = require('mws') as typeof import('mws');
    const httpClient = new HttpClient({
      marketplace: { webServiceUri: sandbox.url } as unknown as ConstructorParameters<typeof HttpClient>[0]['marketplace'],
      awsAccessKeyId: DEFAULT_SANDBOX_CREDENTIALS.awsAccessKeyId,
      secretKey: DEFAULT_SANDBOX_CREDENTIALS.secretKey,
      sellerId: DEFAULT_SANDBOX_CREDENTIALS.sellerId,
      mwsAuthToken: DEFAULT_SANDBOX_CREDENTIALS.mwsAuthToken as string,
    });
    const [orders, meta] = await new Orders(httpClient).listOrders({ MarketplaceId: [US], CreatedAfter: new Date(sandbox.clock.now() - 30 * 24 * 3600 * 1000) });
    expect(meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(orders.Orders.length).toBeGreaterThan(0);
    for (const order of orders.Orders) expect(order.AmazonOrderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);

    const [participations] = await new Sellers(httpClient).listMarketplaceParticipations();
    const ids = participations.ListMarketplaces.map((m) => m.MarketplaceId);
    expect(ids).toContain(US);
    const counters = sandbox.control.counters();
    expect(counters.byOperation['Orders.ListOrders']).toEqual({ ok: 1 });
    expect(counters.byOperation['Sellers.ListMarketplaceParticipations']).toEqual({ ok: 1 });
  }, 30_000);
});

describe('amazon-mws 0.0.27 over http', () => {
  let sandbox: RunningSandbox;
  const savedAgent = http.globalAgent;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 8, orders: 30 });
    http.globalAgent = new http.Agent({ keepAlive: false });
  });
  afterAll(async () => {
    http.globalAgent = savedAgent;
    await sandbox.close();
  });

  test('orders.search ListOrders and sellers.search ListMarketplaceParticipations', async () => {
    // Its old agent-base monkey-patches https.request/https.get when loaded, which would break every later
    // https caller in this jest worker; it talks plain http here, so put the originals back at once.
    const { request, get } = https;
    const createClient = require('amazon-mws') as (key: string, secret: string) => AmazonMwsClient;
    Object.assign(https, { request, get });
    const client = createClient(DEFAULT_SANDBOX_CREDENTIALS.awsAccessKeyId, DEFAULT_SANDBOX_CREDENTIALS.secretKey);
    client.setHost('127.0.0.1', String(sandbox.port), 'http');
    const common = { SellerId: DEFAULT_SANDBOX_CREDENTIALS.sellerId, MWSAuthToken: DEFAULT_SANDBOX_CREDENTIALS.mwsAuthToken };
    const purchased = await orderWithoutValueElement(sandbox);
    const orders = (await client.orders.search({
      Version: '2013-09-01',
      Action: 'ListOrders',
      ...common,
      'MarketplaceId.Id.1': US,
      CreatedAfter: new Date(purchased),
      CreatedBefore: new Date(purchased + 1000),
    })) as { Orders: { Order: Array<{ AmazonOrderId: string }> | { AmazonOrderId: string } }; ResponseMetadata: { RequestId: string } };
    const list = Array.isArray(orders.Orders.Order) ? orders.Orders.Order : [orders.Orders.Order];
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]?.AmazonOrderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);

    const participations = (await client.sellers.search({ Version: '2011-07-01', Action: 'ListMarketplaceParticipations', ...common })) as {
      ListMarketplaces: { Marketplace: Array<{ MarketplaceId: string }> | { MarketplaceId: string } };
    };
    const marketplaces = participations.ListMarketplaces.Marketplace;
    expect((Array.isArray(marketplaces) ? marketplaces : [marketplaces]).map((m) => m.MarketplaceId)).toContain(US);
    const counters = sandbox.control.counters();
    expect(counters.byOperation['Orders.ListOrders']).toEqual({ ok: 2 });
    expect(counters.byOperation['Sellers.ListMarketplaceParticipations']).toEqual({ ok: 1 });
  }, 30_000);
});

/** PurchaseDate (ms) of an order alone in its second and without a `<Value>` element, found with a hand-signed call. */
async function orderWithoutValueElement(sandbox: RunningSandbox): Promise<number> {
  const reply = await listOrders(sandbox.url, { params: { 'MarketplaceId.Id.1': US, CreatedAfter: new Date(sandbox.clock.now() - 30 * 24 * 3600 * 1000).toISOString() } });
  const orders = reply.body.match(/<Order>.*?<\/Order>/g) ?? [];
  const dates = orders.map((o) => Date.parse(/<PurchaseDate>([^<]+)</.exec(o)?.[1] ?? ''));
  const index = orders.findIndex((o, i) => !o.includes('<Value>') && dates.filter((d) => Math.floor(d / 1000) === Math.floor((dates[i] as number) / 1000)).length === 1);
  if (index < 0) throw new Error('no order without a <Value> element in the seeded world');
  return dates[index] as number;
}

interface AmazonMwsClient {
  setHost(host: string, port: string, protocol: string): void;
  orders: { search(params: Record<string, unknown>): Promise<unknown> };
  sellers: { search(params: Record<string, unknown>): Promise<unknown> };
}
