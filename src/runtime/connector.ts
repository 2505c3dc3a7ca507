/**
 * `createConnector(host?)` (ARCHITECTURE §3.5): the reference studio host. Loads a connector package, validates
 * config, input and output against its schemas, asks the license hook, and runs actions with a context: a
 * client shared per connection (so throttle buckets are too), at most N in flight per connection, an optional
 * invocation timeout, and SIGTERM aborting every in-flight invocation (actions write checkpoints as they go).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { ActionContext, ActionLogger } from '../actions/types';
import type { LicenseGate } from '../license/types';
import { createLicenseGate } from '../license';
import { MwsClient } from '../mws/client';
import { validateConnectionConfig, type ResolvedConnection } from '../mws/config';
import { LicenseError, MwsConnectorError, ValidationError } from '../mws/errors';
import { systemClock, type Clock } from '../util/clock';
import { connectorPaths } from '../util/home';
import { createLogger } from '../util/logger';
import { registerSecret } from '../util/secrets';
import { FileCheckpointStore } from './checkpoints';
import { runConnectionTest } from './connection-test';
import { toHostError } from './host-errors';
import { ConnectionLimiter } from './limiter';
import { loadConnector } from './loader';
import { connectionSchemaPath } from './manifest';
import { SchemaSet } from './schemas';
import type {
  ClientFactoryOptions,
  ClientResponse,
  Connector,
  ConnectorClient,
  InvocationContext,
  InvokeResult,
  LicenseCheckResult,
  LoadedConnector,
  RuntimeHost,
} from './types';

/** The host checkLicense asks about when no endpoint is named: a production MWS host (never an evaluation one). */
const PRODUCTION_HOST = 'mws.amazonservices.com';
const DEFAULT_CONCURRENCY = 4;

/** This package's own root: the folder holding connector.json (src/runtime → ../..; dist/runtime → ../..). */
export function packageRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

interface Connection {
  key: string;
  resolved: ResolvedConnection;
}

