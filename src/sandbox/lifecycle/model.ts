/**
 * Records kept by the feed and report lifecycles, and the timing that moves them. Progress is a pure function
 * of (submitted time, now): the sandbox clock already runs at `timeScale`, so the durations below are sandbox
 * time and shrink in real time as timeScale grows.
 */
import type { ListingStore, OrderStore, SandboxClock, SandboxCredentials } from '../types';
import type { FeedOutcome } from './feedApplying';
import type { ParsedFeed } from './feedParsing';
import type { ReportBody } from './reportBodies';

export interface LifecycleDeps {
  clock: SandboxClock;
  listings: ListingStore;
  orders: OrderStore;
  seed: number;
  /** Generated flat-file reports are padded with synthetic rows up to at least this many bytes (0: real rows only). */
  reportBytes: number;
  credentials: SandboxCredentials[];
  sellerMarketplaces(sellerId: string): string[];
}

/** Sandbox-time durations of each stage (MWS took minutes; these keep tests short at timeScale 1). */
export const FEED_TIMING = { startsAfterMs: 30_000, processingMs: 60_000 } as const;
export const REPORT_TIMING = { startsAfterMs: 15_000, processingMs: 45_000 } as const;

export interface FeedSubmission {
  feedSubmissionId: string;
  sellerId: string;
  feedType: string;
  submittedAt: number;
  marketplaceIds: string[];
  /** Charset label of the flat processing report (the feed's marketplace). */
  flatCharsetLabel: string;
  /** Parsed at submission, dropped once applied. */
  parsed?: ParsedFeed;
  outcome?: FeedOutcome;
  cancelledAt?: number;
}

export type FeedProcessingStatus = '_SUBMITTED_' | '_IN_PROGRESS_' | '_DONE_' | '_CANCELLED_';

export function feedStartedAt(feed: FeedSubmission): number {
  return feed.submittedAt + FEED_TIMING.startsAfterMs;
}

export function feedCompletedAt(feed: FeedSubmission): number {
  return feedStartedAt(feed) + FEED_TIMING.processingMs;
}

export function feedStatus(feed: FeedSubmission, now: number): FeedProcessingStatus {
  if (feed.cancelledAt !== undefined) return '_CANCELLED_';
  if (now < feedStartedAt(feed)) return '_SUBMITTED_';
  if (now < feedCompletedAt(feed)) return '_IN_PROGRESS_';
  return '_DONE_';
}

export interface ReportRequest {
  reportRequestId: string;
  sellerId: string;
  reportType: string;
  startDate: number;
  endDate: number;
  marketplaceIds: string[];
  scheduled: boolean;
  submittedAt: number;
  cancelledAt?: number;
  /** Set when processing completed: the generated report, or null for _DONE_NO_DATA_. */
  generatedReportId?: string | null;
}

export type ReportProcessingStatus = '_SUBMITTED_' | '_IN_PROGRESS_' | '_DONE_' | '_DONE_NO_DATA_' | '_CANCELLED_';

export function reportStartedAt(request: ReportRequest): number {
  return request.submittedAt + REPORT_TIMING.startsAfterMs;
}

export function reportCompletedAt(request: ReportRequest): number {
  return reportStartedAt(request) + REPORT_TIMING.processingMs;
}

export function reportStatus(request: ReportRequest, now: number): ReportProcessingStatus {
  if (request.cancelledAt !== undefined) return '_CANCELLED_';
  if (now < reportStartedAt(request)) return '_SUBMITTED_';
  if (now < reportCompletedAt(request) || request.generatedReportId === undefined) return '_IN_PROGRESS_';
  return request.generatedReportId === null ? '_DONE_NO_DATA_' : '_DONE_';
}

export interface Report {
  reportId: string;
  sellerId: string;
  reportType: string;
  reportRequestId: string;
  availableAt: number;
  acknowledged: boolean;
  acknowledgedAt?: number;
  /** Captured when the report was generated; settlement reports capture theirs on first download. */
  body?: ReportBody;
  /** Settlement reports: the period to capture the body from. */
  settlement?: { settlementId: string; start: number; end: number; marketplaceId: string };
  /** Cached after the first streaming MD5 pass. */
  contentMd5?: string;
  contentLength?: number;
}

export interface ReportSchedule {
  sellerId: string;
  reportType: string;
  schedule: string;
  /** The next instant a report request is created. */
  scheduledAt: number;
}

/** A piece of work due at a sandbox instant; the lifecycles run them in time order. */
export interface DueEvent {
  at: number;
  /** Tie-breaker: feeds (0) apply before reports (1) generate at the same instant. */
  order: number;
  id: string;
  run(): void;
}
