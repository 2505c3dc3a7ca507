/**
 * Action input schemas from the catalog (ARCHITECTURE §3.1): Amazon's parameter names without the wire list
 * suffix, lists as arrays, structures as nested objects, dates as ISO strings. Cross-field rules become JSON
 * Schema where it can say them and are always listed by name in `x-constraints` (enforced by validateParams).
 */
import { findOperation } from '../../mws/catalog';
import type { ConstraintSpec, FieldSpec, OperationSpec, ParamSpec } from '../../mws/catalog/types';
import { splittableList } from '../split';
import { DECIMAL_PATTERN, DRAFT_07, ISO_DATE_PATTERN, MARKETPLACE_LISTS, type JsonSchema } from './json-schema';

interface ScalarShape {
  type: string;
  values?: string[];
  maxLength?: number;
}

function scalarSchema(shape: ScalarShape): JsonSchema {
  switch (shape.type) {
    case 'int':
      return { type: 'integer' };
    case 'decimal':
      return { type: ['string', 'number'], pattern: DECIMAL_PATTERN, description: 'A decimal such as "19.99" (text keeps its exact digits).' };
    case 'boolean':
      return { type: 'boolean' };
    case 'dateTime':
      return { type: 'string', pattern: ISO_DATE_PATTERN, description: 'ISO 8601 date-time, e.g. 2020-01-31T00:00:00Z.' };
    case 'any':
      return {};
    default: {
      const out: JsonSchema = { type: 'string' };
      if (shape.values && shape.values.length > 0) out.enum = [...shape.values];
      if (shape.maxLength !== undefined) out.maxLength = shape.maxLength;
      return out;
    }
  }
}

