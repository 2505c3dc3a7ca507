/**
 * `startSandbox(options)`: the embedded, stateful MWS sandbox on loopback (issue 4). It builds the seeded world
 * (state + ordinary operations + feed/report lifecycles) and hosts it; see host.ts for listening, control and
 * persistence, server.ts for the wire protocol.
 */
import type { ScaledSandboxClock } from './clock';
import type { SandboxControl } from './control';
import { DEFAULT_SANDBOX_CREDENTIALS, SANDBOX_CREDENTIALS } from './credentials';
import { hostSandbox, type SandboxWorld } from './host';
import { createLifecycles, type Lifecycles } from './lifecycle';
import { createOperationHandlers } from './operations';
import { createSandboxState, type SandboxState } from './state';
import type { FaultSpec, OperationHandler, SandboxCredentials } from './types';

export interface SandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: SANDBOX_CREDENTIALS (public test values). */
  credentials?: SandboxCredentials[];
  /** Seed of the generated world; same seed, same answers. Default 1. */
  seed?: number;
  /** Orders per seller. Default 250. */
  orders?: number;
  /** Sandbox milliseconds per real millisecond (0 freezes the clock: only `control.advance` moves it). Default 1. */
  timeScale?: number;
  /** false turns quotas off. Default true. */
  throttling?: boolean;
  /** Minimum size of generated flat-file reports in bytes. Default 0 (real rows only). */
  reportBytes?: number;
  /** Faults armed from the start. */
  faults?: FaultSpec[];
  /** Serve https with a self-signed certificate for 127.0.0.1/localhost; its PEM is returned as `ca`. */
  tls?: boolean;
  /** Folder where the world is saved on close and restored on start (same seed only). */
  stateDir?: string;
  /** Start instant of the sandbox clock (ms since the epoch). Default: now. */
  now?: number;
  /** Extra or replacing handlers keyed `Section.Operation` (tests). */
  handlers?: Record<string, OperationHandler>;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT` (or https with `tls`). */
  url: string;
  port: number;
  /** PEM of the self-signed certificate when `tls` is on; trust it as a CA. */
  ca?: string;
  credentials: SandboxCredentials[];
  /** The sandbox clock (`now`, `advance`, `timeScale`, `sleep`). */
  clock: ScaledSandboxClock;
  /** The seeded state (replaced by `control.reset()`). */
  readonly state: SandboxState;
  control: SandboxControl;
  close(): Promise<void>;
}

interface World extends SandboxWorld {
  state: SandboxState;
  lifecycles: Lifecycles;
}

function buildWorld(clock: ScaledSandboxClock, seed: number, orders: number, reportBytes: number, credentials: SandboxCredentials[]): World {
  const state = createSandboxState({ seed, orders, credentials, clock });
  const lifecycles = createLifecycles({
    clock,
    listings: state.listings,
    orders: state.orders,
    seed,
    reportBytes,
    credentials,
    sellerMarketplaces: (sellerId) => state.sellerMarketplaces(sellerId),
  });
  // Ordinary operations first see feeds applied and reports generated that came due while nobody polled.
  const ordinary: Record<string, OperationHandler> = {};
  for (const [id, handler] of Object.entries(createOperationHandlers(state, clock))) {
    ordinary[id] = (req) => {
      lifecycles.settle(req.now);
      return handler(req);
    };
  }
  return {
    state,
    lifecycles,
    handlers: { ...ordinary, ...lifecycles.handlers },
    sellerMarketplaces: (sellerId) => state.sellerMarketplaces(sellerId),
    mutateOrders: (count, now) => state.mutateOrders(count, now),
    counts: () => lifecycles.counts(),
    snapshot: () => ({ state: state.snapshot(), lifecycles: lifecycles.snapshot() }),
    restore: (data) => {
      const saved = data as { state: unknown; lifecycles: unknown };
      state.restore(saved.state);
      lifecycles.restore(saved.lifecycles);
    },
  };
}

/** A startSandbox option is wrong; `field` names it. */
export class SandboxOptionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`startSandbox: options.${field} ${message}`);
    this.name = 'SandboxOptionError';
  }
}

function checkOptions(options: SandboxOptions): void {
  const integer = (field: keyof SandboxOptions, min: number, max: number): void => {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)) {
      throw new SandboxOptionError(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
  };
  integer('port', 0, 65535);
  integer('seed', -2147483648, 4294967295);
  integer('orders', 0, 100_000);
  integer('reportBytes', 0, Number.MAX_SAFE_INTEGER);
  if (options.timeScale !== undefined && (typeof options.timeScale !== 'number' || !Number.isFinite(options.timeScale) || options.timeScale < 0)) {
    throw new SandboxOptionError('timeScale', `must be a finite number ≥ 0 (0 freezes the clock), got ${String(options.timeScale)}`);
  }
  if (options.now !== undefined && (typeof options.now !== 'number' || !Number.isFinite(options.now))) {
    throw new SandboxOptionError('now', `must be milliseconds since the epoch, got ${String(options.now)}`);
  }
  options.credentials?.forEach((c, i) => {
    for (const key of ['sellerId', 'awsAccessKeyId', 'secretKey'] as const) {
      if (typeof c[key] !== 'string' || c[key] === '') throw new SandboxOptionError(`credentials[${i}].${key}`, 'must be a non-empty string');
    }
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  checkOptions(options);
  const seed = options.seed ?? 1;
  const orders = options.orders ?? 250;
  const reportBytes = options.reportBytes ?? 0;
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS.map((c) => ({ ...c }));
  const hosted = await hostSandbox({ ...options, seed, credentials }, (clock) => buildWorld(clock, seed, orders, reportBytes, credentials));
  return {
    url: hosted.url,
    port: hosted.port,
    ...(hosted.ca !== undefined ? { ca: hosted.ca } : {}),
    credentials,
    clock: hosted.clock,
    get state() {
      return hosted.world.state;
    },
    control: hosted.control,
    close: () => hosted.close(),
  };
}

export { DEFAULT_SANDBOX_CREDENTIALS, SANDBOX_CREDENTIALS };
export type { SandboxControl } from './control';
export type { SandboxCountersView } from './control';
export type { SandboxCounters, RequestOutcome } from './counters';
export type { FaultSpec, FaultKind, FaultPhase, SandboxCredentials } from './types';
