/**
 * Report requests and generated reports of every seller: creation, generation from state when processing
 * completes (ordered with feed application by sandbox time), the cached Content-MD5, and snapshots.
 */
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import { SandboxError } from '../types';
import { element, text, optText } from '../xml';
import { marketplaceCharset } from './marketplaces';
import { digestChunks } from './md5stream';
import type { DueEvent, LifecycleDeps, Report, ReportRequest } from './model';
import { reportCompletedAt, reportStartedAt, reportStatus } from './model';
import { reportChunks } from './reportBodies';
import type { ReportBody } from './reportBodies';
import { bodyCharset, buildReportContents } from './reportRows';
import { mwsDate } from './requestParams';
import { SETTLEMENT_REPORT_TYPE, settlementBody, settlementPeriods } from './settlement';

const FIRST_REPORT_REQUEST_ID = 60_001_000_001;
const FIRST_REPORT_ID = 70_001_000_001;
const SETTLEMENT_REPORTS_PER_SELLER = 3;
/** Reports are kept 90 days (REFERENCE §a, §g). */
export const REPORT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/** Report types that only Amazon generates (enumerations.json: apiOperations without RequestReport). */
export const NOT_REQUESTABLE_REPORT_TYPES = new Set([
  '_GET_ORDERS_DATA_', '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_', '_GET_V2_SETTLEMENT_REPORT_DATA_XML_', '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2_',
  '_GET_FLAT_FILE_SALES_TAX_DATA_', '_GET_EASYSHIP_DOCUMENTS_', '_GET_EASYSHIP_PICKEDUP_', '_GET_EASYSHIP_WAITING_FOR_PICKUP_', '_RFQD_BULK_DOWNLOAD_',
  '_FEE_DISCOUNTS_REPORT_', '_MBOP_RECOMMENDED_PRODUCTS_REPORT_', '_MBOP_GAP_PRODUCTS_REPORT_',
]);

/** Listing reports cover one marketplace by default (the seller's first), as MWS did; others cover all. */
const SINGLE_MARKETPLACE_REPORT_TYPES = new Set(['_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', '_GET_MERCHANT_LISTINGS_DATA_', '_GET_MERCHANT_LISTINGS_ALL_DATA_']);

/** Reports are keyed by seller too: every seller has the example ReportId. */
function reportKey(sellerId: string, reportId: string): string {
  return `${sellerId}|${reportId}`;
}

export interface ReportSnapshot {
  nextRequestId: number;
  nextReportId: number;
  requests: ReportRequest[];
  reports: Report[];
}

/** A request as a handler makes it: the store gives it its id; cancelling and generating set the rest. */
export type NewReportRequest = Omit<ReportRequest, 'reportRequestId' | 'cancelledAt' | 'generatedReportId'>;

export class ReportStore {
  readonly requests = new Map<string, ReportRequest>();
  /** Keyed `${sellerId}|${reportId}` (reportKey). */
  readonly reports = new Map<string, Report>();
  /** Requests not yet generated or cancelled: settling runs before every request, so it looks only at these. */
  private readonly ungenerated = new Set<ReportRequest>();
  /** MD5 passes under way, so concurrent GetReport calls share one. */
  private readonly digests = new Map<string, Promise<{ md5: string; length: number }>>();
  private nextRequestId = FIRST_REPORT_REQUEST_ID;
  private nextReportId = FIRST_REPORT_ID;

  constructor(private readonly deps: LifecycleDeps) {}

  /** Amazon-scheduled settlement reports, available before the sandbox starts. */
  pregenerateSettlements(now: number): void {
    const dayStart = now - (now % (24 * 60 * 60 * 1000));
    for (const { sellerId } of this.deps.credentials) {
      const marketplaceId = this.deps.sellerMarketplaces(sellerId)[0];
      if (marketplaceId === undefined) continue;
      settlementPeriods(this.deps.seed, sellerId, dayStart, SETTLEMENT_REPORTS_PER_SELLER).forEach((period, k) => {
        const minted = String(this.nextReportId++);
        this.addReport({
          // The oldest one has the documented example ReportId (EXAMPLE_IDS), so GetReport's example finds it.
          reportId: k === 0 ? EXAMPLE_IDS.reportId : minted,
          sellerId,
          reportType: SETTLEMENT_REPORT_TYPE,
          reportRequestId: String(this.nextRequestId++),
          availableAt: period.end + 60 * 60 * 1000 > now ? now : period.end + 60 * 60 * 1000,
          acknowledged: false,
          settlement: { ...period, marketplaceId },
        });
      });
    }
  }

  defaultMarketplaces(sellerId: string, reportType: string): string[] {
    const all = this.deps.sellerMarketplaces(sellerId);
    return SINGLE_MARKETPLACE_REPORT_TYPES.has(reportType) ? all.slice(0, 1) : all;
  }

  createRequest(request: NewReportRequest): ReportRequest {
    const created: ReportRequest = { reportRequestId: String(this.nextRequestId++), ...request };
    this.requests.set(created.reportRequestId, created);
    this.ungenerated.add(created);
    return created;
  }

  /** Requests whose processing completed by `now` and whose report is not generated yet. */
  due(now: number): DueEvent[] {
    const events: DueEvent[] = [];
    for (const request of this.ungenerated) {
      if (request.generatedReportId !== undefined || request.cancelledAt !== undefined) {
        this.ungenerated.delete(request);
        continue;
      }
      const at = reportCompletedAt(request);
      if (at <= now) events.push({ at, order: 1, id: request.reportRequestId, run: () => this.generate(request, at) });
    }
    return events;
  }

