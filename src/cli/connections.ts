/**
 * Connection profiles as the CLI uses them: a named profile from MWS_CONNECTOR_HOME/connections, or the
 * built-in `sandbox` profile (public test credentials, `endpoint: "sandbox"`) that works with no setup.
 * `endpoint: "sandbox"` means the sandbox started by `mws-connector sandbox start` when one is alive
 * (MWS_CONNECTOR_HOME/sandbox/running.json), else an in-process sandbox whose state persists under
 * MWS_CONNECTOR_HOME/sandbox/state between commands, so a feed submitted by one command is seen by the next.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { ConfigError } from '../mws/errors';
import { ProfileStore, type ProfileConnection, type ProfileView } from '../runtime/profiles';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../sandbox/credentials';
import { connectorPaths } from '../util/home';

export const SANDBOX_PROFILE = 'sandbox';
export const SANDBOX_ENDPOINT = 'sandbox';
export const CONNECTION_ENV = 'MWS_CONNECTOR_CONNECTION';
/** The seed of the CLI's persistent sandbox world (state saved under one seed is restored only under it). */
export const CLI_SANDBOX_SEED = 1;

/** The built-in profile: the sandbox's default seller (public test values, not secrets). */
export function builtInSandboxConnection(): ProfileConnection {
  return {
    sellerId: DEFAULT_SANDBOX_CREDENTIALS.sellerId,
    awsAccessKeyId: DEFAULT_SANDBOX_CREDENTIALS.awsAccessKeyId,
    secretKey: DEFAULT_SANDBOX_CREDENTIALS.secretKey,
    ...(DEFAULT_SANDBOX_CREDENTIALS.mwsAuthToken ? { mwsAuthToken: DEFAULT_SANDBOX_CREDENTIALS.mwsAuthToken } : {}),
    marketplaceIds: ['ATVPDKIKX0DER'],
    endpoint: SANDBOX_ENDPOINT,
  };
}

/** The profile a command uses: --connection, else MWS_CONNECTOR_CONNECTION, else `sandbox`. */
export function connectionName(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env[CONNECTION_ENV] || SANDBOX_PROFILE);
}

/** The built-in sandbox profile as `connection list/show` present it. */
export function builtInSandboxView(): ProfileView & { builtIn: true } {
  const { secretKey: _secret, mwsAuthToken: _token, ...rest } = builtInSandboxConnection();
  return {
    name: SANDBOX_PROFILE,
    schemaVersion: 2,
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    connection: { ...rest, secretKey: 'set', mwsAuthToken: 'set' },
    builtIn: true,
  };
}

/** The profile's connection with secrets resolved; `sandbox` falls back to the built-in profile. */
export async function resolveProfile(store: ProfileStore, name: string): Promise<{ connection: ProfileConnection; builtIn: boolean }> {
  try {
    return { connection: await store.resolve(name), builtIn: false };
  } catch (err) {
    if (name === SANDBOX_PROFILE && (err as { code?: string }).code === 'PROFILE_NOT_FOUND') return { connection: builtInSandboxConnection(), builtIn: true };
    throw err;
  }
}

/** What `sandbox start` writes so later commands find it. */
export interface RunningSandboxInfo {
  url: string;
  pid: number;
  timeScale: number;
  seed: number;
  startedAt: string;
  stateDir?: string;
  ca?: string;
}

export function runningFile(home: string): string {
  return path.join(connectorPaths(home).sandbox, 'running.json');
}

export function sandboxStateDir(home: string): string {
  return path.join(connectorPaths(home).sandbox, 'state');
}

export function writeRunningSandbox(home: string, info: RunningSandboxInfo): void {
  const file = runningFile(home);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** Removes the record only if it is this process's (another sandbox may have started since). */
export function removeRunningSandbox(home: string, pid: number): void {
  if (readRunningSandbox(home)?.pid === pid) fs.rmSync(runningFile(home), { force: true });
}

/** What `sandbox start` recorded, alive or not; undefined when nothing readable is recorded. */
function readRunningSandbox(home: string): RunningSandboxInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(runningFile(home), 'utf8')) as RunningSandboxInfo;
  } catch {
    return undefined;
  }
}

/** The recorded running sandbox if its process lives and it answers; a stale record is removed. */
export async function findRunningSandbox(home: string): Promise<RunningSandboxInfo | undefined> {
  const info = readRunningSandbox(home);
  if (info === undefined) return undefined;
  if (!processAlive(info.pid) || !(await answers(info))) {
    fs.rmSync(runningFile(home), { force: true });
    return undefined;
  }
  return info;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(info: RunningSandboxInfo): Promise<boolean> {
  return new Promise((resolve) => {
    const url = new URL('/_sandbox/time', info.url);
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { timeout: 1500, ...(info.ca ? { ca: info.ca } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** A connection ready for the runtime: the config to pass, an extra CA, and what to close afterwards. */
export interface OpenedConnection {
  name: string;
  builtIn: boolean;
  config: Record<string, unknown>;
  ca?: string;
  sandbox?: { url: string; source: 'running' | 'in-process' };
  close(): Promise<void>;
}

export async function openConnection(home: string, name: string): Promise<OpenedConnection> {
  const store = new ProfileStore(home);
  const { connection, builtIn } = await resolveProfile(store, name);
  const config: Record<string, unknown> = { ...connection };
  if (connection.endpoint !== SANDBOX_ENDPOINT) return { name, builtIn, config, close: async () => undefined };

  const running = await findRunningSandbox(home);
  if (running) {
    config.endpoint = running.url;
    config.timeScale = running.timeScale;
    return { name, builtIn, config, ...(running.ca ? { ca: running.ca } : {}), sandbox: { url: running.url, source: 'running' }, close: async () => undefined };
  }
  // Loaded here, not at the top: only sandbox connections pay for the sandbox's code.
  const { startSandbox } = await import('../sandbox');
  const timeScale = connection.timeScale ?? 1;
  let sandbox;
  try {
    sandbox = await startSandbox({ seed: CLI_SANDBOX_SEED, timeScale, stateDir: sandboxStateDir(home) });
  } catch (err) {
    throw new ConfigError('endpoint', `cannot start the in-process sandbox: ${err instanceof Error ? err.message : String(err)}`);
  }
  config.endpoint = sandbox.url;
  config.timeScale = timeScale;
  return { name, builtIn, config, sandbox: { url: sandbox.url, source: 'in-process' }, close: () => sandbox.close() };
}
