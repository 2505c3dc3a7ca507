/**
 * Quota-exact throttling as MWS applied it (REFERENCE.md §b): one leaky bucket per seller account + developer
 * account pair and per operation (or per shared bucket), a restore rate of one token (request or item) every
 * N seconds, and on Products/Reports/Feeds an hourly quota the server reports in `x-mws-quota-*` headers.
 * A call waits for its token here instead of being sent to fail with RequestThrottled.
 */
import { createHash } from 'node:crypto';
import type { ThrottleSpec } from './catalog/types';
import type { Clock } from '../util/clock';

/** Persisted state of one bucket. Times are milliseconds on the client's Clock. */
export interface BucketState {
  /** Burst tokens available at `updatedAt` (fractional: restore is continuous). */
  tokens: number;
  updatedAt: number;
  /** Hourly quota as last known (the server's `x-mws-quota-max` wins over the catalog). */
  hourlyMax?: number;
  hourlyRemaining?: number;
  /** When the hourly window resets (ms since the epoch). */
  hourlyResetsAt?: number;
  /**
   * Set while a request taken from a full bucket is unanswered (its pay time): no restore is counted until its
   * answer, because the server's full bucket only started restoring when that request arrived there.
   */
  heldSince?: number;
}

/** Where bucket states live; in memory by default, shareable (e.g. a file or Redis) across processes. */
export interface BucketStore {
  get(key: string): Promise<BucketState | undefined>;
  set(key: string, state: BucketState): Promise<void>;
}

export class InMemoryBucketStore implements BucketStore {
  private readonly states = new Map<string, BucketState>();

  async get(key: string): Promise<BucketState | undefined> {
    const state = this.states.get(key);
    return state ? { ...state } : undefined;
  }

  async set(key: string, state: BucketState): Promise<void> {
    this.states.set(key, { ...state });
  }
}

/** Who is throttled: MWS kept quotas per (endpoint, seller, developer key) pair. */
export interface ThrottleIdentity {
  host: string;
  sellerId: string;
  awsAccessKeyId: string;
}

/** The hourly quota as read from response headers. */
export interface QuotaHeaders {
  max: number;
  remaining: number;
  resetsOn: string;
}

const HOUR_MS = 3_600_000;

/**
 * Bucket key. The access key id is hashed so store keys (which may be logged or persisted) carry no credential.
 * `bucket` is the catalog's shared bucket name or the operation name, prefixed by its section.
 */
export function bucketKey(identity: ThrottleIdentity, section: string, bucket: string): string {
  const developer = createHash('sha256').update(identity.awsAccessKeyId).digest('hex').slice(0, 16);
  return `${identity.host.toLowerCase()}|${identity.sellerId}|${developer}|${section}.${bucket}`;
}

/** Reads `x-mws-quota-max/remaining/resetsOn` (values like `"80.0"`); undefined when absent or unreadable. */
export function readQuotaHeaders(headers: Record<string, string>): QuotaHeaders | undefined {
  const max = Number(headers['x-mws-quota-max']);
  const remaining = Number(headers['x-mws-quota-remaining']);
  const resetsOn = headers['x-mws-quota-resetson'];
  if (!Number.isFinite(max) || !Number.isFinite(remaining) || !resetsOn || Number.isNaN(Date.parse(resetsOn))) return undefined;
  return { max, remaining, resetsOn };
}

/**
 * The quota as QuotaExceeded's message states it when no headers came: "You exceeded your quota of 200.0 requests
 * per 1 hour for operation ... Your quota will reset on Thu Apr 04 18:46:00 UTC 2020" (REFERENCE.md §b).
 */
export function quotaFromMessage(message: string): QuotaHeaders | undefined {
  const max = /quota of ([\d.]+) requests/i.exec(message)?.[1];
  const resets = /reset on (.+?)\s*$/i.exec(message)?.[1];
  const resetsAt = resets ? Date.parse(resets) : NaN;
  if (max === undefined || !Number.isFinite(resetsAt)) return undefined;
  return { max: Number(max), remaining: 0, resetsOn: new Date(resetsAt).toISOString() };
}

/** What `take` hands out: the wait, and whether the request holds the bucket's restore until it is answered. */
export interface Ticket {
  key: string;
  waitedMs: number;
  /** The `heldSince` this request set (it emptied a full bucket), to pass to `answered`. */
  holds?: number;
}

/**
 * A hold older than this is dropped (a process that died between pay and answer, with a shared store): longer
 * than any request lives under the transport's timeouts.
 */
const HOLD_LIMIT_MS = 10 * 60_000;

export interface AcquireRequest {
  key: string;
  spec: ThrottleSpec;
  /** Tokens this call costs: 1, or the item count for restoreUnit 'item'. */
  cost: number;
  /** ARCHITECTURE §3.2: divides the restore interval and the hourly window. */
  timeScale: number;
  /** Added (unscaled) to every wait for a restored token: slack for latency differences between requests. */
  marginMs?: number;
  signal?: AbortSignal;
}

/**
 * Hands out tokens. Calls on one key are served strictly in arrival order: a waiting call holds the key's
 * turn while it sleeps, so a later call can never overtake it and starve it.
 */
