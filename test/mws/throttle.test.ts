import { MwsClient } from '../../src/mws/client';
import { InMemoryBucketStore, Throttle, bucketKey, quotaFromMessage, readQuotaHeaders } from '../../src/mws/throttle';
import { getOperation } from '../../src/mws/catalog';
import { ManualClock } from '../../src/util/clock';
import { FixtureServer, drive, ordersPage, testConnection, until } from '../support/fixture-server';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const LIST_ORDERS = { CreatedAfter: '2025-12-01T00:00:00Z' };

function productsBody(): string {
  return '<?xml version="1.0"?><GetMatchingProductForIdResponse xmlns="http://mws.amazonservices.com/schema/Products/2011-10-01"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetMatchingProductForIdResponse>';
}

describe('throttle: waits for tokens instead of being throttled', () => {
  let server: FixtureServer;
  let clock: ManualClock;
  const clients: MwsClient[] = [];
  const client = (overrides: Record<string, unknown> = {}, store?: InMemoryBucketStore): MwsClient => {
    const c = new MwsClient(testConnection(server.url, overrides) as never, { clock, ...(store ? { bucketStore: store } : {}) });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    clock = new ManualClock(START);
    server = await FixtureServer.start({
      clock,
      handler: (req) => (req.params.Action === 'GetMatchingProductForId' ? { body: productsBody() } : { body: ordersPage('ListOrders', ['111-0000001-0000001']) }),
    });
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await server.close();
  });

  it('sends 6 immediate ListOrders at once and the 7th exactly one restore interval (60 s) later', async () => {
    const c = client();
    const calls = Array.from({ length: 7 }, () => c.call('Orders.ListOrders', LIST_ORDERS));
    await server.waitForRequests(6);
    await until(() => clock.pending === 1, 'the 7th call to wait for a token');
    expect(server.requests).toHaveLength(6);
    expect(server.requests.every((r) => r.at === START)).toBe(true);
    expect(clock.nextWakeAt()).toBe(START + 60_000);

    await clock.advance(59_999);
    expect(server.requests).toHaveLength(6);
    await clock.advance(1);
    await server.waitForRequests(7);
    expect(server.requests[6].at).toBe(START + 60_000);
    const results = await Promise.all(calls);
    expect(results.map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('counts restores from the answer of the request that emptied the full bucket, not from its send', async () => {
    const c = client();
    // The burst's answers take 30 s (a slow server): MWS's bucket may only have started restoring when they arrived.
    const slow = { stream: (res: import('node:http').ServerResponse) => void clock.sleep(30_000).then(() => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(ordersPage('ListOrders', ['111-0000001-0000001']))) };
    server.enqueue(slow, slow, slow, slow, slow, slow);
    const calls = Array.from({ length: 7 }, () => c.call('Orders.ListOrders', LIST_ORDERS));
    await server.waitForRequests(6);
    await until(() => clock.pending === 7, 'six slow answers and the 7th call to wait');
    await clock.advance(30_000);
    await until(() => clock.pending === 1, 'the answers to arrive');
    // The 7th was told to wait until START + 60 s (from the pay); waking then, it finds half a token and waits on.
    await clock.advance(30_000);
    await until(() => clock.nextWakeAt() === START + 90_000, 'the 7th call to wait again');
    await clock.advance(29_999);
    expect(server.requests).toHaveLength(6);
    await clock.advance(1);
    await server.waitForRequests(7);
    expect(server.requests[6].at).toBe(START + 90_000);
    expect((await Promise.all(calls)).map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('shares the ListOrders bucket with ListOrdersByNextToken', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 6 }, () => c.call('Orders.ListOrders', LIST_ORDERS)));
    server.enqueue({ body: ordersPage('ListOrdersByNextToken', ['111-0000002-0000002']) });
    const next = c.call('Orders.ListOrdersByNextToken', { NextToken: 'abc' });
    await until(() => clock.pending === 1, 'ListOrdersByNextToken to wait');
    expect(clock.nextWakeAt()).toBe(START + 60_000);
    await drive(clock, next);
    expect(server.requests[6].at).toBe(START + 60_000);
  });

  it('charges GetMatchingProductForId one token per id (5 ids = 5 tokens of 20, restored 1 per 200 ms)', async () => {
    const store = new InMemoryBucketStore();
    const c = client({}, store);
    const ids = ['B000000001', 'B000000002', 'B000000003', 'B000000004', 'B000000005'];
    await c.call('Products.GetMatchingProductForId', { IdType: 'ASIN', IdList: ids });
    const key = bucketKey(c.connection, 'Products', 'GetMatchingProductForId');
    expect((await store.get(key))?.tokens).toBe(15);
    // Three more calls drain it to 0; the fifth must wait for 5 items × 200 ms = 1 s.
    await Promise.all([1, 2, 3].map(() => c.call('Products.GetMatchingProductForId', { IdType: 'ASIN', IdList: ids })));
    expect((await store.get(key))?.tokens).toBe(0);
    const fifth = c.call('Products.GetMatchingProductForId', { IdType: 'ASIN', IdList: ids.slice(0, 2) });
    await until(() => clock.pending === 1, 'the fifth call to wait');
    expect(clock.nextWakeAt()).toBe(START + 400);
    await drive(clock, fifth);
    expect(server.requests.at(-1)?.at).toBe(START + 400);
  });

  it('keeps separate buckets for two sellers, and for two developer keys of one seller', async () => {
    const store = new InMemoryBucketStore();
    const sellerA = client({}, store);
    const sellerB = client({ sellerId: 'A3OTHERSELLER' }, store);
    const otherKey = client({ awsAccessKeyId: 'AKIAOTHERDEVELOPER01' }, store);
    await Promise.all(Array.from({ length: 6 }, () => sellerA.call('Orders.ListOrders', LIST_ORDERS)));
    await Promise.all(Array.from({ length: 6 }, () => sellerB.call('Orders.ListOrders', LIST_ORDERS)));
    await Promise.all(Array.from({ length: 6 }, () => otherKey.call('Orders.ListOrders', LIST_ORDERS)));
    expect(server.requests).toHaveLength(18);
    expect(server.requests.every((r) => r.at === START)).toBe(true);
    expect(new Set(server.requests.map((r) => `${r.params.SellerId}/${r.params.AWSAccessKeyId}`)).size).toBe(3);
    expect(clock.pending).toBe(0);
    // ... and seller A's bucket is still empty.
    const seventh = sellerA.call('Orders.ListOrders', LIST_ORDERS);
    await until(() => clock.pending === 1, 'seller A to wait');
    await drive(clock, seventh);
  });

  it("respects the hourly quota from x-mws-quota-* headers, the server's max winning over the catalog", async () => {
    const resetsOn = new Date(START + 20 * 60_000).toISOString();
    const quota = (remaining: number) => ({ 'x-mws-quota-max': '2.0', 'x-mws-quota-remaining': `${remaining}.0`, 'x-mws-quota-resetsOn': resetsOn });
    server.enqueue({ headers: quota(1), body: productsBody() }, { headers: quota(0), body: productsBody() }, { headers: quota(1), body: productsBody() });
    const c = client();
    const one = { IdType: 'ASIN', IdList: ['B000000001'] };
    const first = await c.call('Products.GetMatchingProductForId', one);
    expect(first.quota).toEqual({ max: 2, remaining: 1, resetsOn });
    await c.call('Products.GetMatchingProductForId', one);
    // Burst tokens remain (18 of 20), but the hour is spent: wait for resetsOn.
    const third = c.call('Products.GetMatchingProductForId', one);
    await until(() => clock.pending === 1, 'the third call to wait for the hourly reset');
    expect(server.requests).toHaveLength(2);
    expect(clock.nextWakeAt()).toBe(START + 20 * 60_000);
    await drive(clock, third);
    expect(server.requests[2].at).toBe(START + 20 * 60_000);
  });

  it("reads the hourly reset in the server's clock: a server 10 minutes ahead does not add 10 minutes of waiting", async () => {
    await server.close();
    const serverClock = new ManualClock(START + 10 * 60_000);
    server = await FixtureServer.start({ clock: serverClock });
    const resetsOn = new Date(START + 15 * 60_000).toISOString(); // server time: 5 minutes from its now
    server.enqueue(
      { headers: { 'x-mws-quota-max': '1.0', 'x-mws-quota-remaining': '0.0', 'x-mws-quota-resetsOn': resetsOn }, body: productsBody() },
      { body: productsBody() },
    );
    const c = client();
    const one = { IdType: 'ASIN', IdList: ['B000000001'] };
    await c.call('Products.GetMatchingProductForId', one);
    const second = c.call('Products.GetMatchingProductForId', one);
    await until(() => clock.pending === 1, 'the second call to wait for the hourly reset');
    expect(clock.nextWakeAt()).toBe(START + 5 * 60_000);
    await drive(clock, second);
  });

  it('divides the restore interval by timeScale', async () => {
    const c = client({ timeScale: 60 });
    await Promise.all(Array.from({ length: 6 }, () => c.call('Orders.ListOrders', LIST_ORDERS)));
    const seventh = c.call('Orders.ListOrders', LIST_ORDERS);
    await until(() => clock.pending === 1, 'the 7th call');
    expect(clock.nextWakeAt()).toBe(START + 1000);
    await drive(clock, seventh);
  });
});

describe('Throttle (unit)', () => {
  const spec = getOperation('Orders.ListOrders').throttle;

  it('serves waiting calls on one key in arrival order', async () => {
    const clock = new ManualClock(START);
    const throttle = new Throttle(new InMemoryBucketStore(), clock);
    const order: number[] = [];
    for (let i = 0; i < 6; i++) await throttle.acquire({ key: 'k', spec, cost: 1, timeScale: 1 });
    const waits = [1, 2, 3].map((n) => throttle.acquire({ key: 'k', spec, cost: 1, timeScale: 1 }).then((ms) => order.push(n) && ms));
    await drive(clock, Promise.all(waits));
    expect(order).toEqual([1, 2, 3]);
    expect(await Promise.all(waits)).toEqual([60_000, 120_000, 180_000]);
  });

  it('restores nothing while the request that emptied a full bucket is unanswered, then counts from its answer', async () => {
    const clock = new ManualClock(START);
    const store = new InMemoryBucketStore();
    const throttle = new Throttle(store, clock);
    const first = await throttle.take({ key: 'k', spec, cost: 1, timeScale: 1 });
    expect(first.holds).toBe(START);
    const rest = [];
    for (let i = 0; i < 5; i++) rest.push(await throttle.take({ key: 'k', spec, cost: 1, timeScale: 1 }));
    // Only the request that found the bucket full holds it.
    expect(rest.every((ticket) => ticket.holds === undefined)).toBe(true);
    await clock.advance(30_000);
    expect((await throttle.current('k', spec, 1)).tokens).toBe(0);
    // An answer for a request that did not set the hold changes nothing.
    await throttle.answered(rest[0]!, spec, 1);
    expect((await store.get('k'))?.heldSince).toBe(START);
    await throttle.answered(first, spec, 1);
    expect((await store.get('k'))?.heldSince).toBeUndefined();
    const seventh = throttle.take({ key: 'k', spec, cost: 1, timeScale: 1 });
    await until(() => clock.pending === 1, 'the 7th take to wait');
    // One restore interval after the answer (START + 30 s), not after the pay (START).
    expect(clock.nextWakeAt()).toBe(START + 90_000);
    expect((await drive(clock, seventh)).waitedMs).toBe(60_000);
  });

  it('drops a hold nobody answered after ten minutes (a process that died with a shared store)', async () => {
    const clock = new ManualClock(START);
    const throttle = new Throttle(new InMemoryBucketStore(), clock);
    const ticket = await throttle.take({ key: 'k', spec, cost: 1, timeScale: 1 });
    expect(ticket.holds).toBe(START);
    await clock.advance(10 * 60_000);
    expect((await throttle.current('k', spec, 1)).tokens).toBe(5);
    await clock.advance(1);
    expect((await throttle.current('k', spec, 1)).tokens).toBe(6);
  });

  it('acquire (no answer to wait for) never holds the bucket', async () => {
    const clock = new ManualClock(START);
    const store = new InMemoryBucketStore();
    const throttle = new Throttle(store, clock);
    await throttle.acquire({ key: 'k', spec, cost: 1, timeScale: 1 });
    expect((await store.get('k'))?.heldSince).toBeUndefined();
    await clock.advance(30_000);
    expect((await throttle.current('k', spec, 1)).tokens).toBe(5.5);
  });

  it('empties the bucket after an actual RequestThrottled, whatever it counted', async () => {
    const clock = new ManualClock(START);
    const store = new InMemoryBucketStore();
    const throttle = new Throttle(store, clock);
    await throttle.acquire({ key: 'k', spec, cost: 1, timeScale: 1 });
    expect((await store.get('k'))?.tokens).toBe(5);
    await throttle.recordThrottled('k', spec, 1);
    expect((await store.get('k'))?.tokens).toBe(0);
  });

  it("reads QuotaExceeded's message when no headers came", () => {
    expect(quotaFromMessage('Feeds.SubmitFeed: You exceeded your quota of 200.0 requests per 1 hour for operation Feeds/2009-01-01/SubmitFeed.  Your quota will reset on Thu Apr 04 18:46:00 UTC 2020')).toEqual({
      max: 200,
      remaining: 0,
      resetsOn: '2020-04-04T18:46:00.000Z',
    });
    expect(quotaFromMessage('Request is throttled')).toBeUndefined();
  });

  it('reads quota headers as MWS sent them ("80.0") and ignores incomplete ones', () => {
    expect(readQuotaHeaders({ 'x-mws-quota-max': '80.0', 'x-mws-quota-remaining': '79.0', 'x-mws-quota-resetson': '2018-04-27T14:54:00.000Z' })).toEqual({
      max: 80,
      remaining: 79,
      resetsOn: '2018-04-27T14:54:00.000Z',
    });
    expect(readQuotaHeaders({ 'x-mws-quota-max': '80.0' })).toBeUndefined();
  });
});
