/** Reading Feeds/Reports wire parameters: numbered lists, dates, booleans and MaxCount, with MWS-style errors. */
import { SandboxError } from '../types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Feeds/Reports lists look back 90 days by default (REFERENCE §a). */
export const DEFAULT_LOOKBACK_MS = 90 * DAY_MS;

export function invalidValue(name: string, expected: string, value?: string): SandboxError {
  const got = value === undefined ? '' : ` (got "${value}")`;
  return new SandboxError(400, 'InvalidParameterValue', `Invalid value for parameter ${name}${got}: expected ${expected}.`);
}

/** Collects `<prefix>.1`, `<prefix>.2`, … (e.g. prefix `FeedSubmissionIdList.Id`) in index order. */
export function listParam(params: Record<string, string>, prefix: string): string[] {
  const found: Array<[number, string]> = [];
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(head)) continue;
    const index = Number(key.slice(head.length));
    if (Number.isInteger(index) && index >= 1) found.push([index, value]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** MarketplaceIdList.Id.N of a Feeds/Reports request; each must be one the seller participates in. */
export function marketplaceIdList(params: Record<string, string>, sellerMarketplaces: string[]): string[] {
  const ids = listParam(params, 'MarketplaceIdList.Id');
  const foreign = ids.filter((id) => !sellerMarketplaces.includes(id));
  if (foreign.length > 0) throw invalidValue('MarketplaceIdList', `marketplaces this seller participates in (${sellerMarketplaces.join(', ')})`, foreign.join(','));
  return ids;
}

export function requiredParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new SandboxError(400, 'InvalidParameterValue', `Parameter ${name} is required but was not sent.`);
  return value;
}

export function optionalDate(params: Record<string, string>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidValue(name, 'an ISO 8601 date-time', value);
  return ms;
}

export function optionalBoolean(params: Record<string, string>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw invalidValue(name, 'true or false', value);
}

/** MaxCount: 1-100, default 10 (GetFeedSubmissionList, GetReportRequestList, GetReportList). */
export function maxCountParam(params: Record<string, string>): number {
  const value = params.MaxCount;
  if (value === undefined || value === '') return 10;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 100) throw invalidValue('MaxCount', 'an integer from 1 to 100', value);
  return count;
}

/** A from/to window, defaulting to the previous 90 days up to `now`. */
export function dateWindow(params: Record<string, string>, fromName: string, toName: string, now: number): { from: number; to: number } {
  const from = optionalDate(params, fromName) ?? now - DEFAULT_LOOKBACK_MS;
  const to = optionalDate(params, toName) ?? now;
  if (from > to) throw invalidValue(fromName, `a date not after ${toName}`, params[fromName]);
  return { from, to };
}

/** MWS date-time as the service printed it: `2009-02-20T02:10:35+00:00`. */
export function mwsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
