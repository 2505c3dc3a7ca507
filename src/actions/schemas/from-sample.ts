/**
 * Declares, in an output schema, the elements of Amazon's published sample response that the reference datatypes
 * omit (a Money `Amount` in Finances, `SubCondition` of an offer, ...). Each addition is typed from the sample's
 * normalised value and marked `x-fromSample`, so the schema documents what Amazon actually sent.
 */
import { resolveRef, type JsonSchema } from './json-schema';

function inferred(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', ...(value.length > 0 ? { items: inferred(value[0]) } : {}), 'x-fromSample': true };
  if (value !== null && typeof value === 'object') {
    const properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, inferred(v)]));
    // No `type`: from one sample, XML cannot tell this wrapper from a list of one or, empty, from text.
    return { properties, additionalProperties: true, 'x-fromSample': true };
  }
  if (typeof value === 'number' && Number.isInteger(value)) return { type: 'integer', 'x-fromSample': true };
  if (typeof value === 'boolean') return { type: 'boolean', 'x-fromSample': true };
  return { type: 'string', 'x-fromSample': true };
}

/** Open on purpose: arbitrary XML, or a reference quirk accepted in several shapes. */
function isOpenSchema(schema: JsonSchema): boolean {
  return schema.anyOf !== undefined || schema['x-arbitraryXml'] === true || Object.keys(schema).length === 0;
}

/** Adds to `root` (in place) every object key of `sample` it does not declare. */
export function declareSampleElements(schema: JsonSchema, root: JsonSchema, sample: unknown): void {
  const target = resolveRef(schema, root);
  if (isOpenSchema(target)) return;
  if (Array.isArray(sample)) {
    if (target.items) for (const item of sample) declareSampleElements(target.items as JsonSchema, root, item);
    return;
  }
  if (sample === null || typeof sample !== 'object' || target.type !== 'object') return;
  const properties = (target.properties ??= {}) as Record<string, JsonSchema>;
  for (const [key, value] of Object.entries(sample as Record<string, unknown>)) {
    const known = properties[key];
    if (known) declareSampleElements(known, root, value);
    else properties[key] = inferred(value);
  }
}
