/**
 * Action output schemas from the catalog's response shapes (ARCHITECTURE §3.1 "Output"). Outputs are open:
 * every object allows unknown properties and enumerations are listed as `x-known-values`, never closed, so
 * data Amazon adds later still validates. Lists are arrays, int and boolean typed, decimals and dates text.
 */
import { catalog } from '../../mws/catalog';
import type { ElementSpec, OperationSpec } from '../../mws/catalog/types';
import { DRAFT_07, type JsonSchema } from './json-schema';

function scalarSchema(type: string, values: string[] | undefined): JsonSchema {
  let out: JsonSchema;
  switch (type) {
    case 'int':
      out = { type: 'integer' };
      break;
    case 'boolean':
      out = { type: 'boolean' };
      break;
    case 'decimal':
      out = { type: 'string', 'x-decimal': true };
      break;
    case 'dateTime':
      out = { type: 'string', 'x-dateTime': true };
      break;
    case 'string':
      out = { type: 'string' };
      break;
    default:
      out = {};
  }
  if (values && values.length > 0) out['x-known-values'] = [...values];
  return out;
}

const SCALARS = new Set(['string', 'int', 'decimal', 'boolean', 'dateTime', 'any']);

/** Collects the definitions a schema refers to while building it. */
class DefinitionBuilder {
  readonly definitions: Record<string, JsonSchema> = {};

  typeSchema(type: string, values?: string[]): JsonSchema {
    if (SCALARS.has(type)) return scalarSchema(type, values);
    const datatype = catalog.datatypes[type];
    if (!datatype) return {};
    if (datatype.elements.length === 0) return scalarSchema('string', datatype.values ?? values);
    if (!(type in this.definitions)) {
      this.definitions[type] = {}; // placeholder first: datatypes may refer to themselves
      this.definitions[type] = this.objectSchema(datatype.elements);
    }
    return { $ref: `#/definitions/${type}` };
  }

  elementSchema(element: ElementSpec): JsonSchema {
    const item = this.typeSchema(element.type, element.values);
    if (!element.list && SCALARS.has(element.type) && element.name.endsWith('List')) {
      // The reference types a few `…List` elements as scalars that the service sends as `<member>` lists
      // (FulfillmentOrder NotificationEmailList); the normaliser keeps those as a tree, so accept both.
      return { anyOf: [item, { type: 'object' }, { type: 'array' }], 'x-note': 'typed as a scalar by the reference; may arrive as a member list' };
    }
    return element.list ? { type: 'array', items: item } : item;
  }

  objectSchema(elements: ElementSpec[]): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    let arbitrary = false;
    for (const element of elements) {
      if (element.type === 'any' && element.name === 'Any') {
        arbitrary = true; // arbitrary XML (Products AttributeSets): any child element may appear
        continue;
      }
      properties[element.name] = this.elementSchema(element);
    }
    return { type: 'object', properties, additionalProperties: true, ...(arbitrary ? { 'x-arbitraryXml': true } : {}) };
  }
}

/** What a raw-document operation's action returns. */
export const DOCUMENT_OUTPUT: JsonSchema = {
  type: 'object',
  properties: { document: { type: 'string', description: 'The document text, decoded with the charset Amazon named; Content-MD5 checked.' } },
  required: ['document'],
  additionalProperties: true,
};

export function outputSchemaFor(op: OperationSpec, actionId: string): JsonSchema {
  const builder = new DefinitionBuilder();
  let body: JsonSchema;
  if (op.response.rawBody) {
    body = DOCUMENT_OUTPUT;
  } else if (op.response.resultRepeats) {
    body = { type: 'array', items: builder.objectSchema(op.response.elements) };
  } else {
    body = builder.objectSchema(op.response.elements);
  }
  const names = Object.keys(builder.definitions).sort();
  return {
    $schema: DRAFT_07,
    $id: `schemas/actions/${actionId}.output.json`,
    title: `${actionId} output`,
    ...body,
    ...(names.length > 0 ? { definitions: Object.fromEntries(names.map((n) => [n, builder.definitions[n]])) } : {}),
  };
}

/** The schema of one datatype (e.g. `Orders.Order`) with the definitions it needs, for hand-written outputs. */
export function datatypeSchema(type: string): { schema: JsonSchema; definitions: Record<string, JsonSchema> } {
  const builder = new DefinitionBuilder();
  const schema = builder.typeSchema(type);
  const names = Object.keys(builder.definitions).sort();
  return { schema, definitions: Object.fromEntries(names.map((n) => [n, builder.definitions[n] as JsonSchema])) };
}
