/**
 * HasNext paging of the Feeds/Reports lists (REFERENCE §f): newest first, `MaxCount` per page, and a NextToken
 * (C2's nexttoken.ts) carrying the filter and the last id returned, so pages stay stable while new records arrive.
 */
import { issueNextToken, readNextToken } from '../nexttoken';
import { SandboxError } from '../types';
import { text } from '../xml';

interface Cursor<F> {
  list: string;
  sellerId: string;
  filter: F;
  maxCount: number;
  /** Last id of the previous page; the next page holds smaller ids. */
  after: string;
}

/** Numeric ids of one width compare as numbers; newest (largest) first. */
export function byIdDescending(a: string, b: string): number {
  return Number(b) - Number(a);
}

export interface Page<T> {
  items: T[];
  /** `<NextToken>` (only when there is more) and `<HasNext>`, in the order MWS sent them. */
  pagingXml: string;
}

export function pageOf<T, F>(list: string, sellerId: string, filter: F, maxCount: number, sorted: T[], idOf: (item: T) => string, now: number, after?: string): Page<T> {
  const remaining = after === undefined ? sorted : sorted.filter((item) => Number(idOf(item)) < Number(after));
  const items = remaining.slice(0, maxCount);
  const hasNext = remaining.length > maxCount;
  const token = hasNext ? issueNextToken({ list, sellerId, filter, maxCount, after: idOf(items[items.length - 1]) } satisfies Cursor<F>, now) : undefined;
  return { items, pagingXml: (token ? text('NextToken', token) : '') + text('HasNext', hasNext) };
}

/** Reads a cursor for `list`; a token of another list or seller is as corrupt as an edited one. */
export function readCursor<F>(token: string | undefined, list: string, sellerId: string, now: number): Cursor<F> {
  if (token === undefined || token === '') {
    // What the live service answered to a ByNextToken call without a token (samples/live.ErrorResponse.Feeds-ValidationError.400.xml).
    throw new SandboxError(400, 'ValidationError', "1 validation error detected: Value null at 'nextToken' failed to satisfy constraint: Member must not be null");
  }
  const cursor = readNextToken<Cursor<F>>(token, now);
  if (cursor.list !== list || cursor.sellerId !== sellerId) throw new SandboxError(400, 'NextTokenCorrupted', 'The NextToken belongs to another list or seller. Restart with the originating operation.');
  return cursor;
}
