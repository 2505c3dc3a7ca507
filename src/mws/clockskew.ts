/**
 * MWS refuses a Timestamp more than 15 minutes off its own clock (RequestExpired, REFERENCE.md §d.6). We measure
 * the server's clock from each response (`x-mws-timestamp`, ms precision, else `Date`, 1 s precision) and sign
 * later requests with our clock corrected by that offset.
 */
import type { Clock } from '../util/clock';

/** Offsets under this are noise (the Date header has whole seconds) and are not applied. */
export const SKEW_NOISE_MS = 2_000;
/** A correction larger than this is refused as implausible (a broken proxy or a faked Date header). */
export const MAX_SKEW_CORRECTION_MS = 24 * 3_600_000;

export interface SkewObservation {
  /** The new offset (server minus local), ms. */
  offsetMs: number;
  /** True when the correction changed by more than the noise threshold (worth a log line). */
  changed: boolean;
  /** True when the measurement was beyond MAX_SKEW_CORRECTION_MS and ignored. */
  refused: boolean;
}

export class ClockSkew {
  private offset = 0;

  constructor(private readonly clock: Clock) {}

  get offsetMs(): number {
    return this.offset;
  }

  /** Our clock corrected to the server's, in ms since the epoch. */
  now(): number {
    return this.clock.now() + this.offset;
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
    const measured = serverTime - (sentAt + receivedAt) / 2;
    if (Math.abs(measured) > MAX_SKEW_CORRECTION_MS) return { offsetMs: this.offset, changed: false, refused: true };
    const next = Math.abs(measured) < SKEW_NOISE_MS ? 0 : Math.round(measured);
    const changed = Math.abs(next - this.offset) >= SKEW_NOISE_MS;
    if (changed || next === 0) this.offset = next;
    return { offsetMs: this.offset, changed, refused: false };
  }
}
