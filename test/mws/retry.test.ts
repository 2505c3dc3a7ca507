/**
 * The retry table, row by row, against a loopback server that counts what it saw.
 * definite rows retry for any operation (SubmitFeed included); ambiguous rows retry only idempotent operations
 * and turn into AMBIGUOUS_OUTCOME (with the operation's recovery) for the others.
 */
import net from 'node:net';
import { MwsClient } from '../../src/mws/client';
import { getOperation } from '../../src/mws/catalog';
import { MwsConnectorError } from '../../src/mws/errors';
import { RETRY_TABLE, backoffMs, decideRetry, tagFault } from '../../src/mws/retry';
import { ManualClock } from '../../src/util/clock';
import { FixtureServer, type Reply, drive, errorResponse, freePort, ordersPage, selfSignedCertificate, testConnection, until } from '../support/fixture-server';
import { rejection } from '../support/errors';
import { loadSample } from '../support/samples';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const LIST_ORDERS = { CreatedAfter: '2025-12-01T00:00:00Z' };
const FEED = { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: 'sku\tquantity\nwidget\t3\n' };
const SUBMIT_FEED_RECOVERY = getOperation('Feeds.SubmitFeed').recovery;
const ORDERS_OK: Reply = { body: ordersPage('ListOrders', ['111-0000001-0000001']) };
const FEED_OK: Reply = { body: loadSample('SubmitFeedResponse.xml') };

let server: FixtureServer;
let clock: ManualClock;
let client: MwsClient;

async function start(timeouts?: Record<string, number>): Promise<void> {
  clock = new ManualClock(START);
  server = await FixtureServer.start({ clock });
  client = new MwsClient(testConnection(server.url, timeouts ? { timeouts } : {}) as never, { clock, random: () => 0 });
}

afterEach(async () => {
  client?.close();
  await server?.close();
});

async function expectAmbiguous(work: Promise<unknown>): Promise<MwsConnectorError> {
  const e = await rejection(drive(clock, work));
  expect(e.code).toBe('AMBIGUOUS_OUTCOME');
  expect(e.operation).toBe('Feeds.SubmitFeed');
  expect(e.recovery).toBe(SUBMIT_FEED_RECOVERY);
  expect(e.message).toContain(SUBMIT_FEED_RECOVERY);
  return e;
}