  private generate(request: ReportRequest, completedAt: number): void {
    this.ungenerated.delete(request);
    const charset = marketplaceCharset(request.marketplaceIds[0]);
    const contents = buildReportContents(request.reportType, {
      sellerId: request.sellerId,
      marketplaceIds: request.marketplaceIds,
      startDate: request.startDate,
      endDate: request.endDate,
      listings: this.deps.listings,
      orders: this.deps.orders,
      charset,
    });
    if (!contents) {
      request.generatedReportId = null;
      return;
    }
    const bodyCs = bodyCharset(contents, charset);
    const report: Report = {
      reportId: String(this.nextReportId++),
      sellerId: request.sellerId,
      reportType: request.reportType,
      reportRequestId: request.reportRequestId,
      availableAt: completedAt,
      acknowledged: false,
      body: { ...contents, encoding: bodyCs.encoding, charsetLabel: bodyCs.label, padToBytes: contents.format === 'flat' ? this.deps.reportBytes : 0 },
    };
    this.addReport(report);
    request.generatedReportId = report.reportId;
    // A requested report is about to be downloaded: start its MD5 pass now so GetReport answers sooner.
    if (!request.scheduled) void this.digest(report);
  }

  private addReport(report: Report): void {
    this.reports.set(reportKey(report.sellerId, report.reportId), report);
  }

  /** A report of this seller, or InvalidReportId; past the 90-day retention, ReportNoLongerAvailable. */
  report(sellerId: string, reportId: string, now: number): Report {
    const report = this.reports.get(reportKey(sellerId, reportId));
    if (!report || report.sellerId !== sellerId || report.availableAt > now) throw new SandboxError(400, 'InvalidReportId', `ReportId ${reportId} could not be found.`);
    if (now - report.availableAt > REPORT_RETENTION_MS) throw new SandboxError(400, 'ReportNoLongerAvailable', `Report ${reportId} is older than 90 days and is no longer available.`);
    return report;
  }

  /** The report's body; a settlement report captures its period's orders on first use (startup stays cheap). */
  bodyOf(report: Report): ReportBody {
    if (!report.body) {
      const settlement = report.settlement;
      if (!settlement) throw new SandboxError(500, 'InternalError', `Report ${report.reportId} has no body.`, 'Receiver');
      report.body = settlementBody(settlement, report.sellerId, settlement.marketplaceId, this.deps.orders, marketplaceCharset(settlement.marketplaceId));
    }
    return report.body;
  }

  /** Content-MD5 and length of a report, from one streaming pass over its generator (cached). */
  digest(report: Report): Promise<{ md5: string; length: number }> {
    if (report.contentMd5 !== undefined && report.contentLength !== undefined) return Promise.resolve({ md5: report.contentMd5, length: report.contentLength });
    const key = reportKey(report.sellerId, report.reportId);
    let pending = this.digests.get(key);
    if (!pending) {
      pending = digestChunks(reportChunks(this.bodyOf(report))).then((digest) => {
        report.contentMd5 = digest.md5;
        report.contentLength = digest.length;
        this.digests.delete(key);
        return digest;
      });
      this.digests.set(key, pending);
    }
    return pending;
  }

  requestInfo(request: ReportRequest, now: number): string {
    const status = reportStatus(request, now);
    const started = status !== '_SUBMITTED_' && status !== '_CANCELLED_';
    const completed = status === '_DONE_' || status === '_DONE_NO_DATA_';
    return element('ReportRequestInfo', [
      text('ReportRequestId', request.reportRequestId),
      text('ReportType', request.reportType),
      text('StartDate', mwsDate(request.startDate)),
      text('EndDate', mwsDate(request.endDate)),
      text('Scheduled', request.scheduled),
      text('SubmittedDate', mwsDate(request.submittedAt)),
      text('ReportProcessingStatus', status),
      optText('GeneratedReportId', status === '_DONE_' ? request.generatedReportId : undefined),
      optText('StartedProcessingDate', started ? mwsDate(reportStartedAt(request)) : undefined),
      optText('CompletedDate', completed ? mwsDate(reportCompletedAt(request)) : undefined),
    ]);
  }

  reportInfo(report: Report): string {
    return element('ReportInfo', [
      text('ReportId', report.reportId),
      text('ReportType', report.reportType),
      text('ReportRequestId', report.reportRequestId),
      text('AvailableDate', mwsDate(report.availableAt)),
      text('Acknowledged', report.acknowledged),
      optText('AcknowledgedDate', report.acknowledgedAt === undefined ? undefined : mwsDate(report.acknowledgedAt)),
    ]);
  }

  snapshot(): ReportSnapshot {
    return {
      nextRequestId: this.nextRequestId,
      nextReportId: this.nextReportId,
      requests: [...this.requests.values()].map((r) => structuredClone(r)),
      reports: [...this.reports.values()].map((r) => structuredClone(r)),
    };
  }

  restore(data: ReportSnapshot): void {
    this.digests.clear();
    this.requests.clear();
    this.reports.clear();
    this.ungenerated.clear();
    for (const saved of data.requests) {
      const request = structuredClone(saved);
      this.requests.set(request.reportRequestId, request);
      if (request.generatedReportId === undefined && request.cancelledAt === undefined) this.ungenerated.add(request);
    }
    for (const report of data.reports) this.addReport(structuredClone(report));
    this.nextRequestId = data.nextRequestId;
    this.nextReportId = data.nextReportId;
  }
}
