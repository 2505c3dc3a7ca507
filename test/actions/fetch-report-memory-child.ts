/**
 * Child process for the fetchReport-to-file memory test: a sandbox whose flat reports are padded to argv[2] bytes,
 * and reports.fetchReport with outputFile argv[3]. Prints the action's output plus the peak heap growth over a
 * baseline taken after a full GC (sampled every 5 ms), then (outside the measurement) the file's MD5 and its rows as
 * parseFlatFile counts them, as one JSON line on stdout. The sandbox
 * serves from the same process, so the figure covers both ends.
 * Run as: node --expose-gc -r ts-node/register/transpile-only test/actions/fetch-report-memory-child.ts <bytes> <path>
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { getAction } from '../../src/actions';
import { parseFlatFile } from '../../src/mws/flatfile';
import { contextFor, startWorld } from './support';

async function fileMd5(file: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

async function parsedRows(file: string): Promise<number> {
  let rows = 0;
  for await (const _row of parseFlatFile(createReadStream(file))) rows += 1;
  return rows;
}

async function main(): Promise<void> {
  const [bytes, outputFile] = process.argv.slice(2);
  const world = await startWorld({ reportBytes: Number(bytes) });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peakHeap = baseline;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const output = await getAction('reports.fetchReport').run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile }, contextFor(world));
  sample();
  clearInterval(timer);
  await world.close();
  process.stdout.write(`${JSON.stringify({ output, heapGrowth: peakHeap - baseline, fileMd5: await fileMd5(outputFile as string), parsedRows: await parsedRows(outputFile as string), gcExposed: gc !== undefined })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
