/** Reads the checked-in connector.json and schemas, compiled the way the runtime compiles them (ajv draft-07). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const ROOT = join(__dirname, '..', '..');

export type Json = Record<string, unknown>;

export function readJson<T = Json>(relative: string): T {
  return JSON.parse(readFileSync(join(ROOT, relative), 'utf8')) as T;
}

export interface ManifestActionEntry {
  id: string;
  operation?: string;
  kind: string;
  visibility: string;
  input: string;
  output: string;
  sampleOutput: unknown;
  [key: string]: unknown;
}

export function manifest(): Json & { actions: ManifestActionEntry[] } {
  return readJson('connector.json');
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** A validator for a schema file, compiled once per test file. */
export function validatorFor(relative: string): ValidateFunction {
  let validate = compiled.get(relative);
  if (!validate) {
    const schema = readJson(relative);
    validate = ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema);
    compiled.set(relative, validate);
  }
  return validate;
}
