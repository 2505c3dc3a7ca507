/**
 * Call parameters: validation of the input form (ARCHITECTURE §3.1 names: lists as arrays, structures as objects)
 * and its translation to MWS wire parameters (`MarketplaceId.Id.1`, `Items.member.1.SellerSKU`, ...).
 * Common parameters (Action, Version, SellerId, auth, Timestamp) are the client's business, not this module's.
 */
import { editDistance } from '../util/edit-distance';
import { type BodySource, isBodySource } from './body';
import { FieldProblem, ValidationError } from './errors';
import type { ConstraintSpec, FieldSpec, OperationSpec, ParamSpec, ValueShape } from './catalog/types';

type Input = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function isPlainObject(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : `${typeof value} ${String(value)}`;
}

/** Absent for constraint purposes: not given, or given empty. */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** A candidate that differs from `name` only in case, a `List` suffix or at most two edits. */
function closeName(name: string, candidates: string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = candidates.find((c) => {
    const cl = c.toLowerCase();
    return cl === lower || cl === `${lower}list` || `${cl}list` === lower;
  });
  return exact ?? candidates.find((c) => editDistance(lower, c.toLowerCase()) <= 2);
}


function checkScalar(shape: ValueShape, value: unknown, path: string, problems: FieldProblem[]): void {
  const fail = (expected: string): void => {
    problems.push({ field: path, message: `expected ${expected}, got ${describe(value)}` });
  };
  switch (shape.type) {
    case 'any':
      return;
    case 'int':
      if (!(typeof value === 'number' && Number.isInteger(value)) && !(typeof value === 'string' && INTEGER.test(value))) return fail('a whole number');
      break;
    case 'decimal':
      // A number is accepted only when its text is a plain decimal (1e-7 would reach MWS as "1e-7").
      if (!((typeof value === 'number' || typeof value === 'string') && DECIMAL.test(String(value)))) return fail('a decimal number such as "19.99"');
      break;
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') return fail('true or false');
      break;
    case 'dateTime':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) return fail('a valid date');
      } else if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
        return fail('an ISO 8601 date-time such as 2020-01-31T00:00:00Z');
      }
      break;
    default:
      if (typeof value !== 'string') return fail('a string');
      if (shape.maxLength !== undefined && value.length > shape.maxLength) {
        problems.push({ field: path, message: `expected at most ${shape.maxLength} characters, got ${value.length}` });
      }
  }
  if (shape.values && !shape.values.includes(String(value))) {
    const list = shape.values.length > 12 ? `${shape.values.slice(0, 12).join(', ')}, … (${shape.values.length} values)` : shape.values.join(', ');
    problems.push({ field: path, message: `expected one of ${list}, got ${describe(value)}` });
  }
}

function checkStructure(fields: FieldSpec[], value: unknown, path: string, problems: FieldProblem[]): void {
  if (!isPlainObject(value)) {
    problems.push({ field: path, message: `expected an object with ${fields.map((f) => f.name).join(', ')}, got ${describe(value)}` });
    return;
  }
  const names = fields.map((f) => f.name);
  for (const key of Object.keys(value)) {
    if (names.includes(key) || value[key] === undefined) continue;
    const hint = closeName(key, names);
    problems.push({ field: `${path}.${key}`, message: `unknown field${hint ? `; did you mean ${hint}?` : `; expected one of ${names.join(', ')}`}` });
  }
  for (const field of fields) {
    const v = value[field.name];
    if (v === undefined) {
      if (field.required) problems.push({ field: `${path}.${field.name}`, message: 'is required' });
      continue;
    }
    checkValue(field, v, `${path}.${field.name}`, problems);
  }
}

function checkItem(shape: ValueShape, value: unknown, path: string, problems: FieldProblem[]): void {
  if (shape.fields) checkStructure(shape.fields, value, path, problems);
  else checkScalar(shape, value, path, problems);
}

