/**
 * orders.syncOrders against the sandbox: the first run emits the orders changed since `since` (every page), a second
 * run with no changes emits nothing, and after orders change only those come out; items on request.
 */
import { getAction } from '../../src/actions';
import { validatorFor } from '../schemas/helpers';
import { contextFor, MemoryStore, okCalls, START, startWorld, type World } from './support';

let world: World;
const syncOrders = getAction('orders.syncOrders');
const validOutput = validatorFor('schemas/actions/orders.syncOrders.output.json');

type Out = { orders: Array<{ AmazonOrderId: string; LastUpdateDate: string; OrderItems?: unknown[] }>; count: number };

beforeAll(async () => {
  world = await startWorld({ orders: 400 });
});
afterAll(async () => {
  await world.close();
});

describe('orders.syncOrders', () => {
  const since = new Date(START - 100 * 86_400_000).toISOString();
  let firstLatest = 0;
  const store = new MemoryStore();

  it('emits every order changed since `since`, across pages, each once', async () => {
    const out = (await syncOrders.run({ since }, contextFor(world, store))) as Out;
    expect(out.count).toBe(out.orders.length);
    expect(out.count).toBeGreaterThan(100); // more than one ListOrders page
    expect(okCalls(world, 'Orders.ListOrdersByNextToken')).toBeGreaterThan(0);
    expect(new Set(out.orders.map((o) => o.AmazonOrderId)).size).toBe(out.count);
    expect(out.orders.every((o) => Date.parse(o.LastUpdateDate) >= Date.parse(since))).toBe(true);
    expect(validOutput(out)).toBe(true);
    expect(store.data.size).toBe(1);
    firstLatest = Math.max(...out.orders.map((o) => Date.parse(o.LastUpdateDate)));
  });

  it('emits nothing on a second run when nothing changed', async () => {
    const out = (await syncOrders.run({ since }, contextFor(world, store))) as Out;
    expect(out.orders).toEqual([]);
  });

  it('emits only the orders that changed since, with their items when asked', async () => {
    expect(world.sandbox.control.mutateOrders(40)).toBe(40); // across the sandbox's sellers; some are this seller's
    world.sandbox.control.advance(5 * 60_000); // past ListOrders' two-minute listing delay
    const out = (await syncOrders.run({ since, includeItems: true }, contextFor(world, store))) as Out;
    expect(out.count).toBeGreaterThanOrEqual(1);
    expect(out.orders.every((o) => Date.parse(o.LastUpdateDate) > firstLatest)).toBe(true);
    expect(out.orders.every((o) => Array.isArray(o.OrderItems) && o.OrderItems.length > 0)).toBe(true);
    expect(validOutput(out)).toBe(true);
    const again = (await syncOrders.run({ since }, contextFor(world, store))) as Out;
    expect(again.orders).toEqual([]);
  });
});
