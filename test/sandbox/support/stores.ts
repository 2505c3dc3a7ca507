/**
 * Small in-memory implementations of the sandbox's ListingStore/OrderStore and SandboxClock contracts, plus a
 * direct caller for lifecycle handlers, so feed and report lifecycles are tested without the HTTP server.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { HandlerResult, Listing, ListingStore, OperationHandler, OrderStore, SandboxClock, SandboxOrder } from '../../../src/sandbox/types';
import { SandboxError } from '../../../src/sandbox/types';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const DE = 'A1PA6795UKMFR9';
export const JP = 'A1VC38T7YXB528';
export const SELLER_US = 'A2SANDBOXSELLER1';
export const SELLER_EU = 'A2SANDBOXSELLEREU';
export const SELLER_JP = 'A2SANDBOXSELLERJP';
export const START = Date.UTC(2026, 0, 15, 12, 0, 0);

export class TestClock implements SandboxClock {
  readonly timeScale = 1;
  constructor(private current = START) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export class MemoryListingStore implements ListingStore {
  constructor(readonly listings: Listing[]) {}
  list(sellerId: string, marketplaceId?: string): Listing[] {
    return this.listings.filter((l) => l.sellerId === sellerId && (marketplaceId === undefined || l.marketplaceId === marketplaceId));
  }
  get(sellerId: string, sku: string, marketplaceId?: string): Listing | undefined {
    return this.list(sellerId, marketplaceId).find((l) => l.sku === sku);
  }
  update(sellerId: string, sku: string, changes: Partial<Pick<Listing, 'quantity' | 'price'>>, marketplaceId?: string): boolean {
    const matches = this.list(sellerId, marketplaceId).filter((l) => l.sku === sku);
    for (const listing of matches) Object.assign(listing, changes);
    return matches.length > 0;
  }
}

export class MemoryOrderStore implements OrderStore {
  constructor(readonly orders: SandboxOrder[]) {}
  list(sellerId: string): Iterable<SandboxOrder> {
    return this.orders.filter((o) => o.sellerId === sellerId);
  }
  get(sellerId: string, amazonOrderId: string): SandboxOrder | undefined {
    return this.orders.find((o) => o.sellerId === sellerId && o.amazonOrderId === amazonOrderId);
  }
  setStatus(sellerId: string, amazonOrderId: string, status: string, now: number): boolean {
    const order = this.get(sellerId, amazonOrderId);
    if (!order) return false;
    order.orderStatus = status;
    order.lastUpdateDate = new Date(now).toISOString();
    return true;
  }
}

function listing(sellerId: string, marketplaceId: string, sku: string, title: string, extra: Partial<Listing> = {}): Listing {
  return {
    sellerId, marketplaceId, sku, asin: 'B0' + createHash('md5').update(sku).digest('hex').slice(0, 8).toUpperCase(), title, price: '19.99',
    currency: marketplaceId === JP ? 'JPY' : marketplaceId === DE ? 'EUR' : 'USD', quantity: 10, fulfillmentChannel: 'MFN', condition: 'New',
    openDate: '2025-12-01 08:00:00 UTC', ...extra,
  };
}

/** A German and a Japanese product name, so Cp1252 and Windows-31J are both exercised. */
export const GERMAN_TITLE = 'Kaffeebecher „Größe L“ – weiß, spülmaschinenfest';
export const JAPANESE_TITLE = '湯呑み 大 藍色（有田焼）';

export function seedListings(): Listing[] {
  return [
    listing(SELLER_US, US, 'MUG-001', GERMAN_TITLE),
    listing(SELLER_US, US, 'MUG-002', 'Travel mug, steel'),
    listing(SELLER_US, US, 'FBA-003', 'Water bottle', { fulfillmentChannel: 'AFN', quantity: 42 }),
    listing(SELLER_US, CA, 'MUG-001', GERMAN_TITLE, { currency: 'CAD' }),
    listing(SELLER_EU, DE, 'TASSE-01', GERMAN_TITLE),
    listing(SELLER_JP, JP, 'YUNOMI-01', JAPANESE_TITLE, { price: '1980' }),
  ];
}