function checkValue(shape: ValueShape, value: unknown, path: string, problems: FieldProblem[], maxItems?: number): void {
  if (!shape.list) {
    checkItem(shape, value, path, problems);
    return;
  }
  if (!Array.isArray(value)) {
    problems.push({ field: path, message: `expected an array, got ${describe(value)}` });
    return;
  }
  if (maxItems !== undefined && value.length > maxItems) {
    problems.push({ field: path, message: `expected at most ${maxItems} items, got ${value.length}` });
  }
  value.forEach((item, i) => checkItem(shape, item, `${path}[${i}]`, problems));
}

function checkParam(param: ParamSpec, value: unknown, problems: FieldProblem[]): void {
  const path = param.name;
  if (param.in === 'body') {
    if (typeof value !== 'string' && !Buffer.isBuffer(value) && !(value instanceof Uint8Array) && !isBodySource(value)) {
      problems.push({ field: path, message: `expected the document as a string, a Buffer, { path } of a file or { open } returning a Readable, got ${describe(value)}` });
    }
    return;
  }
  // On a list `max` is the item limit; on a number it is the largest value.
  checkValue(param, value, path, problems, param.list ? param.max : undefined);
  if (!param.list && param.type === 'int' && (typeof value === 'number' || (typeof value === 'string' && INTEGER.test(value)))) {
    const n = Number(value);
    if (param.min !== undefined && n < param.min) problems.push({ field: path, message: `expected at least ${param.min}, got ${n}` });
    if (param.max !== undefined && n > param.max) problems.push({ field: path, message: `expected at most ${param.max}, got ${n}` });
  }
}

function includesValue(value: unknown, wanted: string): boolean {
  return Array.isArray(value) ? value.map(String).includes(wanted) : String(value) === wanted;
}

function checkConstraint(c: ConstraintSpec, input: Input, problems: FieldProblem[]): void {
  const present = c.params.filter((p) => isPresent(input[p]));
  const add = (field: string): void => {
    problems.push({ field, message: c.message });
  };
  switch (c.kind) {
    case 'exactlyOneOf':
      if (present.length !== 1) add(present[1] ?? c.params[0]);
      break;
    case 'atMostOneOf':
      if (present.length > 1) add(present[1]);
      break;
    case 'atLeastOneOf':
      if (present.length === 0) add(c.params[0]);
      break;
    case 'requiredWith':
      if (isPresent(input[c.params[0]]) && present.length < c.params.length) add(c.params[0]);
      break;
    case 'requiredTogether':
      if (c.values) {
        const value = input[c.params[0]];
        const held = c.values.filter((v) => isPresent(value) && includesValue(value, v));
        if (held.length > 0 && held.length < c.values.length) add(c.params[0]);
      } else if (present.length > 0 && present.length < c.params.length) {
        for (const p of c.params.filter((q) => !present.includes(q))) add(p);
      }
      break;
    case 'requiredIfValue':
      if (c.when && isPresent(input[c.when.param]) && includesValue(input[c.when.param], c.when.value)) {
        for (const p of c.params.filter((q) => !present.includes(q))) add(p);
      }
      break;
    case 'excludes':
      if (isPresent(input[c.params[0]]) && present.length > 1) add(c.params[0]);
      break;
  }
}


/** The marketplace list parameters a connection fills in when the input leaves them out (ARCHITECTURE §3.1). */
export const MARKETPLACE_LISTS: readonly string[] = ['MarketplaceId', 'MarketplaceIdList'];

/** The input with its required marketplace parameter defaulted to the connection's marketplaces (a copy). */
export function withDefaultMarketplaces(op: OperationSpec, input: Record<string, unknown>, marketplaceIds: readonly string[]): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...input };
  for (const spec of op.params) {
    if (MARKETPLACE_LISTS.includes(spec.name) && spec.required === true && filled[spec.name] === undefined) {
      filled[spec.name] = spec.list ? [...marketplaceIds] : marketplaceIds[0];
    }
  }
  return filled;
}
/**
 * Validates call parameters against the catalog entry. Throws ValidationError (INPUT_INVALID) whose `details` list
 * every problem with its field path: unknown fields, wrong types, missing required values, enum values, list sizes,
 * numeric ranges, lengths and cross-field constraints.
 */
