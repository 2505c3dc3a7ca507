/**
 * Runs the sandbox server around a "world" (seeded state + operation handlers): listening (http or https), the
 * control API, reset, and persistence of the world between runs (`stateDir`). `index.ts` builds the real world;
 * tests may pass a small one of their own.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ScaledSandboxClock } from './clock';
import { createControlHandler, type SandboxControl } from './control';
import { RequestCounters } from './counters';
import { SandboxFaults } from './faults';
import { QuotaBook } from './quotas';
import { createRequestListener } from './server';
import { sandboxCertificate } from './tls';
import type { FaultSpec, OperationHandler, SandboxCredentials } from './types';

/** What the server needs from the seeded world. */
export interface SandboxWorld {
  handlers: Record<string, OperationHandler>;
  sellerMarketplaces(sellerId: string): string[];
  mutateOrders(count: number, now: number): number;
  /** Counts for the control API (feeds, reports, orders, ...). */
  counts(): Record<string, number>;
  snapshot(): unknown;
  restore(data: unknown): void;
}

export interface HostOptions {
  port?: number;
  host?: string;
  credentials: SandboxCredentials[];
  seed: number;
  timeScale?: number;
  /** Start of the sandbox clock (ms since the epoch); default: now. */
  now?: number;
  throttling?: boolean;
  faults?: FaultSpec[];
  tls?: boolean;
  stateDir?: string;
  /** Extra or replacing handlers keyed `Section.Operation` (tests). */
  handlers?: Record<string, OperationHandler>;
  onInternalError?(error: unknown): void;
}

export interface HostedSandbox<W extends SandboxWorld = SandboxWorld> {
  url: string;
  port: number;
  ca?: string;
  credentials: SandboxCredentials[];
  clock: ScaledSandboxClock;
  /** The current world (replaced by `control.reset()`). */
  readonly world: W;
  control: SandboxControl;
  close(): Promise<void>;
}

const STATE_FILE = 'sandbox-state.json';
const STATE_FORMAT = 1;

interface SavedState {
  format: number;
  seed: number;
  savedAt: number;
  world: unknown;
}

function readSaved(stateDir: string | undefined, seed: number): SavedState | undefined {
  if (!stateDir) return undefined;
  try {
    const saved = JSON.parse(readFileSync(join(stateDir, STATE_FILE), 'utf8')) as SavedState;
    return saved.format === STATE_FORMAT && saved.seed === seed ? saved : undefined;
  } catch {
    return undefined; // no saved state yet (or unreadable): start from the seed
  }
}

function writeSaved(stateDir: string, saved: SavedState): void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, STATE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(saved), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export async function hostSandbox<W extends SandboxWorld>(options: HostOptions, createWorld: (clock: ScaledSandboxClock) => W): Promise<HostedSandbox<W>> {
  const saved = readSaved(options.stateDir, options.seed);
  const start = Math.max(options.now ?? Date.now(), saved?.savedAt ?? 0);
  const clock = new ScaledSandboxClock({ start, timeScale: options.timeScale ?? 1 });
  let world = createWorld(clock);
  if (saved) {
    try {
      world.restore(saved.world);
    } catch (error) {
      // A state file from an older sandbox: start from the seed rather than refuse to start.
      process.emitWarning(`sandbox state in ${options.stateDir ?? ''} could not be restored (${error instanceof Error ? error.message : String(error)}); starting from seed ${options.seed}`);
      world = createWorld(clock);
    }
  }

  const quotas = new QuotaBook(options.throttling !== false);
  const faults = new SandboxFaults();
  const counters = new RequestCounters();
  for (const spec of options.faults ?? []) faults.arm(spec);
  let handlers: Record<string, OperationHandler> = { ...world.handlers, ...(options.handlers ?? {}) };

  const control: SandboxControl = {
    now: () => clock.now(),
    advance: (ms) => {
      clock.advance(ms);
      return clock.now();
    },
    counters: () => ({ ...counters.snapshot(), faultsFired: faults.taken, state: world.counts() }),
    resetCounters: () => counters.reset(),
    armFault: (spec) => faults.arm(spec),
    clearFaults: () => faults.clear(),
    faults: () => faults.armed(),
    mutateOrders: (count) => world.mutateOrders(count, clock.now()),
    reset: () => {
      world = createWorld(clock);
      handlers = { ...world.handlers, ...(options.handlers ?? {}) };
      quotas.reset();
      faults.clear();
      counters.reset();
    },
  };

  const listener = createRequestListener({
    seed: options.seed,
    clock,
    credentials: () => options.credentials,
    handlers: () => handlers,
    sellerMarketplaces: (sellerId) => world.sellerMarketplaces(sellerId),
    quotas,
    faults,
    counters,
    control: createControlHandler(control, clock.timeScale),
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  const certificate = options.tls ? sandboxCertificate() : undefined;
  const server: Server = certificate ? createHttpsServer({ key: certificate.key, cert: certificate.cert }, listener) : createHttpServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `${certificate ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    ...(certificate ? { ca: certificate.cert } : {}),
    credentials: options.credentials,
    clock,
    get world() {
      return world;
    },
    control,
    close: () =>
      (closed ??= (async () => {
        clock.wakeAll();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        // Saved once no request can change the world any more.
        if (options.stateDir) writeSaved(options.stateDir, { format: STATE_FORMAT, seed: options.seed, savedAt: clock.now(), world: world.snapshot() });
      })()),
  };
}
