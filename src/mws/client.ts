/**
 * MwsClient (ARCHITECTURE §3.3): `call`, `paginate` and `download` for every catalog operation, with parameters
 * validated before anything is sent, a token from the throttle before every attempt, a freshly signed and
 * skew-corrected Timestamp on every attempt, and retries only where the retry table says they are safe.
 */
import type { Readable, Writable } from 'node:stream';
import { getOperation, nextTokenOperation } from './catalog';
import type { OperationSpec } from './catalog/types';
import { type ConnectionConfig, type ResolvedConnection, validateConnectionConfig } from './config';
import { MwsConnectorError, toConnectorError } from './errors';
import { itemCount } from './params';
import { parseErrorResponse, parseMwsResponse } from './xml';
import { ClockSkew } from './clockskew';
import { signedRequest, wireRequestOf, type WireRequest } from './request';
import { ambiguousOutcome, backoffMs, decideRetry, faultForStatus, faultOf, tagFault } from './retry';
import { BucketStore, InMemoryBucketStore, type QuotaHeaders, Throttle, bucketKey, quotaFromMessage, readQuotaHeaders } from './throttle';
import { Transport, type HttpResponse } from './transport';
import { buildUserAgent } from './useragent';
import { rawDocumentText, streamDownload, type DownloadResult } from './download';
import { type Clock, systemClock } from '../util/clock';
import { type Logger, silentLogger } from '../util/logger';

export type { BucketStore, BucketState } from './throttle';
export { InMemoryBucketStore } from './throttle';
export type { DownloadResult } from './download';
export type { BodySource } from './body';

export interface MwsClientOptions {
  clock?: Clock;
  logger?: Logger;
  bucketStore?: BucketStore;
  /** Retries after the first attempt (default 4, as MWS's docs advised). */
  maxRetries?: number;
  /** Extra trusted CA (PEM), e.g. the sandbox's certificate. */
  ca?: string | Buffer;
  userAgent?: { application?: string; version?: string };
  /** Proxy URL, or false for none; default from HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: string | false;
  /** Jitter source for backoff (tests pass a fixed one). */
  random?: () => number;
  /**
   * Milliseconds of the client's clock (real time with the system clock, not divided by timeScale) added to every
   * wait for a restored token. Default 0: the throttle already counts a full bucket's restore from the answer of
   * the request that emptied it (after its arrival at MWS), so each later request arrives at least one network
   * leg after its token; a margin is only for a server that rounds its own accounting.
   */
  throttleMarginMs?: number;
}

export interface MwsResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  operation: string;
  result: T;
  requestId?: string;
  status: number;
  attempts: number;
  quota?: { max: number; remaining: number; resetsOn: string };
  headers: Record<string, string>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Body Content-Type for `query+body` operations (SubmitFeed). */
  contentType?: string;
}

/** What an attempt's consumer learns besides the response itself. */
export interface AttemptContext {
  attempt: number;
  quota?: QuotaHeaders;
}

/** XML responses larger than this are refused rather than buffered (reports go through `download`). */
const MAX_XML_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 1024 * 1024;

export class MwsClient {
  readonly connection: ResolvedConnection;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly throttle: Throttle;
  private readonly skew: ClockSkew;
  private readonly transport: Transport;
  private readonly maxRetries: number;
  private readonly random: () => number;
  private readonly throttleMarginMs: number;
  private readonly bucketKeys = new Map<string, string>();

  constructor(config: ConnectionConfig | ResolvedConnection, options: MwsClientOptions = {}) {
    this.connection = isResolved(config) ? config : validateConnectionConfig(config);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.throttle = new Throttle(options.bucketStore ?? new InMemoryBucketStore(), this.clock);
    this.skew = new ClockSkew(this.clock, this.connection.timeScale);
    this.maxRetries = options.maxRetries ?? 4;
    this.random = options.random ?? Math.random;
    this.throttleMarginMs = options.throttleMarginMs ?? 0;
    this.transport = new Transport({
      baseUrl: this.connection.baseUrl,
      userAgent: buildUserAgent(options.userAgent),
      timeouts: this.connection.timeouts,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    });
  }

