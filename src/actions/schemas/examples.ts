/**
 * Examples and counter-examples for the generated schemas: an example input that satisfies the catalog
 * (required parameters and the first choice of every cross-field rule) and runs against the sandbox, inputs
 * that must be refused, and a sample output built from the output schema where Amazon published no sample.
 * Example values come from example-values.ts (Amazon's documented ids, which the sandbox seeds).
 */
import type { FieldSpec, OperationSpec, ParamSpec, ValueShape } from '../../mws/catalog/types';
import { EXAMPLE_DATE, exampleText, operationExample, type ExamplePlace } from './example-values';
import { optionalInAction } from './input';
import { resolveRef, type JsonSchema } from './json-schema';

function scalarExample(shape: ValueShape, place: ExamplePlace): unknown {
  if (shape.values && shape.values.length > 0) return shape.values[0];
  switch (shape.type) {
    case 'int':
      return shape.min !== undefined ? Math.max(shape.min, 1) : 1;
    case 'decimal':
      return '19.99';
    case 'boolean':
      return true;
    case 'dateTime':
      return EXAMPLE_DATE;
    default: {
      const text = exampleText(shape.name, place);
      return shape.maxLength !== undefined ? text.slice(0, shape.maxLength) : text;
    }
  }
}

function valueExample(shape: ValueShape, place: ExamplePlace): unknown {
  const item = shape.fields ? structureExample(shape.fields, place) : scalarExample(shape, place);
  return shape.list ? [item] : item;
}

function structureExample(fields: FieldSpec[], place: ExamplePlace): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field.required) out[field.name] = valueExample(field, { ...place, siblings: fields });
  return out;
}

/** Parameters an example must carry: required ones and the first choice of each rule that asks for one. */
function exampleParams(op: OperationSpec): ParamSpec[] {
  const wanted = new Set(op.params.filter((p) => p.required === true && !optionalInAction(op, p)).map((p) => p.name));
  for (const c of op.constraints) {
    if ((c.kind === 'exactlyOneOf' || c.kind === 'atLeastOneOf') && !c.params.some((p) => wanted.has(p))) wanted.add(c.params[0] as string);
  }
  for (const c of op.constraints) {
    if (c.kind === 'requiredIfValue' && c.when && wanted.has(c.when.param)) {
      const param = op.params.find((p) => p.name === c.when?.param);
      if (param && String(scalarExample(param, { op, siblings: [] })) === c.when.value) c.params.forEach((p) => wanted.add(p));
    }
  }
  return op.params.filter((p) => wanted.has(p.name));
}

/** The documented example input of an operation's action. */
export function exampleInput(op: OperationSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const param of exampleParams(op)) {
    out[param.name] = param.in === 'body' ? '<?xml version="1.0"?><AmazonEnvelope/>' : valueExample(param, { op, siblings: [] });
  }
  return { ...out, ...operationExample(op) };
}

/** Inputs the schema must refuse: an unknown property, a missing required parameter, a value outside an enum. */
export function counterExampleInputs(op: OperationSpec): unknown[] {
  const example = exampleInput(op);
  const out: unknown[] = [{ ...example, NotAnMwsParameter: 'x' }];
  const required = op.params.find((p) => p.required === true && !optionalInAction(op, p));
  if (required) {
    const { [required.name]: _omitted, ...rest } = example;
    out.push(rest);
  }
  const enumParam = op.params.find((p) => p.values && p.values.length > 0 && !p.fields);
  if (enumParam) out.push({ ...example, [enumParam.name]: enumParam.list ? ['NotAKnownValue'] : 'NotAKnownValue' });
  return out;
}

/** A plausible value for an output schema (used when Amazon published no sample response). */
export function sampleFromSchema(schema: JsonSchema, root: JsonSchema, depth = 0): unknown {
  if (typeof schema.$ref === 'string') return depth < 4 ? sampleFromSchema(resolveRef(schema, root), root, depth + 1) : {};
  const known = schema['x-known-values'];
  if (Array.isArray(known) && known.length > 0) return known[0];
  switch (schema.type) {
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema['x-decimal']) return '10.00';
      if (schema['x-dateTime']) return EXAMPLE_DATE;
      return 'example';
    case 'array':
      return depth < 4 ? [sampleFromSchema(schema.items as JsonSchema, root, depth + 1)] : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      for (const [name, property] of Object.entries(properties)) {
        if (depth >= 4 && (property.$ref !== undefined || property.type === 'array')) continue;
        out[name] = sampleFromSchema(property, root, depth + 1);
      }
      return out;
    }
    default:
      return 'example';
  }
}

/** Outputs the schema must refuse: the wrong top-level shape, and a typed field holding text. */
export function counterExampleOutputs(schema: JsonSchema, sample: unknown): unknown[] {
  const out: unknown[] = [schema.type === 'array' ? { notAList: true } : ['not an object']];
  const typed = findTypedPath(schema, schema, sample, 0);
  if (typed) out.push(typed);
  return out;
}

/** The sample with its first integer or boolean property replaced by text (only at the top level or one object down). */
function findTypedPath(schema: JsonSchema, root: JsonSchema, sample: unknown, depth: number): unknown {
  if (depth > 1 || sample === null || typeof sample !== 'object' || Array.isArray(sample)) return undefined;
  const properties = (resolveRef(schema, root).properties ?? {}) as Record<string, JsonSchema>;
  const record = sample as Record<string, unknown>;
  for (const [name, property] of Object.entries(properties)) {
    if (!(name in record)) continue;
    if (property.type === 'integer' || property.type === 'boolean') return { ...record, [name]: 'not typed' };
  }
  for (const [name, property] of Object.entries(properties)) {
    if (!(name in record)) continue;
    const inner = findTypedPath(property, root, record[name], depth + 1);
    if (inner !== undefined) return { ...record, [name]: inner };
  }
  return undefined;
}
