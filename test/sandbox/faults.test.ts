import { createHash } from 'node:crypto';
import { parseStringPromise } from 'xml2js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { FaultSpecError, validateFaultSpec } from '../../src/sandbox/faults';
import { hostSandbox, type HostedSandbox } from '../../src/sandbox/host';
import type { FaultKind, FaultPhase } from '../../src/sandbox/types';
import { callMws, FEEDS, listOrders, REPORT_BODY, REPORTS, testWorld, type MwsReply } from './support/signed-request';

const FEED = Buffer.from('sku\tquantity\nw\t1\n');
const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('base64');

/** Lets the event loop run until `predicate` holds (no wall-clock sleeping: each turn is one setImmediate). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !predicate(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
  if (!predicate()) throw new Error('condition never held');
}

describe('faults (issue 5) at each phase, with what was committed', () => {
  let sandbox: HostedSandbox;
  let world: ReturnType<typeof testWorld>;
  const at = (): string => new Date(sandbox.clock.now()).toISOString();
  const submitFeed = (): Promise<MwsReply> =>
    callMws(sandbox.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: md5(FEED) }, body: FEED, timestamp: at() });
  const getReport = (): Promise<MwsReply> => callMws(sandbox.url, { ...REPORTS, action: 'GetReport', params: { ReportId: '7' }, timestamp: at() });
  const orders = (): Promise<MwsReply> => listOrders(sandbox.url, { timestamp: at() });
  const arm = (operation: string, phase: FaultPhase, kind: FaultKind, delayMs?: number): string =>
    sandbox.control.armFault({ operation, phase, kind, ...(delayMs !== undefined ? { delayMs } : {}) });

  beforeEach(async () => {
    sandbox = await hostSandbox({ seed: 11, credentials: SANDBOX_CREDENTIALS, throttling: false, timeScale: 0, now: Date.UTC(2026, 0, 5) }, () => (world = testWorld()));
  });
  afterEach(() => sandbox.close());

  test.each<[FaultKind, number, string]>([
    ['internal-error', 500, 'InternalError'],
    ['service-unavailable', 503, 'ServiceUnavailable'],
  ])('before-read %s: %d %s and nothing committed; after-commit: the same answer but the feed exists', async (kind, status, code) => {
    arm('Feeds.SubmitFeed', 'before-read', kind);
    const early = await submitFeed();
    expect(early.status).toBe(status);
    expect(early.body).toContain(`<Type>Receiver</Type>\n    <Code>${code}</Code>`);
    expect(world.feeds).toHaveLength(0);
    expect(sandbox.control.counters().state.feeds).toBe(0);

    arm('Feeds.SubmitFeed', 'after-commit', kind);
    const late = await submitFeed();
    expect(late.status).toBe(status);
    expect(sandbox.control.counters().state.feeds).toBe(1);
    expect(sandbox.control.counters().byOperation['Feeds.SubmitFeed']).toEqual({ fault: 2 });
    expect(sandbox.control.counters().faultsFired).toBe(2);
    // Disarmed after one use.
    expect((await submitFeed()).status).toBe(200);
  });

  test('connection-reset before-read (not committed), after-commit (committed, no response), mid-body (half a report)', async () => {
    arm('Feeds.SubmitFeed', 'before-read', 'connection-reset');
    await expect(submitFeed()).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect(world.feeds).toHaveLength(0);
    arm('Feeds.SubmitFeed', 'after-commit', 'connection-reset');
    await expect(submitFeed()).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect(world.feeds).toHaveLength(1);
    arm('Reports.GetReport', 'mid-body', 'connection-reset');
    const cut = await getReport();
    expect(cut.status).toBe(200);
    expect(cut.complete).toBe(false);
    expect(cut.bytes.length).toBeLessThan(REPORT_BODY.length);
  });

  test('slow-first-byte waits for sandbox time: before-read (then processed), after-commit (already committed), mid-body (stalls half-way)', async () => {
    const clock = sandbox.clock;
    arm('Feeds.SubmitFeed', 'before-read', 'slow-first-byte', 90_000);
    const pending = submitFeed();
    await until(() => clock.pendingSleeps === 1);
    expect(world.feeds).toHaveLength(0);
    clock.advance(90_000);
    expect((await pending).status).toBe(200);
    expect(world.feeds).toHaveLength(1);

    arm('Feeds.SubmitFeed', 'after-commit', 'slow-first-byte');
    const slow = submitFeed();
    await until(() => clock.pendingSleeps === 1);
    expect(world.feeds).toHaveLength(2);
    clock.advance(64_999);
    expect(clock.pendingSleeps).toBe(1);
    clock.advance(1); // default delay 65 s: past the connector's 60 s first-byte timeout
    expect((await slow).status).toBe(200);

    arm('Reports.GetReport', 'mid-body', 'slow-first-byte', 30_000);
    const stalled = getReport();
    await until(() => clock.pendingSleeps === 1);
    clock.advance(30_000);
    const report = await stalled;
    expect(report.bytes.equals(REPORT_BODY)).toBe(true);
  });

  test.each<FaultPhase>(['after-commit', 'mid-body'])('truncated-body (%s): the body stops short of its Content-Length', async (phase) => {
    arm('Orders.ListOrders', phase, 'truncated-body');
    const reply = await orders();
    expect(reply.status).toBe(200);
    expect(reply.complete).toBe(false);
    expect(reply.bytes.length).toBeLessThan(Number(reply.headers['content-length']));
  });

  test.each<FaultPhase>(['after-commit', 'mid-body'])('malformed-xml (%s): a complete body that does not parse', async (phase) => {
    arm('Orders.ListOrders', phase, 'malformed-xml');
    const reply = await orders();
    expect(reply.status).toBe(200);
    expect(reply.complete).toBe(true);
    await expect(parseStringPromise(reply.body)).rejects.toThrow();
    const clean = await orders();
    await expect(parseStringPromise(clean.body)).resolves.toBeDefined();
  });

  test.each<FaultPhase>(['after-commit', 'mid-body'])('wrong-content-md5 (%s) on GetReport', async (phase) => {
    arm('Reports.GetReport', phase, 'wrong-content-md5');
    const reply = await getReport();
    expect(reply.bytes.equals(REPORT_BODY)).toBe(true);
    expect(reply.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(reply.headers['content-md5']).not.toBe(md5(REPORT_BODY));
  });

  test.each<FaultPhase>(['after-commit', 'mid-body'])('drift (%s): an unknown element in the Result and an unknown OrderStatus', async (phase) => {
    arm('Orders.ListOrders', phase, 'drift');
    const reply = await orders();
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<ListOrdersResult><SandboxDriftElement>');
    expect(reply.body).toContain('<OrderStatus>PendingSandboxReview</OrderStatus>');
    expect(Number(reply.headers['content-length'])).toBe(reply.bytes.length);
    await expect(parseStringPromise(reply.body)).resolves.toBeDefined();
  });

  test('times, "*" and clearing', async () => {
    sandbox.control.armFault({ operation: '*', phase: 'before-read', kind: 'service-unavailable', times: 2 });
    expect((await orders()).status).toBe(503);
    expect((await getReport()).status).toBe(503);
    expect((await orders()).status).toBe(200);
    arm('Orders.ListOrders', 'before-read', 'internal-error');
    sandbox.control.clearFaults();
    expect(sandbox.control.faults()).toEqual([]);
    expect((await orders()).status).toBe(200);
  });

  test('a spec that cannot happen is refused, naming the field', () => {
    expect(() => validateFaultSpec({ operation: 'Orders.ListOrders', phase: 'mid-body', kind: 'internal-error' })).toThrow(FaultSpecError);
    expect(() => validateFaultSpec({ operation: 'Orders.ListOrders', phase: 'mid-body', kind: 'internal-error' })).toThrow(/fault\.phase: internal-error can be armed for before-read, after-commit/);
    expect(() => validateFaultSpec({ operation: 'ListOrders', phase: 'before-read', kind: 'drift' })).toThrow(/fault\.operation/);
    expect(() => validateFaultSpec({ operation: '*', phase: 'before-read', kind: 'explode' })).toThrow(/fault\.kind/);
    expect(() => validateFaultSpec({ operation: '*', phase: 'after-commit', kind: 'drift', times: 0 })).toThrow(/fault\.times/);
  });
});

test('faults are reproducible: same seed and fault, byte-identical answers', async () => {
  const run = async (): Promise<string[]> => {
    const sandbox = await hostSandbox(
      { seed: 99, credentials: SANDBOX_CREDENTIALS, timeScale: 0, now: Date.UTC(2026, 0, 5), faults: [{ operation: 'Orders.ListOrders', phase: 'after-commit', kind: 'malformed-xml' }, { operation: 'Reports.GetReport', phase: 'mid-body', kind: 'truncated-body' }] },
      () => testWorld(),
    );
    try {
      const timestamp = new Date(sandbox.clock.now()).toISOString();
      const first = await listOrders(sandbox.url, { timestamp });
      const second = await callMws(sandbox.url, { ...REPORTS, action: 'GetReport', params: { ReportId: '7' }, timestamp });
      const third = await listOrders(sandbox.url, { timestamp });
      return [first.body, second.body, third.body];
    } finally {
      await sandbox.close();
    }
  };
  const [a, b] = [await run(), await run()];
  expect(a).toEqual(b);
  expect(a[0]).toContain('<SandboxBroken');
  expect(a[1]?.length).toBeLessThan(REPORT_BODY.length);
  expect(a[2]).not.toContain('<SandboxBroken');
});
