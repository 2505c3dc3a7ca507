/**
 * What an action is, for the runtime that loads and invokes it. Actions know nothing of the CLI;
 * the runtime validates input before `run` and output after it against the action's JSON Schemas.
 */
import type { Clock } from '../util/clock';

/** Minimal logger surface actions use (winston's Logger satisfies it). */
export interface ActionLogger {
  error(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
  debug(message: string, meta?: Record<string, unknown>): unknown;
}

/** Progress of long-running actions (report fetch, feed submit and wait, order sync). */
export interface ProgressEvent {
  /** Short machine-readable stage, e.g. `requested`, `polling`, `downloading`, `page`. */
  stage: string;
  message: string;
  /** 0..1 when known. */
  fraction?: number;
  done?: number;
  total?: number;
}

/** Durable key/value store for checkpoints (incremental order sync, in-flight report/feed ids). */
export interface CheckpointStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export type ActionKind = 'action' | 'trigger';
export type ActionVisibility = 'normal' | 'advanced' | 'deprecated';

/**
 * The context an action runs in. `client` is the protocol client bound to the connection
 * (src/mws/client.ts MwsClient); typed loosely here so this contract does not pin the client's internals.
 */
export interface ActionContext<Client = unknown> {
  client: Client;
  logger: ActionLogger;
  signal?: AbortSignal;
  progress: (event: ProgressEvent) => void;
  store: CheckpointStore;
  runId: string;
  clock: Clock;
  /** The connection's default marketplaces (used when an input omits its marketplace list). */
  marketplaceIds: string[];
  /** Scales poll intervals like the client (ARCHITECTURE §3.2). */
  timeScale: number;
}

export interface ActionDefinition<Client = unknown> {
  /** `orders.ListOrders`, or a composite such as `reports.fetchReport` (ARCHITECTURE §3.1). */
  id: string;
  title: string;
  /** One sentence, written here. */
  description: string;
  /** Amazon's section name, e.g. `Orders`. */
  section: string;
  /** `Section.Operation` for mechanical actions; absent for composites. */
  operation?: string;
  kind: ActionKind;
  visibility: ActionVisibility;
  longRunning: boolean;
  idempotent: boolean;
  recovery: string | null;
  run(input: Record<string, unknown>, ctx: ActionContext<Client>): Promise<unknown>;
}
