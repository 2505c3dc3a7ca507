/**
 * Calls the sandbox's operation handlers directly (no HTTP) and parses their answers with the connector's
 * own catalog-driven parser, wrapping them in the envelope the server would add.
 */
import { findOperation, getSection } from '../../../src/mws/catalog';
import { parseMwsResponse } from '../../../src/mws/xml';
import { createOperationHandlers } from '../../../src/sandbox/operations';
import { createSandboxState, type SandboxState } from '../../../src/sandbox/state';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/credentials';
import type { HandlerResult, OperationHandler } from '../../../src/sandbox/types';
import { TestClock as StoresTestClock } from './stores';

export const EPOCH = Date.UTC(2026, 4, 1, 12, 0, 0);

/** The stores' manual test clock, starting at EPOCH unless told otherwise. */
export class TestClock extends StoresTestClock {
  constructor(start = EPOCH) {
    super(start);
  }
}

export interface Harness {
  state: SandboxState;
  clock: TestClock;
  handlers: Record<string, OperationHandler>;
  /** Raw handler answer. */
  raw(operationId: string, params?: Record<string, string>, sellerId?: string): Promise<HandlerResult>;
  /** The answer wrapped in its envelope and normalised by the connector's parser. */
  call(operationId: string, params?: Record<string, string>, sellerId?: string): Promise<Record<string, unknown>>;
  xml(operationId: string, params?: Record<string, string>, sellerId?: string): Promise<string>;
}

export function createHarness(options: { seed?: number; orders?: number } = {}): Harness {
  const clock = new TestClock();
  const state = createSandboxState({ seed: options.seed ?? 7, orders: options.orders ?? 2000, credentials: SANDBOX_CREDENTIALS, clock });
  const handlers = createOperationHandlers(state, clock);
  let n = 0;
  const raw = async (operationId: string, params: Record<string, string> = {}, sellerId = 'A2SANDBOXSELLER1') => {
    const handler = handlers[operationId];
    if (!handler) throw new Error(`no handler for ${operationId}`);
    const [section, operation] = operationId.split('.');
    return handler({
      operationId, section, operation, params, headers: {}, sellerId, awsAccessKeyId: 'SANDBOXDEVKEY0000001', requestId: `req-${++n}`, now: clock.now(),
    });
  };
  const xml = async (operationId: string, params?: Record<string, string>, sellerId?: string) => {
    const answer = await raw(operationId, params, sellerId);
    if (answer.kind !== 'xml') throw new Error(`${operationId} answered a raw body`);
    const [section, operation] = operationId.split('.');
    const ns = getSection(section).namespace;
    return `<?xml version="1.0"?><${operation}Response xmlns="${ns}">${answer.xml}<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${operation}Response>`;
  };
  const call = async (operationId: string, params?: Record<string, string>, sellerId?: string) => {
    const op = findOperation(operationId);
    if (!op) throw new Error(`unknown operation ${operationId}`);
    const parsed = await parseMwsResponse(op, await xml(operationId, params, sellerId));
    return parsed.result as Record<string, unknown>;
  };
  return { state, clock, handlers, raw, call, xml };
}
