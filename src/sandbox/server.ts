/**
 * The MWS wire protocol over node:http: route → (fault: before-read) → authenticate → quota → parameter checks →
 * handler (commits state) → (fault: after-commit) → envelope → body (fault: mid-body). Each step lives in its own
 * module; this file only orders them and counts outcomes.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { OperationSpec } from '../mws/catalog/types';
import { authenticate } from './auth';
import type { ScaledSandboxClock } from './clock';
import type { RequestCounters, RequestOutcome } from './counters';
import { DEFAULT_FAULT_DELAY_MS, type SandboxFaults } from './faults';
import { checkParams, itemCount, operationParams } from './params';
import type { QuotaBook } from './quotas';
import { commonHeaders, GATEWAY_NAMESPACE, renderEnvelope, renderErrorResponse, seededRequestId, type RequestIdTag } from './render';
import { checkContentMd5, isFormContentType, parseUrlEncoded, readBody, splitUrl, toRecord, type Pairs } from './request';
import { dropConnection, spoilPlan, writePlan, type BodyPlan, type MidBodyAction } from './respond';
import { resolveOperation, RoutingError, sectionOf } from './routes';
import { SandboxError, type FaultSpec, type HandlerResult, type OperationHandler, type SandboxCredentials, type SandboxRequest } from './types';

export const CONTROL_PREFIX = '/_sandbox/';

export interface ServerDeps {
  seed: number;
  clock: ScaledSandboxClock;
  credentials(): readonly SandboxCredentials[];
  handlers(): Readonly<Record<string, OperationHandler>>;
  sellerMarketplaces(sellerId: string): string[];
  quotas: QuotaBook;
  faults: SandboxFaults;
  counters: RequestCounters;
  control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  /** Called with unexpected errors (sandbox bugs); default: ignored. */
  onInternalError?(error: unknown): void;
}

/** Parameters that name marketplaces; each must be one the seller is registered in. */
const MARKETPLACE_PARAM = /^(MarketplaceId|Marketplace|MarketplaceIdList\.Id\.\d+|MarketplaceId\.Id\.\d+)$/;

/** Faults that change the body rather than replace the response. */
const BODY_FAULTS = new Set<FaultSpec['kind']>(['truncated-body', 'malformed-xml', 'wrong-content-md5', 'drift']);

interface Exchange {
  requestId: string;
  opId: string;
  op?: OperationSpec;
  namespace: string;
  tag: RequestIdTag;
  extraHeaders: Record<string, string>;
}

function backendTag(op: OperationSpec): RequestIdTag {
  return op.section === 'Feeds' || op.section === 'Reports' || op.section === 'Products' ? 'RequestId' : 'RequestID';
}

function outcomeOfStatus(error: SandboxError, stage: 'route' | 'auth' | 'params' | 'handler'): RequestOutcome {
  if (error.code === 'InvalidAddress') return 'not-found';
  if (stage === 'route') return 'param-error';
  if (stage === 'auth') return 'auth-error';
  if (stage === 'params') return 'param-error';
  return 'handler-error';
}

