/**
 * The connection form a studio renders (schemas/connection.schema.json, ARCHITECTURE §3.1). It mirrors
 * src/mws/config.ts validation (a test runs both on the same examples); rules JSON Schema cannot say (one host
 * for all marketplaces, timeScale only with a loopback endpoint) are named in `x-constraints`.
 */
import { marketplaces, regions } from '../mws/endpoints';
import { DRAFT_07, type JsonSchema } from './schemas/json-schema';

const EXAMPLE = {
  sellerId: 'A2EXAMPLESELLER',
  mwsAuthToken: 'amzn.mws.4ea38b7b-f563-7709-4bae-87aeaEXAMPLE',
  awsAccessKeyId: 'EXAMPLEACCESSKEYID01',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

export function connectionSchema(): JsonSchema {
  const timeout = (what: string, dflt: number): JsonSchema => ({ type: 'integer', minimum: 1, default: dflt, description: `${what}, in milliseconds.` });
  return {
    $schema: DRAFT_07,
    $id: 'schemas/connection.schema.json',
    title: 'Amazon MWS connection',
    description: 'Credentials and marketplaces of one seller account (or one authorised developer acting for it).',
    type: 'object',
    'x-label-template': 'MWS {{sellerId}} ({{marketplaceIds}})',
    'x-groups': [
      { id: 'credentials', title: 'Credentials', description: 'From Seller Central: User Permissions → MWS.' },
      { id: 'marketplaces', title: 'Marketplaces' },
      { id: 'advanced', title: 'Advanced', collapsed: true },
    ],
    'x-order': ['sellerId', 'mwsAuthToken', 'awsAccessKeyId', 'secretKey', 'developerId', 'region', 'marketplaceIds', 'endpoint', 'timeouts', 'timeScale'],
    properties: {
      sellerId: {
        type: 'string',
        title: 'Seller ID',
        description: 'The merchant token of the seller account (Seller Central: Settings → Account Info).',
        pattern: '^[A-Z0-9]{8,20}$',
        examples: ['A2EXAMPLESELLER'],
        'x-group': 'credentials',
      },
      mwsAuthToken: {
        type: 'string',
        title: 'MWS Auth Token',
        description: "The token the seller granted a developer; needed when the access keys are the developer's, not the seller's.",
        pattern: '^amzn\\.mws\\.[\\x21-\\x7e]+$',
        writeOnly: true,
        'x-secret': true,
        examples: ['amzn.mws.4ea38b7b-f563-7709-4bae-87aeaEXAMPLE'],
        'x-group': 'credentials',
      },
      awsAccessKeyId: {
        type: 'string',
        title: 'AWS access key ID',
        description: 'The MWS access key ID (logged masked to its last 4 characters).',
        pattern: '^[A-Z0-9]{16,128}$',
        'x-sensitive': true,
        examples: ['EXAMPLEACCESSKEYID01'],
        'x-group': 'credentials',
      },
      secretKey: {
        type: 'string',
        title: 'Secret key',
        description: 'The MWS secret key that signs every request; stored as a secret and never shown again.',
        minLength: 1,
        writeOnly: true,
        'x-secret': true,
        'x-group': 'credentials',
      },
      developerId: {
        type: 'string',
        title: 'Developer ID',
        description: 'For your records only: it is never sent to Amazon.',
        pattern: '^[\\x21-\\x7e]+$',
        'x-group': 'credentials',
      },
      region: {
        type: 'string',
        title: 'Region',
        enum: [...regions],
        description: 'Limits the marketplace choices to one region (NA, EU, FE, CN).',
        'x-group': 'marketplaces',
      },
      marketplaceIds: {
        type: 'array',
        title: 'Marketplaces',
        description: "Marketplaces this connection sells in; actions that omit a marketplace list use these. All must share one MWS host.",
        minItems: 1,
        uniqueItems: true,
        items: {
          type: 'string',
          enum: marketplaces.map((m) => m.marketplaceId),
          'x-enumNames': marketplaces.map((m) => `${m.name} (${m.countryCode}, ${m.marketplaceId})`),
        },
        'x-choices': { action: 'sellers.ListMarketplaceParticipations', value: 'ListMarketplaces[].MarketplaceId', label: 'ListMarketplaces[].Name', fallback: 'static' },
        'x-filter-by': { property: 'region', regions: Object.fromEntries(marketplaces.map((m) => [m.marketplaceId, m.region])) },
        examples: [['ATVPDKIKX0DER'], ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P']],
        'x-group': 'marketplaces',
      },
      endpoint: {
        type: 'string',
        title: 'Endpoint',
        description: 'Overrides the host chosen from the marketplaces: https://host[:port], or http:// to a loopback host (the sandbox).',
        pattern: '^https?://[^/\\s@]+/?$',
        examples: ['https://mws.amazonservices.com', 'http://127.0.0.1:8080'],
        'x-group': 'advanced',
      },
      timeouts: {
        type: 'object',
        title: 'Timeouts',
        description: 'Network timeouts; the defaults suit MWS.',
        properties: {
          connectMs: timeout('TCP and TLS connect', 10_000),
          firstByteMs: timeout('Request sent to first response byte', 60_000),
          idleMs: timeout('Longest silence while a body streams', 120_000),
        },
        additionalProperties: false,
        'x-group': 'advanced',
      },
      timeScale: {
        type: 'number',
        title: 'Time scale',
        exclusiveMinimum: 0,
        default: 1,
        description: 'Divides throttle, poll and backoff intervals; other than 1 only with a loopback endpoint (sandbox, tests).',
        'x-group': 'advanced',
      },
    },
    required: ['sellerId', 'awsAccessKeyId', 'secretKey', 'marketplaceIds'],
    additionalProperties: false,
    'x-constraints': [
      { kind: 'sameHost', params: ['marketplaceIds', 'endpoint'], message: 'every marketplace of one connection must share one MWS host unless endpoint is set' },
      { kind: 'loopbackOnly', params: ['timeScale', 'endpoint'], message: 'a timeScale other than 1 is only allowed with a loopback endpoint' },
      { kind: 'regionMatches', params: ['region', 'marketplaceIds'], message: 'with region set, every marketplace must be in that region' },
    ],
    examples: [
      EXAMPLE,
      { ...EXAMPLE, mwsAuthToken: undefined, marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'], region: 'EU' },
      { ...EXAMPLE, endpoint: 'http://127.0.0.1:8080', timeScale: 60, timeouts: { connectMs: 2000 } },
    ].map((e) => JSON.parse(JSON.stringify(e)) as unknown),
    'x-counterExamples': [
      { ...EXAMPLE, sellerId: 'seller one' },
      { ...EXAMPLE, secretKey: '' },
      { ...EXAMPLE, marketplaceIds: [] },
      { ...EXAMPLE, marketplaceIds: ['NOTAMARKETPLACE'] },
      { ...EXAMPLE, mwsAuthToken: 'token-without-prefix' },
      { ...EXAMPLE, awsAccessKeyId: 'akia-lower' },
      { ...EXAMPLE, timeouts: { connectMs: 0 } },
      { ...EXAMPLE, password: 'x' },
    ],
  };
}
