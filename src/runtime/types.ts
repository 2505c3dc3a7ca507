/**
 * Contracts of the reference studio runtime (ARCHITECTURE §3.5): what a host passes in, what a
 * connector package must export, and what `createConnector` returns.
 */
import type { ActionDefinition, ActionLogger, CheckpointStore, ProgressEvent } from '../actions/types';
import type { LicenseGate, LicenseState } from '../license/types';
import type { Clock } from '../util/clock';

/** The runtime API version this runtime implements; `connector.json` `engine.runtimeApi` must match its major. */
export const RUNTIME_API_VERSION = '1.0.0';

export interface ManifestAction {
  id: string;
  title: string;
  description: string;
  section: string;
  operation?: string;
  kind: 'action' | 'trigger';
  visibility: 'normal' | 'advanced' | 'deprecated';
  /** Schema paths relative to the connector root. */
  input: string;
  output: string;
  sampleOutput?: unknown;
  longRunning?: boolean;
  idempotent?: boolean;
  recovery?: string | null;
  throttle?: unknown;
}

/** `connector.json`: the manifest a studio reads. Unknown properties are kept (forward compatible). */
export interface ConnectorManifest {
  id: string;
  name: string;
  version: string;
  vendor?: string;
  engine: { node: string; runtimeApi: string };
  /** The bundled code, relative to the connector root (e.g. `dist/connector.js`). */
  entry: string;
  /** The connection schema path, or `{ schema: path }`. */
  connection: string | { schema: string };
  /** `publicKeys`: vendor key id → PEM public key. */
  license?: { feature?: string; product?: string; publicKeys?: Record<string, string> };
  actions: ManifestAction[];
  [extra: string]: unknown;
}

/**
 * The protocol client surface the runtime needs (src/mws/client.ts MwsClient satisfies it).
 * Actions receive the client as `ctx.client` and use the rest of its API themselves.
 */
export interface ConnectorClient {
  call(operationId: string, params?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<ClientResponse>;
  paginate?(operationId: string, params?: Record<string, unknown>, options?: { signal?: AbortSignal }): AsyncIterable<ClientResponse>;
  download?(operationId: string, params: Record<string, unknown>, destination: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
  close?(): void | Promise<void>;
}

/** The parts of a client response the runtime reads (request ids for metadata, headers for the clock check). */
export interface ClientResponse {
  result?: unknown;
  requestId?: string;
  headers?: Record<string, string>;
}

export interface ClientFactoryOptions {
  clock: Clock;
  logger: ActionLogger;
  /** Extra CA (PEM) for the sandbox's TLS mode. */
  ca?: string | Buffer;
  /** Retries after the first attempt; testConnection asks for none so it answers at once. */
  maxRetries?: number;
}

/**
 * What a connector's entry module (`connector.json` `entry`) exports. `actions` is required.
 * `validateConnectionConfig` and `createClient` make a package self-contained; when absent the runtime
 * uses its own (src/mws/config.ts, src/mws/client.ts).
 */
export interface ConnectorModule {
  actions: ReadonlyMap<string, ActionDefinition> | readonly ActionDefinition[] | Record<string, ActionDefinition>;
  validateConnectionConfig?(input: unknown): unknown;
  createClient?(connection: unknown, options: ClientFactoryOptions): ConnectorClient;
}

/** A checked, loaded connector: manifest, its folder, its code. */
export interface LoadedConnector {
  root: string;
  manifest: ConnectorManifest;
  actions: ReadonlyMap<string, ActionDefinition>;
  module: ConnectorModule;
  /** True when the folder carried a `checksums.json` that was verified. */
  verified: boolean;
}

export interface RuntimeHost {
  logger?: ActionLogger;
  store?: CheckpointStore;
  home?: string;
  /** License key id → PEM public key (tests); default the manifest's `license.publicKeys`. */
  trustedKeys?: Readonly<Record<string, string>>;
  fingerprint?: string;
  evaluationHosts?: string[];
  /** Current time in ms (alternative to `clock`). */
  now?: () => number;
  /** Folder or `.tar.gz` of the connector to load; default: this package's root. */
  source?: string;
  clock?: Clock;
  /** In-flight invocations per connection (default 4); more wait in order. */
  concurrencyPerConnection?: number;
  /** Abort an invocation after this long (clock time); default: none. */
  invokeTimeoutMs?: number;
  /** Extra CA passed to the client (sandbox TLS mode). */
  ca?: string | Buffer;
  /** A ready license gate (tests, embedders); default: the license module's gate built from the fields above. */
  licenseGate?: LicenseGate;
  /** Register the SIGTERM listener (default true). */
  handleSigterm?: boolean;
}

export interface InvocationContext {
  logger?: ActionLogger;
  signal?: AbortSignal;
  progress?: (event: ProgressEvent) => void;
  store?: CheckpointStore;
  runId?: string;
}

export interface ConnectionCheck {
  name: 'config' | 'endpoint' | 'credentials' | 'marketplaces' | 'clock';
  ok: boolean;
  cause?: string;
  hint?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
}

export interface InvokeMetadata {
  actionId: string;
  runId: string;
  requestIds: string[];
  evaluation: boolean;
  license?: { state: LicenseState; warning?: string };
  durationMs: number;
}

export interface InvokeResult<T = unknown> {
  output: T;
  metadata: InvokeMetadata;
}

export interface LicenseCheckResult {
  allowed: boolean;
  evaluation: boolean;
  state?: LicenseState;
  warning?: string;
  reason?: string;
}

export interface Connector {
  manifest: ConnectorManifest;
  testConnection(config: unknown, ctx?: InvocationContext): Promise<ConnectionTestResult>;
  checkLicense(ctx?: InvocationContext & { endpointHost?: string }): Promise<LicenseCheckResult>;
  invoke<T = unknown>(actionId: string, config: unknown, input: unknown, ctx?: InvocationContext): Promise<InvokeResult<T>>;
  /** Removes the SIGTERM listener and closes cached clients. */
  dispose(): Promise<void>;
}
