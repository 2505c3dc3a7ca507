/**
 * The control API: the same operations as methods (`control.advance(ms)`, ...) and as JSON over HTTP under
 * `/_sandbox/` for other processes, loopback only.
 *
 *   GET    /_sandbox/time              → { now, iso, timeScale }
 *   POST   /_sandbox/advance  {ms}     → { now, iso }
 *   GET    /_sandbox/counters          → SandboxCountersView
 *   DELETE /_sandbox/counters          → request counters back to zero
 *   GET    /_sandbox/faults            → armed faults
 *   POST   /_sandbox/faults   FaultSpec→ { id }
 *   DELETE /_sandbox/faults            → clears armed faults
 *   POST   /_sandbox/orders/mutate {count} → { mutated }
 *   POST   /_sandbox/reset             → world rebuilt from the seed; quotas, faults and counters cleared
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxCounters } from './counters';
import { FaultSpecError } from './faults';
import { readBody } from './request';
import type { FaultSpec } from './types';

export interface SandboxCountersView extends SandboxCounters {
  /** Faults fired since start or reset. */
  faultsFired: number;
  /** What the world holds now (feeds, reports, orders, ... as the state and lifecycles count them). */
  state: Record<string, number>;
}

export interface SandboxControl {
  /** Sandbox time (ms since the epoch). */
  now(): number;
  /** Moves the sandbox clock forward; returns the new time. */
  advance(ms: number): number;
  counters(): SandboxCountersView;
  resetCounters(): void;
  /** Arms a fault for the next matching (operation, phase); returns its id. Throws FaultSpecError on a bad spec. */
  armFault(spec: FaultSpec): string;
  clearFaults(): void;
  faults(): FaultSpec[];
  /** Changes status and LastUpdateDate of `count` orders; returns how many changed. */
  mutateOrders(count: number): number;
  /** Rebuilds the world from the seed and clears quotas, faults and counters (the clock keeps running). */
  reset(): void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'Cache-Control': 'no-store' });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 1024 * 1024);
  if (body.length === 0) return {};
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('body: expected a JSON object');
  return parsed as Record<string, unknown>;
}

function numberField(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${name}: expected a number ≥ 0`);
  return value;
}

/** Serves `/_sandbox/...`; anything but loopback callers gets 403. */
export function createControlHandler(control: SandboxControl, timeScale: number) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
      sendJson(res, 403, { error: 'The sandbox control API answers loopback callers only.' });
      return;
    }
    const route = `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
    try {
      switch (route) {
        case 'GET /_sandbox/time': {
          const now = control.now();
          sendJson(res, 200, { now, iso: new Date(now).toISOString(), timeScale });
          return;
        }
        case 'POST /_sandbox/advance': {
          const now = control.advance(numberField(await readJson(req), 'ms'));
          sendJson(res, 200, { now, iso: new Date(now).toISOString() });
          return;
        }
        case 'GET /_sandbox/counters':
          sendJson(res, 200, control.counters());
          return;
        case 'DELETE /_sandbox/counters':
          control.resetCounters();
          sendJson(res, 200, { reset: true });
          return;
        case 'GET /_sandbox/faults':
          sendJson(res, 200, { faults: control.faults() });
          return;
        case 'POST /_sandbox/faults':
          sendJson(res, 201, { id: control.armFault((await readJson(req)) as unknown as FaultSpec) });
          return;
        case 'DELETE /_sandbox/faults':
          control.clearFaults();
          sendJson(res, 200, { cleared: true });
          return;
        case 'POST /_sandbox/orders/mutate':
          sendJson(res, 200, { mutated: control.mutateOrders(Math.floor(numberField(await readJson(req), 'count'))) });
          return;
        case 'POST /_sandbox/reset':
          control.reset();
          sendJson(res, 200, { reset: true });
          return;
        default:
          sendJson(res, 404, { error: `No control route ${route}` });
      }
    } catch (error) {
      const bad = error instanceof FaultSpecError || error instanceof TypeError || error instanceof SyntaxError || error instanceof RangeError;
      sendJson(res, bad ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}
