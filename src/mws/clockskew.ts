/**
 * MWS refuses a Timestamp more than 15 minutes off its own clock (RequestExpired, REFERENCE.md §d.6). We measure
 * the server's clock from each response (`x-mws-timestamp`, ms precision, else `Date`, 1 s precision) and sign
 * later requests with our clock corrected by that offset. With `timeScale` ≠ 1 (loopback sandbox only,
 * ARCHITECTURE §3.2) the server's clock runs `timeScale` times faster than ours, so we extrapolate from the last
 * reading at that rate instead of adding a fixed offset.
 */
import type { Clock } from '../util/clock';

/** Offsets under this are noise (the Date header has whole seconds) and are not applied. */
export const SKEW_NOISE_MS = 2_000;
/** A correction larger than this is refused as implausible (a broken proxy or a faked Date header). */
export const MAX_SKEW_CORRECTION_MS = 24 * 3_600_000;

export interface SkewObservation {
  /** The offset now applied (server minus local), ms. */
  offsetMs: number;
  /** True when the correction changed by more than the noise threshold (worth a log line). */
  changed: boolean;
  /** True when the measurement was beyond MAX_SKEW_CORRECTION_MS and ignored. */
  refused: boolean;
}

export class ClockSkew {
  /** A server reading and our clock at that moment (none yet: trust our clock). */
  private anchor: { server: number; local: number } | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly timeScale = 1,
  ) {}

  get offsetMs(): number {
    return this.now() - this.clock.now();
  }

  /** The server's time now, as best we know it (ms since the epoch). */
  now(): number {
    const local = this.clock.now();
    return this.anchor ? this.anchor.server + (local - this.anchor.local) * this.timeScale : local;
  }

  /** Our clock's time at which the server's clock shows `serverTime`. */
  toLocal(serverTime: number): number {
    return this.anchor ? this.anchor.local + (serverTime - this.anchor.server) / this.timeScale : serverTime;
  }

  /** ISO 8601 Timestamp for signing, corrected. */
  timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  /**
   * Records the server time seen in a response. `sentAt`/`receivedAt` are local clock readings around the
   * exchange; their midpoint is our best guess of when the server stamped the response.
   */
  observe(headers: Record<string, string>, sentAt: number, receivedAt: number): SkewObservation | undefined {
    const precise = headers['x-mws-timestamp'] ? Date.parse(headers['x-mws-timestamp']) : NaN;
    const coarse = headers['date'] ? Date.parse(headers['date']) : NaN;
    const serverTime = Number.isFinite(precise) ? precise : coarse;
    if (!Number.isFinite(serverTime)) return undefined;
    const local = (sentAt + receivedAt) / 2;
    const previous = this.offsetMs;
    if (Math.abs(serverTime - local) > MAX_SKEW_CORRECTION_MS && this.timeScale === 1) {
      return { offsetMs: previous, changed: false, refused: true };
    }
    if (this.timeScale !== 1) {
      // A sped-up sandbox drifts from us continuously: always re-anchor.
      this.anchor = { server: serverTime, local };
      return { offsetMs: this.offsetMs, changed: Math.abs(this.offsetMs - previous) >= SKEW_NOISE_MS, refused: false };
    }
    const measured = serverTime - local;
    const next = Math.abs(measured) < SKEW_NOISE_MS ? 0 : Math.round(measured);
    const changed = Math.abs(next - previous) >= SKEW_NOISE_MS;
    // With equal clock rates only the offset matters: anchor at our epoch, the server at the offset.
    if (changed || next === 0) this.anchor = { server: next, local: 0 };
    return { offsetMs: this.offsetMs, changed, refused: false };
  }
}
