/**
 * Checkpoint stores (CheckpointStore from src/actions/types.ts): where long-running actions keep
 * their progress (sync cursors, in-flight report and feed ids) so a restart resumes instead of repeating.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckpointStore } from '../actions/types';
import { MwsConnectorError } from '../mws/errors';
import { ensurePrivateDir, writeFileAtomic } from './fs-atomic';

/** Keeps checkpoints in memory (tests, embedders with their own persistence). Values are copied in and out. */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly values = new Map<string, string>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const raw = this.values.get(checkKey(key));
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.values.set(checkKey(key), serialise(key, value));
  }

  async delete(key: string): Promise<void> {
    this.values.delete(checkKey(key));
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}

/** One JSON file per key under `dir` (normally `MWS_CONNECTOR_HOME/state`), written atomically, mode 0600. */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    let raw: string;
    try {
      raw = await fs.promises.readFile(this.fileFor(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new MwsConnectorError('UNEXPECTED', `Cannot read checkpoint "${key}"`, { cause: err });
    }
    try {
      return (JSON.parse(raw) as { key: string; value: T }).value;
    } catch (err) {
      throw new MwsConnectorError('UNEXPECTED', `Checkpoint "${key}" is not valid JSON`, { cause: err });
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    ensurePrivateDir(this.dir);
    const body = `{"key":${JSON.stringify(key)},"value":${serialise(key, value)}}\n`;
    await writeFileAtomic(this.fileFor(key), body);
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.fileFor(key), { force: true });
  }

  /** Readable keys map to their own file name; anything else to a hash, so a key can never escape the folder. */
  private fileFor(key: string): string {
    checkKey(key);
    const readable = /^[A-Za-z0-9._-]{1,100}$/.test(key) && !key.startsWith('.');
    const name = readable ? key : `k-${createHash('sha256').update(key).digest('hex')}`;
    return path.join(this.dir, `${name}.json`);
  }
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new MwsConnectorError('INPUT_INVALID', 'A checkpoint key must be a non-empty string', { field: 'key' });
  }
  return key;
}

function serialise(key: string, value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new MwsConnectorError('INPUT_INVALID', `Checkpoint "${key}" value must be JSON-serialisable`, { field: 'value' });
  }
  return text;
}
