/** At most N invocations at once per connection; the rest wait in arrival order (and leave the queue if aborted). */
import { MwsConnectorError } from '../mws/errors';

interface Waiter {
  grant: () => void;
}

class Gate {
  active = 0;
  readonly queue: Waiter[] = [];
}

export class ConnectionLimiter {
  private readonly gates = new Map<string, Gate>();

  constructor(readonly perConnection: number) {
    if (!Number.isInteger(perConnection) || perConnection < 1) {
      throw new MwsConnectorError('CONFIG_INVALID', 'concurrencyPerConnection must be a positive integer', { field: 'concurrencyPerConnection' });
    }
  }

  /** Resolves with a release function once a slot of `key` is free. */
  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new Gate();
      this.gates.set(key, gate);
    }
    if (gate.active < this.perConnection) {
      gate.active++;
      return this.releaser(key, gate);
    }
    const g = gate;
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = g.queue.indexOf(waiter);
        if (at >= 0) g.queue.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      g.queue.push(waiter);
    });
    return this.releaser(key, g);
  }

  /** In-flight and waiting counts of one connection. */
  stats(key: string): { active: number; waiting: number } {
    const gate = this.gates.get(key);
    return { active: gate?.active ?? 0, waiting: gate?.queue.length ?? 0 };
  }

  private releaser(key: string, gate: Gate): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = gate.queue.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next.grant();
      else if (--gate.active === 0) this.gates.delete(key);
    };
  }
}
