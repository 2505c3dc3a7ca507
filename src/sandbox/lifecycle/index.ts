/**
 * Feed and report lifecycles of the embedded sandbox (issue 5): the Feeds.* and Reports.* handlers, applied to
 * the seeded listings and orders. Work comes due by sandbox time (feeds applied, reports generated, schedules
 * fired); every handler first brings the lifecycles up to the request's time, in time order, so results do
 * not depend on when anyone looked. The server may also call `settle(now)` before other sections' handlers so
 * that, e.g., ListInventorySupply sees a feed that completed while nobody polled.
 */
import type { OperationHandler } from '../types';
import { SandboxError } from '../types';
import { FeedLifecycle } from './feeds';
import type { FeedSnapshot } from './feeds';
import type { DueEvent, LifecycleDeps, ReportSchedule } from './model';
import { ReportLifecycle } from './reports';
import { ReportStore } from './reportStore';
import type { ReportSnapshot } from './reportStore';
import { ScheduleLifecycle } from './schedules';

export type { LifecycleDeps } from './model';
export { FEED_TIMING, REPORT_TIMING } from './model';

export interface Lifecycles {
  handlers: Record<string, OperationHandler>;
  snapshot(): unknown;
  restore(data: unknown): void;
  counts(): Record<string, number>;
  /** Applies feeds, generates reports and fires schedules due by sandbox time `now`. */
  settle(now: number): void;
}

interface LifecycleSnapshot {
  version: 1;
  feeds: FeedSnapshot;
  reports: ReportSnapshot;
  schedules: ReportSchedule[];
}

function isSnapshot(data: unknown): data is LifecycleSnapshot {
  return typeof data === 'object' && data !== null && (data as LifecycleSnapshot).version === 1;
}

export function createLifecycles(deps: LifecycleDeps): Lifecycles {
  const store = new ReportStore(deps);
  const settle = (now: number): void => {
    schedules.materialize(now);
    const events: DueEvent[] = [...feeds.due(now), ...store.due(now)];
    events.sort((a, b) => a.at - b.at || a.order - b.order || Number(a.id) - Number(b.id));
    for (const event of events) event.run();
  };
  const feeds = new FeedLifecycle(deps, settle);
  const reports = new ReportLifecycle(deps, store, settle);
  const schedules = new ScheduleLifecycle(store, settle);
  store.pregenerateSettlements(deps.clock.now());

  return {
    handlers: { ...feeds.handlers(), ...reports.handlers(), ...schedules.handlers() },
    settle,
    snapshot: (): LifecycleSnapshot => ({ version: 1, feeds: feeds.snapshot(), reports: store.snapshot(), schedules: schedules.snapshot() }),
    restore(data: unknown): void {
      if (!isSnapshot(data)) throw new SandboxError(500, 'InternalError', 'Not a lifecycle snapshot (expected version 1).', 'Receiver');
      feeds.restore(data.feeds);
      store.restore(data.reports);
      schedules.restore(data.schedules);
    },
    counts: () => ({
      feedSubmissions: feeds.size(),
      reportRequests: store.requests.size,
      reports: store.reports.size,
      reportSchedules: schedules.size(),
    }),
  };
}
