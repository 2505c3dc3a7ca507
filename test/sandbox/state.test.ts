/**
 * The seeded world: determinism, honest order filtering (checked against a brute-force scan), statuses that
 * move with sandbox time, control-API mutations, snapshot/restore and expiring, tamper-evident NextTokens.
 */
import fc from 'fast-check';
import { NEXT_TOKEN_TTL_MS, issueNextToken, readNextToken } from '../../src/sandbox/nexttoken';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { createSandboxState, type OrderFilter, type OrderRecord } from '../../src/sandbox/state';
import { ORDER_HISTORY_MS } from '../../src/sandbox/state/orders';
import { SandboxError } from '../../src/sandbox/types';
import { EPOCH, TestClock } from './support/handlerHarness';

const SELLER = 'A2SANDBOXSELLER1';

function newState(seed = 11, orders = 1500, clock = new TestClock()) {
  return createSandboxState({ seed, orders, credentials: SANDBOX_CREDENTIALS, clock });
}

function matches(o: OrderRecord, f: OrderFilter): boolean {
  const purchase = Date.parse(o.purchaseDate);
  const updated = Date.parse(o.lastUpdateDate);
  return (f.createdAfter === undefined || purchase >= f.createdAfter)
    && (f.createdBefore === undefined || purchase < f.createdBefore)
    && (f.lastUpdatedAfter === undefined || updated >= f.lastUpdatedAfter)
    && (f.lastUpdatedBefore === undefined || updated < f.lastUpdatedBefore)
    && (!f.statuses?.length || f.statuses.includes(o.orderStatus))
    && (!f.channels?.length || f.channels.includes(o.fulfillmentChannel))
    && (!f.marketplaceIds || f.marketplaceIds.includes(o.marketplaceId));
}

