/**
 * Checks a connector's `connector.json` before anything of it runs: its shape (the manifest contract,
 * written here so the runtime never trusts a package's own copy), the files it names, and whether this
 * runtime and this Node can run it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as semver from 'semver';
import { ValidationError, type FieldProblem } from '../mws/errors';
import { resolveInside } from './paths';
import { toFieldProblems } from './schemas';
import { RUNTIME_API_VERSION, type ConnectorManifest } from './types';

const relativePath = { type: 'string', minLength: 1 } as const;

/** The manifest contract; unknown top-level properties are allowed so newer manifests still load. */
const MANIFEST_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'version', 'engine', 'entry', 'connection', 'actions'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    name: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
    vendor: { type: 'string' },
    engine: {
      type: 'object',
      required: ['node', 'runtimeApi'],
      properties: { node: { type: 'string', minLength: 1 }, runtimeApi: { type: 'string', minLength: 1 } },
    },
    entry: relativePath,
    connection: {
      anyOf: [relativePath, { type: 'object', required: ['schema'], properties: { schema: relativePath } }],
    },
    license: {
      type: 'object',
      properties: {
        feature: { type: 'string' },
        product: { type: 'string' },
        publicKeys: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'description', 'section', 'kind', 'visibility', 'input', 'output'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*\\.[A-Za-z][A-Za-z0-9]*$' },
          title: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          section: { type: 'string', minLength: 1 },
          operation: { type: 'string' },
          kind: { enum: ['action', 'trigger'] },
          visibility: { enum: ['normal', 'advanced', 'deprecated'] },
          input: relativePath,
          output: relativePath,
          longRunning: { type: 'boolean' },
          idempotent: { type: 'boolean' },
          recovery: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Validates `raw` as the manifest of the connector folder `root`; throws MANIFEST_INVALID listing every problem. */
export function checkManifest(raw: unknown, root: string): ConnectorManifest {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(MANIFEST_SCHEMA);
  if (!compiled(raw)) {
    throw manifestError(toFieldProblems(compiled.errors ?? []).map(({ field, message }) => ({ field, message })));
  }
  const manifest = raw as ConnectorManifest;
  const problems: FieldProblem[] = [];
  // The entry is checked by the loader (a source checkout may load src/connector.ts instead); the rest here.
  resolveEntry(manifest, root, problems);
  const files: Array<[string, string]> = [['/connection', connectionSchemaPath(manifest)]];
  const ids = new Set<string>();
  manifest.actions.forEach((action, i) => {
    if (ids.has(action.id)) problems.push({ field: `/actions/${i}/id`, message: `duplicates action ${action.id}` });
    ids.add(action.id);
    files.push([`/actions/${i}/input`, action.input], [`/actions/${i}/output`, action.output]);
  });
  for (const [field, relative] of files) {
    try {
      if (!fs.statSync(resolveInside(root, relative, field)).isFile()) problems.push({ field, message: `${relative} is not a file` });
    } catch (err) {
      problems.push({ field, message: err instanceof ValidationError ? 'must be a path inside the connector folder' : `${relative} does not exist` });
    }
  }
  if (!semver.validRange(manifest.engine.node)) {
    problems.push({ field: '/engine/node', message: 'must be a semver range' });
  } else if (!semver.satisfies(process.versions.node, manifest.engine.node)) {
    problems.push({ field: '/engine/node', message: `needs Node ${manifest.engine.node}; this is ${process.versions.node}` });
  }
  const api = semver.coerce(manifest.engine.runtimeApi);
  if (api === null || api.major !== semver.major(RUNTIME_API_VERSION)) {
    problems.push({ field: '/engine/runtimeApi', message: `needs runtime API ${manifest.engine.runtimeApi}; this runtime implements ${RUNTIME_API_VERSION}` });
  }
  if (problems.length > 0) throw manifestError(problems);
  return manifest;
}

/**
 * The file to require for the manifest's `entry`. In a source checkout run under ts-node or jest (a `.ts`
 * loader is registered) whose entry has not been built yet, that is `src/connector.ts`, so the CLI and tests
 * work from the repository without `npm run build`. Packages always carry their built entry.
 */
export function resolveEntry(manifest: ConnectorManifest, root: string, problems: FieldProblem[] = []): string | undefined {
  let entry: string;
  try {
    entry = resolveInside(root, manifest.entry, '/entry');
  } catch {
    problems.push({ field: '/entry', message: 'must be a path inside the connector folder' });
    return undefined;
  }
  if (fs.existsSync(entry)) return entry;
  const source = path.join(root, 'src', 'connector.ts');
  // ts-node registers a .ts extension; jest transforms .ts on require without registering one.
  const typescriptLoader = require.extensions['.ts'] !== undefined || process.env.JEST_WORKER_ID !== undefined;
  if (typescriptLoader && fs.existsSync(source)) return source;
  problems.push({ field: '/entry', message: `${manifest.entry} does not exist (run npm run build)` });
  return undefined;
}

export function connectionSchemaPath(manifest: ConnectorManifest): string {
  return typeof manifest.connection === 'string' ? manifest.connection : manifest.connection.schema;
}

export function manifestError(details: FieldProblem[]): ValidationError {
  return new ValidationError(`connector.json is invalid: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details, {
    code: 'MANIFEST_INVALID',
  });
}
