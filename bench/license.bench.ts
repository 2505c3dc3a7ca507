/**
 * Benchmark: what the license hook costs per invoke (issue 7). The gate re-lists and stats the licenses folder
 * on every check and verifies a signature only when a file's content changed; this compares a cached check
 * with a full inspection (armour, Ed25519 verify, payload) so the saving is visible.
 * Run: npx ts-node --transpile-only bench/license.bench.ts [iterations]   (default 2000)
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLicenseGate, inspectLicense, installLicense, issueLicense } from '../src/license';
import type { Figure } from './support';

const FINGERPRINT = 'mwsfp1-benchserver';

async function timePerCall(iterations: number, work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await work();
  return Number(process.hrtime.bigint() - start) / iterations / 1000;
}

export interface LicenseCosts {
  /** µs per call. */
  inspect: number;
  cached: number;
  evaluation: number;
  /** µs per round (install a changed license, then check). */
  changed: number;
}

export async function measure(iterations = 2000): Promise<LicenseCosts> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const trustedKeys = { 'test-bench': publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const issue = (licensee: string): string =>
    issueLicense({ privateKey: privateKeyPem, keyId: 'test-bench', licensee, servers: [FINGERPRINT], expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() });
  const home = mkdtempSync(path.join(os.tmpdir(), 'mws-license-bench-'));
  try {
    const text = issue('Bench Ltd');
    await installLicense(text, { home, trustedKeys, fingerprint: FINGERPRINT });
    const gate = createLicenseGate({ home, trustedKeys, fingerprint: FINGERPRINT });
    await gate.check({ endpointHost: 'mws.amazonservices.com' });
    const inspect = await timePerCall(iterations, () => inspectLicense(text, { trustedKeys, fingerprint: FINGERPRINT }));
    const cached = await timePerCall(iterations, () => gate.check({ endpointHost: 'mws.amazonservices.com' }));
    const evaluation = await timePerCall(iterations, () => gate.check({ endpointHost: '127.0.0.1' }));
    // Each round installs a changed license, so the check must read, hash and verify it again. The licenses are
    // signed beforehand: signing is the vendor's work, not part of what a round measures.
    const renewals = Array.from({ length: Math.max(1, Math.floor(iterations / 20)) }, (_, i) => issue(`Bench Ltd ${i}`));
    let round = 0;
    const changed = await timePerCall(renewals.length, async () => {
      await installLicense(renewals[round++] as string, { home, trustedKeys, fingerprint: FINGERPRINT });
      return gate.check({ endpointHost: 'mws.amazonservices.com' });
    });
    return { inspect, cached, evaluation, changed };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export async function run(iterations = 2000): Promise<string[]> {
  const { inspect, cached, evaluation, changed } = await measure(iterations);
  return [
    `inspectLicense (armour + Ed25519 verify + payload): ${inspect.toFixed(1)} µs/call`,
    `gate.check, licensed endpoint, license unchanged: ${cached.toFixed(1)} µs/call`,
    `gate.check, evaluation endpoint: ${evaluation.toFixed(1)} µs/call`,
    `install a changed license + gate.check (re-verify): ${changed.toFixed(1)} µs/round`,
    `load average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(' ')} on ${os.cpus().length} cores`,
  ];
}

/** The figures run.ts prints: the license hook's cost per invoke, against a full inspection. */
export async function figures(iterations = 2000): Promise<Figure[]> {
  const { inspect, cached, evaluation, changed } = await measure(iterations);
  const full = { kind: 'baseline' as const, value: inspect, label: 'full inspectLicense', better: 'lower' as const };
  return [
    { name: 'license gate.check per invoke, licensed endpoint, license unchanged', value: cached, unit: 'µs', versus: full },
    { name: 'license gate.check per invoke, evaluation endpoint', value: evaluation, unit: 'µs', versus: full },
    { name: 'license: install a changed license + gate.check (re-verify)', value: changed, unit: 'µs/round', versus: full },
  ];
}

if (require.main === module) {
  run(Number(process.argv[2]) || undefined)
    .then((lines) => process.stdout.write(`${lines.join('\n')}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    });
}