export function createConnector(host: RuntimeHost = {}): Connector {
  const loaded = loadConnector(host.source ?? packageRoot());
  const { manifest } = loaded;
  const clock: Clock = host.clock ?? (host.now ? { now: host.now, sleep: systemClock.sleep } : systemClock);
  const logger: ActionLogger = host.logger ?? createLogger();
  const paths = connectorPaths(host.home);
  const store = host.store ?? new FileCheckpointStore(paths.state);
  const schemas = new SchemaSet(loaded.root);
  const limiter = new ConnectionLimiter(host.concurrencyPerConnection ?? DEFAULT_CONCURRENCY);
  const gate: LicenseGate = host.licenseGate ?? defaultGate(host, loaded, clock, logger);
  const clients = new Map<string, ConnectorClient>();
  const inflight = new Map<AbortController, Promise<unknown>>();

  const resolveConnection = (config: unknown): Connection => {
    // A packaged connector registers secrets in its own copy of the registry; the runtime's logger reads this one.
    if (config !== null && typeof config === 'object') {
      const { secretKey, mwsAuthToken } = config as { secretKey?: unknown; mwsAuthToken?: unknown };
      if (typeof secretKey === 'string') registerSecret(secretKey);
      if (typeof mwsAuthToken === 'string') registerSecret(mwsAuthToken);
    }
    const validate = loaded.module.validateConnectionConfig ?? validateConnectionConfig;
    let resolved: ResolvedConnection;
    try {
      resolved = validate(config) as ResolvedConnection;
    } catch (err) {
      throw toHostError(err, 'CONFIG_INVALID');
    }
    schemas.check(connectionSchemaPath(manifest), config, { code: 'CONFIG_INVALID', what: 'The connection configuration' });
    return { key: connectionKey(resolved), resolved };
  };

  const makeClient = (resolved: ResolvedConnection, extra: Partial<ClientFactoryOptions> = {}): ConnectorClient => {
    const options: ClientFactoryOptions = { clock, logger, ...(host.ca !== undefined ? { ca: host.ca } : {}), ...extra };
    if (loaded.module.createClient) return loaded.module.createClient(resolved, options);
    return new MwsClient(resolved, { ...options, logger: options.logger as never }) as unknown as ConnectorClient;
  };

  const clientFor = (connection: Connection): ConnectorClient => {
    let client = clients.get(connection.key);
    if (!client) {
      client = makeClient(connection.resolved);
      clients.set(connection.key, client);
    }
    return client;
  };

  let terminating = false;
  const onSigterm = (): void => {
    terminating = true;
    const settling = [...inflight.entries()].map(([controller, done]) => {
      controller.abort(new MwsConnectorError('ABORTED', 'Aborted by SIGTERM; checkpoints were written'));
      return done;
    });
    logger.warn('SIGTERM: aborting in-flight invocations', { count: settling.length });
    void Promise.allSettled(settling).then(() => {
      process.removeListener('SIGTERM', onSigterm);
      // Nobody else handles SIGTERM: raise it again for Node's default (exit), now that checkpoints are written.
      if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
    });
  };
  if (host.handleSigterm !== false) process.on('SIGTERM', onSigterm);

  async function checkLicense(ctx: InvocationContext & { endpointHost?: string } = {}): Promise<LicenseCheckResult> {
    const decision = await gate.check({ endpointHost: ctx.endpointHost ?? PRODUCTION_HOST, ...featureOf(loaded) });
    return {
      allowed: decision.allowed,
      evaluation: decision.evaluation,
      ...(decision.state !== undefined ? { state: decision.state } : {}),
      ...(decision.warning !== undefined ? { warning: decision.warning } : {}),
      ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
    };
  }

  async function testConnection(config: unknown, ctx: InvocationContext = {}): Promise<{ ok: boolean; checks: import('./types').ConnectionCheck[] }> {
    const created: ConnectorClient[] = [];
    try {
      return await runConnectionTest(config, {
        clock,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        validate: (input) => resolveConnection(input).resolved,
        client: (resolved) => {
          const client = makeClient(resolved as ResolvedConnection, { maxRetries: 0, ...(ctx.logger ? { logger: ctx.logger } : {}) });
          created.push(client);
          return client;
        },
      });
    } finally {
      for (const client of created) await client.close?.();
    }
  }

  async function invoke<T = unknown>(actionId: string, config: unknown, input: unknown, ctx: InvocationContext = {}): Promise<InvokeResult<T>> {
    const startedAt = clock.now();
    const runId = ctx.runId ?? randomUUID();
    if (terminating) throw new MwsConnectorError('ABORTED', 'The runtime is shutting down (SIGTERM); no new invocations');
    const action = loaded.actions.get(actionId);
    const entry = manifest.actions.find((a) => a.id === actionId);
    if (!action || !entry) {
      throw new MwsConnectorError('UNKNOWN_ACTION', `No action ${JSON.stringify(actionId)} in ${manifest.id}`, { field: 'actionId' });
    }
    const connection = resolveConnection(config);
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new ValidationError(`Input of ${actionId} must be an object`, [{ field: '/', message: 'must be an object' }]);
    }
    schemas.check(entry.input, input, { code: 'INPUT_INVALID', what: `Input of ${actionId}` });

    const decision = await gate.check({ endpointHost: connection.resolved.host, sellerId: connection.resolved.sellerId, ...featureOf(loaded) });
    if (!decision.allowed) {
      throw decision.error ? toHostError(decision.error) : new LicenseError('LICENSE_MISSING', decision.reason ?? 'No license allows this call');
    }
    const base = ctx.logger ?? logger;
    const log = withMeta(base, { runId, actionId, ...(decision.evaluation ? { evaluation: true } : {}) });
    if (decision.warning) log.warn(decision.warning, { licenseState: decision.state });

    const controller = new AbortController();
    const forward = (): void => controller.abort(new MwsConnectorError('ABORTED', 'The invocation was aborted by its caller'));
    if (ctx.signal?.aborted) forward();
    ctx.signal?.addEventListener('abort', forward, { once: true });
    const timer = new AbortController();
    if (host.invokeTimeoutMs !== undefined) {
      clock.sleep(host.invokeTimeoutMs, timer.signal).then(
        () => controller.abort(new MwsConnectorError('TIMEOUT', `${actionId} did not finish within ${host.invokeTimeoutMs} ms`)),
        () => undefined,
      );
    }

    const requestIds: string[] = [];
    let release: (() => void) | undefined;
    const work = (async (): Promise<unknown> => {
      release = await limiter.acquire(connection.key, controller.signal);
      log.info('invoke', { connection: connection.key.slice(0, 12) });
      const actionCtx: ActionContext = {
        client: recordingClient(clientFor(connection), requestIds, controller.signal),
        logger: log,
        signal: controller.signal,
        progress: safeProgress(ctx.progress, log),
        store: ctx.store ?? store,
        runId,
        clock,
        marketplaceIds: [...connection.resolved.marketplaceIds],
        timeScale: connection.resolved.timeScale,
      };
      return action.run(input as Record<string, unknown>, actionCtx);
    })();
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    inflight.set(controller, settled);
    try {
      const output = await raceAbort(work, controller.signal);
      schemas.check(entry.output, output, { code: 'OUTPUT_INVALID', what: `Output of ${actionId}` });
      const durationMs = clock.now() - startedAt;
      log.info('invoke done', { durationMs, requests: requestIds.length });
      return {
        output: output as T,
        metadata: {
          actionId,
          runId,
          requestIds,
          evaluation: decision.evaluation,
          ...(decision.state !== undefined ? { license: { state: decision.state, ...(decision.warning ? { warning: decision.warning } : {}) } } : {}),
          durationMs,
        },
      };
    } catch (err) {
      const error = toHostError(err);
      log.warn('invoke failed', { code: error.code, message: error.message, requestId: error.requestId });
      throw error;
    } finally {
      timer.abort();
      ctx.signal?.removeEventListener('abort', forward);
      void settled.then(() => {
        release?.();
        inflight.delete(controller);
      });
    }
  }

  async function dispose(): Promise<void> {
    process.removeListener('SIGTERM', onSigterm);
    for (const client of clients.values()) await client.close?.();
    clients.clear();
  }

  return { manifest, testConnection, checkLicense, invoke, dispose };
}