describe('definite rows: any operation retries', () => {
  beforeEach(() => start());

  it('503 RequestThrottled with an ErrorResponse: ListOrders and SubmitFeed are sent again', async () => {
    server.enqueue({ status: 503, body: errorResponse('RequestThrottled', 'Request is throttled', '') }, ORDERS_OK);
    const orders = await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
    expect(orders.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    // The retry waited for a restored token: one ListOrders restore interval.
    expect(server.requests[1].at - server.requests[0].at).toBe(60_000);

    server.enqueue({ status: 503, body: errorResponse('RequestThrottled', 'Request is throttled') }, FEED_OK);
    const feed = await drive(clock, client.call('Feeds.SubmitFeed', FEED));
    expect(feed.attempts).toBe(2);
    expect(server.requests).toHaveLength(4);
  });

  it('503 QuotaExceeded: retried once the hourly quota resets (x-mws-quota-resetsOn)', async () => {
    const resetsOn = new Date(START + 15 * 60_000).toISOString();
    server.enqueue(
      { status: 503, headers: { 'x-mws-quota-max': '30.0', 'x-mws-quota-remaining': '0.0', 'x-mws-quota-resetsOn': resetsOn }, body: errorResponse('QuotaExceeded', 'You exceeded your quota') },
      FEED_OK,
    );
    const feed = await drive(clock, client.call('Feeds.SubmitFeed', FEED));
    expect(feed.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].at).toBe(START + 15 * 60_000);
  });

  it('503 QuotaExceeded without headers: the reset time is read from the message', async () => {
    const resetsAt = START + 7 * 60_000;
    const javaDate = new Date(resetsAt).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 UTC $4');
    server.enqueue(
      { status: 503, body: errorResponse('QuotaExceeded', `You exceeded your quota of 30.0 requests per 1 hour for operation Feeds/2009-01-01/SubmitFeed.  Your quota will reset on ${javaDate}`) },
      FEED_OK,
    );
    const feed = await drive(clock, client.call('Feeds.SubmitFeed', FEED));
    expect(feed.attempts).toBe(2);
    expect(server.requests[1].at).toBe(resetsAt);
  });

  it('connection refused: sent again after a backoff, for SubmitFeed too', async () => {
    await server.close();
    const port = await freePort();
    client.close();
    client = new MwsClient(testConnection(`http://127.0.0.1:${port}`) as never, { clock, random: () => 0 });
    const call = client.call('Feeds.SubmitFeed', FEED);
    // The first attempt is refused; while the client backs off, a server appears on that port.
    await until(() => clock.pending === 1, 'the backoff after a refused connection');
    server = await FixtureServer.start({ clock, port });
    server.enqueue(FEED_OK);
    const result = await drive(clock, call);
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].at).toBe(START + backoffMs(1, 1, () => 0));
  });

  it('connect timeout (TLS handshake never completes): SubmitFeed is sent again', async () => {
    const tls = selfSignedCertificate();
    const target = await FixtureServer.start({ clock, tls });
    target.enqueue(FEED_OK);
    // The first connection is accepted and left silent; later ones are passed through to the real server.
    let connections = 0;
    const sockets: net.Socket[] = [];
    const front = net.createServer((socket) => {
      sockets.push(socket);
      if (++connections === 1) return;
      const upstream = net.connect(Number(new URL(target.url).port), '127.0.0.1');
      sockets.push(upstream);
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
    const port = (front.address() as net.AddressInfo).port;
    client.close();
    client = new MwsClient(testConnection(`https://127.0.0.1:${port}`, { timeouts: { connectMs: 150 } }) as never, { clock, ca: tls.cert, random: () => 0 });
    try {
      const feed = await drive(clock, client.call('Feeds.SubmitFeed', FEED));
      expect(feed.attempts).toBe(2);
      expect(connections).toBe(2);
      expect(target.requests).toHaveLength(1);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await target.close();
    }
  });

  it('reset before the request was written: a 32 MiB SubmitFeed is sent again', async () => {
    server.enqueue({ fault: 'reset-before-body' }, FEED_OK);
    const feed = await drive(clock, client.call('Feeds.SubmitFeed', { ...FEED, FeedContent: Buffer.alloc(32 * 1024 * 1024, 0x61) }));
    expect(feed.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].body.length).toBe(0);
    expect(server.requests[1].body.length).toBe(32 * 1024 * 1024);
  });
});

describe('ambiguous rows: idempotent operations retry, SubmitFeed raises AMBIGUOUS_OUTCOME', () => {
  const rows: Array<[string, Reply, RegExp]> = [
    ['reset after the request was written', { fault: 'reset-after-body' }, /connection lost after the request was sent/],
    ['HTTP 500', { status: 500, body: errorResponse('InternalError', 'We encountered an internal error', 'Receiver') }, /internal error/],
    ['HTTP 502', { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>Bad Gateway</html>' }, /Bad Gateway/],
    ['HTTP 503 ServiceUnavailable', { status: 503, body: errorResponse('ServiceUnavailable', 'Service is unavailable', 'Receiver') }, /Service is unavailable/],
    ['HTTP 504', { status: 504, headers: { 'Content-Type': 'text/html' }, body: '<html>Gateway Timeout</html>' }, /Gateway Timeout/],
    ['a truncated body', { fault: 'truncate', body: ordersPage('ListOrders', ['111-0000001-0000001']), sendBytes: 40 }, /truncated/],
  ];

  beforeEach(() => start());

  it.each(rows)('%s: ListOrders is sent again', async (_name, fault) => {
    server.enqueue(fault, ORDERS_OK);
    const result = await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(result.result.Orders[0].AmazonOrderId).toBe('111-0000001-0000001');
  });

  it.each(rows)('%s: SubmitFeed is not re-sent', async (_name, fault, cause) => {
    server.enqueue(fault, FEED_OK);
    const error = await expectAmbiguous(client.call('Feeds.SubmitFeed', FEED));
    expect(error.message).toMatch(cause);
    expect(server.requests).toHaveLength(1);
  });

  describe('timeout after the request was written (first byte)', () => {
    beforeEach(async () => {
      client.close();
      await server.close();
      await start({ firstByteMs: 150 });
    });

    it('ListOrders is sent again', async () => {
      server.enqueue({ fault: 'hang' }, ORDERS_OK);
      const result = await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
      expect(result.attempts).toBe(2);
      expect(server.requests).toHaveLength(2);
    });

    it('SubmitFeed is not re-sent', async () => {
      server.enqueue({ fault: 'hang' });
      const error = await expectAmbiguous(client.call('Feeds.SubmitFeed', FEED));
      expect(error.message).toMatch(/150 ms/);
      expect(server.requests).toHaveLength(1);
    });
  });
});

describe('a kept-alive socket the server has dropped', () => {
  // Every request that arrives on a socket already used is reset once read: what a client meets on a kept-alive
  // socket the server closed while it sat in the pool (the reset comes back only after the request was sent).
  async function startDroppingReusedSockets(): Promise<void> {
    clock = new ManualClock(START);
    const used = new Set<number | undefined>();
    server = await FixtureServer.start({
      clock,
      handler: (request) => {
        if (used.has(request.remotePort)) return { fault: 'reset-after-body' };
        used.add(request.remotePort);
        return request.query.Action === 'SubmitFeed' ? FEED_OK : ORDERS_OK;
      },
    });
    client = new MwsClient(testConnection(server.url) as never, { clock, random: () => 0 });
  }

  beforeEach(() => startDroppingReusedSockets());

  it('SubmitFeed goes on a connection of its own, so it never meets that reset and is sent once', async () => {
    await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
    const feed = await drive(clock, client.call('Feeds.SubmitFeed', FEED));
    expect(feed.attempts).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].remotePort).not.toBe(server.requests[0].remotePort);
  });

  it('the reset is real: an idempotent call on the kept-alive socket meets it and is sent again', async () => {
    await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
    const again = await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
    expect(again.attempts).toBe(2);
    expect(server.requests.map((r) => r.remotePort)).toEqual([server.requests[0].remotePort, server.requests[0].remotePort, server.requests[2].remotePort]);
    expect(server.requests[2].remotePort).not.toBe(server.requests[0].remotePort);
  });
});

