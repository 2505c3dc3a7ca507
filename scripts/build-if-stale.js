#!/usr/bin/env node
/**
 * A fast build of dist/ for `npm start` and the CLI tests: esbuild transpiles src/**\/*.ts file by file
 * (CommonJS, node20, no type-check; `npm run build` is the checked build) and copies the JSON files src/
 * imports. Nothing happens when dist/ is newer than every source file. A stale oclif.manifest.json is
 * removed so oclif finds the commands by scanning dist/cli/commands.
 *
 *   node scripts/build-if-stale.js [--force]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const MANIFEST = path.join(ROOT, 'oclif.manifest.json');

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function newestSource(files) {
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
}

const LOCK = path.join(ROOT, '.dist-build.lock');
const LOCK_STALE_MS = 120_000;

/** Blocks this thread for `ms` (a build lock held by another process; nothing else to do meanwhile). */
function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One builder at a time (parallel test workers): an exclusive lock folder, taken over when abandoned. */
function withLock(work) {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > LOCK_STALE_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      pause(100);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds when needed; returns { built, ms }. */
function buildIfStale(options = {}) {
  return withLock(() => buildUnlocked(options));
}

function buildUnlocked(options) {
  const started = Date.now();
  const files = walk(SRC).filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.json'));
  const newest = newestSource(files);
  const stamp = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
  if (fs.existsSync(MANIFEST) && fs.statSync(MANIFEST).mtimeMs < newest) fs.rmSync(MANIFEST, { force: true });
  if (!options.force && stamp >= newest && fs.existsSync(path.join(DIST, 'cli', 'commands'))) return { built: false, ms: Date.now() - started };
  const { buildSync } = require('esbuild');
  const entryPoints = files.filter((f) => f.endsWith('.ts'));
  buildSync({ entryPoints, outdir: DIST, outbase: SRC, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'error', supported: { 'dynamic-import': false } });
  for (const json of files.filter((f) => f.endsWith('.json'))) {
    const target = path.join(DIST, path.relative(SRC, json));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(json, target);
  }
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return { built: true, ms: Date.now() - started };
}

module.exports = { buildIfStale };

if (require.main === module) {
  const result = buildIfStale({ force: process.argv.includes('--force') });
  process.stderr.write(result.built ? `dist/ built in ${result.ms} ms\n` : 'dist/ is up to date\n');
}
