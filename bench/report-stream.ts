/**
 * Benchmark: generating, MD5-hashing and streaming large flat-file reports (issue 5). For each size, a child
 * process runs GetReport (its Content-MD5 pass, then the body into a hashing sink) and reports throughput and RSS
 * growth — `handlers`: the lifecycle handlers called directly; `http`: startSandbox + MwsClient.download over
 * loopback in one process. Run: npx ts-node --transpile-only bench/report-stream.ts [handlers|http] [MiB ...]
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const MIB = 1024 * 1024;
const mode = process.argv[2] === 'http' ? 'http' : 'handlers';
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const child = path.join(__dirname, '..', 'test', 'sandbox', 'support', 'report-memory-child.ts');

for (const mib of sizes.length > 0 ? sizes : [64, 256, 1024]) {
  const stdout = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', child, String(mib * MIB), mode], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  const m = JSON.parse(stdout.trim().split('\n').pop() as string) as { bytes: number; md5Header: string; md5Streamed: string; baselineRss: number; peakRss: number; seconds: number };
  const growth = (m.peakRss - m.baselineRss) / MIB;
  // Two passes over the body (MD5, then the send): the generator produced 2 × bytes in `seconds`.
  process.stdout.write(
    `${mode}: ${mib} MiB report: ${m.seconds.toFixed(1)} s for MD5 pass + streamed pass (${((2 * m.bytes) / MIB / m.seconds).toFixed(0)} MiB/s generated), ` +
      `RSS +${growth.toFixed(1)} MiB, MD5 ${m.md5Header === m.md5Streamed ? 'matches' : 'MISMATCH'}\n`,
  );
}
