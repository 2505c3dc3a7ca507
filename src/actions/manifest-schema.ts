/**
 * The JSON Schema of connector.json (schemas/manifest.schema.json). The runtime keeps its own, looser copy of the
 * contract (src/runtime/manifest.ts) so it never trusts a package; this one documents every field the connector
 * writes and is checked against the generated manifest by a test.
 */
import { DRAFT_07, type JsonSchema } from './schemas/json-schema';

const path = { type: 'string', minLength: 1, pattern: '^[^/\\\\].*\\.json$' };

const EXAMPLE_ACTION = {
  id: 'orders.ListOrders',
  title: 'List orders',
  description: 'Lists orders created or updated within a time frame.',
  section: 'Orders',
  operation: 'Orders.ListOrders',
  kind: 'action',
  visibility: 'normal',
  input: 'schemas/actions/orders.ListOrders.input.json',
  output: 'schemas/actions/orders.ListOrders.output.json',
  sampleOutput: { Orders: [] },
  longRunning: false,
  idempotent: true,
  recovery: null,
  throttle: { maxQuota: 6, restoreEverySeconds: 60, hourlyMax: null, restoreUnit: 'request' },
};

const EXAMPLE = {
  id: 'amazon-mws-connector',
  name: 'Amazon MWS',
  version: '1.2.3',
  vendor: 'Example vendor',
  engine: { node: '>=20', runtimeApi: '1.0.0' },
  entry: 'dist/connector.js',
  connection: 'schemas/connection.schema.json',
  license: { feature: 'mws-actions', product: 'amazon-mws-connector', publicKeys: { 'vendor-1': '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' } },
  actions: [EXAMPLE_ACTION],
};

export function manifestSchema(): JsonSchema {
  return {
    $schema: DRAFT_07,
    $id: 'schemas/manifest.schema.json',
    title: 'connector.json',
    description: 'The manifest a studio reads: identity, engine, entry, connection form, license requirements and actions.',
    type: 'object',
    required: ['id', 'name', 'version', 'vendor', 'engine', 'entry', 'connection', 'license', 'actions'],
    properties: {
      $schema: { type: 'string' },
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
      name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$', description: 'Semantic version of the connector.' },
      vendor: { type: 'string', minLength: 1 },
      engine: {
        type: 'object',
        required: ['node', 'runtimeApi'],
        properties: {
          node: { type: 'string', minLength: 1, description: 'Semver range of Node versions.' },
          runtimeApi: { type: 'string', pattern: '^\\d+\\.\\d+(\\.\\d+)?$', description: 'Runtime API version; a runtime refuses another major.' },
        },
        additionalProperties: false,
      },
      entry: { type: 'string', minLength: 1, description: 'The bundled code exporting `actions`.' },
      connection: path,
      license: {
        type: 'object',
        required: ['feature', 'product', 'publicKeys'],
        properties: {
          feature: { type: 'string', minLength: 1 },
          product: { type: 'string', minLength: 1 },
          publicKeys: {
            type: 'object',
            description: 'Vendor public keys (PEM) by key id; never a test key.',
            propertyNames: { pattern: '^(?!test-)[A-Za-z0-9._-]+$' },
            additionalProperties: { type: 'string', pattern: '^-----BEGIN PUBLIC KEY-----' },
            minProperties: 1,
          },
        },
        additionalProperties: false,
      },
      actions: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['id', 'title', 'description', 'section', 'kind', 'visibility', 'input', 'output', 'sampleOutput', 'longRunning', 'idempotent', 'recovery', 'throttle'],
          properties: {
            id: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*\\.[A-Za-z][A-Za-z0-9]*$' },
            title: { type: 'string', minLength: 1 },
            description: { type: 'string', pattern: '^[A-Z].*\\.$', description: 'One sentence.' },
            section: { type: 'string', minLength: 1 },
            operation: { type: 'string', pattern: '^[A-Za-z]+\\.[A-Za-z]+$' },
            kind: { enum: ['action', 'trigger'] },
            visibility: { enum: ['normal', 'advanced', 'deprecated'] },
            input: path,
            output: path,
            sampleOutput: {},
            longRunning: { type: 'boolean' },
            idempotent: { type: 'boolean' },
            recovery: { type: ['string', 'null'] },
            throttle: {
              type: 'object',
              description: 'Amazon quota of the operation, or the operations a composite action calls.',
              properties: {
                maxQuota: { type: 'integer', minimum: 1 },
                restoreEverySeconds: { type: 'number', exclusiveMinimum: 0 },
                hourlyMax: { type: ['integer', 'null'] },
                restoreUnit: { enum: ['request', 'item'] },
                sharedBucket: { type: 'string' },
                assumed: { type: 'boolean' },
                operations: { type: 'array', items: { type: 'string' } },
              },
              additionalProperties: false,
            },
            paging: { type: 'object', properties: { allPages: { type: 'boolean' }, style: { type: 'string' } }, additionalProperties: false },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
    examples: [EXAMPLE],
    'x-counterExamples': [
      { ...EXAMPLE, version: 'v1' },
      { ...EXAMPLE, actions: [] },
      { ...EXAMPLE, actions: [{ ...EXAMPLE_ACTION, kind: 'poll' }] },
      { ...EXAMPLE, actions: [{ ...EXAMPLE_ACTION, description: 'no capital and no full stop' }] },
      { ...EXAMPLE, license: { ...EXAMPLE.license, publicKeys: { 'test-key': EXAMPLE.license.publicKeys['vendor-1'] } } },
    ],
  };
}
