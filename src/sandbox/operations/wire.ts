/**
 * Reading wire parameters (already checked against the catalog by the server): numbered lists such as
 * `MarketplaceId.Id.1`, structures such as `ShipFromAddress.City`, lists of structures such as
 * `Items.member.1.SellerSKU`, plus the few value checks that only a handler can make.
 */
import { readNextToken } from '../nexttoken';
import { iso } from '../state/orderRecords';
import { SandboxError, type SandboxRequest } from '../types';
import { element, optText, text } from '../xml';

/** Values of `${prefix}.1`, `${prefix}.2`, … in index order (`listParam(params, 'MarketplaceId.Id')`). */
export function listParam(params: Record<string, string>, prefix: string): string[] {
  const found: Array<[number, string]> = [];
  const head = `${prefix}.`;
  for (const [name, value] of Object.entries(params)) {
    if (!name.startsWith(head)) continue;
    const rest = name.slice(head.length);
    if (/^\d+$/.test(rest)) found.push([Number(rest), value]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** Fields of a structure parameter: `structParam(params, 'ShipFromAddress')` → `{ Name, City, … }` (nested keys keep their dots). */
export function structParam(params: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const head = `${prefix}.`;
  for (const [name, value] of Object.entries(params)) if (name.startsWith(head)) out[name.slice(head.length)] = value;
  return out;
}

/** A list of structures: `structListParam(params, 'Items.member')` → one record per index, in index order. */
export function structListParam(params: Record<string, string>, prefix: string): Array<Record<string, string>> {
  const byIndex = new Map<number, Record<string, string>>();
  const head = `${prefix}.`;
  for (const [name, value] of Object.entries(params)) {
    if (!name.startsWith(head)) continue;
    const match = /^(\d+)\.(.+)$/.exec(name.slice(head.length));
    if (!match) continue;
    const index = Number(match[1]);
    const entry = byIndex.get(index) ?? {};
    entry[match[2]] = value;
    byIndex.set(index, entry);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export function invalid(message: string): SandboxError {
  return new SandboxError(400, 'InvalidParameterValue', message);
}

export function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw invalid(`${name} is required`);
  return value;
}

/** An ISO 8601 instant (date-only accepted, as the live service did); undefined when absent. */
export function dateParam(params: Record<string, string>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(`${name} must be an ISO 8601 date-time, got "${value}"`);
  return ms;
}

export function intParam(params: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

export function boolParam(params: Record<string, string>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (value !== 'true' && value !== 'false') throw invalid(`${name} must be true or false, got "${value}"`);
  return value === 'true';
}

/** The request's marketplace must be one the seller participates in. */
export function checkMarketplace(req: SandboxRequest, marketplaceId: string, sellerMarketplaces: string[], name = 'MarketplaceId'): void {
  if (!sellerMarketplaces.includes(marketplaceId)) {
    throw invalid(`${name} ${marketplaceId} is not a marketplace seller ${req.sellerId} participates in`);
  }
}

/** ISO 8601 without milliseconds, as most MWS sections printed instants (the orders' own formatter). */
export const isoSeconds = iso;

/** `<name><CurrencyCode>…</CurrencyCode><Amount>…</Amount></name>` (Orders' Money). */
export function money(name: string, currency: string, amount: string): string {
  return element(name, [text('CurrencyCode', currency), text('Amount', amount)]);
}

/** The standard `<{Op}Result>` wrapper answer. */
export function result(operation: string, children: string | string[]): { kind: 'xml'; xml: string } {
  return { kind: 'xml', xml: element(`${operation}Result`, children) };
}

/** Response with only ResponseMetadata (CreateFulfillmentOrder, UpdateFulfillmentOrder, CancelFulfillmentOrder). */
export function emptyResponse(): { kind: 'xml'; xml: string } {
  return { kind: 'xml', xml: '' };
}

export { element, optText, text };

/** Reads the cursor of a `…ByNextToken` call; the token must come from `op` and the same seller. */
export function readCursor<T extends { op: string; seller: string }>(req: SandboxRequest, op: string): T {
  const cursor = readNextToken<T>(requireParam(req.params, 'NextToken'), req.now);
  if (!cursor || cursor.op !== op || cursor.seller !== req.sellerId) {
    throw new SandboxError(400, 'NextTokenCorrupted', `The NextToken was not issued by ${op} for this seller. Restart with ${op}.`);
  }
  return cursor;
}
