/**
 * Child process of download.bench.ts: only the client, so its memory is measured apart from the sandbox.
 * Downloads report `reportId` from the sandbox at `url` with MwsClient.download to a file in `dir`, samples the
 * heap while it runs, and prints { bytes, seconds, bodySeconds, baselineRss, peakRss, baselineHeap, peakHeap }.
 * Peak RSS is the kernel's high-water mark (resourceUsage().maxRSS), so no sample can miss it.
 * Usage: node -r ts-node/register/transpile-only download-child.ts <url> <reportId> <dir>
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { MwsClient } from '../src/mws/client';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../src/sandbox/credentials';
import { MARKETPLACE_US } from './support';

async function main(): Promise<void> {
  const [url, reportId, dir] = process.argv.slice(2) as [string, string, string];
  const target = path.join(dir, `report-${reportId}.txt`);
  const client = new MwsClient({ ...DEFAULT_SANDBOX_CREDENTIALS, marketplaceIds: [MARKETPLACE_US], endpoint: url }, { maxRetries: 0 });
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakHeap = baselineHeap;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const started = process.hrtime.bigint();
  // The first byte arrives once the sandbox has finished its Content-MD5 pass; the body rate is measured from there.
  let firstByteAt: bigint | undefined;
  const watcher = setInterval(() => {
    if (firstByteAt === undefined) {
      // The client writes to a temporary file beside the target and renames it when the MD5 matched.
      for (const name of readdirSync(dir)) {
        try {
          if (statSync(path.join(dir, name)).size > 0) firstByteAt = process.hrtime.bigint();
        } catch {
          // renamed or removed meanwhile
        }
      }
    }
  }, 5);
  const result = await client.download('Reports.GetReport', { ReportId: reportId }, target);
  const ended = process.hrtime.bigint();
  clearInterval(sampler);
  clearInterval(watcher);
  client.close();
  const bytes = statSync(target).size;
  rmSync(target, { force: true });
  process.stdout.write(
    JSON.stringify({
      bytes,
      received: result.bytes,
      md5: result.contentMd5 ?? null,
      seconds: Number(ended - started) / 1e9,
      bodySeconds: firstByteAt === undefined ? null : Number(ended - firstByteAt) / 1e9,
      baselineRss,
      peakRss: process.resourceUsage().maxRSS * 1024,
      baselineHeap,
      peakHeap,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
