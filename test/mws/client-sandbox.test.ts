/**
 * The client against the embedded sandbox (an independent implementation of MWS's quotas, signing and
 * lifecycles): with both clocks moved together, no call is ever answered RequestThrottled.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MwsClient } from '../../src/mws/client';
import { contentMd5 } from '../../src/mws/signer';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { sandboxConnection } from '../support/loopback';
import { Writable } from 'node:stream';
import { ManualClock } from '../../src/util/clock';
import { createLogger } from '../../src/util/logger';
import { drive, until } from '../support/fixture-server';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);

let sandbox: RunningSandbox;
let clock: ManualClock;
let client: MwsClient;

/** Requests the client has started (counted from its debug log). */
let sent = 0;

/**
 * Like `drive`, but every jump of the client's clock first lets the requests in flight reach the sandbox, then
 * moves the (frozen) sandbox clock by the same amount: both sides see the same time, as with real clocks.
 */
function together<T>(work: Promise<T>): Promise<T> {
  return drive(clock, work, async (delta) => {
    await until(() => sandbox.control.counters().total >= sent, 'requests in flight to reach the sandbox');
    sandbox.control.advance(delta);
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0, now: START, orders: 60 });
});
afterAll(() => sandbox.close());

beforeEach(() => {
  clock = new ManualClock(sandbox.control.now());
  sandbox.control.resetCounters();
  sent = 0;
  const log = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      sent += (chunk.toString('utf8').match(/"MWS request"/g) ?? []).length;
      done();
    },
  });
  client = new MwsClient(sandboxConnection(sandbox) as never, { clock, logger: createLogger({ level: 'debug', stream: log, pretty: false }) });
});
afterEach(() => client.close());

it('pages through every ListOrders page, waiting for tokens past the burst of 6, never throttled', async () => {
  const ids: string[] = [];
  let pages = 0;
  await together(
    (async () => {
      for await (const page of client.paginate('Orders.ListOrders', { CreatedAfter: '2015-01-01T00:00:00Z', MaxResultsPerPage: 2 })) {
        pages++;
        ids.push(...(page.result.Orders ?? []).map((o: { AmazonOrderId: string }) => o.AmazonOrderId));
      }
    })(),
  );
  expect(pages).toBeGreaterThan(6);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeGreaterThan(12);
  const counters = sandbox.control.counters();
  expect(counters.byOutcome.throttled ?? 0).toBe(0);
  expect(counters.byOutcome.ok).toBe(pages);
});

it('charges Products calls per item: 8 parallel calls of 5 ids fit the quota without a RequestThrottled', async () => {
  const ids = ['B00000000A', 'B00000000B', 'B00000000C', 'B00000000D', 'B00000000E'];
  const started = clock.now();
  const results = await together(Promise.all(Array.from({ length: 8 }, () => client.call('Products.GetMatchingProductForId', { IdType: 'ASIN', IdList: ids }))));
  expect(results.every((r) => r.attempts === 1)).toBe(true);
  // 20 items at once, then 20 more items at 5 per second: 4 s of (client and sandbox) time.
  expect(clock.now() - started).toBe(4000);
  expect(sandbox.control.counters().byOutcome.throttled ?? 0).toBe(0);
});

it('submits a feed and downloads its processing report with a verified Content-MD5', async () => {
  const feed = 'sku\tquantity\nSANDBOX-SKU-1\t5\n';
  const submitted = await client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: feed }, { contentType: 'text/tab-separated-values; charset=iso-8859-1' });
  const id = submitted.result.FeedSubmissionInfo.FeedSubmissionId as string;
  expect(id).toMatch(/^\d+$/);
  let status = '';
  for (let i = 0; i < 30 && status !== '_DONE_'; i++) {
    const list = await together(client.call('Feeds.GetFeedSubmissionList', { FeedSubmissionIdList: [id] }));
    status = list.result.FeedSubmissionInfo[0].FeedProcessingStatus;
    if (status !== '_DONE_') {
      sandbox.control.advance(60_000);
      await clock.advance(60_000);
    }
  }
  expect(status).toBe('_DONE_');
  const dir = mkdtempSync(join(tmpdir(), 'mws-sandbox-'));
  try {
    const destination = join(dir, 'result.xml');
    const result = await together(client.download('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }, destination));
    expect(result.contentMd5).toBe(contentMd5(readFileSync(destination)));
    expect(readFileSync(destination, 'utf8')).toContain('Feed Processing Summary');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