function structureSchema(fields: FieldSpec[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) properties[field.name] = fieldSchema(field);
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

function fieldSchema(field: FieldSpec): JsonSchema {
  const item = field.fields ? structureSchema(field.fields) : scalarSchema(field);
  return field.list ? { type: 'array', items: item } : item;
}

function paramSchema(op: OperationSpec, param: ParamSpec): JsonSchema {
  if (param.in === 'body') {
    return { type: 'string', description: param.description, 'x-in': 'body' };
  }
  const item = param.fields ? structureSchema(param.fields) : scalarSchema(param);
  const out: JsonSchema = {};
  if (param.list) {
    Object.assign(out, { type: 'array', items: item });
    if (param.required === true) out.minItems = 1;
    if (param.max !== undefined) {
      if (splittableList(op, param)) out['x-maxItemsPerCall'] = param.max;
      else out.maxItems = param.max;
    }
  } else {
    Object.assign(out, item);
    if (param.type === 'int' && param.min !== undefined) out.minimum = param.min;
    if (param.type === 'int' && param.max !== undefined) out.maximum = param.max;
  }
  out.description = describeParam(op, param);
  if (param.default !== undefined && param.default !== 'all') out['x-amazonDefault'] = param.default;
  if (defaultsToConnection(param)) out['x-default'] = 'connection.marketplaceIds';
  if (param.availability) out['x-availability'] = param.availability;
  return out;
}

/** Required by Amazon but filled in by the action or client: the connection's marketplaces, a body's MD5. */
export function optionalInAction(op: OperationSpec, param: ParamSpec): boolean {
  return MARKETPLACE_LISTS.includes(param.name) || (param.name === 'ContentMD5Value' && op.params.some((p) => p.in === 'body'));
}

/** A marketplace parameter Amazon requires: left out, the client sends the connection's marketplaces. */
function defaultsToConnection(param: ParamSpec): boolean {
  return MARKETPLACE_LISTS.includes(param.name) && param.required === true;
}

function describeParam(op: OperationSpec, param: ParamSpec): string {
  const parts = [param.description.trim()];
  if (param.condition) parts.push(`Rule: ${param.condition}.`);
  if (param.list && param.max !== undefined) {
    parts.push(splittableList(op, param) ? `More than ${param.max} items are sent as several calls and merged.` : `At most ${param.max} items.`);
  }
  if (defaultsToConnection(param)) parts.push("Defaults to the connection's marketplaces.");
  if (param.name === 'ContentMD5Value' && op.params.some((p) => p.in === 'body')) parts.push('Computed from the body when omitted.');
  return parts.join(' ').replace(/\.\./g, '.');
}

/**
 * JSON Schema for one constraint, or undefined when only `x-constraints` can say it. `enforced` ones go into the
 * schema's `allOf` because Ajv's messages for them name the fields (`dependencies`, `if`/`then`, and `oneOf`/`anyOf`
 * of `required`, which list each missing field); exclusions (`not`) would surface only as "/ must NOT be valid", so
 * those stay in `x-constraints` (with their JSON Schema under `schema` for studios) and validateParams enforces
 * them with the catalog's message.
 */
function constraintSchema(c: ConstraintSpec): { schema: JsonSchema; enforced: boolean } | undefined {
  const req = (p: string): JsonSchema => ({ required: [p] });
  const pairs = (params: string[]): JsonSchema[] => params.flatMap((a, i) => params.slice(i + 1).map((b) => ({ required: [a, b] })));
  switch (c.kind) {
    case 'exactlyOneOf':
      return { schema: { oneOf: c.params.map(req) }, enforced: true };
    case 'atLeastOneOf':
      return { schema: { anyOf: c.params.map(req) }, enforced: true };
    case 'atMostOneOf':
      return { schema: { not: { anyOf: pairs(c.params) } }, enforced: false };
    case 'excludes':
      return { schema: { dependencies: { [c.params[0] as string]: { not: { anyOf: c.params.slice(1).map(req) } } } }, enforced: false };
    case 'requiredWith':
      return { schema: { dependencies: { [c.params[0] as string]: c.params.slice(1) } }, enforced: true };
    case 'requiredTogether':
      if (c.values) return undefined;
      return { schema: { dependencies: Object.fromEntries(c.params.map((p) => [p, c.params.filter((q) => q !== p)])) }, enforced: true };
    case 'requiredIfValue':
      if (!c.when) return undefined;
      return {
        schema: {
          if: {
            required: [c.when.param],
            properties: { [c.when.param]: { anyOf: [{ const: c.when.value }, { type: 'array', contains: { const: c.when.value } }] } },
          },
          then: { required: c.params },
        },
        enforced: true,
      };
  }
}

/** Extra inputs of a paged operation: follow NextToken inside the action. */
export const PAGING_PROPERTIES: Readonly<Record<string, JsonSchema>> = {
  allPages: { type: 'boolean', default: false, description: 'Follow NextToken and return every page, with the lists concatenated.' },
  maxItems: { type: 'integer', minimum: 1, description: 'With allPages: stop after this many items of the listed records.' },
};

/**
 * Whether an operation's action offers `allPages`: a paged operation that starts a listing and whose
 * `…ByNextToken` partner can be called (not GetReportScheduleList, whose partner MWS never served).
 */
export function offersAllPages(op: OperationSpec): boolean {
  if (op.pagingStyle === null || op.nextTokenOf !== undefined) return false;
  const partner = op.nextToken ? findOperation(`${op.section}.${op.nextToken}`) : undefined;
  return partner !== undefined && partner.deprecated !== true;
}

export function inputSchemaFor(op: OperationSpec, actionId: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const param of op.params) properties[param.name] = paramSchema(op, param);
  if (offersAllPages(op)) Object.assign(properties, PAGING_PROPERTIES);
  const required = op.params.filter((p) => p.required === true && !optionalInAction(op, p)).map((p) => p.name);
  const allOf: JsonSchema[] = [];
  const named: JsonSchema[] = [];
  for (const c of op.constraints) {
    const expressed = constraintSchema(c);
    if (expressed?.enforced) allOf.push({ description: c.message, ...expressed.schema });
    named.push({ ...c, ...(expressed ? { schema: expressed.schema, enforcedBy: expressed.enforced ? 'schema' : 'validateParams' } : { enforcedBy: 'validateParams' }) });
  }
  const schema: JsonSchema = {
    $schema: DRAFT_07,
    $id: `schemas/actions/${actionId}.input.json`,
    title: `${actionId} input`,
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
  if (offersAllPages(op)) allOf.push({ description: 'maxItems applies to allPages', dependencies: { maxItems: ['allPages'] } });
  if (allOf.length > 0) schema.allOf = allOf;
  if (named.length > 0) schema['x-constraints'] = named;
  return schema;
}
