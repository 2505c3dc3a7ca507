/**
 * schemas/connection.schema.json agrees with src/mws/config.ts on the same examples both ways, declares the form's
 * groups, order and dynamic marketplace choices, and marks every property that looks sensitive.
 */
import { validateConnectionConfig } from '../../src/mws/config';
import { MwsConnectorError } from '../../src/mws/errors';
import { marketplaces } from '../../src/mws/endpoints';
import { manifest, readJson, validatorFor, type Json } from './helpers';

const PATH = 'schemas/connection.schema.json';
const schema = readJson(PATH);
const properties = schema.properties as Record<string, Json>;
const validate = validatorFor(PATH);

/** Names that look like they hold secrets; `NextToken`-style paging fields are data, not credentials. */
const LOOKS_SENSITIVE = /key|secret|token|password|credential/i;
const DATA_FIELDS = /^(Next|Continuation)Token$/;

/** Properties that look sensitive but carry neither `x-secret` nor `x-sensitive`. */
export function unmarkedSensitive(props: Record<string, Json>): string[] {
  return Object.entries(props)
    .filter(([name]) => LOOKS_SENSITIVE.test(name) && !DATA_FIELDS.test(name))
    .filter(([, p]) => p['x-secret'] !== true && p['x-sensitive'] !== true)
    .map(([name]) => name);
}

describe('connection schema', () => {
  it.each((schema.examples as Json[]).map((e, i) => [i, e] as const))('example %i is accepted by the schema and by validateConnectionConfig', (_i, example) => {
    expect(validate(example)).toBe(true);
    expect(() => validateConnectionConfig(example)).not.toThrow();
  });

  it.each((schema['x-counterExamples'] as Json[]).map((e, i) => [i, e] as const))('counter-example %i is refused by both', (_i, example) => {
    expect(validate(example)).toBe(false);
    let error: unknown;
    try {
      validateConnectionConfig(example);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect((error as MwsConnectorError).category).toBe('config');
  });

  it('lists exactly the properties config.ts knows, in the declared order and groups', () => {
    const names = Object.keys(properties);
    expect(names).toEqual(schema['x-order']);
    expect(names).toEqual(['sellerId', 'mwsAuthToken', 'awsAccessKeyId', 'secretKey', 'developerId', 'region', 'marketplaceIds', 'endpoint', 'timeouts', 'timeScale']);
    const groups = (schema['x-groups'] as Json[]).map((g) => g.id);
    expect(groups).toEqual(['credentials', 'marketplaces', 'advanced']);
    for (const [name, p] of Object.entries(properties)) {
      expect([name, groups.includes(p['x-group'] as string)]).toEqual([name, true]);
      expect([name, typeof p.title, typeof p.description]).toEqual([name, 'string', 'string']);
    }
    expect(() => validateConnectionConfig({ ...(schema.examples as Json[])[0], someOtherSetting: 1 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', details: [expect.objectContaining({ field: 'someOtherSetting' })] }));
  });

  it('marks the secrets write-only and x-secret, the access key x-sensitive', () => {
    for (const name of ['secretKey', 'mwsAuthToken']) expect(properties[name]).toMatchObject({ writeOnly: true, 'x-secret': true });
    expect(properties.awsAccessKeyId).toMatchObject({ 'x-sensitive': true });
    expect(properties.awsAccessKeyId?.writeOnly).toBeUndefined();
    expect(unmarkedSensitive(properties)).toEqual([]);
  });

  it('the sensitivity check fails on an unmarked secret-looking property and ignores NextToken', () => {
    expect(unmarkedSensitive({ apiPassword: { type: 'string' }, refreshToken: { type: 'string' }, NextToken: { type: 'string' }, sellerId: {} })).toEqual(['apiPassword', 'refreshToken']);
  });

  it('declares dynamic marketplace choices with the static list as fallback, and a label template', () => {
    const list = properties.marketplaceIds as Json;
    expect(list['x-choices']).toMatchObject({ action: 'sellers.ListMarketplaceParticipations', fallback: 'static' });
    expect((list.items as Json).enum).toEqual(marketplaces.map((m) => m.marketplaceId));
    expect(schema['x-label-template']).toMatch(/\{\{sellerId\}\}/);
  });

  it('never treats action data such as NextToken as a secret', () => {
    const marked: string[] = [];
    let nextTokens = 0;
    for (const action of manifest().actions) {
      const props = (readJson(action.input).properties ?? {}) as Record<string, Json>;
      for (const [name, p] of Object.entries(props)) {
        if (p['x-secret'] || p['x-sensitive'] || p.writeOnly) marked.push(`${action.id}.${name}`);
        if (name === 'NextToken') nextTokens += 1;
      }
    }
    expect(nextTokens).toBeGreaterThan(10);
    expect(marked).toEqual([]);
  });
});

