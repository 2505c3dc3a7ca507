/**
 * `npm run generate`: every generated, checked-in file in dependency order — the catalog (from reference/mws),
 * then connector.json and schemas/ (from the catalog and the actions), then docs/actions.md (from both).
 * Each step runs in its own process so it reads the files the previous step wrote.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const STEPS = ['generate-catalog.ts', 'generate-schemas.ts', 'generate-docs.ts'];

for (const step of STEPS) {
  const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', join(__dirname, step)], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`${step} failed\n`);
    process.exit(result.status ?? 1);
  }
}
