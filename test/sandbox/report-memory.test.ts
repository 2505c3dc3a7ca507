/**
 * A 1 GiB report is generated, MD5-hashed and streamed in a child process whose RSS must grow by less than
 * 64 MB: the body is never held in memory. (Timing belongs to bench/report-stream.ts, not here.)
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GIB = 1024 * 1024 * 1024;
const RSS_GROWTH_LIMIT = 64 * 1024 * 1024;

interface Measurement {
  bytes: number;
  contentLength: number;
  md5Header: string;
  md5Streamed: string;
  baselineRss: number;
  peakRss: number;
}

it('serves a 1 GiB report with a correct Content-MD5 while RSS grows under 64 MB', async () => {
  const child = path.join(__dirname, 'support', 'report-memory-child.ts');
  const { stdout } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', child, String(GIB)], {
    cwd: path.join(__dirname, '..', '..'),
    maxBuffer: 1024 * 1024,
  });
  const measured = JSON.parse(stdout.trim().split('\n').pop() as string) as Measurement;
  expect(measured.bytes).toBeGreaterThanOrEqual(GIB);
  expect(measured.contentLength).toBe(measured.bytes);
  expect(measured.md5Streamed).toBe(measured.md5Header);
  expect(measured.peakRss - measured.baselineRss).toBeLessThan(RSS_GROWTH_LIMIT);
}, 180_000);
