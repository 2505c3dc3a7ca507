/**
 * The Reports section's request and report operations: RequestReport, the request lists (HasNext paging),
 * counts and cancellation, the report lists, GetReport (streamed, with Content-MD5 and a charset label) and
 * UpdateReportAcknowledgements. Schedules are in schedules.ts.
 */
import type { HandlerResult, OperationHandler, SandboxRequest } from '../types';
import { SandboxError } from '../types';
import { element, text } from '../xml';
import type { LifecycleDeps, Report, ReportRequest } from './model';
import { reportStatus } from './model';
import { byIdDescending, pageOf, readCursor } from './paging';
import { reportChunks, reportContentType } from './reportBodies';
import { NOT_REQUESTABLE_REPORT_TYPES } from './reportStore';
import type { ReportStore } from './reportStore';
import { dateWindow, invalidValue, listParam, marketplaceIdList, maxCountParam, optionalBoolean, optionalDate, requiredParam } from './requestParams';
import { chunkStream } from './streams';

const DAY_MS = 24 * 60 * 60 * 1000;
/** ⚠ MWS documents StartDate's default as "now"; a 30-day window makes an unqualified order report useful. */
const DEFAULT_REPORT_WINDOW_MS = 30 * DAY_MS;

interface RequestFilter {
  ids: string[];
  types: string[];
  statuses: string[];
  from: number;
  to: number;
}

interface ReportFilter {
  requestIds: string[];
  types: string[];
  acknowledged?: boolean;
  from: number;
  to: number;
}

export function checkReportType(reportType: string): void {
  if (!/^_[A-Z0-9_]+_$/.test(reportType)) throw new SandboxError(400, 'InvalidReportType', `Invalid ReportType "${reportType}": expected an Amazon report type such as _GET_FLAT_FILE_OPEN_LISTINGS_DATA_.`);
  if (NOT_REQUESTABLE_REPORT_TYPES.has(reportType)) {
    throw new SandboxError(400, 'InvalidReportType', `Report type ${reportType} cannot be requested: Amazon generates it on its own schedule; find it with GetReportList.`);
  }
}

export class ReportLifecycle {
  constructor(
    private readonly deps: LifecycleDeps,
    private readonly store: ReportStore,
    private readonly settle: (now: number) => void,
  ) {}

  handlers(): Record<string, OperationHandler> {
    return {
      'Reports.RequestReport': (req) => this.requestReport(req),
      'Reports.GetReportRequestList': (req) => this.requestList(req),
      'Reports.GetReportRequestListByNextToken': (req) => this.requestListByNextToken(req),
      'Reports.GetReportRequestCount': (req) => this.requestCount(req),
      'Reports.CancelReportRequests': (req) => this.cancelRequests(req),
      'Reports.GetReportList': (req) => this.reportList(req),
      'Reports.GetReportListByNextToken': (req) => this.reportListByNextToken(req),
      'Reports.GetReportCount': (req) => this.reportCount(req),
      'Reports.GetReport': (req) => this.getReport(req),
      'Reports.UpdateReportAcknowledgements': (req) => this.updateAcknowledgements(req),
    };
  }

  private requestReport(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const reportType = requiredParam(req.params, 'ReportType');
    checkReportType(reportType);
    const endDate = optionalDate(req.params, 'EndDate') ?? req.now;
    const startDate = optionalDate(req.params, 'StartDate') ?? Math.min(endDate, req.now) - DEFAULT_REPORT_WINDOW_MS;
    if (startDate > endDate) throw invalidValue('StartDate', 'a date not after EndDate', req.params.StartDate);
    if (startDate > req.now) throw invalidValue('StartDate', 'a date that is not in the future', req.params.StartDate);
    const requested = marketplaceIdList(req.params, this.deps.sellerMarketplaces(req.sellerId));
    const request = this.store.createRequest({
      sellerId: req.sellerId,
      reportType,
      startDate,
      endDate,
      marketplaceIds: requested.length > 0 ? requested : this.store.defaultMarketplaces(req.sellerId, reportType),
      scheduled: false,
      submittedAt: req.now,
    });
    return { kind: 'xml', xml: element('RequestReportResult', this.store.requestInfo(request, req.now)) };
  }

  private requestFilter(req: SandboxRequest): RequestFilter {
    const window = dateWindow(req.params, 'RequestedFromDate', 'RequestedToDate', req.now);
    return {
      ids: listParam(req.params, 'ReportRequestIdList.Id'),
      types: listParam(req.params, 'ReportTypeList.Type'),
      statuses: listParam(req.params, 'ReportProcessingStatusList.Status'),
      ...window,
    };
  }

  private selectRequests(sellerId: string, filter: RequestFilter, now: number): ReportRequest[] {
    const mine = [...this.store.requests.values()].filter((r) => r.sellerId === sellerId);
    const matching =
      filter.ids.length > 0
        ? mine.filter((r) => filter.ids.includes(r.reportRequestId)) // other conditions are ignored when ids are given
        : mine.filter(
            (r) =>
              (filter.types.length === 0 || filter.types.includes(r.reportType)) &&
              (filter.statuses.length === 0 || filter.statuses.includes(reportStatus(r, now))) &&
              r.submittedAt >= filter.from &&
              r.submittedAt <= filter.to,
          );
    return matching.sort((a, b) => byIdDescending(a.reportRequestId, b.reportRequestId));
  }

