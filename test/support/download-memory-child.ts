/**
 * Child process for the download memory test: downloads GetReport from the URL in argv[2] to the path in argv[3]
 * and prints the peak heap growth over a baseline taken after a full GC, as one JSON line on stdout.
 * Run as: node --expose-gc -r ts-node/register/transpile-only test/support/download-memory-child.ts <url> <path>
 */
import { MwsClient } from '../../src/mws/client';
import { testConnection } from './fixture-server';
import { reportPeakMemory } from './memory-probe';

const [url, destination] = process.argv.slice(2);

reportPeakMemory(async () => {
  const client = new MwsClient(testConnection(url) as never);
  try {
    const result = await client.download('Reports.GetReport', { ReportId: '7001' }, destination as string);
    return { bytes: result.bytes, contentMd5: result.contentMd5 };
  } finally {
    client.close();
  }
});
