/**
 * Shared pieces of the benchmarks: the figure type every benchmark returns, a client for the embedded sandbox,
 * a bare signed http.request for comparison, percentiles and a child-process runner for memory figures.
 */
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import path from 'node:path';
import { getOperation } from '../src/mws/catalog';
import { type BucketStore, MwsClient, type MwsClientOptions } from '../src/mws/client';
import { toWireParams } from '../src/mws/params';
import { signedRequest } from '../src/mws/request';
import { buildUserAgent } from '../src/mws/useragent';
import type { RunningSandbox } from '../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../src/sandbox/credentials';

/** One measured figure. `goal` is a target we set (see run.ts); `baseline` a measured reference. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the ratio compares against: `goal` (ours) or `baseline` (measured in the same run). */
  versus?: { kind: 'goal' | 'baseline'; value: number; label: string; better: 'higher' | 'lower' };
  note?: string;
}

export const MIB = 1024 * 1024;
export const MARKETPLACE_US = 'ATVPDKIKX0DER';

/**
 * Quotas off on the client's side too (the sandbox's `throttling: false` only stops it answering RequestThrottled):
 * every acquire finds a full bucket, so the throttle's code still runs but never waits.
 */
export const unlimitedBuckets: BucketStore = {
  get: async () => undefined,
  set: async () => undefined,
};

export function sandboxClient(sandbox: RunningSandbox, options: MwsClientOptions = {}, timeScale?: number): MwsClient {
  const c = DEFAULT_SANDBOX_CREDENTIALS;
  return new MwsClient(
    {
      sellerId: c.sellerId,
      awsAccessKeyId: c.awsAccessKeyId,
      secretKey: c.secretKey,
      ...(c.mwsAuthToken ? { mwsAuthToken: c.mwsAuthToken } : {}),
      marketplaceIds: [MARKETPLACE_US],
      endpoint: sandbox.url,
      ...(timeScale !== undefined ? { timeScale } : {}),
    } as never,
    options,
  );
}

/**
 * The same request the client would send, signed with the client's connection, but sent with a plain keep-alive
 * http.request and read into a Buffer: no throttle, validation, retry or XML parsing.
 */
export class BareSender {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly client: MwsClient,
    private readonly sandboxUrl: string,
  ) {}

  /** Signs now; the signed body is returned so that only the send is timed. */
  sign(operationId: string, input: Record<string, unknown>): { path: string; headers: Record<string, string>; body: Buffer } {
    const op = getOperation(operationId);
    const wire = toWireParams(op, input); // validates first
    if (wire.body !== undefined && !Buffer.isBuffer(wire.body)) throw new Error(`${operationId}: the bare sender takes in-memory bodies only`);
    const request = signedRequest(op, this.client.connection, { params: wire.params, ...(wire.body ? { body: wire.body } : {}) }, { timestamp: new Date().toISOString() });
    const body = request.body ?? Buffer.alloc(0);
    if (!Buffer.isBuffer(body)) throw new Error(`${operationId}: the bare sender takes in-memory bodies only`);
    return { path: request.path, headers: { 'User-Agent': buildUserAgent(), ...request.headers }, body };
  }

  send(signed: { path: string; headers: Record<string, string>; body: Buffer }): Promise<{ status: number; body: Buffer }> {
    const url = new URL(signed.path, this.sandboxUrl);
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: signed.headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(signed.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index] as number;
}

export function elapsedMs(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e6;
}

/** Runs a TypeScript child under ts-node and parses the last stdout line as JSON (memory figures need their own process). */
export function runChild<T>(script: string, args: string[], nodeArgs: string[] = []): Promise<T> {
  const root = path.join(__dirname, '..');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeArgs, '-r', 'ts-node/register/transpile-only', script, ...args],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * MIB },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${path.basename(script)} failed: ${stderr.trim() || error.message}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as T);
        } catch (err) {
          reject(new Error(`${path.basename(script)} printed no JSON result: ${String(err)}`));
        }
      },
    );
  });
}

/**
 * The entry of a benchmark run on its own (`ts-node bench/<name>.bench.ts [size]`): the optional numeric argument
 * goes to `measure`, the figures are printed as JSON and a failure sets the exit code.
 */
export function runStandalone(measure: (size?: number) => Promise<Figure[]>): void {
  measure(Number(process.argv[2]) || undefined)
    .then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 1)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    });
}
