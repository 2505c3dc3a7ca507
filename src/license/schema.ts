/**
 * JSON Schema of the license payload (schemaVersion 1), for `schemas/license.schema.json` and for tools that
 * read licenses. `readPayload` in payload.ts is what the connector enforces; a test keeps the two in agreement.
 */
import { ANY_SERVER, LICENSE_SCHEMA_VERSION, MAX_GRACE_DAYS } from './payload';

const isoUtc = { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' };
const name = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' };
const limit = { oneOf: [{ type: 'null' }, { type: 'integer', minimum: 1, maximum: 1_000_000 }] };

export const LICENSE_PAYLOAD_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://amazon-mws-connector/schemas/license.schema.json',
  title: 'Amazon MWS connector license payload',
  description:
    'The signed JSON inside a license file. The file armours it as base64 between "-----BEGIN AMAZON-MWS-CONNECTOR LICENSE-----" lines, with an Ed25519 signature over "amazon-mws-connector/license/v1\\n" followed by these exact bytes.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'licenseId', 'licensee', 'product', 'edition', 'features', 'limits', 'servers', 'issuedAt', 'notBefore', 'expiresAt', 'graceDays', 'keyId'],
  properties: {
    schemaVersion: { const: LICENSE_SCHEMA_VERSION },
    licenseId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', examples: ['MWSL-20260101-1a2b3c4d'] },
    licensee: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]*\\S[^\\u0000-\\u001f\\u007f]*$' },
    product: { ...name, examples: ['amazon-mws-connector'] },
    edition: { ...name, examples: ['server'] },
    features: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: name, examples: [['mws-actions']] },
    limits: {
      type: 'object',
      additionalProperties: false,
      required: ['servers', 'sellers'],
      properties: { servers: limit, sellers: limit },
      description: 'null = unlimited. sellers: distinct seller ids one running server may serve.',
    },
    servers: {
      description: `Server fingerprints (from \`mws-connector license request\`), or ["${ANY_SERVER}"] for any server.`,
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
    },
    issuedAt: isoUtc,
    notBefore: isoUtc,
    expiresAt: { ...isoUtc, description: 'Must be after notBefore. The license is "expiring" from 15 days before.' },
    graceDays: { type: 'integer', minimum: 0, maximum: MAX_GRACE_DAYS },
    keyId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'Id of the vendor key that signed; must equal the Key-Id header.' },
  },
} as const;
