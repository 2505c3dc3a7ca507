/**
 * HTTP for the MWS client, over axios with Node's own agents: keep-alive pools, TLS verification always on (an
 * extra CA may be trusted), proxies through a CONNECT tunnel (hpagent; axios alone would send https to a proxy in
 * clear, so axios runs with `proxy: false`), three timeouts (connect, first byte, idle: a request body or a response
 * body that makes no progress), streamed bodies.
 * Every request gets its own trace, so concurrent calls share nothing but the pools. Failures come back as
 * MwsConnectorErrors tagged with the retry table's FaultCause.
 */
import http from 'node:http';
import https from 'node:https';
import { TLSSocket, rootCertificates } from 'node:tls';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { MwsConnectorError, TransportError } from './errors';
import { tagFault } from './retry';
import { proxyForUrl } from './proxy';

export interface TransportTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

export interface TransportOptions {
  baseUrl: string;
  userAgent: string;
  timeouts: TransportTimeouts;
  /** Extra trusted CA (PEM), e.g. the sandbox's self-signed certificate. */
  ca?: string | Buffer;
  /** A proxy URL, `false` for none, undefined to read HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  proxy?: string | false;
  env?: NodeJS.ProcessEnv;
}

export interface HttpRequest {
  method: 'POST' | 'GET';
  /** Path and query, e.g. `/Orders/2013-09-01` or `/Feeds/2009-01-01?...`. */
  path: string;
  headers: Record<string, string>;
  /** The body in memory, or a factory opening a fresh stream of it for this request (Content-Length set by the caller). */
  body?: Buffer | (() => Readable);
  signal?: AbortSignal;
  /**
   * Send on a new connection, not a kept-alive one. For non-idempotent calls: a kept-alive socket the server has just
   * closed resets a request that never arrived, and that reset looks exactly like one after the request arrived, so
   * a SubmitFeed on it would end as AMBIGUOUS_OUTCOME for nothing.
   */
  freshConnection?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The raw body, not yet read; its errors must go through `fail`. */
  body: Readable;
  /** Turns an error met while reading `body` into a tagged MwsConnectorError. */
  fail(error: unknown): MwsConnectorError;
}

