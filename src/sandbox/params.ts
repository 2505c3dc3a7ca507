/**
 * Parameter checks from the catalog, as MWS's backends made them: required values, scalar formats, enumerations,
 * list maxima, numeric ranges and cross-field rules. Errors use MWS's codes (InvalidParameterValue; Feeds/Reports'
 * Coral-style ValidationError for missing values; MerchantFulfillment's InvalidRequest) with messages in our words.
 */
import type { ConstraintSpec, OperationSpec, ParamSpec } from '../mws/catalog/types';
import { SandboxError } from './types';

/** The authentication/common parameters every request carries; they are not operation parameters. */
export const COMMON_PARAMS = new Set([
  'AWSAccessKeyId',
  'Action',
  'SellerId',
  'Merchant',
  'MWSAuthToken',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'Timestamp',
  'Expires',
  'Version',
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a parameter lives on the wire: one key, or the indices of a list, or the keys of a structure. */
interface WireShape {
  /** Scalar: the exact key. */
  key?: string;
  /** Lists: matches a key and captures its (first) index. */
  item?: RegExp;
  /** Structures (not lists): any key with this prefix. */
  prefix?: string;
}

const shapes = new WeakMap<ParamSpec, WireShape>();

function wireShape(param: ParamSpec): WireShape {
  const cached = shapes.get(param);
  if (cached) return cached;
  const wire = param.wireName ?? param.name;
  let shape: WireShape;
  const listAt = wire.search(/\.N(\.|$)/);
  if (listAt >= 0) {
    const before = escapeRegExp(wire.slice(0, listAt));
    const structured = wire.slice(listAt + 2).length > 0;
    shape = { item: new RegExp(`^${before}\\.(\\d+)${structured ? '\\.' : '$'}`) };
  } else if (wire.includes('.<')) {
    shape = { prefix: wire.slice(0, wire.indexOf('.<') + 1) };
  } else {
    shape = { key: wire };
  }
  shapes.set(param, shape);
  return shape;
}

/** Values of a scalar or scalar-list parameter, in index order (`undefined` entries are structure lists). */
export function paramValues(param: ParamSpec, params: Record<string, string>): string[] {
  const shape = wireShape(param);
  if (shape.key !== undefined) return params[shape.key] === undefined ? [] : [params[shape.key] as string];
  if (shape.prefix !== undefined) return Object.keys(params).some((k) => k.startsWith(shape.prefix as string)) ? [''] : [];
  const byIndex = new Map<number, string>();
  for (const [key, value] of Object.entries(params)) {
    const match = shape.item?.exec(key);
    if (match) {
      const index = Number(match[1]);
      if (!byIndex.has(index)) byIndex.set(index, value);
    }
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** True when the request carries any wire key of the parameter. */
export function isPresent(param: ParamSpec, params: Record<string, string>): boolean {
  return paramValues(param, params).length > 0;
}

/** Number of entries of a list parameter (the token cost of item-costed Products calls). */
export function itemCount(op: OperationSpec, params: Record<string, string>): number {
  const name = op.throttle.itemParam;
  const param = name ? op.params.find((p) => p.name === name) : undefined;
  return param ? Math.max(1, paramValues(param, params).length) : 1;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** MWS accepted ISO 8601 date-times and plain dates (LIVE: `CreatedAfter=2015-01-01`); no zone means UTC. */
export function parseIsoDate(value: string): number | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const zoned = /T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

function invalid(message: string): SandboxError {
  return new SandboxError(400, 'InvalidParameterValue', message);
}

function missing(op: OperationSpec, param: ParamSpec): SandboxError {
  const wire = param.wireName ?? param.name;
  if (op.section === 'Feeds' || op.section === 'Reports') {
    const member = param.name.charAt(0).toLowerCase() + param.name.slice(1);
    return new SandboxError(400, 'ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  const code = op.section === 'MerchantFulfillment' ? 'InvalidRequest' : 'InvalidParameterValue';
  return new SandboxError(400, code, `The required parameter ${param.name} (${wire}) is missing.`);
}

function checkScalar(param: ParamSpec, wireKey: string, value: string): void {
  switch (param.type) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(value)) throw invalid(`Value '${value}' for parameter ${wireKey} is invalid: expected an integer.`);
      const n = Number(value);
      if (!param.list && param.min !== undefined && n < param.min) throw invalid(`Value ${value} for parameter ${wireKey} is below the minimum of ${param.min}.`);
      if (!param.list && param.max !== undefined && n > param.max) throw invalid(`Value ${value} for parameter ${wireKey} is above the maximum of ${param.max}.`);
      break;
    }
    case 'boolean':
      if (!/^(true|false)$/i.test(value)) throw invalid(`Value '${value}' for parameter ${wireKey} is invalid: expected true or false.`);
      break;
    case 'dateTime':
      if (parseIsoDate(value) === undefined) throw invalid(`Value '${value}' for parameter ${wireKey} is invalid: expected an ISO 8601 date-time such as 2020-01-31T12:00:00Z.`);
      break;
    case 'decimal':
      if (!/^[+-]?\d+(\.\d+)?$/.test(value)) throw invalid(`Value '${value}' for parameter ${wireKey} is invalid: expected a decimal number.`);
      break;
    default:
      break;
  }
  if (param.values && param.values.length > 0 && !param.values.includes(value)) {
    throw invalid(`Value '${value}' for parameter ${wireKey} is invalid: expected one of ${param.values.join(', ')}.`);
  }
  if (param.maxLength !== undefined && value.length > param.maxLength) {
    throw invalid(`Value for parameter ${wireKey} is ${value.length} characters long; at most ${param.maxLength} are allowed.`);
  }
}

function checkParam(op: OperationSpec, param: ParamSpec, params: Record<string, string>): void {
  const values = paramValues(param, params);
  if (values.length === 0) {
    if (param.required === true) throw missing(op, param);
    return;
  }
  const structured = param.type.includes('.');
  if (param.list && param.max !== undefined && values.length > param.max) {
    throw invalid(`Parameter ${param.name} has ${values.length} values; at most ${param.max} are allowed.`);
  }
  if (structured) return; // nested fields are the handler's business
  const wire = param.wireName ?? param.name;
  values.forEach((value, i) => checkScalar(param, param.list ? wire.replace('.N', `.${i + 1}`) : wire, value));
}

function checkConstraint(op: OperationSpec, constraint: ConstraintSpec, params: Record<string, string>): void {
  const byName = (name: string): ParamSpec | undefined => op.params.find((p) => p.name === name);
  const present = (name: string): boolean => {
    const param = byName(name);
    return param ? isPresent(param, params) : params[name] !== undefined;
  };
  const count = constraint.params.filter(present).length;
  const [first, ...rest] = constraint.params;
  let broken = false;
  switch (constraint.kind) {
    case 'exactlyOneOf':
      broken = count !== 1;
      break;
    case 'atMostOneOf':
      broken = count > 1;
      break;
    case 'atLeastOneOf':
      broken = count === 0;
      break;
    case 'requiredWith':
      broken = first !== undefined && present(first) && rest.some((name) => !present(name));
      break;
    case 'excludes':
      broken = first !== undefined && present(first) && rest.some(present);
      break;
    case 'requiredTogether': {
      if (constraint.values && first !== undefined) {
        const param = byName(first);
        const given = param ? paramValues(param, params) : [];
        const hits = constraint.values.filter((v) => given.includes(v)).length;
        broken = hits > 0 && hits < constraint.values.length;
      } else {
        broken = count > 0 && count < constraint.params.length;
      }
      break;
    }
    case 'requiredIfValue': {
      const when = constraint.when;
      if (when && params[byName(when.param)?.wireName ?? when.param] === when.value) broken = constraint.params.some((name) => !present(name));
      break;
    }
  }
  if (broken) throw invalid(constraint.message.charAt(0).toUpperCase() + constraint.message.slice(1) + '.');
}

/** Throws the first problem as MWS would have reported it; returns quietly when the request is acceptable. */
export function checkParams(op: OperationSpec, params: Record<string, string>): void {
  for (const param of op.params) {
    if (param.in === 'body') continue;
    checkParam(op, param, params);
  }
  for (const constraint of op.constraints) checkConstraint(op, constraint, params);
}

/** The request's operation parameters: everything but the authentication/common ones. */
export function operationParams(params: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (!COMMON_PARAMS.has(key)) result[key] = value;
  return result;
}
