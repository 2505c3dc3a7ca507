/**
 * MWS throttling (REFERENCE.md §b, DOCS DG_Throttling): a leaky bucket per (seller, developer key, bucket), where the
 * bucket is the operation or its shared bucket; `maxQuota` tokens, one back every `restoreEverySeconds` of sandbox
 * time; Products "item" operations cost one token per requested id; an hourly cap where Amazon published one.
 */
import type { OperationSpec } from '../mws/catalog/types';
import { quotaNumber } from './render';

/** The three sections whose responses carried `x-mws-quota-*` headers (LIVE), also on their 400s. */
const QUOTA_HEADER_SECTIONS = new Set(['Products', 'Reports', 'Feeds']);
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

interface Bucket {
  tokens: number;
  updatedAt: number;
  hourStart?: number;
  hourUsed: number;
}

export type QuotaDecision =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; code: 'RequestThrottled' | 'QuotaExceeded'; message: string; headers: Record<string, string> };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Java's `Date.toString()` in UTC, as the QuotaExceeded message printed it: `Thu Apr 04 18:46:00 UTC 2020`. */
function javaDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export class QuotaBook {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly enabled: boolean) {}

  reset(): void {
    this.buckets.clear();
  }

  /** Charges `cost` tokens for one request, or says why it is refused (nothing is charged then). */
  take(op: OperationSpec, sellerId: string, awsAccessKeyId: string, cost: number, now: number): QuotaDecision {
    const spec = op.throttle;
    const key = `${sellerId}|${awsAccessKeyId}|${op.section}.${spec.sharedBucket ?? op.name}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: spec.maxQuota, updatedAt: now, hourUsed: 0 };
      this.buckets.set(key, bucket);
    }
    const restoreMs = spec.restoreEverySeconds * 1000;
    if (restoreMs > 0 && now > bucket.updatedAt) {
      bucket.tokens = Math.min(spec.maxQuota, bucket.tokens + (now - bucket.updatedAt) / restoreMs);
    }
    bucket.updatedAt = Math.max(bucket.updatedAt, now);

    const hourly = spec.hourlyMax ?? undefined;
    if (hourly !== undefined && (bucket.hourStart === undefined || now >= bucket.hourStart + HOUR_MS)) {
      bucket.hourStart = Math.floor(now / MINUTE_MS) * MINUTE_MS;
      bucket.hourUsed = 0;
    }
    const headers = (): Record<string, string> =>
      hourly !== undefined && QUOTA_HEADER_SECTIONS.has(op.section) && op.name !== 'GetServiceStatus'
        ? {
            'x-mws-quota-max': quotaNumber(hourly),
            'x-mws-quota-remaining': quotaNumber(Math.max(0, hourly - bucket.hourUsed)),
            'x-mws-quota-resetsOn': new Date((bucket.hourStart ?? now) + HOUR_MS).toISOString(),
          }
        : {};

    if (!this.enabled) return { ok: true, headers: {} };
    // A small epsilon absorbs floating-point refill error.
    if (bucket.tokens + 1e-9 < cost) {
      return { ok: false, code: 'RequestThrottled', message: 'Request is throttled', headers: headers() };
    }
    if (hourly !== undefined && bucket.hourUsed + cost > hourly) {
      const resetsAt = (bucket.hourStart ?? now) + HOUR_MS;
      return {
        ok: false,
        code: 'QuotaExceeded',
        message: `You exceeded your quota of ${quotaNumber(hourly)} requests per 1 hour for operation ${op.section}/${op.version}/${op.name}.  Your quota will reset on ${javaDate(resetsAt)}`,
        headers: headers(),
      };
    }
    bucket.tokens -= cost;
    bucket.hourUsed += cost;
    return { ok: true, headers: headers() };
  }
}
