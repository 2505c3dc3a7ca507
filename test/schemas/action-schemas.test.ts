/**
 * Every action schema (issue 6 item 3): compiles, accepts its examples and refuses its counter-examples; the
 * example inputs also pass the catalog's own validation (validateParams) and the counter-examples fail it; every
 * sample output validates; every element of Amazon's published samples is declared, not merely tolerated.
 */
import { findOperation } from '../../src/mws/catalog';
import { validateParams } from '../../src/mws/params';
import { withComputedMd5 } from '../../src/actions/mechanical';
import { ValidationError } from '../../src/mws/errors';
import Ajv from 'ajv';
import { manifest, readJson, validatorFor, type Json } from './helpers';

const ajv = new Ajv({ strict: false });

const actions = manifest().actions;

describe('action schemas', () => {
  it('lists one action per catalog operation plus the three composites', () => {
    expect(actions.filter((a) => a.operation !== undefined)).toHaveLength(115);
    expect(actions.filter((a) => a.operation === undefined).map((a) => a.id).sort()).toEqual(['feeds.submitFeedAndWait', 'orders.syncOrders', 'reports.fetchReport']);
  });

  it.each(actions.map((a) => [a.id, a] as const))('%s: examples validate and counter-examples do not', (_id, action) => {
    for (const path of [action.input, action.output]) {
      const schema = readJson(path);
      const validate = validatorFor(path);
      const examples = schema.examples as unknown[];
      const counter = schema['x-counterExamples'] as unknown[];
      expect(examples.length).toBeGreaterThan(0);
      expect(counter.length).toBeGreaterThan(0);
      for (const example of examples) expect({ example, ok: validate(example), errors: validate.errors }).toMatchObject({ ok: true });
      for (const example of counter) expect({ example, ok: validate(example) }).toMatchObject({ ok: false });
    }
    expect(validatorFor(action.output)(action.sampleOutput)).toBe(true);
  });

  it.each(actions.filter((a) => a.operation !== undefined && !findOperation(a.operation)?.deprecated).map((a) => [a.id, a] as const))(
    '%s: the example input is one the catalog accepts, the counter-examples ones it refuses',
    (_id, action) => {
      const op = findOperation(action.operation as string)!;
      const schema = readJson(action.input);
      const withMarketplaces = (input: Json): Json => {
        const out: Json = { ...input };
        for (const p of op.params) if ((p.name === 'MarketplaceId' || p.name === 'MarketplaceIdList') && p.required === true) out[p.name] ??= p.list ? ['ATVPDKIKX0DER'] : 'ATVPDKIKX0DER';
        delete out.allPages;
        delete out.maxItems;
        return withComputedMd5(op, out);
      };
      for (const example of schema.examples as Json[]) expect(() => validateParams(op, withMarketplaces(example))).not.toThrow();
      for (const example of schema['x-counterExamples'] as Json[]) expect(() => validateParams(op, withMarketplaces(example))).toThrow(ValidationError);
    },
  );

  it('every named cross-field rule carries its JSON Schema, and the example inputs satisfy it', () => {
    let rules = 0;
    for (const action of actions) {
      const schema = readJson(action.input);
      for (const rule of (schema['x-constraints'] ?? []) as Json[]) {
        expect([action.id, typeof rule.message, rule.enforcedBy]).toEqual([action.id, 'string', expect.stringMatching(/^(schema|validateParams)$/)]);
        if (!rule.schema) continue;
        rules += 1;
        const check = ajv.compile(rule.schema as Json);
        for (const example of schema.examples as Json[]) expect([action.id, rule.message, check(example)]).toEqual([action.id, rule.message, true]);
      }
    }
    expect(rules).toBeGreaterThan(10);
  });
});
