/**
 * Development helper (vendor side, never for production licenses): makes a throw-away `test-` key pair and a
 * license for this server, so a runtime with `evaluationHosts: []` can be tried end to end.
 *
 *   npx ts-node --transpile-only scripts/issue-dev-license.ts --out /tmp/mws-dev-license [--days 30] [--licensee "Dev"]
 *
 * Writes <out>/dev.lic, <out>/trusted-keys.json (pass as `host.trustedKeys`) and <out>/test-dev-key.pem (mode 0600).
 * Refuses an --out folder inside this repository so the private key can never be committed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { issueLicense, serverFingerprint } from '../src/license';

function option(name: string, fallback?: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

function main(): void {
  const out = option('out');
  if (!out) throw new Error('--out <folder outside the repository> is required');
  const outDir = path.resolve(out);
  const repo = path.resolve(__dirname, '..');
  if (outDir === repo || outDir.startsWith(repo + path.sep)) throw new Error(`--out must be outside the repository (${repo})`);
  const days = Number(option('days', '30'));
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('--days: expected an integer from 1 to 3650');

  const keyId = `test-dev-${new Date().toISOString().slice(0, 10)}`;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const now = new Date();
  const text = issueLicense({
    privateKey: privatePem,
    keyId,
    licensee: option('licensee', 'Development') as string,
    servers: [serverFingerprint()],
    notBefore: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    graceDays: 0,
    now,
  });
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(outDir, 'test-dev-key.pem'), privatePem, { mode: 0o600 });
  writeFileSync(path.join(outDir, 'trusted-keys.json'), `${JSON.stringify({ [keyId]: publicKey.export({ type: 'spki', format: 'pem' }).toString() }, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'dev.lic'), text);
  process.stdout.write(`${path.join(outDir, 'dev.lic')}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`issue-dev-license: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
