/**
 * Child process for the streamed-feed memory test: submits the file in argv[3] as SubmitFeed's FeedContent to the
 * URL in argv[2] and prints the peak heap growth over a baseline taken after a full GC, as one JSON line on stdout.
 * Run as: node --expose-gc -r ts-node/register/transpile-only test/support/feed-memory-child.ts <url> <path>
 */
import { MwsClient } from '../../src/mws/client';
import { testConnection } from './fixture-server';

async function main(): Promise<void> {
  const [url, path] = process.argv.slice(2);
  const client = new MwsClient(testConnection(url) as never);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  let peakRss = baseline.rss;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const timer = setInterval(sample, 5);
  const res = await client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: { path } });
  sample();
  clearInterval(timer);
  client.close();
  process.stdout.write(
    `${JSON.stringify({ attempts: res.attempts, submissionId: res.result.FeedSubmissionInfo?.FeedSubmissionId, heapGrowth: peakHeap - baseline.heapUsed, rssGrowth: peakRss - baseline.rss, gcExposed: gc !== undefined })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
