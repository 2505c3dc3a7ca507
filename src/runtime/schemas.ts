/**
 * JSON Schema validation for one loaded connector: one Ajv instance per dialect (created on first use),
 * each schema read and compiled once, on first use. Every Ajv error becomes one `{ field, message }`.
 */
import * as fs from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ValidationError, type ErrorCode, type FieldProblem } from '../mws/errors';
import { resolveInside } from './paths';

type AjvInstance = Ajv | Ajv2020;

// verbose: errors carry their parentSchema, whose `description` names a cross-field rule in people's words.
const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: true, verbose: true } as const;

export class SchemaSet {
  private draft7?: Ajv;
  private draft2020?: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `root`: the connector folder every schema path is relative to. */
  constructor(private readonly root: string) {}

  /** Validates `value` against the schema at `schemaPath`; throws a ValidationError (`code`) listing every problem. */
  check(schemaPath: string, value: unknown, options: { code: ErrorCode; what: string }): void {
    const validate = this.validator(schemaPath);
    if (validate(value)) return;
    const details = toFieldProblems(validate.errors ?? []);
    const code = options.code === 'INPUT_INVALID' && details.length > 0 && details.every((d) => d.limit) ? 'LIST_LIMIT_EXCEEDED' : options.code;
    const plain = details.map(({ field, message }) => ({ field, message }));
    throw new ValidationError(`${options.what} is invalid: ${plain.map((d) => `${d.field} ${d.message}`).join('; ')}`, plain, { code });
  }

  /** Compiles (once) and returns the validator; a schema that is missing or broken is a MANIFEST_INVALID error. */
  validator(schemaPath: string): ValidateFunction {
    const cached = this.compiled.get(schemaPath);
    if (cached) return cached;
    const file = resolveInside(this.root, schemaPath, 'schema');
    let schema: Record<string, unknown>;
    try {
      schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ValidationError(`Schema ${schemaPath} cannot be read`, [{ field: schemaPath, message: describe(err) }], { code: 'MANIFEST_INVALID' });
    }
    const ajv = this.ajvFor(schema);
    let validate: ValidateFunction;
    try {
      const id = typeof schema.$id === 'string' ? schema.$id : undefined;
      validate = (id !== undefined ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema);
    } catch (err) {
      throw new ValidationError(`Schema ${schemaPath} does not compile`, [{ field: schemaPath, message: describe(err) }], { code: 'MANIFEST_INVALID' });
    }
    this.compiled.set(schemaPath, validate);
    return validate;
  }

  /** How many schemas were compiled (tests check that nothing compiles twice). */
  get compiledCount(): number {
    return this.compiled.size;
  }

  private ajvFor(schema: Record<string, unknown>): AjvInstance {
    if (typeof schema.$schema === 'string' && schema.$schema.includes('2020-12')) {
      this.draft2020 ??= withFormats(new Ajv2020(AJV_OPTIONS));
      return this.draft2020;
    }
    this.draft7 ??= withFormats(new Ajv(AJV_OPTIONS));
    return this.draft7;
  }
}

function withFormats<T extends AjvInstance>(ajv: T): T {
  addFormats(ajv as Ajv);
  return ajv;
}

/** Ajv errors → one problem per offending field, paths as JSON Pointers from the validated value's root. */
export function toFieldProblems(errors: ErrorObject[]): Array<FieldProblem & { limit: boolean }> {
  const out: Array<FieldProblem & { limit: boolean }> = [];
  const seen = new Set<string>();
  const push = (field: string, message: string, limit = false): void => {
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ field, message, limit });
  };
  // A described choice between fields (oneOf/anyOf/not, e.g. "exactly one of CreatedAfter / LastUpdatedAfter") is
  // reported once per field it names, with its description; the branch errors inside it would only mislead.
  const rules = errors.filter((e) => COMBINATORS.has(e.keyword) && typeof describedBy(e) === 'string');
  for (const rule of rules) {
    const fields = namedFields(rule.schema);
    for (const name of fields.length > 0 ? fields : ['']) push(`${rule.instancePath}/${name}`.replace(/\/$/, '') || '/', describedBy(rule) as string);
  }
  for (const error of errors) {
    if (rules.some((rule) => error === rule || error.schemaPath.startsWith(`${rule.schemaPath}/`))) continue;
    const at = error.instancePath;
    let field = at === '' ? '/' : at;
    let message = error.message ?? 'is invalid';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      field = `${at}/${String(params.missingProperty)}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const name = params.additionalProperty ?? params.unevaluatedProperty;
      field = `${at}/${String(name)}`;
      message = 'is not an allowed field';
    } else if (error.keyword === 'dependencies' || error.keyword === 'dependentRequired') {
      field = `${at}/${String(params.missingProperty)}`;
      message = `is required when ${String(params.property)} is present`;
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    push(field, message, error.keyword === 'maxItems');
  }
  return out;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'not']);

function describedBy(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { description?: unknown } | undefined;
  return typeof parent?.description === 'string' ? parent.description : undefined;
}

/** Property names a combinator's branches require (`{ oneOf: [{ required: ['A'] }, { required: ['B'] }] }` → A, B). */
function namedFields(schema: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const { required, anyOf, oneOf, not } = node as Record<string, unknown>;
      if (Array.isArray(required)) for (const name of required) if (typeof name === 'string') names.add(name);
      for (const child of [anyOf, oneOf, not]) if (child !== undefined) visit(child);
    }
  };
  visit(schema);
  return [...names];
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
