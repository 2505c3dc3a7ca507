/** reports.fetchReport against the sandbox: rows, resume from the checkpoint, GetReportList fallback, _CANCELLED_. */
import { getAction } from '../../src/actions';
import { MwsConnectorError } from '../../src/mws/errors';
import { contextFor, MemoryStore, okCalls, startWorld, type World } from './support';
import { validatorFor } from '../schemas/helpers';

let world: World;
const fetchReport = getAction('reports.fetchReport');
const validOutput = validatorFor('schemas/actions/reports.fetchReport.output.json');

beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('reports.fetchReport', () => {
  it('requests, polls on the clock, downloads and returns the rows of a flat-file report', async () => {
    const ctx = contextFor(world);
    const out = (await fetchReport.run({ ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', pollIntervalSeconds: 20 }, ctx)) as Record<string, unknown>;
    expect(out.ReportProcessingStatus).toBe('_DONE_');
    const rows = out.rows as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(out.rowCount).toBe(rows.length);
    expect(Object.keys(rows[0]!)).toContain('sku');
    expect(validOutput(out)).toBe(true);
    // 60 s of processing polled every 20 s: three waits of 20 000 ms of clock time.
    expect(world.clock.slept).toEqual([20_000, 20_000, 20_000]);
    expect(ctx.events.map((e) => e.stage)).toEqual(expect.arrayContaining(['requested', 'polling', 'downloading', 'done']));
    expect((ctx.store as MemoryStore).data.size).toBe(0);
  });

  it('divides the poll interval by timeScale', async () => {
    const ctx = { ...contextFor(world), timeScale: 10 };
    await fetchReport.run({ ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', pollIntervalSeconds: 30, format: 'text' }, ctx);
    // Waits of 3 s of clock time (never the unscaled 30 s); the throttle adds its own waits once the burst is spent.
    expect(world.clock.slept.filter((ms) => ms === 3_000).length).toBeGreaterThanOrEqual(5);
    expect(world.clock.slept).not.toContain(30_000);
  });

  it('resumes the checkpointed ReportRequestId after an abort instead of requesting again', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    world.clock.beforeSleep = async () => controller.abort();
    const first = await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_' }, contextFor(world, store, controller.signal)).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(MwsConnectorError);
    expect(store.data.size).toBe(1);
    expect(okCalls(world, 'Reports.RequestReport')).toBe(1);

    world.clock.beforeSleep = undefined;
    const ctx = contextFor(world, store);
    const out = (await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_' }, ctx)) as Record<string, unknown>;
    expect(out.ReportProcessingStatus).toBe('_DONE_');
    expect(okCalls(world, 'Reports.RequestReport')).toBe(1);
    expect(ctx.events[0]?.stage).toBe('resumed');
    expect(store.data.size).toBe(0);
  });

  it('raises a typed error when the request is cancelled, and forgets the checkpoint', async () => {
    const store = new MemoryStore();
    world.clock.beforeSleep = async () => {
      const listed = await world.client.call('Reports.GetReportRequestList', { ReportProcessingStatusList: ['_SUBMITTED_', '_IN_PROGRESS_'] });
      const ids = (listed.result.ReportRequestInfo as Array<{ ReportRequestId: string }>).map((r) => r.ReportRequestId);
      await world.client.call('Reports.CancelReportRequests', { ReportRequestIdList: ids });
    };
    const error = await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_' }, contextFor(world, store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect((error as MwsConnectorError).message).toMatch(/_CANCELLED_/);
    expect(store.data.size).toBe(0);
  });

  it('finds the ReportId with GetReportList when the request list carries no GeneratedReportId', async () => {
    const client = world.client;
    const withoutGeneratedId = Object.create(client) as typeof client;
    withoutGeneratedId.call = async (id: string, params?: Record<string, unknown>, options?: object) => {
      const res = await client.call(id, params, options);
      if (id === 'Reports.GetReportRequestList') for (const info of res.result.ReportRequestInfo ?? []) delete info.GeneratedReportId;
      return res;
    };
    const ctx = { ...contextFor(world), client: withoutGeneratedId };
    const out = (await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', format: 'text' }, ctx)) as Record<string, unknown>;
    expect(typeof out.text).toBe('string');
    expect(okCalls(world, 'Reports.GetReportList')).toBe(1);
    expect(out.ReportId).toEqual(expect.any(String));
  });

  it('returns no rows for _DONE_NO_DATA_ and the text of an XML report', async () => {
    const empty = (await fetchReport.run({ ReportType: '_GET_SELLER_FEEDBACK_DATA_' }, contextFor(world))) as Record<string, unknown>;
    expect(empty).toMatchObject({ ReportProcessingStatus: '_DONE_NO_DATA_', rows: [], rowCount: 0 });
    expect(empty.ReportId).toBeUndefined();
    const xml = (await fetchReport.run({ ReportType: '_GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_', StartDate: '2025-06-01T00:00:00Z' }, contextFor(world))) as Record<string, unknown>;
    expect(String(xml.text).trimStart().startsWith('<')).toBe(true);
    expect(xml.rows).toBeUndefined();
    expect(validOutput(empty) && validOutput(xml)).toBe(true);
  });
});

