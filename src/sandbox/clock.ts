/**
 * The sandbox's own time: `start + (real elapsed) × timeScale + manual advances`. Every sandbox rule (Timestamp
 * window, quotas, NextToken expiry, lifecycles, order moves) reads it, so a test moves time with `advance` instead of
 * sleeping, and a benchmark speeds everything up with `timeScale`.
 */
import type { SandboxClock } from './types';

export interface SandboxClockOptions {
  /** Sandbox time at creation (ms since the epoch); default: the real time. */
  start?: number;
  /** Sandbox milliseconds per real millisecond; 0 freezes the clock (only `advance` moves it). Default 1. */
  timeScale?: number;
  /** Real time source (tests may inject one). */
  realNow?: () => number;
}

interface Sleeper {
  at: number;
  wake: () => void;
  timer?: NodeJS.Timeout;
}

export class ScaledSandboxClock implements SandboxClock {
  readonly timeScale: number;
  private readonly realNow: () => number;
  private readonly realStart: number;
  private readonly start: number;
  private advanced = 0;
  private sleepers = new Set<Sleeper>();

  constructor(options: SandboxClockOptions = {}) {
    const timeScale = options.timeScale ?? 1;
    if (!Number.isFinite(timeScale) || timeScale < 0) {
      throw new RangeError(`timeScale must be a finite number ≥ 0, got ${String(options.timeScale)}`);
    }
    this.timeScale = timeScale;
    this.realNow = options.realNow ?? Date.now;
    this.realStart = this.realNow();
    this.start = options.start ?? this.realStart;
  }

  now(): number {
    return Math.floor(this.start + (this.realNow() - this.realStart) * this.timeScale + this.advanced);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a finite number of milliseconds ≥ 0, got ${ms}`);
    this.advanced += ms;
    const now = this.now();
    for (const sleeper of [...this.sleepers]) if (sleeper.at <= now) this.wake(sleeper);
  }

  /**
   * Resolves once `ms` of sandbox time has passed: after `ms / timeScale` real milliseconds, or earlier when
   * `advance` moves the clock past the deadline (a frozen clock waits for `advance` only).
   */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = { at: this.now() + Math.max(0, ms), wake: resolve };
      if (ms <= 0) {
        resolve();
        return;
      }
      this.sleepers.add(sleeper);
      if (this.timeScale > 0) {
        sleeper.timer = setTimeout(() => this.wake(sleeper), Math.ceil(ms / this.timeScale));
        sleeper.timer.unref?.();
      }
    });
  }

  /** Number of sleeps waiting (tests wait for a stalled request to reach its stall). */
  get pendingSleeps(): number {
    return this.sleepers.size;
  }

  /** Wakes every sleeper now (used on close so no request hangs). */
  wakeAll(): void {
    for (const sleeper of [...this.sleepers]) this.wake(sleeper);
  }

  private wake(sleeper: Sleeper): void {
    if (!this.sleepers.delete(sleeper)) return;
    if (sleeper.timer) clearTimeout(sleeper.timer);
    sleeper.wake();
  }
}
