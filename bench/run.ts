/**
 * `npm run bench`: every benchmark in order, against the embedded sandbox over loopback. Prints the machine and
 * date, then one line per figure (name, value, unit, ratio against its goal or measured baseline) and writes
 * bench/results.json (not committed). Timing goals live here and in the benchmark modules, never in tests.
 * Run a subset by name: npm run bench -- xml download
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import * as clientOverhead from './client-overhead.bench';
import * as download from './download.bench';
import * as license from './license.bench';
import * as pagination from './pagination.bench';
import * as reportStream from './report-stream';
import type { Figure } from './support';
import * as throttle from './throttle.bench';
import * as xml from './xml.bench';

interface Benchmark {
  name: string;
  what: string;
  run: () => Promise<Figure[]>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'client', what: 'client overhead: ListOrders via client.call vs a bare signed http.request (quotas off)', run: () => clientOverhead.measure(300) },
  { name: 'throttle', what: 'throttle accuracy: bursts beyond the quota at a large timeScale (quotas on), throttleMarginMs 0 (default) and 10', run: async () => [...(await throttle.figures(0)), ...(await throttle.figures(10))] },
  { name: 'pagination', what: 'pagination: paginate over ~5,000 orders (quotas off)', run: () => pagination.measure(5000) },
  { name: 'download', what: 'download: a 200 MiB report via client.download to a file (client in a child process)', run: () => download.measure(200) },
  { name: 'sandbox', what: 'sandbox: a 1 GiB report served over loopback (child process)', run: () => reportStream.figures(1024, 'http') },
  { name: 'xml', what: 'XML: parse + normalise a 100-order ListOrders page', run: () => xml.measure(100) },
  { name: 'license', what: 'license hook cost per invoke', run: () => license.figures(2000) },
];

/** `ratio` = value / goal-or-baseline; a goal is met when the value is on its `better` side. */
export function formatFigure(f: Figure): string {
  const value = `${formatNumber(f.value)} ${f.unit}`;
  let versus = '';
  if (f.versus) {
    const { kind, value: against, label, better } = f.versus;
    const ratio = against !== 0 ? `${formatNumber(f.value / against)}×` : 'n/a';
    const met = better === 'higher' ? f.value >= against : f.value <= against;
    const verdict = kind === 'goal' ? (met ? ' met' : ' MISSED') : '';
    versus = `  ratio ${ratio} vs ${label} ${formatNumber(against)} ${f.unit}${verdict} (${better} is better)`;
  }
  return `${f.name}: ${value}${versus}${f.note ? `  [${f.note}]` : ''}`;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100 || Number.isInteger(n)) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const selected = only.length > 0 ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
  const header = machine();
  const out = process.stdout;
  out.write(`amazon-mws-connector benchmarks — ${header.date}\n`);
  out.write(`machine: ${header.cores} × ${header.cpu}, ${header.memoryMiB} MiB, ${header.platform}, node ${header.node}, load ${(header.loadAverage as number[]).join(' ')}\n`);
  const results: Array<{ benchmark: string; seconds: number; figures: Figure[]; error?: string }> = [];
  const started = Date.now();
  let failed = 0;
  for (const bench of selected) {
    out.write(`\n== ${bench.what}\n`);
    const t0 = Date.now();
    try {
      const figures = await bench.run();
      for (const f of figures) out.write(`  ${formatFigure(f)}\n`);
      results.push({ benchmark: bench.name, seconds: (Date.now() - t0) / 1000, figures });
    } catch (err) {
      failed += 1;
      const message = err instanceof Error ? err.message : String(err);
      out.write(`  FAILED: ${message}\n`);
      results.push({ benchmark: bench.name, seconds: (Date.now() - t0) / 1000, figures: [], error: message });
    }
  }
  const total = (Date.now() - started) / 1000;
  out.write(`\nall benchmarks: ${total.toFixed(0)} s, load at the end ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}\n`);
  const file = path.join(__dirname, 'results.json');
  writeFileSync(file, `${JSON.stringify({ machine: header, seconds: total, results }, null, 1)}\n`);
  out.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  if (failed > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  });
}
