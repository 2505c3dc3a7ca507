/**
 * A tiny MWS-shaped HTTP server on 127.0.0.1 for client tests: it records every request it sees and answers
 * from a queue of scripted replies (sample bodies, MWS errors, or faults: reset, hang, truncate). It knows
 * nothing of signing: tests assert what arrived.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import forge from 'node-forge';
import type { Clock } from '../../src/util/clock';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query string parameters (SubmitFeed sends everything here). */
  query: Record<string, string>;
  /** Form parameters merged over query parameters: `Action`, `Timestamp`, ... */
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** The raw body as received (empty when the server reset before reading it). */
  body: Buffer;
  /** Server clock time when the request's headers arrived. */
  at: number;
  /** The client's port: equal on two requests when a keep-alive connection was reused. */
  remotePort: number | undefined;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer }
  /** Reset the connection as soon as the headers arrived, without reading the body. */
  | { fault: 'reset-before-body' }
  /** Read the whole request, then reset the connection without answering. */
  | { fault: 'reset-after-body' }
  /** Read the whole request and never answer (the client's first-byte timeout fires). */
  | { fault: 'hang' }
  /** Stop reading once the headers arrived and never answer: a large body stalls in the socket buffers. */
  | { fault: 'stall-upload' }
  /** Answer with a Content-Length of the whole body but send only `sendBytes` of it, then reset. */
  | { fault: 'truncate'; status?: number; headers?: Record<string, string>; body: string | Buffer; sendBytes: number }
  /** Write the response yourself (streams, slow bodies). */
  | { stream: (res: http.ServerResponse, req: RecordedRequest) => void };

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

export interface FixtureServerOptions {
  /** Stamps `Date` and `x-mws-timestamp` (default: wall time). */
  clock?: Clock;
  /** Used when the queue is empty. */
  handler?: Handler;
  /** Listen on this port (default 0: any free port). */
  port?: number;
  /** Serve https with this key and certificate. */
  tls?: { key: string; cert: string };
}

export class FixtureServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Reply[] = [];
  private readonly sockets = new Set<Socket>();
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private requestSeq = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: FixtureServerOptions,
  ) {}

  static async start(options: FixtureServerOptions = {}): Promise<FixtureServer> {
    const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fixture = new FixtureServer(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, options);
    server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      fixture.sockets.add(socket);
      socket.once('close', () => fixture.sockets.delete(socket));
    });
    server.on('request', (req, res) => void fixture.serve(req, res));
    return fixture;
  }

  /** Scripts the next replies, in order. */
  enqueue(...replies: Reply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Resolves once the server has seen `count` requests in total. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private now(): number {
    return this.options.clock?.now() ?? Date.now();
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const query = Object.fromEntries(url.searchParams);
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query, params: { ...query }, headers: req.headers, body: Buffer.alloc(0), at: this.now(), remotePort: req.socket.remotePort };
    this.requestSeq++;
    this.requests.push(record);
    this.waiters = this.waiters.filter((w) => (this.requests.length >= w.count ? (w.resolve(), false) : true));
    const reply = this.queue.shift() ?? (this.options.handler ? undefined : { status: 500, body: 'no reply scripted' });
    if (reply && 'fault' in reply && reply.fault === 'reset-before-body') {
      req.socket.resetAndDestroy();
      return;
    }
    if (reply && 'fault' in reply && reply.fault === 'stall-upload') {
      req.pause();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    record.body = Buffer.concat(chunks);
    if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      Object.assign(record.params, Object.fromEntries(new URLSearchParams(record.body.toString('utf8'))));
    }
    const answer = reply ?? (await this.options.handler!(record));
    this.respond(answer, req, res, record);
  }

  private respond(reply: Reply, req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest): void {
    if ('stream' in reply) {
      this.stamp(res);
      reply.stream(res, record);
      return;
    }
    if ('fault' in reply) {
      if (reply.fault === 'hang') return;
      if (reply.fault === 'truncate') {
        const body = Buffer.from(reply.body);
        this.stamp(res);
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'text/xml', ...reply.headers, 'Content-Length': String(body.length) });
        res.write(body.subarray(0, reply.sendBytes), () => setImmediate(() => req.socket.resetAndDestroy()));
        return;
      }
      req.socket.resetAndDestroy();
      return;
    }
    const body = Buffer.from(reply.body ?? '');
    this.stamp(res);
    res.writeHead(reply.status ?? 200, { 'Content-Type': 'text/xml', 'x-mws-request-id': `fixture-${this.requestSeq}`, ...reply.headers, 'Content-Length': String(body.length) });
    res.end(body);
  }

  /** `Date` and `x-mws-timestamp` from the fixture's clock, as MWS sent them on every response. */
  private stamp(res: http.ServerResponse): void {
    res.sendDate = false;
    const now = new Date(this.now());
    res.setHeader('Date', now.toUTCString());
    res.setHeader('x-mws-timestamp', now.toISOString());
  }
}

