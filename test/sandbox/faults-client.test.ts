/**
 * Issue 5 acceptance through the connector's own client: each fault at each phase it applies to is observable by
 * a caller, and the control API's counters show whether the state was committed. Retries are off (maxRetries 0)
 * so every fault reaches the caller as it happened.
 */
import { Writable } from 'node:stream';
import { MwsClient } from '../../src/mws/client';
import { MwsConnectorError } from '../../src/mws/errors';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import type { FaultKind, FaultPhase } from '../../src/sandbox/types';

const US = 'ATVPDKIKX0DER';
const FEED = 'sku\tprice\tquantity\nSKU-0001\t\t5\n';

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !predicate(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
  if (!predicate()) throw new Error('condition never held');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof MwsConnectorError) return error.code;
    throw error;
  }
}

describe('faults seen through MwsClient', () => {
  let sandbox: RunningSandbox;
  let client: MwsClient;
  const arm = (operation: string, phase: FaultPhase, kind: FaultKind): void => {
    sandbox.control.armFault({ operation, phase, kind });
  };
  const participations = (): Promise<unknown> => client.call('Sellers.ListMarketplaceParticipations', {});
  const submitFeed = (): Promise<unknown> =>
    client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: Buffer.from(FEED, 'latin1') }, { contentType: 'text/tab-separated-values; charset=iso-8859-1' });
  const feedsCommitted = (): number => sandbox.control.counters().state.feedSubmissions ?? -1;

  beforeAll(async () => {
    // Frozen sandbox clock at the real time: only advance() moves it (slow faults), the Timestamp window still holds.
    sandbox = await startSandbox({ seed: 12, orders: 40, timeScale: 0, throttling: false });
    client = new MwsClient(
      { ...DEFAULT_SANDBOX_CREDENTIALS, mwsAuthToken: DEFAULT_SANDBOX_CREDENTIALS.mwsAuthToken as string, marketplaceIds: [US], endpoint: sandbox.url },
      { maxRetries: 0 },
    );
  });
  afterAll(async () => {
    client.close();
    await sandbox.close();
  });

  test('500 and 503 before-read: the feed was not committed; after-commit: it was', async () => {
    for (const kind of ['internal-error', 'service-unavailable'] as const) {
      const before = feedsCommitted();
      arm('Feeds.SubmitFeed', 'before-read', kind);
      expect(await codeOf(submitFeed())).toMatch(/^(MWS_UNAVAILABLE|AMBIGUOUS_OUTCOME)$/);
      expect(feedsCommitted()).toBe(before);
      arm('Feeds.SubmitFeed', 'after-commit', kind);
      expect(await codeOf(submitFeed())).toMatch(/^(MWS_UNAVAILABLE|AMBIGUOUS_OUTCOME)$/);
      expect(feedsCommitted()).toBe(before + 1);
      arm('Sellers.ListMarketplaceParticipations', 'before-read', kind);
      expect(await codeOf(participations())).toBe('MWS_UNAVAILABLE');
    }
  });

  test('connection reset at each phase is a transport failure', async () => {
    for (const phase of ['before-read', 'after-commit', 'mid-body'] as const) {
      arm('Sellers.ListMarketplaceParticipations', phase, 'connection-reset');
      expect(await codeOf(participations())).toBe('TRANSPORT_FAILED');
    }
    const before = feedsCommitted();
    arm('Feeds.SubmitFeed', 'after-commit', 'connection-reset');
    expect(await codeOf(submitFeed())).toMatch(/^(TRANSPORT_FAILED|AMBIGUOUS_OUTCOME)$/);
    expect(feedsCommitted()).toBe(before + 1);
  });

  test('slow first byte / a stalled body: the call completes once sandbox time has passed', async () => {
    for (const phase of ['before-read', 'after-commit', 'mid-body'] as const) {
      sandbox.control.armFault({ operation: 'Sellers.ListMarketplaceParticipations', phase, kind: 'slow-first-byte', delayMs: 5_000 });
      const pending = participations();
      await until(() => sandbox.clock.pendingSleeps === 1);
      sandbox.control.advance(5_000);
      expect(await codeOf(pending)).toBe('ok');
    }
  });

  test('truncated and malformed bodies are refused; drift is kept', async () => {
    for (const phase of ['after-commit', 'mid-body'] as const) {
      arm('Sellers.ListMarketplaceParticipations', phase, 'truncated-body');
      expect(await codeOf(participations())).toMatch(/^(TRANSPORT_FAILED|PARSE_FAILED)$/);
      arm('Sellers.ListMarketplaceParticipations', phase, 'malformed-xml');
      expect(await codeOf(participations())).toBe('PARSE_FAILED');
      arm('Orders.ListOrders', phase, 'drift');
      const page = await client.call<{ Orders: Array<{ OrderStatus: string }> }>('Orders.ListOrders', { CreatedAfter: new Date(sandbox.clock.now() - 30 * 86_400_000).toISOString() });
      expect(page.result.Orders.map((o) => o.OrderStatus)).toContain('PendingSandboxReview');
    }
  });

  test('a wrong Content-MD5 on a report download is an integrity failure', async () => {
    const list = await client.call<{ ReportInfo: Array<{ ReportId: string }> }>('Reports.GetReportList', {});
    const reportId = list.result.ReportInfo[0]?.ReportId as string;
    expect(reportId).toBeDefined();
    const sink = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });
    expect(await codeOf(client.download('Reports.GetReport', { ReportId: reportId }, sink()))).toBe('ok');
    for (const phase of ['after-commit', 'mid-body'] as const) {
      arm('Reports.GetReport', phase, 'wrong-content-md5');
      expect(await codeOf(client.download('Reports.GetReport', { ReportId: reportId }, sink()))).toBe('INTEGRITY_FAILED');
    }
    const counters = sandbox.control.counters();
    expect(counters.byOperation['Reports.GetReport']).toEqual({ ok: 1, fault: 2 });
  });
});
