/**
 * Connection profiles under `MWS_CONNECTOR_HOME/connections` (ARCHITECTURE §3.6): one JSON file per
 * profile, mode 0600 in a 0700 folder, written atomically. Secrets are shown only as set/unset (or as
 * their `env:`/`file:` reference), resolved only on request, and registered with the redactor when read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, MwsConnectorError, ValidationError } from '../mws/errors';
import { connectorPaths } from '../util/home';
import { maskSensitive, registerSecret } from '../util/secrets';
import { ensurePrivateDir, writeFileAtomic } from './fs-atomic';
import {
  PROFILE_NAME_PATTERN,
  PROFILE_SCHEMA_VERSION,
  SECRET_FIELDS,
  checkConnection,
  isSecretReference,
  migrateProfile,
  type ProfileConnection,
  type ProfileDocument,
} from './profile-format';

export type { ProfileConnection, ProfileDocument } from './profile-format';

/** How a secret field is shown: never its value. */
export type SecretStatus = 'set' | 'unset' | `env:${string}` | `file:${string}`;

/** A profile as shown to a person: secrets as their status, the access key id masked. */
export interface ProfileView {
  name: string;
  schemaVersion: number;
  createdAt: string;
  updatedAt: string;
  connection: Omit<ProfileConnection, 'secretKey' | 'mwsAuthToken'> & { secretKey: SecretStatus; mwsAuthToken: SecretStatus };
}

/** An update: absent (or `"set"` for a secret, or a masked access key id) keeps the stored value; `null` removes it. */
export type ProfilePatch = { [K in keyof ProfileConnection]?: ProfileConnection[K] | null };

export interface ProfileStoreOptions {
  /** Environment for `env:` references (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Current time for createdAt/updatedAt (default Date.now). */
  now?: () => number;
}

export class ProfileStore {
  readonly home: string;
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => number;

  constructor(home?: string, options: ProfileStoreOptions = {}) {
    const paths = connectorPaths(home);
    this.home = paths.home;
    this.dir = paths.connections;
    this.env = options.env ?? process.env;
    this.now = options.now ?? Date.now;
  }

  /** Every profile, sorted by name. A file that cannot be read is reported in place, not thrown. */
  async list(): Promise<Array<ProfileView | { name: string; problem: string }>> {
    let files: string[];
    try {
      files = await fs.promises.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new MwsConnectorError('UNEXPECTED', `Cannot list ${this.dir}`, { cause: err });
    }
    const names = files.filter((f) => f.endsWith('.json') && !f.startsWith('.')).map((f) => f.slice(0, -5)).sort();
    const out: Array<ProfileView | { name: string; problem: string }> = [];
    for (const name of names) {
      try {
        out.push(view(await this.read(name)));
      } catch (err) {
        out.push({ name, problem: err instanceof Error ? err.message : String(err) });
      }
    }
    return out;
  }

  async get(name: string): Promise<ProfileView>;
  async get(name: string, options: { resolveSecrets: true }): Promise<ProfileDocument>;
  async get(name: string, options?: { resolveSecrets?: boolean }): Promise<ProfileView | ProfileDocument>;
  async get(name: string, options: { resolveSecrets?: boolean } = {}): Promise<ProfileView | ProfileDocument> {
    const doc = await this.read(name);
    if (!options.resolveSecrets) return view(doc);
    return { ...doc, connection: this.resolveSecrets(doc.connection) };
  }

  async create(name: string, config: ProfileConnection): Promise<ProfileView> {
    checkName(name);
    const problems = checkConnection(config, '', { partial: false });
    if (problems.length > 0) throw new ValidationError(`Profile "${name}" is invalid`, problems, { code: 'CONFIG_INVALID' });
    if (fs.existsSync(this.fileFor(name))) {
      throw new ConfigError('name', `a profile named "${name}" already exists; update or delete it`);
    }
    const at = new Date(this.now()).toISOString();
    const doc: ProfileDocument = { schemaVersion: PROFILE_SCHEMA_VERSION, name, createdAt: at, updatedAt: at, connection: clean(config) };
    await this.write(doc);
    return view(doc);
  }