/** An MWS ErrorResponse body (REFERENCE.md §h layout). */
export function errorResponse(code: string, message: string, type = 'Sender'): string {
  return [
    '<?xml version="1.0"?>',
    '<ErrorResponse xmlns="https://mws.amazonservices.com/Orders/2013-09-01">',
    `  <Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error>`,
    '  <RequestID>a2b3a66e-c97c-4a0b-ba6f-deae85410aa0</RequestID>',
    '</ErrorResponse>',
    '',
  ].join('\n');
}

/** A port that was free a moment ago (for connection-refused tests). */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A throw-away self-signed certificate for 127.0.0.1 and localhost (test TLS only). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'localhost' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert) };
}

/** Test credentials (not real): a seller, a developer key and the US marketplace. */
export const TEST_SECRET_KEY = 'fixture-secret-key/Do+Not=Leak';

export function testConnection(endpoint: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sellerId: 'A2FIXTURESELLER',
    awsAccessKeyId: 'AKIAFIXTUREEXAMPLE01',
    secretKey: TEST_SECRET_KEY,
    marketplaceIds: ['ATVPDKIKX0DER'],
    endpoint,
    ...overrides,
  };
}

/** Lets pending I/O and timers-free continuations run until `condition` holds (polls, asserts nothing). */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `work` on a ManualClock, jumping the clock to each sleeper's wake-up time as soon as the code under test
 * sleeps, so backoffs and throttle waits take no wall time. Returns the result and the clock times slept to.
 * `beforeJump(ms)` runs before each jump (e.g. to move a sandbox's clock by the same amount).
 */
export async function drive<T>(
  clock: { pending: number; nextWakeAt(): number | undefined; now(): number; advance(ms: number): Promise<void> },
  work: Promise<T>,
  beforeJump?: (ms: number) => void | Promise<void>,
): Promise<T> {
  let settled = false;
  const watched = work.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  while (!settled) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const wake = clock.nextWakeAt();
    if (wake === undefined) continue;
    const delta = Math.max(0, wake - clock.now());
    await beforeJump?.(delta);
    await clock.advance(delta);
  }
  return watched;
}

/** A minimal ListOrders / ListOrdersByNextToken page. */
export function ordersPage(operation: 'ListOrders' | 'ListOrdersByNextToken', orderIds: string[], nextToken?: string): string {
  const orders = orderIds
    .map((id) => `<Order><AmazonOrderId>${id}</AmazonOrderId><PurchaseDate>2025-12-02T10:00:00Z</PurchaseDate><LastUpdateDate>2025-12-02T10:00:00Z</LastUpdateDate><OrderStatus>Unshipped</OrderStatus></Order>`)
    .join('');
  return (
    `<?xml version="1.0"?><${operation}Response xmlns="https://mws.amazonservices.com/Orders/2013-09-01"><${operation}Result>` +
    (nextToken ? `<NextToken>${nextToken}</NextToken>` : '') +
    `<CreatedBefore>2025-12-31T00:00:00Z</CreatedBefore><Orders>${orders}</Orders></${operation}Result>` +
    `<ResponseMetadata><RequestId>rid-${operation}-${orderIds[0] ?? 'none'}</RequestId></ResponseMetadata></${operation}Response>`
  );
}
