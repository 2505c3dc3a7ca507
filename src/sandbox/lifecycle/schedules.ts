/**
 * Report schedules: ManageReportSchedule creates, changes or (with `_NEVER_`) deletes a seller's schedule for a
 * report type; every period of sandbox time a scheduled report request is created (Scheduled=true) and then
 * follows the ordinary report lifecycle. GetReportScheduleList returns at most 100 schedules, so its
 * ByNextToken partner can never be reached (REFERENCE §f): no token is ever issued for it.
 */
import type { HandlerResult, OperationHandler, SandboxRequest } from '../types';
import { SandboxError } from '../types';
import { element, text } from '../xml';
import type { ReportSchedule } from './model';
import { readCursor } from './paging';
import { checkReportType } from './reports';
import type { ReportStore } from './reportStore';
import { listParam, mwsDate, optionalDate, requiredParam } from './requestParams';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Schedule values (enumerations.json Schedule) and their periods. */
export const SCHEDULE_PERIODS: Record<string, number> = {
  _15_MINUTES_: 15 * MINUTE_MS,
  _30_MINUTES_: 30 * MINUTE_MS,
  _1_HOUR_: HOUR_MS,
  _2_HOURS_: 2 * HOUR_MS,
  _4_HOURS_: 4 * HOUR_MS,
  _8_HOURS_: 8 * HOUR_MS,
  _12_HOURS_: 12 * HOUR_MS,
  _1_DAY_: DAY_MS,
  _2_DAYS_: 2 * DAY_MS,
  _72_HOURS_: 3 * DAY_MS,
  _1_WEEK_: 7 * DAY_MS,
  _14_DAYS_: 14 * DAY_MS,
  _15_DAYS_: 15 * DAY_MS,
  _30_DAYS_: 30 * DAY_MS,
};

/** The date-range order reports are "not schedulable" (enumerations.json descriptions). */
const NOT_SCHEDULABLE = new Set([
  '_GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_', '_GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_',
  '_GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_', '_GET_XML_ALL_ORDERS_DATA_BY_ORDER_DATE_',
]);

/** After a long clock jump only the latest occurrences are created, not years of backlog. */
const MAX_BACKLOG = 100;

export class ScheduleLifecycle {
  private readonly schedules = new Map<string, ReportSchedule>();

  constructor(
    private readonly store: ReportStore,
    private readonly settle: (now: number) => void,
  ) {}

  handlers(): Record<string, OperationHandler> {
    return {
      'Reports.ManageReportSchedule': (req) => this.manage(req),
      'Reports.GetReportScheduleList': (req) => this.list(req),
      'Reports.GetReportScheduleListByNextToken': (req) => this.listByNextToken(req),
      'Reports.GetReportScheduleCount': (req) => this.count(req),
    };
  }

  /** Creates the scheduled report requests due by `now`. */
  materialize(now: number): void {
    for (const schedule of this.schedules.values()) {
      const period = SCHEDULE_PERIODS[schedule.schedule];
      if (schedule.scheduledAt > now) continue;
      const missed = Math.floor((now - schedule.scheduledAt) / period);
      if (missed >= MAX_BACKLOG) schedule.scheduledAt += (missed - MAX_BACKLOG + 1) * period;
      while (schedule.scheduledAt <= now) {
        this.store.createRequest({
          sellerId: schedule.sellerId,
          reportType: schedule.reportType,
          startDate: schedule.scheduledAt - period,
          endDate: schedule.scheduledAt,
          marketplaceIds: this.store.defaultMarketplaces(schedule.sellerId, schedule.reportType),
          scheduled: true,
          submittedAt: schedule.scheduledAt,
        });
        schedule.scheduledAt += period;
      }
    }
  }

  size(): number {
    return this.schedules.size;
  }

  snapshot(): ReportSchedule[] {
    return [...this.schedules.values()].map((s) => ({ ...s }));
  }

  restore(data: ReportSchedule[]): void {
    this.schedules.clear();
    for (const schedule of data) this.schedules.set(key(schedule.sellerId, schedule.reportType), { ...schedule });
  }

  private info(schedule: ReportSchedule): string {
    return element('ReportSchedule', [text('ReportType', schedule.reportType), text('Schedule', schedule.schedule), text('ScheduledDate', mwsDate(schedule.scheduledAt))]);
  }

  private manage(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const reportType = requiredParam(req.params, 'ReportType');
    const schedule = requiredParam(req.params, 'Schedule');
    checkReportType(reportType);
    if (NOT_SCHEDULABLE.has(reportType)) throw new SandboxError(400, 'InvalidReportType', `Report type ${reportType} cannot be scheduled; request it with RequestReport.`);
    if (schedule !== '_NEVER_' && SCHEDULE_PERIODS[schedule] === undefined) {
      throw new SandboxError(400, 'InvalidScheduleFrequency', `Invalid Schedule "${schedule}": expected one of ${[...Object.keys(SCHEDULE_PERIODS), '_NEVER_'].join(', ')}.`);
    }
    const scheduledAt = optionalDate(req.params, 'ScheduleDate') ?? req.now;
    const id = key(req.sellerId, reportType);
    if (schedule === '_NEVER_') {
      const existing = this.schedules.get(id);
      this.schedules.delete(id);
      const deleted = existing ? [this.info({ ...existing, schedule: '_NEVER_' })] : [];
      return { kind: 'xml', xml: element('ManageReportScheduleResult', [text('Count', deleted.length), ...deleted]) };
    }
    const created: ReportSchedule = { sellerId: req.sellerId, reportType, schedule, scheduledAt };
    this.schedules.set(id, created);
    return { kind: 'xml', xml: element('ManageReportScheduleResult', [text('Count', 1), this.info(created)]) };
  }

  private select(req: SandboxRequest): ReportSchedule[] {
    const types = listParam(req.params, 'ReportTypeList.Type');
    return [...this.schedules.values()]
      .filter((s) => s.sellerId === req.sellerId && (types.length === 0 || types.includes(s.reportType)))
      .sort((a, b) => (a.reportType < b.reportType ? -1 : 1));
  }

  private list(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    const schedules = this.select(req).slice(0, 100);
    return { kind: 'xml', xml: element('GetReportScheduleListResult', [text('HasNext', false), ...schedules.map((s) => this.info(s))]) };
  }

  private listByNextToken(req: SandboxRequest): HandlerResult {
    // No schedule token is ever issued, so every token is refused as MWS documented.
    readCursor(req.params.NextToken, 'schedules', req.sellerId, req.now);
    throw new SandboxError(400, 'NextTokenCorrupted', 'GetReportScheduleList never returns a NextToken.');
  }

  private count(req: SandboxRequest): HandlerResult {
    this.settle(req.now);
    return { kind: 'xml', xml: element('GetReportScheduleCountResult', text('Count', this.select(req).length)) };
  }
}

function key(sellerId: string, reportType: string): string {
  return `${sellerId} ${reportType}`;
}