  /**
   * One operation; a raw-document operation (GetReport) comes back as text, checked against its Content-MD5.
   * A document parameter (SubmitFeed's FeedContent) is a string, a Buffer, or streamed: `{ path }` of a file or
   * `{ open }` returning a Readable (body.ts), read once for its length and MD5 and reopened on every attempt.
   */
  async call<T = any>(operationId: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<MwsResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const op = getOperation(operationId);
    const { wire, cost } = await this.prepare(op, params);
    return this.execute(op, wire, cost, options, async (res, ctx) => {
      const body = await readBody(res, MAX_XML_RESPONSE_BYTES);
      const parsed = op.response.rawBody
        ? { result: rawDocumentText(op.id, body, res.headers), requestId: undefined }
        : await parseMwsResponse(op, body, debugEnabled(this.logger) ? { logger: this.logger } : {});
      const requestId = parsed.requestId ?? res.headers['x-mws-request-id'];
      return {
        operation: op.id,
        result: parsed.result as T,
        ...(requestId ? { requestId } : {}),
        status: res.status,
        attempts: ctx.attempt,
        ...(ctx.quota ? { quota: ctx.quota } : {}),
        headers: res.headers,
      };
    });
  }

  /**
   * Pages of a listing: the first operation, then its `…ByNextToken` partner while the page says there is more
   * (`NextToken` present, or `HasNext` true for Feeds/Reports lists). Each page goes through the throttle.
   */
  async *paginate<T = any>(operationId: string, params: Record<string, unknown> = {}, options: CallOptions = {}): AsyncIterable<MwsResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const op = getOperation(operationId);
    let page = await this.call<T>(op.id, params, options);
    yield page;
    const partner = nextTokenOperation(op);
    if (!op.pagingStyle || !partner) return;
    const seen = new Set<string>();
    for (let token = nextTokenOf(op, page.result); token !== undefined; token = nextTokenOf(op, page.result)) {
      if (seen.has(token)) {
        throw new MwsConnectorError('NEXT_TOKEN_INVALID', `${partner.id} returned a NextToken it had already returned; restart from ${op.id}`, { operation: partner.id });
      }
      seen.add(token);
      try {
        page = await this.call<T>(partner.id, { NextToken: token }, options);
      } catch (err) {
        throw asNextTokenError(err, op, partner);
      }
      yield page;
    }
  }

  /**
   * Streams a raw document (GetReport, GetFeedSubmissionResult) to `destination`, checking `Content-MD5` on the
   * fly. A path is written through a temporary file beside it and renamed only when the MD5 matched, so a failed
   * download leaves nothing behind (mismatches are retried like MWS advised). A Writable receives the bytes as
   * they arrive and is ended only when the body was complete and matched; on any error it is destroyed with the
   * error, and whatever it received must be discarded.
   */
  async download(
    operationId: string,
    params: Record<string, unknown>,
    destination: string | NodeJS.WritableStream,
    options: CallOptions & { decode?: boolean } = {},
  ): Promise<DownloadResult> {
    const op = getOperation(operationId);
    const { wire, cost } = await this.prepare(op, params);
    return this.execute(op, wire, cost, options, (res) =>
      streamDownload(res, destination as string | Writable, { decode: options.decode === true, operation: op.id, logger: this.logger }),
    );
  }

  /** Destroys the keep-alive connection pools. */
  close(): void {
    this.transport.close();
  }

  /**
   * Defaults, validation and wire encoding: everything that can fail before a request exists. A streamed document
   * (`FeedContent: { path }` or `{ open }`, see body.ts) is read once here for its length and MD5.
   */
  private async prepare(op: OperationSpec, params: Record<string, unknown>): Promise<{ wire: WireRequest; cost: number }> {
    if (op.deprecated) {
      throw new MwsConnectorError('UNKNOWN_ACTION', `${op.id} cannot be called (MWS never served it)`, { operation: op.id });
    }
    const { input, wire } = await wireRequestOf(op, params, this.connection.marketplaceIds);
    const cost = op.throttle.restoreUnit === 'item' ? Math.max(1, itemCount(op, input)) : 1;
    return { wire, cost };
  }

  /** The attempt loop shared by call and download. */
  private async execute<R>(
    op: OperationSpec,
    wire: WireRequest,
    cost: number,
    options: CallOptions,
    consume: (res: HttpResponse, ctx: AttemptContext) => Promise<R>,
  ): Promise<R> {
    const key = this.bucketKeyOf(op);
    const { timeScale } = this.connection;
    const debug = debugEnabled(this.logger);
    let skewRetried = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const ticket = await this.guard(() => this.throttle.take({ key, spec: op.throttle, cost, timeScale, marginMs: this.throttleMarginMs, ...signalOf(options) }));
        let res: HttpResponse;
        let sentAt: number;
        try {
          const request = signedRequest(op, this.connection, wire, { timestamp: this.skew.timestamp(), ...options });
          sentAt = this.clock.now();
          if (debug) this.logger.debug('MWS request', { operation: op.id, attempt });
          res = await this.transport.send(request);
        } finally {
          await this.throttle.answered(ticket, op.throttle, timeScale);
        }
        const observed = this.skew.observe(res.headers, sentAt, this.clock.now());
        if (observed?.changed) this.logger.info('corrected the request Timestamp for the server clock', { operation: op.id, offsetMs: observed.offsetMs });
        if (observed?.refused) this.logger.warn('ignored an implausible server clock (over 24 h off)', { operation: op.id });
        const quota = readQuotaHeaders(res.headers);
        if (quota) await this.throttle.recordQuotaHeaders(key, op.throttle, timeScale, quota, (t) => this.skew.toLocal(t));
        if (debug) this.logger.debug('MWS response', { operation: op.id, attempt, status: res.status, requestId: res.headers['x-mws-request-id'] });
        if (res.status !== 200) {
          const error = await this.errorFrom(op, res);
          if (error.mwsCode === 'RequestThrottled') await this.throttle.recordThrottled(key, op.throttle, timeScale);
          if (error.mwsCode === 'QuotaExceeded') {
            await this.throttle.recordQuotaExceeded(key, op.throttle, timeScale, quota ?? quotaFromMessage(error.message), (t) => this.skew.toLocal(t));
          }
          if (isExpiredTimestamp(error) && observed?.changed && !skewRetried) {
            // MWS refused the Timestamp and told us its time: the request certainly did nothing; sign again once.
            skewRetried = true;
            continue;
          }
          throw error;
        }
        return await consume(res, { attempt, ...(quota ? { quota } : {}) });
      } catch (err) {
        const error = toConnectorError(err, 'UNEXPECTED');
        const decision = decideRetry(error, op.idempotent, attempt, this.maxRetries);
        if (decision === 'ambiguous') throw ambiguousOutcome(op.id, op.recovery, error);
        if (decision === 'raise') throw withOperation(error, op.id);
        const cause = faultOf(error);
        this.logger.warn('retrying MWS call', { operation: op.id, attempt, cause, code: error.code, requestId: error.requestId });
        // Throttling waits on the bucket (already emptied or closed for the hour); everything else backs off.
        if (cause !== 'throttled' && cause !== 'quotaExceeded') {
          await this.guard(() => this.clock.sleep(backoffMs(attempt, timeScale, this.random), options.signal));
        }
      }
    }
  }

  /** The throttle key of an operation's bucket; cached because it hashes the access key id. */
  private bucketKeyOf(op: OperationSpec): string {
    const bucket = `${op.section}.${op.throttle.sharedBucket ?? op.name}`;
    let key = this.bucketKeys.get(bucket);
    if (key === undefined) {
      key = bucketKey(this.connection, op.section, op.throttle.sharedBucket ?? op.name);
      this.bucketKeys.set(bucket, key);
    }
    return key;
  }

  private async errorFrom(op: OperationSpec, res: HttpResponse): Promise<MwsConnectorError> {
    const body = await readBody(res, MAX_ERROR_BODY_BYTES);
    const error = await parseErrorResponse(body, res.status, op.id);
    const cause = faultForStatus(res.status, error.mwsCode);
    return cause ? tagFault(error, cause) : error;
  }

  /** Sleeps and waits end with ABORTED when the caller's signal fires. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof MwsConnectorError) throw err;
      throw new MwsConnectorError('ABORTED', 'the call was aborted while waiting', { cause: err });
    }
  }
}

/**
 * Whether debug lines would be written. winston formats and pushes every entry through its stream even when the
 * level drops it, so the per-call debug lines and normalisation's reports are skipped unless they are wanted.
 * A logger without the method (a plain object from a host) is assumed to want everything.
 */
