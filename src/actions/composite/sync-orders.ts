/**
 * `orders.syncOrders` (a trigger): orders changed since the last run. ListOrders by LastUpdatedAfter (all pages),
 * starting from the checkpoint's last LastUpdateDate minus a small overlap (MWS lists orders a little late), with the
 * orders already emitted inside that overlap remembered by id and LastUpdateDate so none is emitted twice.
 * Optionally each order gets its items (ListOrderItems, all pages). A run with no changes emits nothing.
 */
import type { MwsClient } from '../../mws/client';
import type { ActionContext, ActionDefinition } from '../types';
import { checkpointKey, numberInput, pickGiven, stringInput } from './common';

export const SYNC_ORDERS_ID = 'orders.syncOrders';

interface SyncCheckpoint {
  /** The latest LastUpdateDate emitted so far (ISO 8601). */
  lastUpdateDate: string;
  /** `AmazonOrderId@LastUpdateDate` of orders emitted within the overlap before lastUpdateDate. */
  seen: string[];
}

interface Order {
  AmazonOrderId?: string;
  LastUpdateDate?: string;
  [element: string]: unknown;
}

type Input = Record<string, unknown>;

const FILTERS = ['OrderStatus', 'FulfillmentChannel', 'MarketplaceId'] as const;

export const syncOrders: ActionDefinition<MwsClient> = {
  id: SYNC_ORDERS_ID,
  title: 'Sync orders',
  description: 'Emits the orders created or changed since the previous run, optionally with their items, each once.',
  section: 'Orders',
  kind: 'trigger',
  visibility: 'normal',
  longRunning: true,
  idempotent: true,
  recovery: null,
  run: (input, ctx) => runSyncOrders(input, ctx),
};

function seenKey(order: Order): string {
  return `${order.AmazonOrderId ?? ''}@${order.LastUpdateDate ?? ''}`;
}

async function runSyncOrders(input: Input, ctx: ActionContext<MwsClient>): Promise<unknown> {
  const client = ctx.client;
  const options = ctx.signal ? { signal: ctx.signal } : {};
  const filters: Input = pickGiven(input, FILTERS);
  const marketplaces = (filters.MarketplaceId as string[] | undefined) ?? ctx.marketplaceIds;
  const key = checkpointKey(SYNC_ORDERS_ID, client.connection.sellerId, { cursor: stringInput(input, 'cursor') ?? 'default', filters, marketplaces });
  const overlapMs = numberInput(input, 'overlapSeconds', 300) * 1000;

  const checkpoint = await ctx.store.get<SyncCheckpoint>(key);
  const since = checkpoint
    ? new Date(Date.parse(checkpoint.lastUpdateDate) - overlapMs).toISOString()
    : stringInput(input, 'since') ?? new Date(ctx.clock.now() - 24 * 3600 * 1000).toISOString();
  const seen = new Set(checkpoint?.seen ?? []);
  ctx.progress({ stage: 'listing', message: `orders updated since ${since}` });

  const orders: Order[] = [];
  let latest = checkpoint ? Date.parse(checkpoint.lastUpdateDate) : 0;
  for await (const page of client.paginate<{ Orders?: Order[] }>('Orders.ListOrders', { ...filters, MarketplaceId: marketplaces, LastUpdatedAfter: since }, options)) {
    for (const order of page.result.Orders ?? []) {
      if (seen.has(seenKey(order))) continue;
      seen.add(seenKey(order));
      orders.push(order);
      const updated = Date.parse(order.LastUpdateDate ?? '');
      if (Number.isFinite(updated) && updated > latest) latest = updated;
    }
    ctx.progress({ stage: 'page', message: `${orders.length} new or changed orders so far`, done: orders.length });
  }

  if (input.includeItems === true) {
    for (const [i, order] of orders.entries()) {
      if (!order.AmazonOrderId) continue;
      const items: unknown[] = [];
      for await (const page of client.paginate<{ OrderItems?: unknown[] }>('Orders.ListOrderItems', { AmazonOrderId: order.AmazonOrderId }, options)) {
        items.push(...(page.result.OrderItems ?? []));
      }
      order.OrderItems = items;
      ctx.progress({ stage: 'items', message: `items of ${order.AmazonOrderId}`, done: i + 1, total: orders.length, fraction: (i + 1) / orders.length });
    }
  }

  if (latest > 0) {
    const floor = latest - overlapMs;
    const keep = [...seen].filter((k) => {
      const at = Date.parse(k.slice(k.indexOf('@') + 1));
      return Number.isFinite(at) && at >= floor;
    });
    const next: SyncCheckpoint = { lastUpdateDate: new Date(latest).toISOString(), seen: keep.sort() };
    await ctx.store.set(key, next);
  }
  return { orders, count: orders.length, lastUpdateDate: latest > 0 ? new Date(latest).toISOString() : null, since };
}
