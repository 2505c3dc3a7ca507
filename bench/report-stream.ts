/**
 * Benchmark: generating, MD5-hashing and streaming large flat-file reports (issue 5). For each size, a child
 * process runs GetReport (its Content-MD5 pass, then the body into a hashing sink) and reports throughput and RSS
 * growth — `handlers`: the lifecycle handlers called directly; `http`: startSandbox + MwsClient.download over
 * loopback in one process. Run: npx ts-node --transpile-only bench/report-stream.ts [handlers|http] [MiB ...]
 */
import path from 'node:path';
import { type Figure, MIB, runChild } from './support';

const child = path.join(__dirname, '..', 'test', 'sandbox', 'support', 'report-memory-child.ts');
/** Our goal: serving a report takes memory independent of its size (it is generated and streamed, never held). */
const GOAL_RSS_GROWTH_MIB = 64;

export interface ReportStreamResult {
  bytes: number;
  md5Header: string;
  md5Streamed: string;
  baselineRss: number;
  peakRss: number;
  seconds: number;
}

export type ReportStreamMode = 'handlers' | 'http';

export function measureReport(mib: number, mode: ReportStreamMode): Promise<ReportStreamResult> {
  return runChild<ReportStreamResult>(child, [String(mib * MIB), mode]);
}

/** The figures run.ts prints for one report size served over loopback (sandbox and a streaming client, one process). */
export async function figures(mib = 1024, mode: ReportStreamMode = 'http'): Promise<Figure[]> {
  const m = await measureReport(mib, mode);
  const where = mode === 'http' ? 'sandbox serving over loopback to MwsClient.download (one process)' : 'sandbox report handlers (no HTTP)';
  if (m.md5Header !== m.md5Streamed) throw new Error(`report-stream ${mib} MiB: Content-MD5 ${m.md5Header} does not match the streamed body ${m.md5Streamed}`);
  return [
    {
      name: `${where}: ${mib} MiB report, peak RSS growth`,
      value: (m.peakRss - m.baselineRss) / MIB,
      unit: 'MiB',
      versus: { kind: 'goal', value: GOAL_RSS_GROWTH_MIB, label: 'goal', better: 'lower' },
      note: 'Content-MD5 matches the streamed body',
    },
    {
      // Two passes over the body (MD5, then the send): the generator produced 2 × bytes in `seconds`.
      name: `${where}: ${mib} MiB report, MD5 pass + streamed pass`,
      value: (2 * m.bytes) / MIB / m.seconds,
      unit: 'MiB/s generated',
      note: `${m.seconds.toFixed(1)} s`,
    },
  ];
}

if (require.main === module) {
  const mode: ReportStreamMode = process.argv[2] === 'http' ? 'http' : 'handlers';
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  (async () => {
    for (const mib of sizes.length > 0 ? sizes : [64, 256, 1024]) {
      const m = await measureReport(mib, mode);
      const growth = (m.peakRss - m.baselineRss) / MIB;
      process.stdout.write(
        `${mode}: ${mib} MiB report: ${m.seconds.toFixed(1)} s for MD5 pass + streamed pass (${((2 * m.bytes) / MIB / m.seconds).toFixed(0)} MiB/s generated), ` +
          `RSS +${growth.toFixed(1)} MiB, MD5 ${m.md5Header === m.md5Streamed ? 'matches' : 'MISMATCH'}\n`,
      );
    }
  })().catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  });
}
