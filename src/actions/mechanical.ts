/**
 * One action per catalog operation, made mechanically: the action forwards its input to MwsClient.call under
 * Amazon's parameter names, follows NextToken when asked (`allPages`, `maxItems`), splits lists longer than the
 * per-call maximum where that keeps the meaning (src/actions/split.ts) and returns the normalised result.
 */
import { actionIdOf } from '../mws/catalog';
import type { OperationSpec } from '../mws/catalog/types';
import type { MwsClient } from '../mws/client';
import { contentMd5 } from '../mws/signer';
import { OPERATION_DESCRIPTIONS } from './descriptions';
import { offersAllPages } from './schemas/input';
import { chunk, mergeResults, splitParamOf } from './split';
import type { ActionContext, ActionDefinition, ActionVisibility } from './types';

/** `ListOrderItemsByNextToken` → `List order items by next token`. */
export function titleOf(operationName: string): string {
  const words = operationName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ');
  return words.map((w, i) => (i === 0 || /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase())).join(' ');
}

export function visibilityOf(op: OperationSpec): ActionVisibility {
  if (op.deprecated) return 'deprecated';
  if (op.nextTokenOf !== undefined || op.name === 'GetServiceStatus') return 'advanced';
  return 'normal';
}

/** The list element a paged listing's `maxItems` counts (Orders, ReportRequestInfo, ...). */
export function pagedListOf(op: OperationSpec): string | undefined {
  return op.response.elements.find((e) => e.list)?.name;
}

type Input = Record<string, unknown>;

export function mechanicalAction(op: OperationSpec): ActionDefinition<MwsClient> {
  const description = OPERATION_DESCRIPTIONS[op.id] ?? `Calls the MWS operation ${op.id}.`;
  return {
    id: actionIdOf(op),
    title: titleOf(op.name),
    description,
    section: op.section,
    operation: op.id,
    kind: 'action',
    visibility: visibilityOf(op),
    longRunning: false,
    idempotent: op.idempotent,
    recovery: op.recovery,
    run: (input, ctx) => runOperation(op, input, ctx),
  };
}

/** A body's `ContentMD5Value`, computed when the input leaves it out (Amazon requires it; nobody should type it). */
export function withComputedMd5(op: OperationSpec, params: Input): Input {
  const body = op.params.find((p) => p.in === 'body');
  if (!body || params.ContentMD5Value !== undefined || !op.params.some((p) => p.name === 'ContentMD5Value')) return params;
  const content = params[body.name];
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) return params;
  return { ...params, ContentMD5Value: contentMd5(typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)) };
}

async function runOperation(op: OperationSpec, input: Input, ctx: ActionContext<MwsClient>): Promise<unknown> {
  const { allPages, maxItems, ...given } = input;
  const params = withComputedMd5(op, given);
  const options = ctx.signal ? { signal: ctx.signal } : {};
  if (op.response.rawBody) {
    const res = await ctx.client.call<string>(op.id, params, options);
    return { document: res.result };
  }
  if (allPages === true && offersAllPages(op)) return allPagesOf(op, params, typeof maxItems === 'number' ? maxItems : undefined, ctx);
  const split = splitParamOf(op);
  const list = split ? params[split.name] : undefined;
  if (split && split.max !== undefined && Array.isArray(list) && list.length > split.max) {
    const parts = chunk(list, split.max);
    const results: unknown[] = [];
    for (const [i, part] of parts.entries()) {
      ctx.progress({ stage: 'call', message: `${op.name} call ${i + 1} of ${parts.length}`, done: i, total: parts.length, fraction: i / parts.length });
      results.push((await ctx.client.call(op.id, { ...params, [split.name]: part }, options)).result);
    }
    return mergeResults(results);
  }
  return (await ctx.client.call(op.id, params, options)).result;
}

async function allPagesOf(op: OperationSpec, params: Input, maxItems: number | undefined, ctx: ActionContext<MwsClient>): Promise<unknown> {
  const listName = pagedListOf(op);
  const pages: unknown[] = [];
  let items = 0;
  for await (const page of ctx.client.paginate(op.id, params, ctx.signal ? { signal: ctx.signal } : {})) {
    pages.push(page.result);
    const list = listName ? (page.result as Input | undefined)?.[listName] : undefined;
    items += Array.isArray(list) ? list.length : 0;
    ctx.progress({ stage: 'page', message: `${op.name}: page ${pages.length}, ${items} items`, done: items });
    if (maxItems !== undefined && items >= maxItems) break;
  }
  const merged = mergeResults(pages) as Input;
  delete merged.NextToken;
  delete merged.HasNext;
  if (listName && maxItems !== undefined && Array.isArray(merged[listName])) {
    merged[listName] = (merged[listName] as unknown[]).slice(0, maxItems);
  }
  return merged;
}
