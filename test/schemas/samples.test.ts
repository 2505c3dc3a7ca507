/**
 * Output schemas against Amazon's published sample responses: every element of a sample is declared (not merely let
 * through by additionalProperties), and a sample with an injected unknown element and enum value still validates.
 */
import { getOperation } from '../../src/mws/catalog';
import { parseMwsResponse } from '../../src/mws/xml';
import { loadSampleOutputs } from '../../scripts/generate-schemas';
import { loadSample } from '../support/samples';
import { manifest, readJson, validatorFor, type Json } from './helpers';

const actionByOperation = new Map(manifest().actions.filter((a) => a.operation).map((a) => [a.operation as string, a]));

/** Paths of object keys in `value` that `schema` does not declare. */
function undeclared(value: unknown, schema: Json, root: Json, path: string, out: string[]): string[] {
  if (typeof schema.$ref === 'string') return undeclared(value, (root.definitions as Record<string, Json>)[schema.$ref.replace('#/definitions/', '')] ?? {}, root, path, out);
  if (schema.anyOf || schema['x-arbitraryXml'] || Object.keys(schema).length === 0) return out; // open by design (arbitrary XML, reference quirks)
  if (Array.isArray(value)) {
    value.forEach((item, i) => undeclared(item, (schema.items ?? {}) as Json, root, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const [key, inner] of Object.entries(value as Json)) {
      if (!(key in properties)) out.push(`${path}/${key}`);
      else undeclared(inner, properties[key] as Json, root, `${path}/${key}`, out);
    }
  }
  return out;
}

describe('published samples', () => {
  let samples: Record<string, unknown>;
  beforeAll(async () => {
    samples = await loadSampleOutputs();
  });

  it('cover at least twenty operations', () => {
    expect(Object.keys(samples).length).toBeGreaterThanOrEqual(20);
  });

  it('have every element declared by the output schema, and validate', () => {
    const problems: string[] = [];
    for (const [operation, output] of Object.entries(samples)) {
      const action = actionByOperation.get(operation);
      if (!action) throw new Error(`no action for ${operation}`);
      const schema = readJson(action.output);
      expect([operation, validatorFor(action.output)(output)]).toEqual([operation, true]);
      problems.push(...undeclared(output, schema, schema, operation, []));
    }
    expect(problems).toEqual([]);
  });

  it('the undeclared-element check fails when an element is missing from a schema', () => {
    const schema = { type: 'object', properties: { A: { type: 'string' } } };
    expect(undeclared({ A: 'x', B: 'y' }, schema, schema, 'X', [])).toEqual(['X/B']);
  });

  it('an unknown element and an unknown enum value injected into ListOrders come through and validate', async () => {
    const xml = loadSample('ListOrdersResponse.xml')
      .replace('<OrderStatus>Unshipped</OrderStatus>', '<OrderStatus>AwaitingTeleportation</OrderStatus><HoverboardDelivery><Speed>9</Speed></HoverboardDelivery>');
    expect(xml).toContain('HoverboardDelivery');
    const parsed = await parseMwsResponse(getOperation('Orders.ListOrders'), xml);
    const result = parsed.result as { Orders: Json[] };
    const order = result.Orders.find((o) => o.OrderStatus === 'AwaitingTeleportation');
    expect(order?.HoverboardDelivery).toEqual({ Speed: '9' });
    expect(validatorFor('schemas/actions/orders.ListOrders.output.json')(result)).toBe(true);
  });
});
