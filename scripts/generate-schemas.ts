/**
 * Writes connector.json and schemas/ (connection, manifest, one input and one output schema per action) from the
 * catalog, the action registry and Amazon's published sample responses (test/fixtures/samples, normalised).
 * Run: `npx ts-node --transpile-only scripts/generate-schemas.ts`. Deterministic: test/schemas/drift.test.ts
 * regenerates in memory and compares with the checked-in files.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { operations } from '../src/mws/catalog';
import { parseMwsResponse } from '../src/mws/xml';
import { buildGeneratedFiles, type GeneratedFiles, type PackageInfo } from '../src/actions/manifest';
import { loadSample, sampleNames } from '../test/support/samples';

export const ROOT = join(__dirname, '..');

/** `GetServiceStatusResponse.Products.xml` → the Products operation; `live.`/`mock.` copies come after published ones. */
function operationOfSample(name: string): string | undefined {
  const match = /^(?:live\.|mock\.)?([A-Za-z]+)Response(?:\.([A-Za-z]+))?\.xml$/.exec(name);
  if (!match) return undefined;
  const [, operation, section] = match;
  const candidates = operations.filter((op) => op.name === operation && (section === undefined || op.section === section));
  return candidates.length === 1 ? candidates[0]?.id : undefined;
}

/** The normalised result of the first usable sample of each operation (published before live before mock). */
export async function loadSampleOutputs(): Promise<Record<string, unknown>> {
  const rank = (name: string): number => (name.startsWith('live.') ? 1 : name.startsWith('mock.') ? 2 : 0);
  const names = sampleNames().sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const id = operationOfSample(name);
    if (!id || id in out) continue;
    const op = operations.find((o) => o.id === id);
    if (!op || op.response.rawBody) continue;
    const parsed = await parseMwsResponse(op, loadSample(name));
    out[id] = parsed.result;
  }
  return out;
}

export function packageInfo(): PackageInfo {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageInfo;
  return { name: pkg.name, version: pkg.version, ...(pkg.description ? { description: pkg.description } : {}) };
}

export async function buildAll(): Promise<GeneratedFiles> {
  return buildGeneratedFiles(packageInfo(), await loadSampleOutputs());
}

async function main(): Promise<void> {
  const { files } = await buildAll();
  // Schemas of actions that no longer exist must not linger.
  rmSync(join(ROOT, 'schemas', 'actions'), { recursive: true, force: true });
  for (const [relative, text] of files) {
    const target = join(ROOT, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const actionFiles = readdirSync(join(ROOT, 'schemas', 'actions')).length;
  process.stdout.write(`wrote connector.json, ${files.size - 1} schema files (${actionFiles} action schemas)\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