/** What happened to one request, for classifying its failure. */
interface RequestTrace {
  /** 'finish' was seen: the whole request was flushed to the socket. */
  written: boolean;
  /** The socket reached the server (a new connection connected, or a kept-alive one was reused). */
  connected: boolean;
  /** Body bytes handed on towards the socket so far (counted as they leave for it, so never fewer than it took). */
  bodyBytesOut: number;
  /** The body's length from Content-Length (0 without a body). */
  bodyBytes: number;
  timedOut?: 'connect' | 'upload' | 'firstByte' | 'idle';
  aborted: boolean;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;

export class Transport {
  readonly proxyUrl: string | undefined;
  private readonly agent: http.Agent;
  /** One new connection per request, closed after it: for requests that must not meet a stale kept-alive socket. */
  private readonly freshAgent: http.Agent;
  private readonly axios: AxiosInstance;
  private readonly secure: boolean;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.secure = url.protocol === 'https:';
    // From the environment, proxyForUrl already leaves loopback (the sandbox) unproxied.
    this.proxyUrl = options.proxy === false ? undefined : (options.proxy ?? proxyForUrl(url, options.env ?? process.env));
    this.agent = this.createAgent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 16, maxFreeSockets: 8, scheduling: 'lifo' });
    this.freshAgent = this.createAgent({ keepAlive: false, maxSockets: 16 });
    this.axios = axios.create({
      baseURL: options.baseUrl,
      proxy: false,
      maxRedirects: 0,
      decompress: false,
      responseType: 'stream',
      validateStatus: () => true,
      maxBodyLength: Infinity,
      maxContentLength: -1,
      timeout: 0,
    });
  }

  private createAgent(pool: http.AgentOptions): http.Agent {
    const tls = { rejectUnauthorized: true, ...(this.options.ca ? { ca: [...tlsRootCertificates(), this.options.ca.toString()] } : {}) };
    if (this.proxyUrl) {
      return this.secure ? new HttpsProxyAgent({ ...pool, ...tls, proxy: this.proxyUrl }) : new HttpProxyAgent({ ...pool, proxy: this.proxyUrl });
    }
    return this.secure ? new https.Agent({ ...pool, ...tls }) : new http.Agent(pool);
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const bodyBytes = Number(request.headers['Content-Length'] ?? 0);
    const trace: RequestTrace = { written: false, connected: false, bodyBytesOut: 0, bodyBytes, aborted: false };
    const controller = new AbortController();
    let body: Readable | undefined;
    const onCallerAbort = (): void => {
      trace.aborted = true;
      controller.abort();
      // Once the response has started, axios is done with it: stop the body ourselves.
      body?.destroy(new Error('aborted'));
    };
    if (request.signal?.aborted) throw aborted();
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timers = new Set<NodeJS.Timeout>();
    const timeout = (phase: NonNullable<RequestTrace['timedOut']>, ms: number): NodeJS.Timeout => {
      const timer = setTimeout(() => {
        trace.timedOut ??= phase;
        controller.abort();
      }, ms);
      timers.add(timer);
      return timer;
    };
    const clearAll = (): void => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      request.signal?.removeEventListener('abort', onCallerAbort);
    };
    const { timeouts } = this.options;
    const agent = request.freshConnection ? this.freshAgent : this.agent;
    const source = typeof request.body === 'function' ? request.body() : request.body;
    // Idle while sending: no body bytes taken by the socket for idleMs (a peer that stopped reading).
    let uploadTimer: NodeJS.Timeout | undefined;
    const upload = countedUpload(source, trace, () => uploadTimer?.refresh());
    const transport = {
      request: (opts: http.RequestOptions, callback: (res: http.IncomingMessage) => void): http.ClientRequest => {
        const req = (this.secure ? https : http).request(opts, callback);
        const connectTimer = timeout('connect', timeouts.connectMs);
        req.once('socket', (socket: Socket) => {
          const connected = (): void => {
            trace.connected = true;
            clearTimeout(connectTimer);
            if (!trace.written) uploadTimer = timeout('upload', timeouts.idleMs);
          };
          if (req.reusedSocket) connected();
          else if (socket instanceof TLSSocket) socket.once('secureConnect', connected);
          else if (!socket.connecting) connected();
          else socket.once('connect', connected);
        });
        req.once('finish', () => {
          trace.written = true;
          clearTimeout(connectTimer);
          clearTimeout(uploadTimer);
          timeout('firstByte', timeouts.firstByteMs);
        });
        req.once('response', (res: http.IncomingMessage) => {
          for (const t of timers) clearTimeout(t);
          // Idle: no bytes for idleMs while the body is read. Watching the socket's data (the HTTP parser already
          // listens there) leaves the body stream paused for its consumer; the watch ends before the socket is
          // handed back to the keep-alive pool.
          const socket = res.socket;
          const idle = setTimeout(() => {
            trace.timedOut ??= 'idle';
            res.destroy(new Error('idle timeout'));
          }, timeouts.idleMs);
          const activity = (): void => {
            idle.refresh();
          };
          const done = (): void => {
            clearTimeout(idle);
            socket?.off('data', activity);
            clearAll();
          };
          socket?.on('data', activity);
          res.once('end', done);
          res.once('close', done);
          res.once('error', done);
        });
        return req;
      },
    };
    try {
      const response = await this.axios.request<Readable>({
        method: request.method,
        url: request.path,
        headers: { 'User-Agent': this.options.userAgent, 'Accept-Encoding': 'identity', ...request.headers },
        data: upload,
        signal: controller.signal,
        transport,
        ...(this.secure ? { httpsAgent: agent } : { httpAgent: agent }),
      } as Parameters<AxiosInstance['request']>[0]);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      body = response.data;
      return { status: response.status, headers, body, fail: (err) => this.classify(err, trace, true) };
    } catch (err) {
      clearAll();
      for (const stream of [upload, source]) if (stream !== undefined && !Buffer.isBuffer(stream)) stream.destroy();
      throw this.classify(err, trace, false);
    }
  }

  /** Destroys the keep-alive pools; in-flight requests fail. */
  close(): void {
    this.agent.destroy();
    this.freshAgent.destroy();
  }

  private classify(err: unknown, trace: RequestTrace, responseStarted: boolean): MwsConnectorError {
    if (err instanceof MwsConnectorError) return err;
    // A request body's own failure (a streamed feed that changed while sent) comes back wrapped by axios.
    if ((err as { cause?: unknown }).cause instanceof MwsConnectorError) return (err as { cause: MwsConnectorError }).cause;
    const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const code = e.cause?.code ?? e.code ?? '';
    const detail = `${code ? `${code}: ` : ''}${e.cause?.message ?? e.message ?? String(err)}`;
    if (trace.aborted) return aborted();
    if (trace.timedOut === 'connect') {
      return tagFault(new TransportError('TIMEOUT', `could not connect within ${this.options.timeouts.connectMs} ms`), 'connectTimeout');
    }
    if (trace.timedOut === 'upload') {
      // A request that never got complete cannot have been acted on: as safe to resend as a reset before write.
      const error = new TransportError('TIMEOUT', `the request body stalled: nothing sent for ${this.options.timeouts.idleMs} ms`);
      return tagFault(error, mayHaveArrived(trace) ? 'timeoutAfterWrite' : 'resetBeforeWrite');
    }
    if (trace.timedOut) {
      const ms = trace.timedOut === 'firstByte' ? this.options.timeouts.firstByteMs : this.options.timeouts.idleMs;
      const what = trace.timedOut === 'firstByte' ? 'no response' : 'the response stalled';
      return tagFault(new TransportError('TIMEOUT', `${what} within ${ms} ms after the request was sent`), 'timeoutAfterWrite');
    }
    if (TLS_CODES.test(code)) {
      return new TransportError('TLS_FAILED', `TLS verification failed (${detail})`, { retryable: false });
    }
    if (code === 'ECONNREFUSED') {
      return tagFault(new TransportError('TRANSPORT_FAILED', `connection refused (${detail})`), 'connectionRefused');
    }
    if (code === 'ENOTFOUND') {
      return new TransportError('TRANSPORT_FAILED', `host not found (${detail})`, { retryable: false });
    }
    if (responseStarted) {
      return tagFault(new TransportError('TRANSPORT_FAILED', `the response body was truncated (${detail})`), 'truncatedBody');
    }
    if (/^(ECONNRESET|EPIPE|ETIMEDOUT|ECONNABORTED|EAI_AGAIN|ERR_STREAM_DESTROYED)$/.test(code) || /socket hang up/i.test(detail)) {
      return mayHaveArrived(trace)
        ? tagFault(new TransportError('TRANSPORT_FAILED', `connection lost after the request was sent (${detail})`), 'resetAfterWrite')
        : tagFault(new TransportError('TRANSPORT_FAILED', `connection lost before the request was sent (${detail})`), 'resetBeforeWrite');
    }
    if (/Bad response: \d+|Proxy/i.test(detail)) {
      return new TransportError('TRANSPORT_FAILED', `the proxy refused the tunnel (${detail})`, { retryable: false });
    }
    return new TransportError('TRANSPORT_FAILED', detail, { retryable: false });
  }
}

