/**
 * Child process for the report memory measurement: requests a padded report of `bytes` bytes, lets GetReport take
 * its MD5 pass, streams the body into a hashing sink, and prints { bytes, md5Header, md5Streamed, baselineRss,
 * peakRss, seconds } as JSON. Peak RSS comes from the kernel's high-water mark (resourceUsage().maxRSS), so no
 * sample can miss it. Mode `handlers` calls the lifecycle handlers directly; mode `http` runs startSandbox and
 * downloads over loopback with MwsClient (server and client share the process, so the figure covers both).
 * Usage: node -r ts-node/register/transpile-only report-memory-child.ts <bytes> [handlers|http]
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MwsClient } from '../../../src/mws/client';
import { startSandbox } from '../../../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../../src/sandbox/credentials';
import { createLifecycles, REPORT_TIMING } from '../../../src/sandbox/lifecycle';
import type { HandlerResult } from '../../../src/sandbox/types';
import { callHandler, MemoryListingStore, MemoryOrderStore, seedListings, seedOrders, SELLER_MARKETPLACES, SELLER_US, TestClock } from './stores';

/** A sink that only counts and hashes what it is given, so the report's bytes are never held. */
function countingSink(): { sink: Writable; bytes(): number; md5(): string } {
  const hash = createHash('md5');
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes, md5: () => hash.digest('base64') };
}

async function main(): Promise<void> {
  const bytes = Number(process.argv[2]);
  if (process.argv[3] === 'http') return overHttp(bytes);
  const clock = new TestClock();
  const lifecycles = createLifecycles({
    clock, listings: new MemoryListingStore(seedListings()), orders: new MemoryOrderStore(seedOrders()), seed: 1, reportBytes: bytes,
    credentials: [{ sellerId: SELLER_US, awsAccessKeyId: 'SANDBOXDEVKEY0000001', secretKey: 'test' }],
    sellerMarketplaces: (sellerId) => SELLER_MARKETPLACES[sellerId] ?? [],
  });
  const call = (operationId: string, params: Record<string, string>): Promise<HandlerResult> => callHandler(lifecycles.handlers, operationId, params, { clock });
  const requested = await call('Reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
  const requestId = /<ReportRequestId>(\d+)</.exec(requested.kind === 'xml' ? requested.xml : '')?.[1] as string;
  clock.advance(REPORT_TIMING.startsAfterMs + REPORT_TIMING.processingMs);
  const listed = await call('Reports.GetReportRequestList', { 'ReportRequestIdList.Id.1': requestId });
  const reportId = /<GeneratedReportId>(\d+)</.exec(listed.kind === 'xml' ? listed.xml : '')?.[1] as string;
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const result = await call('Reports.GetReport', { ReportId: reportId });
  if (result.kind !== 'raw') throw new Error('GetReport did not return a raw body');
  const counted = countingSink();
  await pipeline(result.open(), counted.sink);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ bytes: counted.bytes(), contentLength: result.contentLength, md5Header: result.contentMd5, md5Streamed: counted.md5(), baselineRss, peakRss, seconds }) + '\n');
}

async function overHttp(bytes: number): Promise<void> {
  const sandbox = await startSandbox({ seed: 3, orders: 10, timeScale: 0, reportBytes: bytes });
  const credentials = DEFAULT_SANDBOX_CREDENTIALS;
  const client = new MwsClient(
    { ...credentials, marketplaceIds: ['ATVPDKIKX0DER'], endpoint: sandbox.url },
    { clock: { now: () => sandbox.clock.now(), sleep: (ms) => sandbox.clock.sleep(ms) }, maxRetries: 0 },
  );
  const requested = await client.call('Reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
  sandbox.clock.advance(REPORT_TIMING.startsAfterMs + REPORT_TIMING.processingMs);
  const listed = await client.call('Reports.GetReportList', { ReportRequestIdList: [requested.result.ReportRequestInfo.ReportRequestId] });
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const counted = countingSink();
  const result = await client.download('Reports.GetReport', { ReportId: listed.result.ReportInfo[0].ReportId }, counted.sink);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  client.close();
  await sandbox.close();
  process.stdout.write(JSON.stringify({ bytes: counted.bytes(), contentLength: result.bytes, md5Header: result.contentMd5, md5Streamed: counted.md5(), baselineRss, peakRss, seconds }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
