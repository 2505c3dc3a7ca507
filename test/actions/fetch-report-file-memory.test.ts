/**
 * reports.fetchReport with outputFile past the old 64 MiB cap of a buffered GetReport: an 80 MiB report is streamed
 * to disk in a child process whose heap grows by less than 32 MiB. (Timing belongs to benchmarks, not here.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MIB = 1024 * 1024;
const REPORT_BYTES = 80 * MIB;

interface Measurement {
  output: { file: string; bytes: number; contentMd5: string; rowCount: number; ReportProcessingStatus: string };
  heapGrowth: number;
  fileMd5: string;
  parsedRows: number;
  gcExposed: boolean;
}

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'fetch-report-memory-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

it('streams an 80 MiB report to outputFile with heap growth under 32 MiB and counts its rows', async () => {
  const child = join(__dirname, 'fetch-report-memory-child.ts');
  const file = join(folder, 'listings.tsv');
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', child, String(REPORT_BYTES), file], { cwd: join(__dirname, '..', '..'), maxBuffer: MIB }, (err, out, errOut) =>
      err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
    );
  });
  const measured = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Measurement;
  process.stdout.write(`fetchReport to file, ${(measured.output.bytes / MIB).toFixed(1)} MiB: heap growth ${(measured.heapGrowth / MIB).toFixed(1)} MiB\n`);
  expect(measured.gcExposed).toBe(true);
  expect(measured.output).toMatchObject({ ReportProcessingStatus: '_DONE_', file });
  expect(measured.output.bytes).toBeGreaterThanOrEqual(REPORT_BYTES);
  // The seeded listings are ASCII, so decoding their windows-1252 to UTF-8 leaves the bytes as Amazon sent them.
  expect(statSync(file).size).toBe(measured.output.bytes);
  expect(measured.fileMd5).toBe(measured.output.contentMd5);
  expect(measured.output.rowCount).toBe(measured.parsedRows);
  expect(measured.output.rowCount).toBeGreaterThan(100_000);
  expect(measured.heapGrowth).toBeLessThan(32 * MIB);
}, 60_000);
