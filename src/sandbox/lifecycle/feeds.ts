/**
 * The Feeds section: SubmitFeed (Content-MD5 checks, parsing in the marketplace's charset), the
 * _SUBMITTED_ → _IN_PROGRESS_ → _DONE_ lifecycle (or _CANCELLED_ before processing starts), applying the feed
 * to listings and orders when processing completes, lists with HasNext paging, and GetFeedSubmissionResult.
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import type { HandlerResult, OperationHandler, SandboxRequest } from '../types';
import { SandboxError } from '../types';
import { element, text, optText } from '../xml';
import { applyFeed } from './feedApplying';
import { parseFeed } from './feedParsing';
import type { ParsedFeed } from './feedParsing';
import { charsetFromLabel, charsetParam, marketplaceCharset } from './marketplaces';
import { digestBuffer } from './md5stream';
import type { DueEvent, FeedSubmission, LifecycleDeps } from './model';
import { feedCompletedAt, feedStartedAt, feedStatus } from './model';
import { byIdDescending, pageOf, readCursor } from './paging';
import { renderProcessingReport } from './processingReport';
import { dateWindow, invalidValue, listParam, marketplaceIdList, maxCountParam, mwsDate, requiredParam } from './requestParams';
import { bufferStream } from './streams';

const FIRST_FEED_SUBMISSION_ID = 50_001_000_001;
const DAY_MS = 24 * 60 * 60 * 1000;

interface FeedFilter {
  ids: string[];
  types: string[];
  statuses: string[];
  from: number;
  to: number;
}

export interface FeedSnapshot {
  nextId: number;
  feeds: FeedSubmission[];
}

export class FeedLifecycle {
  private readonly feeds = new Map<string, FeedSubmission>();
  /** Feeds still to apply: settling runs before every request, so it looks only at these. */
  private readonly unapplied = new Set<FeedSubmission>();
  private nextId = FIRST_FEED_SUBMISSION_ID;

  constructor(
    private readonly deps: LifecycleDeps,
    /** Brings every lifecycle up to `now` before a handler reads or changes anything. */
    private readonly settle: (now: number) => void,
  ) {}

  handlers(): Record<string, OperationHandler> {
    return {
      'Feeds.SubmitFeed': (req) => this.submitFeed(req),
      'Feeds.GetFeedSubmissionList': (req) => this.list(req),
      'Feeds.GetFeedSubmissionListByNextToken': (req) => this.listByNextToken(req),
      'Feeds.GetFeedSubmissionCount': (req) => this.count(req),
      'Feeds.CancelFeedSubmissions': (req) => this.cancel(req),
      'Feeds.GetFeedSubmissionResult': (req) => this.result(req),
    };
  }

  /** Feeds whose processing completed by `now` and are not applied yet. */
  due(now: number): DueEvent[] {
    const events: DueEvent[] = [];
    for (const feed of this.unapplied) {
      if (feed.outcome || feed.cancelledAt !== undefined || !feed.parsed) {
        this.unapplied.delete(feed);
        continue;
      }
      const at = feedCompletedAt(feed);
      if (at <= now) events.push({ at, order: 0, id: feed.feedSubmissionId, run: () => this.apply(feed, feed.parsed as ParsedFeed, at) });
    }
    return events;
  }

  size(): number {
    return this.feeds.size;
  }

  snapshot(): FeedSnapshot {
    return { nextId: this.nextId, feeds: [...this.feeds.values()].map((feed) => structuredClone(feed)) };
  }

  restore(data: FeedSnapshot): void {
    this.feeds.clear();
    this.unapplied.clear();
    for (const saved of data.feeds) {
      const feed = structuredClone(saved);
      this.feeds.set(feed.feedSubmissionId, feed);
      if (feed.parsed) this.unapplied.add(feed);
    }
    this.nextId = data.nextId;
  }

  private apply(feed: FeedSubmission, parsed: ParsedFeed, completedAt: number): void {
    const { listings, orders } = this.deps;
    feed.outcome = applyFeed(parsed, { sellerId: feed.sellerId, marketplaceIds: feed.marketplaceIds, listings, orders, now: completedAt });
    delete feed.parsed;
    this.unapplied.delete(feed);
  }

  private info(feed: FeedSubmission, now: number): string {
    const status = feedStatus(feed, now);
    const started = status === '_IN_PROGRESS_' || status === '_DONE_';
    return element('FeedSubmissionInfo', [
      text('FeedSubmissionId', feed.feedSubmissionId),
      text('FeedType', feed.feedType),
      text('SubmittedDate', mwsDate(feed.submittedAt)),
      text('FeedProcessingStatus', status),
      optText('StartedProcessingDate', started ? mwsDate(feedStartedAt(feed)) : undefined),
      optText('CompletedProcessingDate', status === '_DONE_' ? mwsDate(feedCompletedAt(feed)) : undefined),
    ]);
  }

  private async submitFeed(req: SandboxRequest): Promise<HandlerResult> {
    this.settle(req.now);
    const feedType = requiredParam(req.params, 'FeedType');
    if (!/^_[A-Z0-9_]+_$/.test(feedType)) throw new SandboxError(400, 'InvalidFeedType', `Invalid FeedType "${feedType}": expected an Amazon feed type such as _POST_INVENTORY_AVAILABILITY_DATA_.`);
    // The server has checked ContentMD5Value / Content-MD5 against the body (request.ts checkContentMd5).
    const body = req.body ?? Buffer.alloc(0);
    const sellerMarketplaces = this.deps.sellerMarketplaces(req.sellerId);
    const marketplaceIds = marketplaceIdList(req.params, sellerMarketplaces);
    if (feedType === '_POST_PRODUCT_IMAGE_DATA_' && marketplaceIds.length === 0) throw invalidValue('MarketplaceIdList', 'at least one marketplace for _POST_PRODUCT_IMAGE_DATA_');
    const label = charsetParam(req.contentType);
    const declared = label === undefined ? undefined : charsetFromLabel(label);
    const marketplaceDefault = marketplaceCharset(marketplaceIds[0] ?? sellerMarketplaces[0]);
    const parsed = await parseFeed(feedType, body, declared, marketplaceDefault);
    const feed: FeedSubmission = {
      feedSubmissionId: String(this.nextId++),
      sellerId: req.sellerId,
      feedType,
      submittedAt: req.now,
      marketplaceIds,
      flatCharsetLabel: marketplaceDefault.label,
      parsed,
    };
    this.feeds.set(feed.feedSubmissionId, feed);
    this.unapplied.add(feed);
    return { kind: 'xml', xml: element('SubmitFeedResult', this.info(feed, req.now)) };
  }

  private select(sellerId: string, filter: FeedFilter, now: number): FeedSubmission[] {
    const mine = [...this.feeds.values()].filter((feed) => feed.sellerId === sellerId);
    const matching =
      filter.ids.length > 0
        ? mine.filter((feed) => filter.ids.includes(feed.feedSubmissionId)) // other conditions are ignored when ids are given
        : mine.filter(
            (feed) =>
              (filter.types.length === 0 || filter.types.includes(feed.feedType)) &&
              (filter.statuses.length === 0 || filter.statuses.includes(feedStatus(feed, now))) &&
              feed.submittedAt >= filter.from &&
              feed.submittedAt <= filter.to,
          );
    return matching.sort((a, b) => byIdDescending(a.feedSubmissionId, b.feedSubmissionId));
  }

  private filterOf(req: SandboxRequest, lookbackMs?: number): FeedFilter {
    const window = dateWindow(req.params, 'SubmittedFromDate', 'SubmittedToDate', req.now);
    return {
      ids: listParam(req.params, 'FeedSubmissionIdList.Id'),
      types: listParam(req.params, 'FeedTypeList.Type'),
      statuses: listParam(req.params, 'FeedProcessingStatusList.Status'),
      from: lookbackMs !== undefined && req.params.SubmittedFromDate === undefined ? req.now - lookbackMs : window.from,
      to: window.to,
    };
  }

  private renderPage(req: SandboxRequest, resultName: string, filter: FeedFilter, maxCount: number, after?: string): HandlerResult {
    const page = pageOf('feeds', req.sellerId, filter, maxCount, this.select(req.sellerId, filter, req.now), (feed) => feed.feedSubmissionId, req.now, after);
    return { kind: 'xml', xml: element(resultName, [page.pagingXml, ...page.items.map((feed) => this.info(feed, req.now))]) };
  }

  private list(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const filter = this.filterOf(req);
    if (filter.ids.length > 100) throw invalidValue('FeedSubmissionIdList', 'at most 100 ids', String(filter.ids.length));
    return this.renderPage(req, 'GetFeedSubmissionListResult', filter, maxCountParam(req.params));
  }

  private listByNextToken(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const cursor = readCursor<FeedFilter>(req.params.NextToken, 'feeds', req.sellerId, req.now);
    return this.renderPage(req, 'GetFeedSubmissionListByNextTokenResult', cursor.filter, cursor.maxCount, cursor.after);
  }

  private count(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const filter = { ...this.filterOf(req), ids: [] };
    return { kind: 'xml', xml: element('GetFeedSubmissionCountResult', text('Count', this.select(req.sellerId, filter, req.now).length)) };
  }

  private cancel(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const filter: FeedFilter = { ...this.filterOf(req, 180 * DAY_MS), statuses: [] };
    const matching = this.select(req.sellerId, filter, req.now);
    if (filter.ids.length > 0 && matching.length < new Set(filter.ids).size) {
      throw new SandboxError(400, 'InvalidFeedSubmissionId', 'One or more of the provided FeedSubmissionIds could not be found.');
    }
    // A feed that has begun processing cannot be cancelled.
    const cancelled = matching.filter((feed) => feedStatus(feed, req.now) === '_SUBMITTED_');
    for (const feed of cancelled) {
      feed.cancelledAt = req.now;
      delete feed.parsed;
    }
    const infos = cancelled.slice(0, 100).map((feed) => this.info(feed, req.now));
    return { kind: 'xml', xml: element('CancelFeedSubmissionsResult', [text('Count', cancelled.length), ...infos]) };
  }

  /**
   * The documented example submission (EXAMPLE_IDS.feedSubmissionId, a product feed of 2009-02-20 in Amazon's docs), done
   * with every message successful. Every seller has it for GetFeedSubmissionResult's example; it is older than any
   * list's window, so lists, counts and snapshots hold only what was submitted here.
   */
  private exampleFeed(sellerId: string): FeedSubmission | undefined {
    const marketplaceId = this.deps.sellerMarketplaces(sellerId)[0];
    if (marketplaceId === undefined) return undefined;
    return {
      feedSubmissionId: EXAMPLE_IDS.feedSubmissionId, sellerId, feedType: '_POST_PRODUCT_DATA_', submittedAt: Date.parse('2009-02-20T02:10:35Z'),
      marketplaceIds: [], flatCharsetLabel: marketplaceCharset(marketplaceId).label, outcome: { format: 'xml', processed: 1, successful: 1, results: [] },
    };
  }

  private result(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const id = requiredParam(req.params, 'FeedSubmissionId');
    const feed = this.feeds.get(id) ?? (id === EXAMPLE_IDS.feedSubmissionId ? this.exampleFeed(req.sellerId) : undefined);
    if (!feed || feed.sellerId !== req.sellerId) throw new SandboxError(400, 'InvalidFeedSubmissionId', `FeedSubmissionId ${id} could not be found.`);
    const status = feedStatus(feed, req.now);
    if (status === '_CANCELLED_') throw new SandboxError(400, 'FeedCanceled', `Feed submission ${id} was cancelled; it has no processing report.`);
    if (status !== '_DONE_' || !feed.outcome) throw new SandboxError(400, 'FeedProcessingResultNotReady', `Feed submission ${id} is ${status}; its processing report is not ready yet.`);
    const document = renderProcessingReport(feed.outcome, feed.feedSubmissionId, feed.sellerId, charsetFromLabel(feed.flatCharsetLabel));
    const digest = digestBuffer(document.body);
    return { kind: 'raw', contentType: document.contentType, contentMd5: digest.md5, contentLength: digest.length, open: () => bufferStream(document.body) };
  }
}
