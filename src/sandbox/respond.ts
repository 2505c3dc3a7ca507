/**
 * Writing responses, including the ones a fault spoils: bodies cut half-way (reset or clean close), stalled
 * half-way, corrupted (malformed XML, drift) or sent with a wrong Content-MD5.
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ScaledSandboxClock } from './clock';
import { applyDrift, applyMalformed, DEFAULT_FAULT_DELAY_MS, WRONG_CONTENT_MD5 } from './faults';
import { base64Md5 } from './render';
import type { FaultSpec } from './types';

/** What happens once half of the body has been written. */
export type MidBodyAction = { kind: 'reset' } | { kind: 'truncate' } | { kind: 'stall'; ms: number };

export interface BodyPlan {
  status: number;
  headers: Record<string, string>;
  /** Either a buffer or a stream of the exact bytes announced by Content-Length (when set). */
  body: Buffer | (() => Readable);
  length?: number;
}

function writeChunk(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    res.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/** Cuts the connection: RST for a reset, FIN for a truncation (the client sees a short body either way). */
export function dropConnection(res: ServerResponse, kind: 'reset' | 'truncate'): void {
  const socket = res.socket;
  if (!socket) return;
  if (kind === 'reset') socket.resetAndDestroy();
  else socket.end();
}

async function runMidAction(res: ServerResponse, action: MidBodyAction, clock: ScaledSandboxClock): Promise<boolean> {
  if (action.kind === 'stall') {
    await clock.sleep(action.ms);
    return true;
  }
  dropConnection(res, action.kind);
  return false;
}

/** Writes status, headers and body; `mid` fires once half of the body (by Content-Length, else the first chunk) is out. */
export async function writePlan(res: ServerResponse, plan: BodyPlan, clock: ScaledSandboxClock, mid?: MidBodyAction): Promise<void> {
  res.writeHead(plan.status, plan.headers);
  if (Buffer.isBuffer(plan.body)) {
    if (!mid) {
      res.end(plan.body);
      return;
    }
    const half = Math.floor(plan.body.length / 2);
    await writeChunk(res, plan.body.subarray(0, half));
    if (await runMidAction(res, mid, clock)) res.end(plan.body.subarray(half));
    return;
  }
  const stream = plan.body();
  const half = plan.length !== undefined ? Math.floor(plan.length / 2) : 1;
  let written = 0;
  let fired = !mid;
  try {
    for await (const raw of stream) {
      let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as string);
      if (!fired && written + chunk.length >= half) {
        const head = chunk.subarray(0, Math.max(0, half - written));
        await writeChunk(res, head);
        written += head.length;
        fired = true;
        if (!(await runMidAction(res, mid as MidBodyAction, clock))) {
          stream.destroy();
          return;
        }
        chunk = chunk.subarray(head.length);
      }
      if (chunk.length > 0) {
        if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
        written += chunk.length;
      }
    }
    res.end();
  } catch {
    stream.destroy();
    res.destroy();
  }
}

/** Turns a body fault (after-commit or mid-body) into changes of the plan and a mid-body action. */
export async function spoilPlan(plan: BodyPlan, fault: FaultSpec): Promise<{ plan: BodyPlan; mid?: MidBodyAction }> {
  const delay = fault.delayMs ?? DEFAULT_FAULT_DELAY_MS;
  switch (fault.kind) {
    case 'connection-reset':
      return { plan, mid: { kind: 'reset' } };
    case 'truncated-body':
      return { plan, mid: { kind: 'truncate' } };
    case 'slow-first-byte':
      return { plan, mid: { kind: 'stall', ms: delay } };
    case 'wrong-content-md5':
      return { plan: { ...plan, headers: { ...plan.headers, 'Content-MD5': WRONG_CONTENT_MD5 } } };
    case 'malformed-xml':
    case 'drift': {
      const original = Buffer.isBuffer(plan.body) ? plan.body : await collect(plan.body());
      const changed = fault.kind === 'drift' ? Buffer.from(applyDrift(original.toString('utf8')), 'utf8') : applyMalformed(original);
      const headers: Record<string, string> = { ...plan.headers, 'Content-Length': String(changed.length) };
      // Keep a raw body's Content-MD5 true to the changed bytes, so the client sees only this fault.
      if (headers['Content-MD5'] !== undefined) headers['Content-MD5'] = base64Md5(changed);
      return { plan: { ...plan, headers, body: changed, length: changed.length } };
    }
    default:
      return { plan };
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