  async update(name: string, patch: ProfilePatch): Promise<ProfileView> {
    const problems = checkConnection(patch, '', { partial: true });
    if (problems.length > 0) throw new ValidationError(`Update of profile "${name}" is invalid`, problems, { code: 'CONFIG_INVALID' });
    const doc = await this.read(name);
    const connection: Record<string, unknown> = { ...doc.connection };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || keepsStored(key, value)) continue;
      if (value === null) delete connection[key];
      else connection[key] = value;
    }
    const next: ProfileDocument = { ...doc, schemaVersion: PROFILE_SCHEMA_VERSION, updatedAt: new Date(this.now()).toISOString(), connection: connection as ProfileConnection };
    await this.write(next);
    return view(next);
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    try {
      await fs.promises.unlink(this.fileFor(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(name);
      throw new MwsConnectorError('UNEXPECTED', `Cannot delete profile "${name}"`, { cause: err });
    }
  }

  /** The profile's connection with secret references resolved: ready for validateConnectionConfig. */
  async resolve(name: string): Promise<ProfileConnection> {
    return (await this.get(name, { resolveSecrets: true })).connection;
  }

  private async read(name: string): Promise<ProfileDocument> {
    checkName(name);
    const file = this.fileFor(name);
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(name);
      throw new MwsConnectorError('UNEXPECTED', `Cannot read profile "${name}"`, { cause: err });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ConfigError('profile', `${file} is not valid JSON`);
    }
    const doc = migrateProfile(raw, file);
    registerStoredSecrets(doc.connection);
    return doc;
  }

  private async write(doc: ProfileDocument): Promise<void> {
    registerStoredSecrets(doc.connection);
    ensurePrivateDir(this.home);
    ensurePrivateDir(this.dir);
    await writeFileAtomic(this.fileFor(doc.name), `${JSON.stringify(doc, null, 2)}\n`, 0o600);
  }

  private fileFor(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }

  private resolveSecrets(connection: ProfileConnection): ProfileConnection {
    const out: ProfileConnection = { ...connection };
    for (const field of SECRET_FIELDS) {
      const value = out[field];
      if (value === undefined || !isSecretReference(value)) continue;
      const resolved = this.resolveReference(field, value);
      registerSecret(resolved);
      out[field] = resolved;
    }
    return out;
  }

  private resolveReference(field: string, reference: string): string {
    if (reference.startsWith('env:')) {
      const name = reference.slice(4);
      const value = this.env[name];
      if (value === undefined || value === '') {
        throw new ConfigError(field, `environment variable ${name} (from ${reference}) is not set`, { code: 'SECRET_REFERENCE_UNRESOLVED' });
      }
      return value;
    }
    // file: paths are absolute, or relative to MWS_CONNECTOR_HOME.
    const file = path.resolve(this.home, reference.slice(5));
    let value: string;
    try {
      value = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new ConfigError(field, `cannot read ${file} (from ${reference}): ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
        code: 'SECRET_REFERENCE_UNRESOLVED',
      });
    }
    if (value === '') throw new ConfigError(field, `${file} (from ${reference}) is empty`, { code: 'SECRET_REFERENCE_UNRESOLVED' });
    return value;
  }
}

function view(doc: ProfileDocument): ProfileView {
  const { secretKey, mwsAuthToken, ...rest } = doc.connection;
  const shown: ProfileView['connection'] = { ...rest, secretKey: secretStatus(secretKey), mwsAuthToken: secretStatus(mwsAuthToken) };
  if (rest.awsAccessKeyId !== undefined) shown.awsAccessKeyId = maskSensitive(rest.awsAccessKeyId);
  return { name: doc.name, schemaVersion: doc.schemaVersion, createdAt: doc.createdAt, updatedAt: doc.updatedAt, connection: shown };
}

/** The redactor learns every secret a profile stores as a value (references are resolved, and registered, on request). */
function registerStoredSecrets(connection: ProfileConnection): void {
  for (const field of SECRET_FIELDS) {
    const value = connection[field];
    if (value !== undefined && !isSecretReference(value)) registerSecret(value);
  }
}

function secretStatus(value: string | undefined): SecretStatus {
  if (value === undefined) return 'unset';
  return isSecretReference(value) ? (value as SecretStatus) : 'set';
}

/** Values a view shows in place of the real one: sending them back means "keep what is stored". */
function keepsStored(key: string, value: unknown): boolean {
  if ((SECRET_FIELDS as readonly string[]).includes(key)) return value === 'set';
  if (key === 'awsAccessKeyId') return typeof value === 'string' && value.startsWith('****');
  return false;
}

function clean(config: ProfileConnection): ProfileConnection {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as ProfileConnection;
}

function checkName(name: string): void {
  if (typeof name !== 'string' || !PROFILE_NAME_PATTERN.test(name)) {
    throw new ConfigError('name', 'must be a profile name: a letter or digit, then letters, digits, ".", "_" or "-" (at most 64)');
  }
}

function notFound(name: string): ConfigError {
  return new ConfigError('name', `no connection profile named "${name}"`, { code: 'PROFILE_NOT_FOUND' });
}
