/**
 * The on-disk format of connection profiles and its migrations. Version 1 (flat, older property names)
 * is still read; every write uses the current version. A saved v1 fixture in test/fixtures/profiles/v1
 * must keep loading after any change here.
 */
import { ValidationError, type FieldProblem } from '../mws/errors';

export const PROFILE_SCHEMA_VERSION = 2;

/** The connection properties a profile keeps (ARCHITECTURE §3.1 names). Secret fields may hold `env:`/`file:` references. */
export interface ProfileConnection {
  sellerId?: string;
  mwsAuthToken?: string;
  awsAccessKeyId?: string;
  secretKey?: string;
  developerId?: string;
  region?: string;
  marketplaceIds?: string[];
  /** A URL, or `"sandbox"`: the CLI starts or reuses the embedded sandbox for this profile. */
  endpoint?: string;
  timeouts?: Record<string, number>;
  timeScale?: number;
}

export const SECRET_FIELDS = ['secretKey', 'mwsAuthToken'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

const STRING_FIELDS = ['sellerId', 'mwsAuthToken', 'awsAccessKeyId', 'secretKey', 'developerId', 'region', 'endpoint'] as const;
const KNOWN_FIELDS = new Set<string>([...STRING_FIELDS, 'marketplaceIds', 'timeouts', 'timeScale']);

/** Current format (schemaVersion 2). */
export interface ProfileDocument {
  schemaVersion: 2;
  name: string;
  createdAt: string;
  updatedAt: string;
  connection: ProfileConnection;
}

/** Format 1, as written by 0.0.x: flat, MWS Scratchpad names, marketplaces as a comma-separated string. */
export interface ProfileDocumentV1 {
  version: 1;
  profile: string;
  merchantId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  authToken?: string;
  marketplaceId?: string;
  host?: string;
  region?: string;
  saved?: string;
}

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const REFERENCE_PATTERN = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/;

export function isSecretReference(value: string): boolean {
  return value.startsWith('env:') || value.startsWith('file:');
}

/** Reads any supported version into the current one. `source` names the file in errors. */
export function migrateProfile(raw: unknown, source: string): ProfileDocument {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(source, [{ field: '/', message: 'must be a JSON object' }]);
  }
  const doc = raw as Record<string, unknown>;
  if (doc.schemaVersion === PROFILE_SCHEMA_VERSION) return checkDocument(doc, source);
  if (doc.version === 1 && doc.schemaVersion === undefined) return checkDocument(fromV1(doc as unknown as ProfileDocumentV1) as unknown as Record<string, unknown>, source);
  const seen = doc.schemaVersion ?? doc.version;
  const message =
    typeof seen === 'number' && seen > PROFILE_SCHEMA_VERSION
      ? `schemaVersion ${seen} was written by a newer version of this connector (this one reads up to ${PROFILE_SCHEMA_VERSION})`
      : `unknown profile format (schemaVersion ${JSON.stringify(seen)}); expected ${PROFILE_SCHEMA_VERSION} or the older version 1`;
  throw invalid(source, [{ field: '/schemaVersion', message }]);
}

function fromV1(v1: ProfileDocumentV1): ProfileDocument {
  const connection: ProfileConnection = {};
  if (v1.merchantId !== undefined) connection.sellerId = v1.merchantId;
  if (v1.authToken !== undefined) connection.mwsAuthToken = v1.authToken;
  if (v1.accessKeyId !== undefined) connection.awsAccessKeyId = v1.accessKeyId;
  if (v1.secretAccessKey !== undefined) connection.secretKey = v1.secretAccessKey;
  if (v1.region !== undefined) connection.region = v1.region;
  if (typeof v1.marketplaceId === 'string') {
    connection.marketplaceIds = v1.marketplaceId.split(',').map((id) => id.trim()).filter((id) => id !== '');
  }
  if (v1.host !== undefined) connection.endpoint = v1.host;
  const saved = v1.saved ?? new Date(0).toISOString();
  return { schemaVersion: 2, name: v1.profile, createdAt: saved, updatedAt: saved, connection };
}

function checkDocument(doc: Record<string, unknown>, source: string): ProfileDocument {
  const problems: FieldProblem[] = [];
  if (typeof doc.name !== 'string' || !PROFILE_NAME_PATTERN.test(doc.name)) {
    problems.push({ field: '/name', message: 'must be a profile name (letters, digits, ".", "_", "-"; at most 64)' });
  }
  for (const key of ['createdAt', 'updatedAt'] as const) {
    if (typeof doc[key] !== 'string') problems.push({ field: `/${key}`, message: 'must be an ISO 8601 date string' });
  }
  problems.push(...checkConnection(doc.connection, '/connection', { partial: false }));
  if (problems.length > 0) throw invalid(source, problems);
  return doc as unknown as ProfileDocument;
}

/**
 * Shape checks a profile can make on its own (the connection's full rules, which need the catalog,
 * run when it is used). With `partial`, `null` is allowed: it removes a property in an update.
 */
export function checkConnection(value: unknown, base: string, options: { partial: boolean }): FieldProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ field: base || '/', message: 'must be an object of connection properties' }];
  }
  const problems: FieldProblem[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = `${base}/${key}`;
    if (!KNOWN_FIELDS.has(key)) {
      problems.push({ field, message: `is not a connection property (expected one of ${[...KNOWN_FIELDS].join(', ')})` });
      continue;
    }
    if (v === undefined || (options.partial && v === null)) continue;
    if ((STRING_FIELDS as readonly string[]).includes(key)) {
      if (typeof v !== 'string' || v.length === 0) problems.push({ field, message: 'must be a non-empty string' });
      else if ((SECRET_FIELDS as readonly string[]).includes(key) && isSecretReference(v) && !REFERENCE_PATTERN.test(v)) {
        problems.push({ field, message: 'must be a value, env:NAME (NAME letters, digits, _) or file:PATH' });
      }
    } else if (key === 'marketplaceIds') {
      if (!Array.isArray(v) || v.length === 0) problems.push({ field, message: 'must be a non-empty array of marketplace ids' });
      else v.forEach((id, i) => {
        if (typeof id !== 'string' || id.length === 0) problems.push({ field: `${field}/${i}`, message: 'must be a non-empty string' });
      });
    } else if (key === 'timeScale') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) problems.push({ field, message: 'must be a positive number' });
    } else if (key === 'timeouts') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) problems.push({ field, message: 'must be an object of millisecond values' });
      else for (const [name, ms] of Object.entries(v)) {
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) problems.push({ field: `${field}/${name}`, message: 'must be a positive number of milliseconds' });
      }
    }
  }
  return problems;
}

function invalid(source: string, details: FieldProblem[]): ValidationError {
  return new ValidationError(`Connection profile ${source} is invalid: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details, {
    code: 'CONFIG_INVALID',
  });
}