function defaultGate(host: RuntimeHost, loaded: LoadedConnector, clock: Clock, logger: ActionLogger): LicenseGate {
  const trustedKeys = host.trustedKeys ?? loaded.manifest.license?.publicKeys;
  return createLicenseGate({
    clock,
    logger,
    ...(host.home !== undefined ? { home: host.home } : {}),
    ...(trustedKeys !== undefined ? { trustedKeys } : {}),
    ...(host.fingerprint !== undefined ? { fingerprint: host.fingerprint } : {}),
    ...(host.evaluationHosts !== undefined ? { evaluationHosts: host.evaluationHosts } : {}),
    ...featureOf(loaded),
    ...(loaded.manifest.license?.product !== undefined ? { product: loaded.manifest.license.product } : {}),
  });
}

function featureOf(loaded: LoadedConnector): { feature?: string } {
  const feature = loaded.manifest.license?.feature;
  return feature !== undefined ? { feature } : {};
}

/** Same endpoint, seller and keys → same connection (one client, one throttle, one concurrency limit). */
function connectionKey(resolved: ResolvedConnection): string {
  const identity = [resolved.baseUrl, resolved.sellerId, resolved.awsAccessKeyId, resolved.secretKey, resolved.mwsAuthToken ?? '', resolved.timeScale];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** Rejects with the signal's reason as soon as it fires, even if the work ignores the signal. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/**
 * The client an action sees: the connection's shared client, with the invocation's signal added to every
 * call that names none, and every request id (of answers and of errors) recorded for the metadata.
 */
function recordingClient(client: ConnectorClient, requestIds: string[], signal: AbortSignal): ConnectorClient {
  const note = (value: unknown): void => {
    const id = (value as { requestId?: unknown } | undefined)?.requestId;
    if (typeof id === 'string' && id !== '') requestIds.push(id);
  };
  const withSignal = (options: unknown): Record<string, unknown> => ({ signal, ...((options as Record<string, unknown> | undefined) ?? {}) });
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'call' || prop === 'download') {
        return async (id: string, params: unknown, ...rest: unknown[]) => {
          const at = prop === 'call' ? 0 : 1;
          const args = [...rest];
          args[at] = withSignal(args[at]);
          try {
            const response = await (value as (...a: unknown[]) => Promise<unknown>).call(target, id, params, ...args);
            note(response);
            return response;
          } catch (err) {
            note(err);
            throw err;
          }
        };
      }
      if (prop === 'paginate') {
        return async function* (id: string, params: unknown, options: unknown): AsyncGenerator<ClientResponse> {
          try {
            for await (const page of (value as (...a: unknown[]) => AsyncIterable<ClientResponse>).call(target, id, params, withSignal(options))) {
              note(page);
              yield page;
            }
          } catch (err) {
            note(err);
            throw err;
          }
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** A host's progress callback that throws must not break the action that reports progress. */
function safeProgress(progress: InvocationContext['progress'], log: ActionLogger): ActionContext['progress'] {
  if (!progress) return () => undefined;
  return (event) => {
    try {
      progress(event);
    } catch (err) {
      log.warn('progress callback failed', { message: err instanceof Error ? err.message : String(err) });
    }
  };
}

/** A logger that adds the invocation's identity to every record. */
function withMeta(logger: ActionLogger, meta: Record<string, unknown>): ActionLogger {
  return {
    error: (message, extra) => logger.error(message, { ...meta, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...meta, ...extra }),
    info: (message, extra) => logger.info(message, { ...meta, ...extra }),
    debug: (message, extra) => logger.debug(message, { ...meta, ...extra }),
  };
}