export class Throttle {
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly store: BucketStore,
    private readonly clock: Clock,
  ) {}

  /** Waits until the bucket (and the hourly quota) can pay `cost`, then pays it. Resolves with the ms waited in all. */
  async acquire(request: AcquireRequest): Promise<number> {
    return (await this.pay(request, false)).waitedMs;
  }

  /**
   * `acquire` for a request about to be sent. MWS counts a request when it arrives, and a full bucket restores
   * nothing until then; our pay time is earlier by the time to send it (tens of ms in a burst). So paying from a
   * full bucket holds restoring until `answered` is called: the answer comes after the arrival, which keeps the
   * next tokens no earlier than the server's, whatever the latency.
   */
  take(request: AcquireRequest): Promise<Ticket> {
    return this.pay(request, true);
  }

  private async pay(request: AcquireRequest, holdWhenFull: boolean): Promise<Ticket> {
    const started = this.clock.now();
    return this.inTurn(request.key, async () => {
      for (;;) {
        const state = await this.current(request.key, request.spec, request.timeScale);
        const cost = Math.min(request.cost, request.spec.maxQuota);
        const wait = Math.max(burstWait(state, request.spec, cost, request.timeScale), hourlyWait(state, cost, this.clock.now()));
        if (wait <= 0) {
          const now = this.clock.now();
          const full = holdWhenFull && state.heldSince === undefined && state.tokens >= request.spec.maxQuota - 1e-9;
          state.tokens -= cost;
          if (state.hourlyRemaining !== undefined) state.hourlyRemaining -= cost;
          if (full) state.heldSince = now;
          await this.store.set(request.key, state);
          return { key: request.key, waitedMs: now - started, ...(full ? { holds: now } : {}) };
        }
        await this.clock.sleep(wait + (request.marginMs ?? 0), request.signal);
      }
    });
  }

  /** The request of `ticket` was answered (or failed): a hold it set ends, and restoring counts from now. */
  async answered(ticket: Ticket, spec: ThrottleSpec, timeScale: number): Promise<void> {
    if (ticket.holds === undefined) return;
    const state = await this.current(ticket.key, spec, timeScale);
    if (state.heldSince !== ticket.holds) return;
    delete state.heldSince;
    await this.store.set(ticket.key, state);
  }

  /** After an actual RequestThrottled: the server's bucket is empty whatever ours says. */
  async recordThrottled(key: string, spec: ThrottleSpec, timeScale: number): Promise<void> {
    const state = await this.current(key, spec, timeScale);
    state.tokens = Math.min(state.tokens, 0);
    await this.store.set(key, state);
  }

  /**
   * After QuotaExceeded: nothing more this hour; `resetsOn` from the headers (or the message) when sent.
   * `toLocal` turns the server's reset time into ours (clock skew).
   */
  async recordQuotaExceeded(key: string, spec: ThrottleSpec, timeScale: number, quota?: QuotaHeaders, toLocal: (serverTime: number) => number = (t) => t): Promise<void> {
    const state = await this.current(key, spec, timeScale);
    state.hourlyRemaining = 0;
    if (quota) {
      state.hourlyMax = quota.max;
      state.hourlyResetsAt = toLocal(Date.parse(quota.resetsOn));
    } else if (state.hourlyResetsAt === undefined || state.hourlyResetsAt <= this.clock.now()) {
      state.hourlyResetsAt = this.clock.now() + HOUR_MS / timeScale;
    }
    await this.store.set(key, state);
  }

  /** The server's figures replace ours (its max may be a multiple of the documented one). */
  async recordQuotaHeaders(key: string, spec: ThrottleSpec, timeScale: number, quota: QuotaHeaders, toLocal: (serverTime: number) => number = (t) => t): Promise<void> {
    const state = await this.current(key, spec, timeScale);
    state.hourlyMax = quota.max;
    state.hourlyRemaining = quota.remaining;
    state.hourlyResetsAt = toLocal(Date.parse(quota.resetsOn));
    await this.store.set(key, state);
  }

  /** The bucket as of now: seeded full from the catalog, restored for the time elapsed, hourly window rolled. */
  async current(key: string, spec: ThrottleSpec, timeScale: number): Promise<BucketState> {
    const now = this.clock.now();
    const stored = await this.store.get(key);
    const state: BucketState = stored ?? { tokens: spec.maxQuota, updatedAt: now };
    const intervalMs = restoreIntervalMs(spec, timeScale);
    if (state.heldSince !== undefined && now - state.heldSince > HOLD_LIMIT_MS) delete state.heldSince;
    const elapsed = state.heldSince === undefined ? Math.max(0, now - state.updatedAt) : 0;
    state.tokens = Math.min(spec.maxQuota, state.tokens + elapsed / intervalMs);
    state.updatedAt = now;
    const hourlyMax = state.hourlyMax ?? spec.hourlyMax ?? undefined;
    if (hourlyMax !== undefined && hourlyMax !== null) {
      if (state.hourlyResetsAt === undefined || state.hourlyResetsAt <= now) {
        // A new window: the catalog figure until the server tells us better.
        state.hourlyMax = hourlyMax;
        state.hourlyRemaining = hourlyMax;
        state.hourlyResetsAt = now + HOUR_MS / timeScale;
      }
    }
    return state;
  }

  private async inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    this.turns.set(key, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.turns.get(key) === chained) this.turns.delete(key);
    }
  }
}

/** Milliseconds to restore one token, scaled. */
export function restoreIntervalMs(spec: ThrottleSpec, timeScale: number): number {
  return (spec.restoreEverySeconds * 1000) / timeScale;
}

function burstWait(state: BucketState, spec: ThrottleSpec, cost: number, timeScale: number): number {
  const missing = cost - state.tokens;
  if (missing <= 1e-9) return 0;
  return Math.ceil(missing * restoreIntervalMs(spec, timeScale) - 1e-6);
}

/** The hourly quota counts what the burst bucket counts: requests, or items for Products. */
function hourlyWait(state: BucketState, cost: number, now: number): number {
  if (state.hourlyRemaining === undefined || state.hourlyResetsAt === undefined) return 0;
  if (state.hourlyRemaining >= cost) return 0;
  return Math.max(1, state.hourlyResetsAt - now);
}
