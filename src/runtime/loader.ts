/**
 * Loads a connector from a folder or a `.tar.gz` package: unpacks (files and folders only), verifies
 * checksums, checks the manifest, requires the entry and matches its actions to the manifest's.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import type { ActionDefinition } from '../actions/types';
import { IntegrityError, MwsConnectorError, type FieldProblem } from '../mws/errors';
import { CHECKSUMS_FILE, sha256File, verifyChecksums } from './checksums';
import { checkManifest, manifestError, resolveEntry } from './manifest';
import type { ConnectorModule, LoadedConnector } from './types';

export const MANIFEST_FILE = 'connector.json';

export interface LoadOptions {
  /** Where an archive is unpacked (default: a folder in the OS temp dir named after the archive's sha256). */
  extractTo?: string;
}

export function isArchive(source: string): boolean {
  return /\.(tgz|tar\.gz)$/i.test(source);
}

export function loadConnector(source: string, options: LoadOptions = {}): LoadedConnector {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new MwsConnectorError('MANIFEST_INVALID', `No connector at ${source}`, { field: 'source' });
  }
  let root: string;
  let verified = false;
  if (stat.isDirectory()) {
    root = path.resolve(source);
    if (fs.existsSync(path.join(root, CHECKSUMS_FILE))) {
      verifyChecksums(root);
      verified = true;
    }
  } else if (isArchive(source)) {
    root = unpack(source, options.extractTo);
    verified = true;
  } else {
    throw new MwsConnectorError('MANIFEST_INVALID', `${source} is neither a connector folder nor a .tar.gz package`, { field: 'source' });
  }

  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(root, MANIFEST_FILE), 'utf8'));
  } catch (err) {
    throw new MwsConnectorError('MANIFEST_INVALID', `${path.join(root, MANIFEST_FILE)} is missing or not JSON`, { cause: err, field: MANIFEST_FILE });
  }
  const manifest = checkManifest(raw, root);
  const entry = resolveEntry(manifest, root) as string;
  let module: ConnectorModule;
  try {
    module = require(entry) as ConnectorModule;
  } catch (err) {
    throw new MwsConnectorError('MANIFEST_INVALID', `The connector entry ${manifest.entry} failed to load`, { cause: err, field: '/entry' });
  }
  const actions = actionRegistry(module);
  const problems: FieldProblem[] = [];
  manifest.actions.forEach((action, i) => {
    if (!actions.has(action.id)) problems.push({ field: `/actions/${i}/id`, message: `${action.id} is not exported by ${manifest.entry}` });
  });
  const listed = new Set(manifest.actions.map((a) => a.id));
  for (const id of actions.keys()) {
    if (!listed.has(id)) problems.push({ field: '/actions', message: `${id} is exported by ${manifest.entry} but not listed` });
  }
  if (problems.length > 0) throw manifestError(problems);
  return { root, manifest, actions, module, verified };
}

/** Accepts a Map, an array or an object of action definitions, keyed by their ids. */
function actionRegistry(module: ConnectorModule | undefined): ReadonlyMap<string, ActionDefinition> {
  const exported = module?.actions as unknown;
  const list: unknown[] =
    exported instanceof Map ? [...exported.values()] : Array.isArray(exported) ? exported : exported && typeof exported === 'object' ? Object.values(exported) : [];
  if (list.length === 0) {
    throw new MwsConnectorError('MANIFEST_INVALID', 'The connector entry exports no `actions`', { field: '/entry' });
  }
  const map = new Map<string, ActionDefinition>();
  for (const item of list) {
    const action = item as ActionDefinition;
    if (!action || typeof action.id !== 'string' || typeof action.run !== 'function') {
      throw new MwsConnectorError('MANIFEST_INVALID', 'The connector entry exports an action without an id or a run function', { field: '/entry' });
    }
    map.set(action.id, action);
  }
  return map;
}

/**
 * Unpacks into `extractTo` (reused when it was unpacked from these bytes and still verifies) or, by default, a
 * fresh private temporary folder: a predictable shared path could be prepared by someone else beforehand.
 * Unpacking goes to a sibling and is renamed into place, so a crash never leaves a half-unpacked package in use.
 */
function unpack(archive: string, extractTo: string | undefined): string {
  if (extractTo === undefined) {
    // mkdtemp makes a 0700 folder only this user can enter.
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'mws-connector-'));
    return unpackInto(archive, path.join(parent, 'connector'));
  }
  const target = path.resolve(extractTo);
  if (fs.existsSync(path.join(target, MANIFEST_FILE)) && sameDigest(target, archive)) {
    try {
      verifyChecksums(target);
      return target;
    } catch {
      fs.rmSync(target, { recursive: true, force: true });
    }
  }
  const unpacked = unpackInto(archive, target);
  fs.writeFileSync(`${target}.sha256`, sha256File(archive));
  return unpacked;
}

/** The folder was unpacked from these very bytes (recorded beside it, outside the checksummed tree). */
function sameDigest(target: string, archive: string): boolean {
  try {
    return fs.readFileSync(`${target}.sha256`, 'utf8') === sha256File(archive);
  } catch {
    return false;
  }
}

function unpackInto(archive: string, target: string): string {
  const staging = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  fs.mkdirSync(staging, { recursive: true });
  const refused: string[] = [];
  try {
    tar.x({
      file: archive,
      cwd: staging,
      sync: true,
      strict: true,
      filter: (entryPath, entry) => {
        const type = 'type' in entry ? entry.type : entry.isDirectory() ? 'Directory' : 'File';
        const ok = type === 'File' || type === 'OldFile' || type === 'Directory';
        if (!ok) refused.push(entryPath);
        return ok;
      },
    });
    if (refused.length > 0) throw new IntegrityError(`The package contains links or devices: ${refused.join(', ')}`, { retryable: false });
    verifyChecksums(staging);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (err instanceof MwsConnectorError) throw err;
    throw new IntegrityError(`${archive} is not a readable .tar.gz package`, { cause: err, retryable: false, field: 'source' });
  }
  return target;
}
