import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { LICENSE_PAYLOAD_SCHEMA } from '../../src/license/schema';
import { readPayload } from '../../src/license/payload';
import { issueTestLicense, makeTestKey } from './helpers';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(LICENSE_PAYLOAD_SCHEMA);

function payloadOf(text: string): Record<string, unknown> {
  const body = text.slice(text.indexOf('\n\n', text.indexOf('Signature:')) + 2, text.indexOf('-----END')).replace(/\n/g, '');
  return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<string, unknown>;
}

const key = makeTestKey();
const good = payloadOf(issueTestLicense(key));

function readerAccepts(payload: unknown): boolean {
  try {
    readPayload(Buffer.from(JSON.stringify(payload)));
    return true;
  } catch {
    return false;
  }
}

describe('license payload JSON Schema agrees with the reader', () => {
  it.each([
    ['an issued payload', good],
    ['any server', { ...good, servers: ['*'], limits: { servers: null, sellers: 5 } }],
  ])('both accept %s', (_name, payload) => {
    expect(validate(payload)).toBe(true);
    expect(readerAccepts(payload)).toBe(true);
  });

  it.each([
    ['an unknown field', { ...good, extra: 1 }],
    ['a missing field', { ...good, keyId: undefined }],
    ['schemaVersion 2', { ...good, schemaVersion: 2 }],
    ['a local-time date', { ...good, expiresAt: '2027-01-01T00:00:00' }],
    ['duplicate features', { ...good, features: ['mws-actions', 'mws-actions'] }],
    ['an upper-case product', { ...good, product: 'Amazon' }],
    ['a fractional grace', { ...good, graceDays: 1.5 }],
    ['a zero seller limit', { ...good, limits: { servers: 1, sellers: 0 } }],
    ['a licensee with a newline', { ...good, licensee: 'A\nB' }],
    ['a fingerprint with a space', { ...good, servers: ['a b'] }],
  ])('both refuse %s', (_name, payload) => {
    expect(validate(JSON.parse(JSON.stringify(payload)))).toBe(false);
    expect(readerAccepts(payload)).toBe(false);
  });
});
