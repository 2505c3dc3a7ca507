/**
 * `mws-connector validate`: checks a connector folder or package the way a studio would before trusting it —
 * the manifest, every schema (compiles; its `examples` pass and its `x-counterExamples` fail), each action's
 * sample output against its output schema, that secrets are marked in the connection schema, and that no test
 * license key ships. Each finding names the file and JSON path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTestKeyIds } from '../license/keys';
import { MwsConnectorError } from '../mws/errors';
import { connectionSchemaPath } from '../runtime/manifest';
import { SchemaSet } from '../runtime/schemas';
import type { ConnectorManifest } from '../runtime/types';

export interface Finding {
  /** File and JSON path, e.g. `schemas/actions/orders.ListOrders.input.json#/examples/0`. */
  path: string;
  message: string;
}

export interface ValidationReport {
  connector: string;
  root: string;
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
  counts: { actions: number; schemas: number; examples: number; counterExamples: number; samples: number };
}

/** Connection properties that must be marked secret (`x-secret`, `writeOnly` or `format: password`). */
const SECRET_NAME = /secret|token|password|private/i;

type Schema = Record<string, unknown>;

export async function validateConnectorSource(source: string | undefined): Promise<ValidationReport> {
  const { loadConnector, packageRoot } = await import('../runtime');
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const counts = { actions: 0, schemas: 0, examples: 0, counterExamples: 0, samples: 0 };
  let root = path.resolve(source ?? packageRoot());
  let manifest: ConnectorManifest;
  try {
    const loaded = loadConnector(root);
    root = loaded.root;
    manifest = loaded.manifest;
    if (!loaded.verified) warnings.push({ path: 'checksums.json', message: 'absent: the folder is not a checked package (npm run package makes one)' });
  } catch (err) {
    const e = err instanceof MwsConnectorError ? err : new MwsConnectorError('MANIFEST_INVALID', String(err));
    const details = e.details?.length ? e.details : [{ field: e.field ?? '', message: e.message }];
    for (const d of details) errors.push({ path: `connector.json#${d.field.startsWith('/') ? d.field : `/${d.field}`}`, message: d.message });
    return { connector: '(unreadable)', root, ok: false, errors, warnings, counts };
  }

  const schemas = new SchemaSet(root);
  const seen = new Set<string>();
  const checkSchema = (relative: string, role: 'connection' | 'input' | 'output', sample?: { value: unknown; where: string }): void => {
    if (seen.has(relative)) return;
    seen.add(relative);
    let schema: Schema;
    try {
      schema = JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')) as Schema;
      schemas.validator(relative);
      counts.schemas++;
    } catch (err) {
      errors.push({ path: relative, message: err instanceof MwsConnectorError ? (err.details?.[0]?.message ?? err.message) : String(err) });
      return;
    }
    const validate = schemas.validator(relative);
    const examples = Array.isArray(schema.examples) ? schema.examples : [];
    if (examples.length === 0 && role !== 'output') warnings.push({ path: `${relative}#/examples`, message: 'no example: studios show one to users' });
    examples.forEach((example, i) => {
      counts.examples++;
      if (!validate(example)) errors.push({ path: `${relative}#/examples/${i}`, message: `the example does not match its schema: ${ajvText(validate.errors)}` });
    });
    const counter = Array.isArray(schema['x-counterExamples']) ? (schema['x-counterExamples'] as unknown[]) : [];
    counter.forEach((example, i) => {
      counts.counterExamples++;
      if (validate(example)) errors.push({ path: `${relative}#/x-counterExamples/${i}`, message: 'the counter-example is accepted by its schema (it must be refused)' });
    });
    if (sample) {
      counts.samples++;
      if (!validate(sample.value)) errors.push({ path: sample.where, message: `the sample output does not match ${relative}: ${ajvText(validate.errors)}` });
    }
    if (role === 'connection') checkSecretMarking(schema, relative, errors);
  };

  checkSchema(connectionSchemaPath(manifest), 'connection');
  manifest.actions.forEach((action, i) => {
    counts.actions++;
    checkSchema(action.input, 'input');
    const sample = action.sampleOutput !== undefined ? { value: action.sampleOutput, where: `connector.json#/actions/${i}/sampleOutput` } : undefined;
    if (!sample) warnings.push({ path: `connector.json#/actions/${i}`, message: `${action.id} has no sampleOutput` });
    checkSchema(action.output, 'output', sample);
    if (!action.description || action.description.trim() === '') warnings.push({ path: `connector.json#/actions/${i}/description`, message: `${action.id} has no description` });
  });
  for (const keyId of findTestKeyIds(manifest.license?.publicKeys)) {
    errors.push({ path: `connector.json#/license/publicKeys/${keyId}`, message: 'a test key must never ship in a manifest' });
  }
  return { connector: `${manifest.id}@${manifest.version}`, root, ok: errors.length === 0, errors, warnings, counts };
}

function checkSecretMarking(schema: Schema, file: string, errors: Finding[]): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    const marked = property['x-secret'] === true || property.writeOnly === true || property.format === 'password';
    if (SECRET_NAME.test(name) && !marked) errors.push({ path: `${file}#/properties/${name}`, message: 'a secret property must be marked (x-secret: true, writeOnly or format: password)' });
  }
  for (const name of ['secretKey', 'mwsAuthToken']) {
    if (!(name in properties)) errors.push({ path: `${file}#/properties`, message: `the connection schema has no ${name}` });
  }
}

function ajvText(errors: Array<{ instancePath: string; message?: string }> | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}
