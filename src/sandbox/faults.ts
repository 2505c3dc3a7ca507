/**
 * Fault injection (issue 5): faults are armed for the next matching (operation, phase) and taken by the server.
 *
 * Phases: `before-read` fires before authentication, quotas or the handler see the request (nothing committed);
 * `after-commit` fires after the handler ran (state committed) but before the status line; `mid-body` fires after the
 * headers and half of the body were sent. Not every kind makes sense in every phase (an HTTP 500 cannot follow a
 * 200 status line), so arming checks the pair against FAULT_PHASES.
 */
import { createHash } from 'node:crypto';
import type { FaultInjector, FaultKind, FaultPhase, FaultSpec } from './types';

export const FAULT_PHASES: Readonly<Record<FaultKind, readonly FaultPhase[]>> = {
  'internal-error': ['before-read', 'after-commit'],
  'service-unavailable': ['before-read', 'after-commit'],
  'connection-reset': ['before-read', 'after-commit', 'mid-body'],
  // mid-body: the body stalls half-way for delayMs (an idle-timeout fault).
  'slow-first-byte': ['before-read', 'after-commit', 'mid-body'],
  'truncated-body': ['after-commit', 'mid-body'],
  'malformed-xml': ['after-commit', 'mid-body'],
  'wrong-content-md5': ['after-commit', 'mid-body'],
  drift: ['after-commit', 'mid-body'],
};

/** Default stall for slow-first-byte: past the connector's 60 s first-byte timeout. */
export const DEFAULT_FAULT_DELAY_MS = 65_000;

/** Unknown values the drift fault puts in place of known enumeration values. */
export const DRIFT_ENUM_VALUES: Readonly<Record<string, string>> = {
  OrderStatus: 'PendingSandboxReview',
  FeedProcessingStatus: '_PENDING_SANDBOX_REVIEW_',
  ReportProcessingStatus: '_PENDING_SANDBOX_REVIEW_',
  Status: 'SANDBOX_REVIEW',
  FulfillmentChannel: 'SandboxChannel',
};
export const DRIFT_ELEMENT = '<SandboxDriftElement><Note>unknown to the catalog</Note></SandboxDriftElement>';

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

/** Checks a fault spec from the control API or the options; throws FaultSpecError naming the field. */
export function validateFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new FaultSpecError('fault: expected an object { operation, phase, kind, times?, delayMs? }');
  const spec = input as Record<string, unknown>;
  const { operation, phase, kind, times, delayMs } = spec;
  if (typeof operation !== 'string' || !/^(\*|[A-Za-z]+\.[A-Za-z]+)$/.test(operation)) {
    throw new FaultSpecError('fault.operation: expected "Section.Operation" (e.g. "Feeds.SubmitFeed") or "*"');
  }
  if (typeof kind !== 'string' || !(kind in FAULT_PHASES)) {
    throw new FaultSpecError(`fault.kind: expected one of ${Object.keys(FAULT_PHASES).join(', ')}`);
  }
  const phases = FAULT_PHASES[kind as FaultKind];
  if (typeof phase !== 'string' || !phases.includes(phase as FaultPhase)) {
    throw new FaultSpecError(`fault.phase: ${kind} can be armed for ${phases.join(', ')}`);
  }
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    throw new FaultSpecError('fault.times: expected an integer ≥ 1');
  }
  if (delayMs !== undefined && (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0)) {
    throw new FaultSpecError('fault.delayMs: expected a number of sandbox milliseconds ≥ 0');
  }
  const result: FaultSpec = { operation, phase: phase as FaultPhase, kind: kind as FaultKind };
  if (times !== undefined) result.times = times as number;
  if (delayMs !== undefined) result.delayMs = delayMs as number;
  return result;
}

interface ArmedFault {
  id: string;
  spec: FaultSpec;
  remaining: number;
}

export class SandboxFaults implements FaultInjector {
  private list: ArmedFault[] = [];
  private sequence = 0;
  private takenCount = 0;

  arm(spec: FaultSpec): string {
    const checked = validateFaultSpec(spec);
    const id = `fault-${++this.sequence}`;
    this.list.push({ id, spec: checked, remaining: checked.times ?? 1 });
    return id;
  }

  /** The first armed fault matching the operation and phase, in arming order; spends one of its `times`. */
  take(operationId: string, phase: FaultPhase): FaultSpec | undefined {
    const found = this.list.find((f) => f.spec.phase === phase && (f.spec.operation === '*' || f.spec.operation === operationId));
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.list = this.list.filter((f) => f !== found);
    this.takenCount += 1;
    return found.spec;
  }

  clear(): void {
    this.list = [];
  }

  armed(): FaultSpec[] {
    return this.list.map((f) => ({ ...f.spec, times: f.remaining }));
  }

  /** Faults fired since start or reset. */
  get taken(): number {
    return this.takenCount;
  }
}

/** Drift: an unknown element at the top of the result and one known enumeration value replaced by an unknown one. */
export function applyDrift(xml: string): string {
  const resultOpen = /<([A-Za-z]+Result)(\s[^>]*)?>/.exec(xml);
  let out = resultOpen ? xml.slice(0, resultOpen.index + resultOpen[0].length) + DRIFT_ELEMENT + xml.slice(resultOpen.index + resultOpen[0].length) : xml;
  for (const [element, unknown] of Object.entries(DRIFT_ENUM_VALUES)) {
    const pattern = new RegExp(`<${element}>[^<]*</${element}>`);
    if (pattern.test(out)) {
      out = out.replace(pattern, `<${element}>${unknown}</${element}>`);
      break;
    }
  }
  if (!resultOpen) {
    // No Result element (e.g. CreateFulfillmentOrder): put the unknown element right after the root's start tag.
    out = out.replace(/(<[A-Za-z]+Response(\s[^>]*)?>)/, `$1${DRIFT_ELEMENT}`);
  }
  return out;
}

/** Malformed XML: an unclosed tag spliced into the middle and the root end tag misspelled. */
export function applyMalformed(body: Buffer): Buffer {
  const half = Math.floor(body.length / 2);
  const text = Buffer.concat([body.subarray(0, half), Buffer.from('<SandboxBroken attr=">'), body.subarray(half)]).toString('latin1');
  return Buffer.from(text.replace(/<\/([A-Za-z]+)>\s*$/, '</$1Broken'), 'latin1');
}

/** A well-formed Base64 MD5 (16 bytes) of a text the sandbox never sends. */
export const WRONG_CONTENT_MD5 = createHash('md5').update('sandbox: deliberately wrong Content-MD5').digest('base64');
