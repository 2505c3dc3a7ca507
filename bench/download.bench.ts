/**
 * Benchmark: `client.download` of a large flat-file report (GetReport) from the sandbox to a file. The client runs
 * in a child process of its own (download-child.ts) so that its RSS and heap growth are not mixed with the
 * sandbox's; the sandbox runs here.
 * Run: npx ts-node --transpile-only bench/download.bench.ts [MiB]   (default 200)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { REPORT_TIMING } from '../src/sandbox/lifecycle';
import { type Figure, MIB, runChild, runStandalone, sandboxClient, unlimitedBuckets } from './support';

/** Our goals: faster than a typical link to MWS, and memory that does not grow with the report (streaming). */
const GOAL_MIB_PER_S = 50;
const GOAL_RSS_GROWTH_MIB = 64;

interface ChildResult {
  bytes: number;
  seconds: number;
  bodySeconds: number | null;
  baselineRss: number;
  peakRss: number;
  baselineHeap: number;
  peakHeap: number;
}

export async function measure(mib = 200): Promise<Figure[]> {
  const sandbox = await startSandbox({ seed: 3, orders: 10, timeScale: 0, reportBytes: mib * MIB });
  const client = sandboxClient(sandbox, { maxRetries: 0, bucketStore: unlimitedBuckets });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mws-download-bench-'));
  try {
    const requested = await client.call('Reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
    sandbox.clock.advance(REPORT_TIMING.startsAfterMs + REPORT_TIMING.processingMs);
    const listed = await client.call('Reports.GetReportList', { ReportRequestIdList: [requested.result.ReportRequestInfo.ReportRequestId] });
    const reportId = String(listed.result.ReportInfo[0].ReportId);
    const m = await runChild<ChildResult>(path.join(__dirname, 'download-child.ts'), [sandbox.url, reportId, dir], ['--expose-gc']);
    const size = m.bytes / MIB;
    return [
      {
        name: `client.download GetReport ${size.toFixed(0)} MiB to a file, body transfer`,
        value: m.bodySeconds ? size / m.bodySeconds : size / m.seconds,
        unit: 'MiB/s',
        versus: { kind: 'goal', value: GOAL_MIB_PER_S, label: 'goal', better: 'higher' },
        note: `${m.seconds.toFixed(1)} s in all, including the sandbox's Content-MD5 pass before the first byte (${(size / m.seconds).toFixed(0)} MiB/s overall)`,
      },
      {
        name: `client.download ${size.toFixed(0)} MiB: client process peak RSS growth`,
        value: (m.peakRss - m.baselineRss) / MIB,
        unit: 'MiB',
        versus: { kind: 'goal', value: GOAL_RSS_GROWTH_MIB, label: 'goal', better: 'lower' },
      },
      {
        name: `client.download ${size.toFixed(0)} MiB: client process peak heap growth (sampled every 10 ms)`,
        value: (m.peakHeap - m.baselineHeap) / MIB,
        unit: 'MiB',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    client.close();
    await sandbox.close();
  }
}

if (require.main === module) runStandalone(measure);