describe('seeded state', () => {
  test('the same seed builds the same world; another seed a different one', () => {
    const a = newState(5);
    const b = newState(5);
    const c = newState(6);
    const firstOrders = (s: ReturnType<typeof newState>) => [...s.orders.list(SELLER)].slice(0, 40);
    expect(JSON.stringify(firstOrders(a))).toBe(JSON.stringify(firstOrders(b)));
    expect(a.listings.list(SELLER)).toEqual(b.listings.list(SELLER));
    expect(JSON.stringify(firstOrders(a))).not.toBe(JSON.stringify(firstOrders(c)));
    expect(a.listings.list(SELLER).map((l) => l.asin)).not.toEqual(c.listings.list(SELLER).map((l) => l.asin));
  });

  test('sellers get their marketplaces, listings carry local currency and non-ASCII titles', () => {
    const s = newState();
    expect(s.sellerMarketplaces('A2SANDBOXSELLEREU')).toEqual(['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS']);
    const de = s.listings.list('A2SANDBOXSELLEREU', 'A1PA6795UKMFR9');
    expect(de.length).toBeGreaterThanOrEqual(200);
    expect(de.every((l) => l.currency === 'EUR' && /^\d+\.\d{2}$/.test(l.price))).toBe(true);
    expect(de.map((l) => l.title)).toContain('Küchenmaschine Größe XL – Edelstahl');
    expect(s.listings.list('A2SANDBOXSELLERJP').map((l) => l.title)).toContain('ステンレス製キッチンスケール');
    expect(new Set(de.map((l) => l.fulfillmentChannel))).toEqual(new Set(['AFN', 'MFN']));
  });

  test('orders span the 90 days before the clock start, in several marketplaces, channels and currencies', () => {
    const s = newState();
    const orders = [...s.orders.list(SELLER)];
    expect(orders).toHaveLength(1500);
    const dates = orders.map((o) => Date.parse(o.purchaseDate));
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(EPOCH - ORDER_HISTORY_MS - 1000);
    expect(Math.max(...dates)).toBeLessThan(EPOCH);
    expect(new Set(orders.map((o) => o.orderTotal.currency))).toEqual(new Set(['USD', 'CAD', 'MXN']));
    expect(new Set(orders.map((o) => o.orderStatus))).toEqual(new Set(['Shipped', 'Unshipped', 'Canceled', 'PartiallyShipped', 'Pending']));
    for (const o of orders.slice(0, 50)) {
      const items = o.items.reduce((sum, i) => sum + Math.round(Number(i.itemPrice) * 100) + Math.round(Number(i.shippingPrice) * 100), 0);
      expect(Math.round(Number(o.orderTotal.amount) * 100)).toBe(items);
      expect(s.orders.get(SELLER, o.amazonOrderId)?.index).toBe(o.index);
    }
    expect(s.orders.get(SELLER, '111-0000001-0000000')).toBeUndefined();
    // orders[0] and orders[1] are the example orders (EXAMPLE_IDS), which every seller has.
    expect(s.orders.get('A2SANDBOXSELLEREU', orders[2].amazonOrderId)).toBeUndefined();
  });

  test('order filtering agrees with a brute-force scan', () => {
    const clock = new TestClock();
    const s = newState(3, 800, clock);
    const all = [...s.orders.list(SELLER)];
    const statuses = ['Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 95 }), fc.boolean(),
        fc.subarray(statuses), fc.subarray(['AFN', 'MFN']), fc.subarray(s.sellerMarketplaces(SELLER), { minLength: 1 }),
        (d1, d2, byCreation, st, ch, mps) => {
          const after = EPOCH - Math.max(d1, d2) * 86_400_000;
          const before = EPOCH - Math.min(d1, d2) * 86_400_000 + 1;
          const filter: OrderFilter = byCreation ? { createdAfter: after, createdBefore: before } : { lastUpdatedAfter: after, lastUpdatedBefore: before };
          Object.assign(filter, { statuses: st, channels: ch, marketplaceIds: mps });
          const expected = all.filter((o) => matches(o, filter)).map((o) => o.index);
          const found = s.orders.find(SELLER, filter, 0, 10_000, clock.now());
          expect(found.indexes).toEqual(expected);
          expect(found.more).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('statuses move with sandbox time: Pending orders leave Pending, AFN orders ship themselves', () => {
    const clock = new TestClock();
    const s = newState(4, 3000, clock);
    const pending = [...s.orders.list(SELLER)].filter((o) => o.orderStatus === 'Pending');
    expect(pending.length).toBeGreaterThan(0);
    clock.advance(5 * 3_600_000);
    for (const before of pending) {
      const after = s.orders.get(SELLER, before.amazonOrderId) as OrderRecord;
      expect(after.orderStatus).not.toBe('Pending');
      expect(Date.parse(after.lastUpdateDate)).toBeGreaterThan(Date.parse(before.lastUpdateDate));
    }
    clock.advance(5 * 86_400_000);
    const afn = pending.map((o) => s.orders.get(SELLER, o.amazonOrderId) as OrderRecord).filter((o) => o.fulfillmentChannel === 'AFN');
    expect(afn.length).toBeGreaterThan(0);
    expect(afn.every((o) => o.orderStatus === 'Shipped' || o.orderStatus === 'Canceled')).toBe(true);
  });

  test('mutateOrders moves N orders one step and stamps LastUpdateDate; setStatus overrides the timeline', () => {
    const clock = new TestClock();
    const s = newState(4, 1000, clock);
    const now = clock.now();
    const before = new Map([...s.orders.list(SELLER)].map((o) => [o.amazonOrderId, o.orderStatus]));
    expect(s.mutateOrders(5, now)).toBe(5);
    const changed = [...s.orders.list(SELLER)].filter((o) => o.orderStatus !== before.get(o.amazonOrderId));
    expect(changed).toHaveLength(5);
    for (const o of changed) expect(o.lastUpdateDate).toBe(new Date(now).toISOString().replace('.000Z', 'Z'));
    const target = changed[0].amazonOrderId;
    expect(s.orders.setStatus(SELLER, target, 'Canceled', now + 1000)).toBe(true);
    expect(s.orders.get(SELLER, target)?.orderStatus).toBe('Canceled');
    expect(s.orders.setStatus(SELLER, 'nope', 'Canceled', now)).toBe(false);
  });

  test('snapshot and restore carry every change; another seed is refused', () => {
    const clock = new TestClock();
    const s = newState(9, 500, clock);
    s.mutateOrders(3, clock.now());
    expect(s.listings.update(SELLER, 'SBX-0002', { quantity: 4242, price: '1.23' }, 'ATVPDKIKX0DER')).toBe(true);
    expect(s.listings.update(SELLER, 'NOPE', { quantity: 1 })).toBe(false);
    const id = s.nextId('X');
    const saved = JSON.parse(JSON.stringify(s.snapshot()));
    clock.advance(86_400_000);
    const fresh = newState(9, 500, new TestClock(clock.now()));
    fresh.restore(saved);
    expect(fresh.epoch).toBe(s.epoch);
    expect(fresh.listings.get(SELLER, 'SBX-0002', 'ATVPDKIKX0DER')).toMatchObject({ quantity: 4242, price: '1.23' });
    expect(JSON.stringify([...fresh.orders.list(SELLER)])).toBe(JSON.stringify([...s.orders.list(SELLER)]));
    expect(fresh.nextId('X')).not.toBe(id);
    expect(() => newState(10, 500).restore(saved)).toThrow(/seed 9/);
    expect(() => fresh.restore({ version: 99 })).toThrow(SandboxError);
  });

  test('seeded fulfillment orders print DisplayableOrderDateTime without milliseconds, whatever the clock start', () => {
    const s = newState(2, 10, new TestClock(EPOCH + 123));
    const orders = Object.values(s.records.fulfillmentOrders);
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) expect(o.displayableOrderDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('100,000 orders per seller stay lazy and searchable', () => {
    const clock = new TestClock();
    const s = createSandboxState({ seed: 1, orders: 100_000, credentials: [SANDBOX_CREDENTIALS[0]], clock });
    expect(s.orders.count(SELLER)).toBe(100_000);
    const page = s.orders.find(SELLER, { createdAfter: EPOCH - 86_400_000, createdBefore: EPOCH }, 0, 100, clock.now());
    expect(page.indexes).toHaveLength(100);
    expect(page.more).toBe(true);
    const first = page.indexes[0];
    expect(Date.parse((s.orders.byIndex(SELLER, first) as OrderRecord).purchaseDate)).toBeGreaterThanOrEqual(EPOCH - 86_400_000);
    expect(Date.parse((s.orders.byIndex(SELLER, first - 1) as OrderRecord).purchaseDate)).toBeLessThan(EPOCH - 86_400_000);
    expect(() => createSandboxState({ seed: 1, orders: 100_001, credentials: [SANDBOX_CREDENTIALS[0]], clock })).toThrow(/orders must be/);
  });
});

describe('NextToken', () => {
  test('round-trips its payload until it expires', () => {
    const token = issueNextToken({ op: 'ListOrders', next: 42 }, EPOCH);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readNextToken(token, EPOCH + NEXT_TOKEN_TTL_MS)).toEqual({ op: 'ListOrders', next: 42 });
    expect(() => readNextToken(token, EPOCH + NEXT_TOKEN_TTL_MS + 1)).toThrow(expect.objectContaining({ code: 'NextTokenCorrupted', status: 400 }));
  });

  test('an edited, truncated or foreign token is NextTokenCorrupted', () => {
    const token = issueNextToken({ op: 'ListOrders', next: 1 }, EPOCH);
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 3] ^= 1;
    for (const bad of [raw.toString('base64url'), token.slice(0, 10), '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4=', '']) {
      expect(() => readNextToken(bad, EPOCH)).toThrow(expect.objectContaining({ code: 'NextTokenCorrupted' }));
    }
  });
});
