/**
 * `npm run package`: builds the deployable connector archive a server loads with no `npm install`:
 * connector.json at the root, the entry bundled with its dependencies (esbuild, node20, CommonJS, one file),
 * schemas, docs, LICENSE/README/CHANGELOG, and checksums.json (sha256 of every other file, verified on load).
 * Prints the archive's path as its last line.
 *
 *   npm run package [-- --root DIR] [--out DIR] [--entry-source FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import * as tar from 'tar';
import { CHECKSUMS_FILE, computeChecksums, listPackageFiles } from '../src/runtime/checksums';
import { checkManifest } from '../src/runtime/manifest';
import type { ConnectorManifest } from '../src/runtime/types';

export interface PackageOptions {
  /** The folder holding connector.json (default: this repository). */
  root?: string;
  /** Where the archive goes (default `<root>/build`). */
  outDir?: string;
  /** The source bundled into the manifest's `entry` (default `<root>/src/connector.ts`, else the entry file itself). */
  entrySource?: string;
}

export interface PackageResult {
  archive: string;
  files: string[];
  bytes: number;
}

/** Copied as they are when present; schemas and docs are whole folders. */
const COPIED = ['schemas', 'docs', 'LICENSE', 'README.md', 'CHANGELOG.md'];
/** A fixed mtime keeps the archive's bytes the same for the same inputs. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

export async function buildPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const root = path.resolve(options.root ?? path.join(__dirname, '..'));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'connector.json'), 'utf8')) as ConnectorManifest;
  const entrySource = path.resolve(options.entrySource ?? defaultEntrySource(root, manifest));
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'mws-package-'));
  try {
    fs.copyFileSync(path.join(root, 'connector.json'), path.join(staging, 'connector.json'));
    for (const item of COPIED) {
      const from = path.join(root, item);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(staging, item), { recursive: true, dereference: true });
    }
    await build({
      entryPoints: [entrySource],
      outfile: path.join(staging, manifest.entry),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: false,
      legalComments: 'eof',
      logLevel: 'error',
    });
    // The staged folder must load exactly as a server will load it.
    checkManifest(manifest, staging);
    fs.writeFileSync(path.join(staging, CHECKSUMS_FILE), `${JSON.stringify(computeChecksums(staging), null, 2)}\n`);
    const outDir = path.resolve(options.outDir ?? path.join(root, 'build'));
    fs.mkdirSync(outDir, { recursive: true });
    const archive = path.join(outDir, `${manifest.id}-${manifest.version}.tar.gz`);
    const files = [...listPackageFiles(staging), CHECKSUMS_FILE];
    await tar.c({ gzip: true, file: archive, cwd: staging, portable: true, mtime: FIXED_MTIME }, files);
    return { archive, files, bytes: fs.statSync(archive).size };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function defaultEntrySource(root: string, manifest: ConnectorManifest): string {
  const source = path.join(root, 'src', 'connector.ts');
  if (fs.existsSync(source)) return source;
  const entry = path.join(root, manifest.entry);
  if (fs.existsSync(entry)) return entry;
  throw new Error(`Nothing to bundle: neither ${source} nor ${entry} exists`);
}

function parseArgs(argv: string[]): PackageOptions {
  const options: PackageOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const flag = argv[i];
    if ((flag === '--root' || flag === '--out' || flag === '--entry-source') && value !== undefined) {
      if (flag === '--root') options.root = value;
      if (flag === '--out') options.outDir = value;
      if (flag === '--entry-source') options.entrySource = value;
      i++;
    } else {
      throw new Error(`Unknown argument ${flag}; expected --root DIR, --out DIR or --entry-source FILE`);
    }
  }
  return options;
}

if (require.main === module) {
  buildPackage(parseArgs(process.argv.slice(2))).then(
    (result) => {
      process.stderr.write(`packaged ${result.files.length} files, ${result.bytes} bytes\n`);
      process.stdout.write(`${result.archive}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`package failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
