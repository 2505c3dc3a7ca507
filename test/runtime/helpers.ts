/** Shared pieces of the runtime tests: temp folders, a capturing logger, a config for a loopback endpoint. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActionLogger } from '../../src/actions/types';

export const FIXTURE_CONNECTOR = path.join(__dirname, '..', 'fixtures', 'connector-min');

const made: string[] = [];

export function tempDir(prefix = 'mws-runtime-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface CapturedLog {
  level: string;
  message: string;
  meta?: Record<string, unknown>;
}

export function capturingLogger(): ActionLogger & { records: CapturedLog[]; text(): string } {
  const records: CapturedLog[] = [];
  const at = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    records.push({ level, message, ...(meta ? { meta } : {}) });
  };
  return { records, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), text: () => JSON.stringify(records) };
}

/** A loopback endpoint: evaluation, no license needed. Nothing listens on port 9 (discard) here. */
export const SECRET = 'fixture-secret-key-never-printed';
export function loopbackConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sellerId: 'A2SANDBOXSELLER1',
    awsAccessKeyId: 'SANDBOXDEVKEY0000001',
    secretKey: SECRET,
    marketplaceIds: ['ATVPDKIKX0DER'],
    endpoint: 'http://127.0.0.1:9',
    ...overrides,
  };
}

export { rejection } from '../support/errors';

/**
 * Lets pending I/O (license folder scan, checkpoint reads) finish until `count` sleepers wait on the manual
 * clock, so `advance` moves time only once the code under test is actually waiting. Polls the event loop,
 * never wall time; gives up after many turns so a bug fails the test instead of hanging it.
 */
export async function sleepersWaiting(clock: { pending: number }, count: number): Promise<void> {
  for (let turn = 0; clock.pending < count; turn++) {
    if (turn > 100_000) throw new Error(`expected ${count} sleepers on the clock, found ${clock.pending}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