describe('budget and non-retryable errors', () => {
  beforeEach(() => start());

  it('gives up after maxRetries (4) with the last error, backing off 1 s, 4 s, 10 s, 30 s (scaled, jittered)', async () => {
    const unavailable: Reply = { status: 500, body: errorResponse('InternalError', 'internal error', 'Receiver') };
    server.enqueue(unavailable, unavailable, unavailable, unavailable, unavailable, ORDERS_OK);
    const error = await rejection(drive(clock, client.call('Orders.ListOrders', LIST_ORDERS)));
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error.code).toBe('MWS_UNAVAILABLE');
    expect(server.requests).toHaveLength(5);
    const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i].at);
    expect(gaps).toEqual([500, 2000, 5000, 15_000]); // random() = 0: half of each step
  });

  it('a 400 InvalidParameterValue is raised at once', async () => {
    server.enqueue({ status: 400, body: errorResponse('InvalidParameterValue', 'CreatedAfter or LastUpdatedAfter must be specified') });
    const error = await rejection(drive(clock, client.call('Orders.ListOrders', LIST_ORDERS)));
    expect(error.code).toBe('MWS_INVALID_REQUEST');
    expect(server.requests).toHaveLength(1);
  });
});

describe('retry policy (unit)', () => {
  it('classifies every fault as definite or ambiguous', () => {
    expect(Object.entries(RETRY_TABLE).filter(([, kind]) => kind === 'definite').map(([cause]) => cause).sort()).toEqual(
      ['connectTimeout', 'connectionRefused', 'quotaExceeded', 'resetBeforeWrite', 'throttled'].sort(),
    );
  });

  it('never retries an untagged error, and stops at the budget', () => {
    const tagged = tagFault(new MwsConnectorError('MWS_UNAVAILABLE', 'x'), 'http500');
    expect(decideRetry(new MwsConnectorError('AUTH_FAILED', 'x'), true, 1, 4)).toBe('raise');
    expect(decideRetry(tagged, true, 4, 4)).toBe('retry');
    expect(decideRetry(tagged, true, 5, 4)).toBe('raise');
    expect(decideRetry(tagged, false, 1, 4)).toBe('ambiguous');
  });

  it('jitters each backoff step between half and all of it, divided by timeScale', () => {
    expect(backoffMs(1, 1, () => 0)).toBe(500);
    expect(backoffMs(1, 1, () => 0.999999)).toBe(1000);
    expect(backoffMs(4, 10, () => 0.5)).toBe(2250);
    expect(backoffMs(9, 1, () => 0)).toBe(15_000);
  });
});
