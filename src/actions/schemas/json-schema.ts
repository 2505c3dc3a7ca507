/** The small JSON Schema (draft-07) vocabulary the generated schemas use, plus this connector's `x-` keywords. */
export type JsonSchema = { [keyword: string]: unknown };

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** ISO 8601 date or date-time, as src/mws/params.ts accepts it (ajv's `date-time` format would refuse a bare date). */
export const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';
export const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?$';

/** Input names that take the connection's marketplaces when omitted (ARCHITECTURE §3.1). */
export { MARKETPLACE_LISTS } from '../../mws/params';

/** The definition a local `$ref` names (`{}` when `root` lacks it), or `schema` itself when it is no reference. */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  return (root.definitions as Record<string, JsonSchema> | undefined)?.[schema.$ref.replace('#/definitions/', '')] ?? {};
}

/** A generated file's text: two-space JSON, newline-terminated. Keys keep the builders' order, which is deterministic. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