function debugEnabled(logger: Logger): boolean {
  const check = (logger as Partial<Pick<Logger, 'isDebugEnabled'>>).isDebugEnabled;
  return typeof check === 'function' ? check.call(logger) : true;
}

/** RequestExpired, or the InvalidParameterValue "Request has expired" MWS also used for a stale Timestamp. */
function isExpiredTimestamp(error: MwsConnectorError): boolean {
  return error.code === 'REQUEST_EXPIRED' || (error.mwsCode === 'InvalidParameterValue' && /request has expired|timestamp.*expired/i.test(error.message));
}

function isResolved(config: ConnectionConfig | ResolvedConnection): config is ResolvedConnection {
  const c = config as Partial<ResolvedConnection>;
  return typeof c.baseUrl === 'string' && typeof c.host === 'string' && typeof c.isLoopback === 'boolean' && typeof c.timeScale === 'number' && typeof c.timeouts === 'object';
}

function signalOf(options: CallOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

function withOperation(error: MwsConnectorError, operation: string): MwsConnectorError {
  if (error.operation === undefined) Object.defineProperty(error, 'operation', { value: operation, enumerable: true });
  return error;
}

/** Reads a whole (small) body; a broken or oversized body is a typed error. */
export async function readBody(res: HttpResponse, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body as Readable) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new MwsConnectorError('XML_UNSAFE', `the response is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw res.fail(err);
  }
  return Buffer.concat(chunks);
}

function nextTokenOf(op: OperationSpec, result: unknown): string | undefined {
  const page = (result ?? {}) as Record<string, unknown>;
  const token = typeof page.NextToken === 'string' && page.NextToken !== '' ? page.NextToken : undefined;
  if (op.pagingStyle === 'HasNext') return page.HasNext === true ? token : undefined;
  if (op.pagingStyle === 'MoreResultsAvailable') return page.MoreResultsAvailable === true ? token : undefined;
  return token;
}

/** NextTokenCorrupted, or an expired token refused as a parameter error: either way, restart from the first operation. */
function asNextTokenError(err: unknown, op: OperationSpec, partner: OperationSpec): unknown {
  const refused = err instanceof MwsConnectorError && (err.code === 'NEXT_TOKEN_INVALID' || (err.code === 'MWS_INVALID_REQUEST' && /next\s*token/i.test(err.message)));
  if (refused) {
    return new MwsConnectorError('NEXT_TOKEN_INVALID', `${partner.id} refused the NextToken (${err.message}); restart from ${op.id}`, {
      operation: partner.id,
      ...(err.requestId ? { requestId: err.requestId } : {}),
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.mwsCode ? { mwsCode: err.mwsCode } : {}),
    });
  }
  return err;
}