function order(sellerId: string, marketplaceId: string, amazonOrderId: string, daysAgo: number, status: string, title: string, sku: string): SandboxOrder {
  const at = new Date(START - daysAgo * 24 * 60 * 60 * 1000).toISOString();
  const currency = marketplaceId === JP ? 'JPY' : 'USD';
  return {
    amazonOrderId, sellerId, marketplaceId, purchaseDate: at, lastUpdateDate: at, orderStatus: status, fulfillmentChannel: 'MFN', salesChannel: 'Amazon.com',
    buyerName: 'Test Buyer', buyerEmail: 'buyer@example.invalid',
    shippingAddress: { name: 'Test Buyer', addressLine1: '1 Main St', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' },
    orderTotal: { currency, amount: marketplaceId === JP ? '1980' : '19.99' },
    items: [{ orderItemId: `${amazonOrderId}-1`, sku, asin: 'B000000001', title, quantityOrdered: 1, quantityShipped: status === 'Shipped' ? 1 : 0, itemPrice: marketplaceId === JP ? '1980' : '19.99', currency }],
  };
}

export function seedOrders(): SandboxOrder[] {
  return [
    order(SELLER_US, US, '111-0000001-0000001', 2, 'Pending', GERMAN_TITLE, 'MUG-001'),
    order(SELLER_US, US, '111-0000002-0000002', 5, 'Unshipped', 'Travel mug, steel', 'MUG-002'),
    order(SELLER_US, US, '111-0000003-0000003', 20, 'Shipped', GERMAN_TITLE, 'MUG-001'),
    order(SELLER_US, US, '111-0000004-0000004', 40, 'Canceled', 'Travel mug, steel', 'MUG-002'),
    order(SELLER_JP, JP, '503-0000001-0000001', 3, 'Shipped', JAPANESE_TITLE, 'YUNOMI-01'),
  ];
}

export const SELLER_MARKETPLACES: Record<string, string[]> = { [SELLER_US]: [US, CA], [SELLER_EU]: [DE], [SELLER_JP]: [JP] };

/** Calls a handler the way the server would, with the request time taken from the clock. */
export async function callHandler(
  handlers: Record<string, OperationHandler>,
  operationId: string,
  params: Record<string, string>,
  options: { clock: SandboxClock; sellerId?: string; body?: Buffer; contentType?: string; headers?: Record<string, string> },
): Promise<HandlerResult> {
  const handler = handlers[operationId];
  if (!handler) throw new Error(`no handler for ${operationId}`);
  const [section, operation] = operationId.split('.');
  return handler({
    operationId, section, operation, params, body: options.body, contentType: options.contentType, headers: options.headers ?? {},
    sellerId: options.sellerId ?? SELLER_US, awsAccessKeyId: 'SANDBOXDEVKEY0000001', requestId: 'test-request', now: options.clock.now(),
  });
}

export function xmlOf(result: HandlerResult): string {
  if (result.kind !== 'xml') throw new Error('expected an XML result');
  return result.xml;
}

/** Every text value of `<name>` in document order. */
export function values(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

export function value(xml: string, name: string): string | undefined {
  return values(xml, name)[0];
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function md5Base64(body: Buffer | string): string {
  return createHash('md5').update(body).digest('base64');
}

/** Reads a raw handler answer, checking its Content-MD5 and Content-Length against the bytes. */
export async function rawBody(result: HandlerResult): Promise<{ body: Buffer; contentType: string; contentMd5: string }> {
  if (result.kind !== 'raw') throw new Error('expected a raw result');
  const body = await readAll(result.open());
  expect(md5Base64(body)).toBe(result.contentMd5);
  expect(result.contentLength).toBe(body.length);
  return { body, contentType: result.contentType, contentMd5: result.contentMd5 };
}

/** Expects the handler call to fail with a SandboxError of `code`; returns the error. */
export async function expectSandboxError(promise: Promise<unknown>, code: string): Promise<SandboxError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SandboxError);
  expect((error as SandboxError).code).toBe(code);
  return error as SandboxError;
}
