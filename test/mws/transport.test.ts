import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { MwsClient } from '../../src/mws/client';
import { MwsConnectorError } from '../../src/mws/errors';
import { proxyForUrl } from '../../src/mws/proxy';
import { ManualClock } from '../../src/util/clock';
import { FixtureServer, drive, ordersPage, selfSignedCertificate, testConnection } from '../support/fixture-server';
import { rejection } from '../support/errors';
import { loadSample } from '../support/samples';

const LIST_ORDERS = { CreatedAfter: '2025-12-01T00:00:00Z' };
const ORDERS = ordersPage('ListOrders', ['111-0000001-0000001']);
const tls = selfSignedCertificate();

/** A CONNECT-only proxy on loopback that records what it was asked. */
async function startProxy(options: { refuse?: number } = {}): Promise<{ url: string; connects: string[]; plainRequests: number; close: () => Promise<void> }> {
  const state = { connects: [] as string[], plainRequests: 0 };
  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((_req, res) => {
    state.plainRequests++;
    res.writeHead(400).end();
  });
  proxy.on('connection', (s: net.Socket) => (sockets.add(s), s.once('close', () => sockets.delete(s))));
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    state.connects.push(req.url ?? '');
    if (options.refuse) {
      client.end(`HTTP/1.1 ${options.refuse} Proxy Authentication Required\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connects() {
      return state.connects;
    },
    get plainRequests() {
      return state.plainRequests;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

describe('TLS', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await FixtureServer.start({ tls, handler: () => ({ body: ORDERS }) });
  });
  afterAll(() => server.close());

  it('verifies the certificate: trusted with the extra CA, refused (TLS_FAILED, not retried) without it', async () => {
    const trusted = new MwsClient(testConnection(server.url) as never, { ca: tls.cert });
    const ok = await trusted.call('Orders.ListOrders', LIST_ORDERS);
    expect(ok.status).toBe(200);
    trusted.close();
    const before = server.requests.length;
    const untrusted = new MwsClient(testConnection(server.url) as never);
    const error = await rejection(untrusted.call('Orders.ListOrders', LIST_ORDERS));
    untrusted.close();
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error.code).toBe('TLS_FAILED');
    expect(server.requests.length).toBe(before);
  });

  it('tunnels https through a proxy with CONNECT; the proxy never sees a plain request', async () => {
    const proxy = await startProxy();
    const client = new MwsClient(testConnection(server.url) as never, { ca: tls.cert, proxy: proxy.url });
    const before = server.requests.length;
    await client.call('Orders.ListOrders', LIST_ORDERS);
    await client.call('Orders.ListOrders', LIST_ORDERS);
    client.close();
    await proxy.close();
    expect(proxy.connects).toEqual([new URL(server.url).host]); // one tunnel, kept alive for both calls
    expect(proxy.plainRequests).toBe(0);
    expect(server.requests.length - before).toBe(2);
  });

  it('a proxy refusing the tunnel is a TRANSPORT_FAILED error, not retried', async () => {
    const proxy = await startProxy({ refuse: 407 });
    const client = new MwsClient(testConnection(server.url) as never, { ca: tls.cert, proxy: proxy.url });
    const error = await rejection(client.call('Orders.ListOrders', LIST_ORDERS));
    client.close();
    await proxy.close();
    expect(error.code).toBe('TRANSPORT_FAILED');
    expect(proxy.connects).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('an idle response (headers, then silence) times out after idleMs and an idempotent call is sent again', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 10));
    const server = await FixtureServer.start({ clock });
    server.enqueue(
      {
        stream: (res) => {
          res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(ORDERS.length) });
          res.write(ORDERS.slice(0, 30));
        },
      },
      { body: ORDERS },
    );
    const client = new MwsClient(testConnection(server.url, { timeouts: { idleMs: 150 } }) as never, { clock, random: () => 0 });
    const result = await drive(clock, client.call('Orders.ListOrders', LIST_ORDERS));
    client.close();
    await server.close();
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('a stalled upload (the server stops reading the body) times out after idleMs; never complete, even a SubmitFeed is sent again', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 10));
    const server = await FixtureServer.start({ clock });
    server.enqueue({ fault: 'stall-upload' }, { body: loadSample('SubmitFeedResponse.xml') });
    const client = new MwsClient(testConnection(server.url, { timeouts: { idleMs: 200 } }) as never, { clock, random: () => 0 });
    // Far more than loopback socket buffers hold, so the upload really stops.
    const feed = Buffer.alloc(32 * 1024 * 1024, 0x61);
    const result = await drive(clock, client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: feed }));
    client.close();
    await server.close();
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].body.length).toBe(feed.length);
  });
});

describe('proxy selection from the environment', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:8080', NO_PROXY: 'internal.example, .amazon.local,mws.example:8443' };

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http (scheme added when missing)', () => {
    expect(proxyForUrl(new URL('https://mws.amazonservices.com/Orders'), env)).toBe('http://proxy.corp:3128');
    expect(proxyForUrl(new URL('http://mws.example.com/'), env)).toBe('http://proxy.corp:8080');
    expect(proxyForUrl(new URL('https://mws.amazonservices.com/'), { https_proxy: 'http://lower:1' })).toBe('http://lower:1');
    expect(proxyForUrl(new URL('https://mws.amazonservices.com/'), {})).toBeUndefined();
  });

  it('honours NO_PROXY hosts, domain suffixes, ports and *; never proxies loopback', () => {
    expect(proxyForUrl(new URL('https://internal.example/'), env)).toBeUndefined();
    expect(proxyForUrl(new URL('https://a.b.amazon.local/'), env)).toBeUndefined();
    expect(proxyForUrl(new URL('https://amazon.local/'), env)).toBeUndefined();
    expect(proxyForUrl(new URL('https://mws.example:8443/'), env)).toBeUndefined();
    expect(proxyForUrl(new URL('https://mws.example/'), env)).toBe('http://proxy.corp:3128');
    expect(proxyForUrl(new URL('https://notinternal.example/'), env)).toBe('http://proxy.corp:3128');
    expect(proxyForUrl(new URL('https://anything/'), { ...env, NO_PROXY: '*' })).toBeUndefined();
    expect(proxyForUrl(new URL('https://127.0.0.1:4443/'), env)).toBeUndefined();
    expect(proxyForUrl(new URL('https://localhost/'), env)).toBeUndefined();
    expect(proxyForUrl(new URL('https://[::1]:4443/'), env)).toBeUndefined();
  });
});
