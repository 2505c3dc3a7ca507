/**
 * Every mechanical action run once against the sandbox with its schema's example input: whatever the sandbox
 * answers successfully must validate against the action's output schema (the runtime's SchemaSet, as in invoke);
 * anything else must be a typed MwsConnectorError.
 */
import { actions } from '../../src/actions';
import { MwsConnectorError } from '../../src/mws/errors';
import { SchemaSet } from '../../src/runtime/schemas';
import { manifest, readJson, ROOT } from '../schemas/helpers';
import { contextFor, startWorld, type World } from './support';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

it('every mechanical action answers its example input with a valid output or a typed error', async () => {
  const schemas = new SchemaSet(ROOT);
  const answered: string[] = [];
  const refused: string[] = [];
  for (const entry of manifest().actions) {
    if (!entry.operation || entry.visibility === 'deprecated') continue;
    const input = (readJson(entry.input).examples as Array<Record<string, unknown>>)[0] ?? {};
    schemas.check(entry.input, input, { code: 'INPUT_INVALID', what: entry.id });
    let output: unknown;
    try {
      output = await actions.get(entry.id)!.run(input, contextFor(world));
    } catch (err) {
      expect([entry.id, err instanceof MwsConnectorError]).toEqual([entry.id, true]);
      refused.push(`${entry.id}: ${(err as MwsConnectorError).code}`);
      continue;
    }
    expect(() => schemas.check(entry.output, output, { code: 'OUTPUT_INVALID', what: entry.id })).not.toThrow();
    answered.push(entry.id);
  }
  // Run once in manifest order (no sequencing), some examples meet a state they need first (examples-sandbox.test.ts orders them).
  expect(answered.length).toBeGreaterThanOrEqual(40);
  expect(refused.every((r) => !r.endsWith('UNEXPECTED') && !r.endsWith('PARSE_FAILED'))).toBe(true);
});