export function validateParams(op: OperationSpec, input: Record<string, unknown>): void {
  const problems: FieldProblem[] = [];
  if (!isPlainObject(input)) {
    problems.push({ field: '', message: `expected an object of ${op.name} parameters, got ${describe(input)}` });
  } else {
    const names = op.params.map((p) => p.name);
    for (const key of Object.keys(input)) {
      if (names.includes(key) || input[key] === undefined) continue;
      const hint = closeName(key, names);
      const expected = names.length > 0 ? `expected one of ${names.join(', ')}` : `${op.name} takes no parameters`;
      problems.push({ field: key, message: `unknown parameter for ${op.name}${hint ? `; did you mean ${hint}?` : `; ${expected}`}` });
    }
    for (const param of op.params) {
      const value = input[param.name];
      if (value === undefined || value === null) {
        if (param.required === true) problems.push({ field: param.name, message: `is required by ${op.name}` });
        continue;
      }
      if (param.list && Array.isArray(value) && value.length === 0 && param.required === true) {
        problems.push({ field: param.name, message: `is required by ${op.name}: expected at least one item` });
        continue;
      }
      checkParam(param, value, problems);
    }
    for (const c of op.constraints) checkConstraint(c, input, problems);
  }
  if (problems.length > 0) {
    const summary = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
    throw new ValidationError(`Invalid parameters for ${op.id}: ${summary}`, problems, { operation: op.id });
  }
}

function scalarToWire(type: string, value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (type === 'boolean') return value === true || value === 'true' ? 'true' : 'false';
  return String(value);
}

function encodeFields(prefix: string, fields: FieldSpec[], value: Input, out: Record<string, string>): void {
  for (const field of fields) {
    const v = value[field.name];
    if (v === undefined || v === null) continue;
    if (field.list) {
      (v as unknown[]).forEach((item, i) => encodeItem(`${prefix}${field.name}.${field.wireItem ?? 'member'}.${i + 1}`, field, item, out));
    } else {
      encodeItem(`${prefix}${field.name}`, field, v, out);
    }
  }
}

function encodeItem(name: string, shape: ValueShape, value: unknown, out: Record<string, string>): void {
  if (shape.fields) encodeFields(`${name}.`, shape.fields, value as Input, out);
  else out[name] = scalarToWire(shape.type, value);
}

/**
 * The wire form of validated call parameters: list members numbered from 1, structure fields dotted, booleans
 * `true`/`false`, Date objects as ISO 8601, decimal strings as given. The `in: body` parameter (FeedContent,
 * InvoiceContent) comes back as `body`; a string body is encoded as UTF-8 (pass a Buffer for other charsets);
 * a file or Readable source (see body.ts) comes back as given, for the client to stream.
 */
export function toWireParams(op: OperationSpec, input: Record<string, unknown>): { params: Record<string, string>; body?: Buffer | BodySource } {
  validateParams(op, input);
  const params: Record<string, string> = {};
  let body: Buffer | BodySource | undefined;
  for (const param of op.params) {
    const value = input[param.name];
    if (value === undefined || value === null) continue;
    if (param.in === 'body') {
      if (isBodySource(value)) body = value;
      else body = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value as Uint8Array);
      continue;
    }
    const wireName = param.wireName as string;
    if (param.list) {
      const base = wireName.replace(/\.N(\.<Field>)?$/, '');
      (value as unknown[]).forEach((item, i) => encodeItem(`${base}.${i + 1}`, param, item, params));
    } else if (param.fields) {
      encodeFields(wireName.replace(/<Field>$/, ''), param.fields, value as Input, params);
    } else {
      params[wireName] = scalarToWire(param.type, value);
    }
  }
  return body === undefined ? { params } : { params, body };
}

/** Tokens a call costs: the number of items for throttles restored per item (Products), else 1. */
export function itemCount(op: OperationSpec, input: Record<string, unknown>): number {
  if (op.throttle.restoreUnit !== 'item' || !op.throttle.itemParam) return 1;
  const items = input[op.throttle.itemParam];
  return Array.isArray(items) ? Math.max(1, items.length) : 1;
}