export function createRequestListener(deps: ServerDeps): RequestListener {
  let sequence = 0;

  function sendError(res: ServerResponse, ex: Exchange, error: { status: number; type: 'Sender' | 'Receiver' | ''; code: string; message: string }): void {
    const body = Buffer.from(renderErrorResponse(error, ex.namespace, ex.requestId, ex.tag), 'utf8');
    res.writeHead(error.status, {
      ...commonHeaders(ex.requestId, deps.clock.now()),
      ...ex.extraHeaders,
      'Content-Type': 'text/xml',
      'Content-Length': String(body.length),
    });
    res.end(body);
  }

  async function earlyFault(res: ServerResponse, ex: Exchange, fault: FaultSpec): Promise<boolean> {
    switch (fault.kind) {
      case 'slow-first-byte':
        await deps.clock.sleep(fault.delayMs ?? DEFAULT_FAULT_DELAY_MS);
        return false; // then carry on as usual
      case 'connection-reset':
        dropConnection(res, 'reset');
        return true;
      case 'service-unavailable':
        sendError(res, ex, { status: 503, type: 'Receiver', code: 'ServiceUnavailable', message: 'Service is temporarily unavailable. Please retry.' });
        return true;
      default:
        sendError(res, ex, { status: 500, type: 'Receiver', code: 'InternalError', message: 'We encountered an internal error. Please try again.' });
        return true;
    }
  }

  function planFor(ex: Exchange, op: OperationSpec, result: HandlerResult): BodyPlan {
    const headers: Record<string, string> = { ...commonHeaders(ex.requestId, deps.clock.now()), ...ex.extraHeaders, ...(result.headers ?? {}) };
    if (result.kind === 'xml') {
      const body = Buffer.from(renderEnvelope(op.name, ex.namespace, result.xml, ex.requestId), 'utf8');
      return { status: 200, headers: { ...headers, 'Content-Type': 'text/xml', 'Content-Length': String(body.length) }, body, length: body.length };
    }
    headers['Content-Type'] = result.contentType;
    headers['Content-MD5'] = result.contentMd5;
    if (result.contentLength !== undefined) headers['Content-Length'] = String(result.contentLength);
    return { status: 200, headers, body: result.open, ...(result.contentLength !== undefined ? { length: result.contentLength } : {}) };
  }

  function readParams(req: IncomingMessage, path: string, query: string, body: Buffer): { op: OperationSpec; pairs: Pairs; raw?: Buffer } {
    const queryPairs = parseUrlEncoded(query);
    const queryRecord = toRecord(queryPairs);
    const formBody = req.method === 'POST' && body.length > 0 && isFormContentType(req.headers['content-type']);
    if (queryRecord.Action !== undefined) {
      const op = resolveOperation(path, queryRecord);
      if (op.transport === 'query+body') return { op, pairs: queryPairs, raw: body };
      const pairs = formBody ? [...queryPairs, ...parseUrlEncoded(body.toString('utf8'))] : queryPairs;
      return { op, pairs };
    }
    const pairs = formBody ? [...queryPairs, ...parseUrlEncoded(body.toString('utf8'))] : queryPairs;
    const op = resolveOperation(path, toRecord(pairs));
    return op.transport === 'query+body' ? { op, pairs, raw: Buffer.alloc(0) } : { op, pairs };
  }

  function checkMarketplaces(params: Record<string, string>, sellerId: string): void {
    const known = deps.sellerMarketplaces(sellerId);
    for (const [key, value] of Object.entries(params)) {
      if (MARKETPLACE_PARAM.test(key) && !known.includes(value)) {
        throw new SandboxError(400, 'InvalidParameterValue', `Invalid ${key} ${value}: seller ${sellerId} is not registered in that marketplace.`);
      }
    }
  }

  async function handleMws(req: IncomingMessage, res: ServerResponse, path: string, query: string, ex: Exchange): Promise<RequestOutcome> {
    let stage: 'route' | 'auth' | 'params' | 'handler' = 'route';
    try {
      const body = await readBody(req);
      const { op, pairs, raw } = readParams(req, path, query, body);
      ex.op = op;
      ex.opId = op.id;
      ex.namespace = sectionOf(op).namespace;
      if (op.section === 'Feeds' || op.section === 'Reports') ex.extraHeaders['x-amz-request-id'] = ex.requestId;

      const early = deps.faults.take(op.id, 'before-read');
      if (early && (await earlyFault(res, ex, early))) return 'fault';

      const params = toRecord(pairs);
      stage = 'auth';
      const now = deps.clock.now();
      const principal = authenticate({ method: req.method ?? 'GET', hostHeader: req.headers.host ?? '', path, pairs, params }, deps.credentials(), now);

      const decision = deps.quotas.take(op, principal.sellerId, principal.awsAccessKeyId, itemCount(op, params), now);
      Object.assign(ex.extraHeaders, decision.headers);
      if (!decision.ok) {
        sendError(res, ex, { status: 503, type: '', code: decision.code, message: decision.message });
        return decision.code === 'RequestThrottled' ? 'throttled' : 'quota-exceeded';
      }

      stage = 'params';
      ex.tag = backendTag(op);
      checkParams(op, params);
      checkMarketplaces(params, principal.sellerId);
      if (raw && op.params.some((p) => p.name === 'ContentMD5Value')) checkContentMd5(params, req.headers['content-md5'], raw);

      const handler = deps.handlers()[op.id];
      if (!handler) throw new SandboxError(404, 'InvalidAddress', `Operation ${op.name} is not implemented by the sandbox.`);
      stage = 'handler';
      const contentType = req.headers['content-type'];
      const sandboxRequest: SandboxRequest = {
        operationId: op.id,
        section: op.section,
        operation: op.name,
        params: operationParams(params),
        headers: req.headers,
        sellerId: principal.sellerId,
        awsAccessKeyId: principal.awsAccessKeyId,
        requestId: ex.requestId,
        now,
        ...(raw ? { body: raw } : {}),
        ...(contentType !== undefined ? { contentType } : {}),
      };
      const result = await handler(sandboxRequest);

      let plan = planFor(ex, op, result);
      let outcome: RequestOutcome = 'ok';
      const after = deps.faults.take(op.id, 'after-commit');
      if (after) {
        outcome = 'fault';
        // 500/503/reset replace the response; slow-first-byte delays it; the body faults spoil it below.
        if (!BODY_FAULTS.has(after.kind) && (await earlyFault(res, ex, after))) return outcome;
      }
      const midFault = deps.faults.take(op.id, 'mid-body');
      let mid: MidBodyAction | undefined;
      for (const fault of [after?.kind === 'slow-first-byte' ? undefined : after, midFault]) {
        if (!fault) continue;
        outcome = 'fault';
        const spoiled = await spoilPlan(plan, fault);
        plan = spoiled.plan;
        mid = spoiled.mid ?? mid;
      }
      await writePlan(res, plan, deps.clock, mid);
      return outcome;
    } catch (error) {
      if (error instanceof SandboxError) {
        if (error instanceof RoutingError) ex.namespace = error.namespace;
        if (!res.headersSent) sendError(res, ex, error);
        return outcomeOfStatus(error, stage);
      }
      deps.onInternalError?.(error);
      if (!res.headersSent) sendError(res, ex, { status: 500, type: 'Receiver', code: 'InternalError', message: 'The sandbox failed to process the request.' });
      else res.destroy();
      return 'internal';
    }
  }

  return (req, res) => {
    const { path, query } = splitUrl(req.url);
    if (path.startsWith(CONTROL_PREFIX) || path === CONTROL_PREFIX.slice(0, -1)) {
      void deps.control(req, res, path);
      return;
    }
    const ex: Exchange = {
      requestId: seededRequestId(deps.seed, ++sequence),
      opId: '(unknown)',
      namespace: GATEWAY_NAMESPACE,
      tag: 'RequestID',
      extraHeaders: {},
    };
    void handleMws(req, res, path, query, ex).then((outcome) => deps.counters.record(ex.opId, outcome));
  };
}
