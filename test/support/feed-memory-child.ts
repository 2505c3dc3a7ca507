/**
 * Child process for the streamed-feed memory test: submits the file in argv[3] as SubmitFeed's FeedContent to the
 * URL in argv[2] and prints the peak heap growth over a baseline taken after a full GC, as one JSON line on stdout.
 * Run as: node --expose-gc -r ts-node/register/transpile-only test/support/feed-memory-child.ts <url> <path>
 */
import { MwsClient } from '../../src/mws/client';
import { testConnection } from './fixture-server';
import { reportPeakMemory } from './memory-probe';

const [url, path] = process.argv.slice(2);

reportPeakMemory(async () => {
  const client = new MwsClient(testConnection(url) as never);
  try {
    const res = await client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: { path } });
    return { attempts: res.attempts, submissionId: res.result.FeedSubmissionInfo?.FeedSubmissionId };
  } finally {
    client.close();
  }
});
