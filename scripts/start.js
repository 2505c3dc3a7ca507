#!/usr/bin/env node
/**
 * `npm start`: a short tour of the connector against the embedded sandbox, through the real CLI.
 * Builds dist/ if it is missing or stale (fast transpile; `npm run build` is the type-checked build), starts a
 * sandbox with a large time scale (report and feed lifecycles finish in seconds), records it as the running
 * sandbox of a temporary MWS_CONNECTOR_HOME (unless you set one), then runs `mws-connector` commands with the
 * built-in "sandbox" connection and prints what each one found. Exits non-zero if a step fails.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { buildIfStale } = require('./build-if-stale');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'run.js');
/** Sandbox seconds per real second: the 60 s report and 90 s feed lifecycles take a second or two. */
const TIME_SCALE = 60;
const started = Date.now();

function say(text = '') {
  process.stdout.write(`${text}\n`);
}

function elapsed() {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** Runs `mws-connector ...args --json`; resolves its parsed result and exit code. */
function cli(env, args) {
  const shown = args.map((a) => (/[\s{}"'$]/.test(a) ? `'${a}'` : a)).join(' ');
  say(`\n$ mws-connector ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      let result;
      try {
        result = JSON.parse(stdout);
      } catch {
        reject(new Error(`mws-connector ${args[0]} printed no JSON (exit ${code}): ${stderr.trim()}`));
        return;
      }
      if (code !== 0) reject(new Error(`mws-connector ${args.slice(0, 2).join(' ')} exited ${code}: ${result.error ? result.error.message : stderr.trim()}`));
      else resolve(result);
    });
  });
}

function table(rows, columns) {
  const widths = columns.map(([title, get]) => Math.max(title.length, ...rows.map((r) => String(get(r) ?? '').length)));
  const line = (cells) => `  ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ')}`;
  return [line(columns.map(([title]) => title)), ...rows.map((r) => line(columns.map(([, get]) => get(r))))].join('\n');
}

async function main() {
  const build = buildIfStale();
  if (build.built) say(`Built dist/ in ${build.ms} ms.`);
  const ownHome = !process.env.MWS_CONNECTOR_HOME;
  const home = ownHome ? fs.mkdtempSync(path.join(os.tmpdir(), 'mws-connector-tour-')) : path.resolve(process.env.MWS_CONNECTOR_HOME);
  const { startSandbox } = require(path.join(ROOT, 'dist', 'sandbox'));
  const { writeRunningSandbox, removeRunningSandbox, findRunningSandbox } = require(path.join(ROOT, 'dist', 'cli', 'connections'));
  // A `sandbox start` already recorded in your home is put back after the tour.
  const yours = ownHome ? undefined : await findRunningSandbox(home);
  const sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 1 });
  writeRunningSandbox(home, { url: sandbox.url, pid: process.pid, timeScale: TIME_SCALE, seed: 1, startedAt: new Date().toISOString() });
  const env = { ...process.env, MWS_CONNECTOR_HOME: home, MWS_CONNECTOR_CONNECTION: 'sandbox' };
  say('Amazon MWS connector — a tour against the embedded sandbox');
  say(`Sandbox ${sandbox.url} (public test credentials, time ×${TIME_SCALE}); MWS_CONNECTOR_HOME=${home}`);

  try {
    const test = await cli(env, ['connection', 'test', 'sandbox']);
    for (const check of test.checks) say(`  ${check.ok ? '✓' : '✗'} ${check.name}${check.cause ? `: ${check.cause}` : ''}`);
    if (!test.ok) throw new Error('the sandbox connection test failed');

    // What every call below does on the wire: Signature Version 2 (the MWS Scratchpad view).
    const signed = await cli(env, ['sign', 'Orders.GetOrder', '--input', JSON.stringify({ AmazonOrderId: ['902-3159896-1390916'] }), '--timestamp', '2026-01-02T00:00:00Z']);
    say('  string to sign:');
    for (const line of signed.stringToSign.split('\n')) say(`    ${line}`);
    say(`  signature (HmacSHA256, base64): ${signed.signature}`);

    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z';
    const orders = await cli(env, ['invoke', 'orders.ListOrders', '--input', JSON.stringify({ CreatedAfter: since, MaxResultsPerPage: 20 }), '--all-pages']);
    const list = orders.output.Orders || [];
    say(`  ${list.length} orders created since ${since.slice(0, 10)}, in ${orders.metadata.requestIds.length} pages (NextToken followed)`);
    say(table(list.slice(0, 5), [
      ['AmazonOrderId', (o) => o.AmazonOrderId],
      ['PurchaseDate', (o) => o.PurchaseDate],
      ['OrderStatus', (o) => o.OrderStatus],
      ['OrderTotal', (o) => (o.OrderTotal ? `${o.OrderTotal.Amount} ${o.OrderTotal.CurrencyCode}` : '')],
    ]));

    const report = await cli(env, ['invoke', 'reports.fetchReport', '--input', JSON.stringify({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', pollIntervalSeconds: 15 })]);
    const rows = report.output.rows || [];
    say(`  report request ${report.output.ReportRequestId} → ${report.output.ReportProcessingStatus}; report ${report.output.ReportId} downloaded (Content-MD5 checked): ${rows.length} listings`);
    say(table(rows.slice(0, 3), [
      ['seller-sku', (r) => r['seller-sku']],
      ['price', (r) => r.price],
      ['quantity', (r) => r.quantity],
      ['item-name', (r) => String(r['item-name'] || '').slice(0, 40)],
    ]));

    const skus = rows.map((r) => r['seller-sku']).filter(Boolean).slice(0, 3);
    const content = ['sku\tquantity', ...skus.map((sku, i) => `${sku}\t${10 + i}`), 'NO-SUCH-SKU-0001\t5'].join('\n') + '\n';
    const feed = await cli(env, ['invoke', 'feeds.submitFeedAndWait', '--input', JSON.stringify({ FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: content, pollIntervalSeconds: 15 })]);
    const f = feed.output;
    say(`  feed submission ${f.FeedSubmissionId} → ${f.FeedProcessingStatus}; processing report: ${f.messagesProcessed} processed, ${f.messagesSuccessful} successful, ${f.messagesWithError} with errors, ${f.messagesWithWarning} with warnings`);
    for (const r of (f.results || []).slice(0, 3)) say(`    record ${r.record}${r.sku ? ` (${r.sku})` : ''}: ${r.resultCode}${r.resultMessageCode ? ` ${r.resultMessageCode}` : ''} ${r.description || ''}`.trimEnd());

    const license = await cli(env, ['license', 'status']);
    say(`  license: ${license.state === 'missing' ? 'none installed' : license.state}; sandbox calls are evaluation calls (${license.evaluation.hosts.join(', ')}) and need none`);
    say(`\nTour finished in ${elapsed()}. Next: mws-connector --help, mws-connector actions list, docs/cli.md.`);
  } finally {
    removeRunningSandbox(home, process.pid);
    if (yours) writeRunningSandbox(home, yours);
    await sandbox.close();
    if (ownHome) fs.rmSync(home, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`\nTour failed after ${elapsed()}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