  private requestPage(req: SandboxRequest, resultName: string, filter: RequestFilter, maxCount: number, after?: string): HandlerResult {
    const sorted = this.selectRequests(req.sellerId, filter, req.now);
    const page = pageOf('reportRequests', req.sellerId, filter, maxCount, sorted, (r) => r.reportRequestId, req.now, after);
    return { kind: 'xml', xml: element(resultName, [page.pagingXml, ...page.items.map((r) => this.store.requestInfo(r, req.now))]) };
  }

  private requestList(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    return this.requestPage(req, 'GetReportRequestListResult', this.requestFilter(req), maxCountParam(req.params));
  }

  private requestListByNextToken(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const cursor = readCursor<RequestFilter>(req.params.NextToken, 'reportRequests', req.sellerId, req.now);
    return this.requestPage(req, 'GetReportRequestListByNextTokenResult', cursor.filter, cursor.maxCount, cursor.after);
  }

  private requestCount(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const filter = { ...this.requestFilter(req), ids: [] };
    return { kind: 'xml', xml: element('GetReportRequestCountResult', text('Count', this.selectRequests(req.sellerId, filter, req.now).length)) };
  }

  private cancelRequests(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const filter = this.requestFilter(req);
    const matching = this.selectRequests(req.sellerId, filter, req.now);
    if (filter.ids.length > 0 && matching.length < new Set(filter.ids).size) {
      // The live service's answer (samples/live.ErrorResponse.Reports-InvalidReportRequestId.400.xml).
      throw new SandboxError(400, 'InvalidReportRequestId', 'One or more of the provided ReportRequestIds could not be found.');
    }
    // A request that has begun processing cannot be cancelled.
    const cancelled = matching.filter((r) => reportStatus(r, req.now) === '_SUBMITTED_');
    for (const request of cancelled) request.cancelledAt = req.now;
    const infos = cancelled.slice(0, 100).map((r) => this.store.requestInfo(r, req.now));
    return { kind: 'xml', xml: element('CancelReportRequestsResult', [text('Count', cancelled.length), ...infos]) };
  }

  private reportFilter(req: SandboxRequest): ReportFilter {
    return {
      requestIds: listParam(req.params, 'ReportRequestIdList.Id'),
      types: listParam(req.params, 'ReportTypeList.Type'),
      acknowledged: optionalBoolean(req.params, 'Acknowledged'),
      ...dateWindow(req.params, 'AvailableFromDate', 'AvailableToDate', req.now),
    };
  }

  private selectReports(sellerId: string, filter: ReportFilter, now: number): Report[] {
    const mine = [...this.store.reports.values()].filter((r) => r.sellerId === sellerId && r.availableAt <= now);
    const matching =
      filter.requestIds.length > 0
        ? mine.filter((r) => filter.requestIds.includes(r.reportRequestId)) // other conditions are ignored when request ids are given
        : mine.filter(
            (r) =>
              (filter.types.length === 0 || filter.types.includes(r.reportType)) &&
              (filter.acknowledged === undefined || r.acknowledged === filter.acknowledged) &&
              r.availableAt >= filter.from &&
              r.availableAt <= filter.to,
          );
    return matching.sort((a, b) => byIdDescending(a.reportId, b.reportId));
  }

  private reportPage(req: SandboxRequest, resultName: string, filter: ReportFilter, maxCount: number, after?: string): HandlerResult {
    const sorted = this.selectReports(req.sellerId, filter, req.now);
    const page = pageOf('reports', req.sellerId, filter, maxCount, sorted, (r) => r.reportId, req.now, after);
    return { kind: 'xml', xml: element(resultName, [page.pagingXml, ...page.items.map((r) => this.store.reportInfo(r))]) };
  }

  private reportList(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    return this.reportPage(req, 'GetReportListResult', this.reportFilter(req), maxCountParam(req.params));
  }

  private reportListByNextToken(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const cursor = readCursor<ReportFilter>(req.params.NextToken, 'reports', req.sellerId, req.now);
    return this.reportPage(req, 'GetReportListByNextTokenResult', cursor.filter, cursor.maxCount, cursor.after);
  }

  private reportCount(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const filter = { ...this.reportFilter(req), requestIds: [] };
    return { kind: 'xml', xml: element('GetReportCountResult', text('Count', this.selectReports(req.sellerId, filter, req.now).length)) };
  }

  private async getReport(req: SandboxRequest): Promise<HandlerResult> {
    this.settle(req.now);
    const report = this.store.report(req.sellerId, requiredParam(req.params, 'ReportId'), req.now);
    const digest = await this.store.digest(report);
    const body = this.store.bodyOf(report);
    return { kind: 'raw', contentType: reportContentType(body), contentMd5: digest.md5, contentLength: digest.length, open: () => chunkStream(() => reportChunks(body)) };
  }

  private updateAcknowledgements(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const ids = listParam(req.params, 'ReportIdList.Id');
    if (ids.length === 0) throw invalidValue('ReportIdList', 'at least one ReportIdList.Id.N');
    if (ids.length > 100) throw invalidValue('ReportIdList', 'at most 100 report ids', String(ids.length));
    // ⚠ The pages leave Acknowledged optional without saying what omitting it means; the sandbox takes true.
    const acknowledged = optionalBoolean(req.params, 'Acknowledged') ?? true;
    const reports = ids.map((id) => this.store.report(req.sellerId, id, req.now));
    for (const report of reports) {
      report.acknowledged = acknowledged;
      if (acknowledged) report.acknowledgedAt = req.now;
      else delete report.acknowledgedAt;
    }
    return { kind: 'xml', xml: element('UpdateReportAcknowledgementsResult', [text('Count', reports.length), ...reports.map((r) => this.store.reportInfo(r))]) };
  }
}