/** Above this, a body in memory is streamed in slices of this size (see `countedUpload`). */
const SLICE_BYTES = 64 * 1024;

/**
 * The body as handed to axios, counting the bytes that leave for the socket. A small body in memory goes whole. A
 * stream, or a large body in memory cut into slices (views, not copies), passes one chunk at a time under the
 * socket's back-pressure, so the count reaches the body's length only once the socket has taken all but the last
 * chunk or so: a reset while most of a 32 MiB feed is still queued is known to come before the request arrived.
 */
function countedUpload(source: Buffer | Readable | undefined, trace: RequestTrace, progress: () => void): Buffer | Readable | undefined {
  if (source === undefined) return undefined;
  if (Buffer.isBuffer(source) && source.length <= SLICE_BYTES) {
    trace.bodyBytesOut = source.length;
    return source;
  }
  const chunks: Iterable<Buffer> | AsyncIterable<Buffer> = Buffer.isBuffer(source) ? slices(source) : source;
  return Readable.from(
    (async function* counted() {
      for await (const chunk of chunks) {
        trace.bodyBytesOut += (chunk as Buffer).length;
        progress();
        yield chunk as Buffer;
      }
    })(),
    { objectMode: false },
  );
}

function* slices(body: Buffer): Generator<Buffer> {
  for (let at = 0; at < body.length; at += SLICE_BYTES) yield body.subarray(at, at + SLICE_BYTES);
}

/**
 * Whether the server may hold the complete request. 'finish' alone is not enough: the last bytes can reach the peer
 * (and its reset come back) before 'finish' is emitted here, or even before a file stream has noticed its own end.
 * A request whose every byte was handed towards a connected socket may have arrived; one that was not complete
 * cannot have been acted on, so only that one is safe to send again.
 */
function mayHaveArrived(trace: RequestTrace): boolean {
  return trace.written || (trace.connected && trace.bodyBytesOut >= trace.bodyBytes);
}

function aborted(): MwsConnectorError {
  return new MwsConnectorError('ABORTED', 'the call was aborted');
}

/** Adding a CA must not drop the public roots (a real endpoint behind the same client still needs them). */
function tlsRootCertificates(): string[] {
  return [...rootCertificates];
}
