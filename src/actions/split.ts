/**
 * Lists longer than Amazon's per-call maximum (issue 6 item 4). Where every item is answered on its own
 * (Products batches, GetOrder, inbound guidance and prep instructions, fees estimates) the action sends
 * several calls and merges their results; the client charges the quota per call and per item. Where a
 * split would change the meaning (a paged listing, a document, a non-idempotent change, marketplace
 * filters) the schema keeps `maxItems` and the runtime refuses with LIST_LIMIT_EXCEEDED.
 */
import type { OperationSpec, ParamSpec } from '../mws/catalog/types';
import { MARKETPLACE_LISTS } from './schemas/json-schema';

export function splittableList(op: OperationSpec, param: ParamSpec): boolean {
  if (!param.list || param.max === undefined || param.max < 2 || MARKETPLACE_LISTS.includes(param.name)) return false;
  if (op.pagingStyle !== null || !op.idempotent || op.response.rawBody) return false;
  if (op.response.resultRepeats) return true;
  return op.response.elements.some((e) => e.list);
}

/** The list parameter an operation's action splits, if any. */
export function splitParamOf(op: OperationSpec): ParamSpec | undefined {
  return op.params.find((p) => splittableList(op, p));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Merges results of the same operation: arrays are concatenated (top-level arrays and array properties);
 * any other property keeps its first value. Used for split calls and for pages.
 */
export function mergeResults(results: unknown[]): unknown {
  if (results.length === 0) return {};
  if (results.every(Array.isArray)) return (results as unknown[][]).flat();
  const merged: Record<string, unknown> = {};
  for (const result of results) {
    if (result === null || typeof result !== 'object' || Array.isArray(result)) continue;
    for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
      const existing = merged[key];
      if (Array.isArray(existing) && Array.isArray(value)) merged[key] = [...existing, ...value];
      else if (!(key in merged)) merged[key] = Array.isArray(value) ? [...value] : value;
    }
  }
  return merged;
}
