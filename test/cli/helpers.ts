/**
 * Running the built `mws-connector` binary as a subprocess: dist/ is built once (fast transpile) when stale;
 * results are checked against the checked-in schemas/cli/*.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'run.js');
export const FIXTURE_CONNECTOR = path.join(ROOT, 'test', 'fixtures', 'connector-min');

export function ensureBuilt(): void {
  const { buildIfStale } = require(path.join(ROOT, 'scripts', 'build-if-stale.js')) as { buildIfStale(): { built: boolean } };
  buildIfStale();
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  home: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
}

export function runCli(args: string[], options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, MWS_CONNECTOR_HOME: options.home, ...options.env };
    delete env.MWS_CONNECTOR_CONNECTION;
    delete env.MWS_CONNECTOR_SOURCE;
    delete env.MWS_CONNECTOR_LOG_LEVEL;
    // Jest sets NODE_ENV=test, which puts oclif in development mode (ts-node lookups, extra warnings).
    delete env.NODE_ENV;
    for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs several invocations, at most `limit` at a time, results in order. */
export async function runAll(list: Array<{ args: string[]; options: RunOptions }>, limit = 3): Promise<CliResult[]> {
  const results: CliResult[] = new Array(list.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const i = next++;
      const item = list[i] as { args: string[]; options: RunOptions };
      results[i] = await runCli(item.args, item.options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  return results;
}

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validators = new Map<string, ValidateFunction>();

/** Parses stdout as JSON and checks it against schemas/cli/<name>.json; returns the value. */
export function jsonResult<T = Record<string, unknown>>(result: CliResult, schemaName: string): T {
  let value: unknown;
  try {
    value = JSON.parse(result.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}): ${result.stdout.slice(0, 300)} / stderr: ${result.stderr.slice(0, 300)}`);
  }
  let validate = validators.get(schemaName);
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'cli', `${schemaName}.json`), 'utf8')) as Record<string, unknown>;
    validate = ajv.compile(schema);
    validators.set(schemaName, validate);
  }
  if (!validate(value)) throw new Error(`${schemaName}: ${ajv.errorsText(validate.errors)} in ${result.stdout.slice(0, 500)}`);
  return value as T;
}

export function tempHome(prefix = 'mws-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** The non-empty lines of a stream's text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
