import * as fs from 'node:fs';
import * as path from 'node:path';
import { MwsConnectorError } from '../../src/mws/errors';
import { ConnectionLimiter } from '../../src/runtime/limiter';
import { SchemaSet } from '../../src/runtime/schemas';
import { thrown } from '../support/errors';
import { FIXTURE_CONNECTOR, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

describe('SchemaSet', () => {
  it('compiles each schema once, on first use, in its own dialect (draft-07 and 2020-12)', () => {
    const set = new SchemaSet(FIXTURE_CONNECTOR);
    expect(set.compiledCount).toBe(0);
    const first = set.validator('schemas/orders.input.json');
    expect(set.validator('schemas/orders.input.json')).toBe(first);
    set.check('schemas/echo.input.json', { text: 'a' }, { code: 'INPUT_INVALID', what: 'echo' });
    set.check('schemas/echo.input.json', { text: 'b' }, { code: 'INPUT_INVALID', what: 'echo' });
    expect(set.compiledCount).toBe(2);
    // 2020-12 oneOf: neither CreatedAfter nor LastUpdatedAfter.
    const err = thrown(() => set.check('schemas/orders.input.json', {}, { code: 'INPUT_INVALID', what: 'ListOrders input' }));
    expect(err.details?.map((d) => d.field)).toEqual(['/CreatedAfter', '/LastUpdatedAfter', '/']);
  });

  it('reports a described cross-field rule once per field it names, in its own words, not as a bare oneOf', () => {
    const set = new SchemaSet(path.join(__dirname, '..', '..'));
    const schema = 'schemas/actions/orders.ListOrders.input.json';
    const rule = 'exactly one of CreatedAfter / LastUpdatedAfter is required';
    const both = thrown(() => set.check(schema, { CreatedAfter: '2026-01-01', LastUpdatedAfter: '2026-01-01' }, { code: 'INPUT_INVALID', what: 'ListOrders input' }));
    expect(both.details).toEqual([
      { field: '/CreatedAfter', message: rule },
      { field: '/LastUpdatedAfter', message: rule },
    ]);
    const neither = thrown(() => set.check(schema, { MaxResultsPerPage: 500 }, { code: 'INPUT_INVALID', what: 'ListOrders input' }));
    expect(neither.details).toEqual([
      { field: '/CreatedAfter', message: rule },
      { field: '/LastUpdatedAfter', message: rule },
      { field: '/MaxResultsPerPage', message: 'must be <= 100' },
    ]);
    expect(neither.message).not.toContain('oneOf');
  });

  it('turns a missing or broken schema into MANIFEST_INVALID naming it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"type": "nonsense"}');
    const set = new SchemaSet(dir);
    expect(thrown(() => set.validator('broken.json'))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'broken.json' });
    expect(thrown(() => set.validator('absent.json'))).toMatchObject({ code: 'MANIFEST_INVALID', field: 'absent.json' });
    expect(thrown(() => set.validator('../outside.json')).code).toBe('MANIFEST_INVALID');
  });
});

describe('ConnectionLimiter', () => {
  it('hands slots over in arrival order and lets an aborted waiter leave the queue', async () => {
    const limiter = new ConnectionLimiter(1);
    const order: string[] = [];
    const release1 = await limiter.acquire('c');
    const controller = new AbortController();
    const second = limiter.acquire('c', controller.signal);
    const third = limiter.acquire('c').then((release) => {
      order.push('third');
      return release;
    });
    expect(limiter.stats('c')).toEqual({ active: 1, waiting: 2 });
    controller.abort(new Error('gone'));
    await expect(second).rejects.toThrow('gone');
    expect(limiter.stats('c')).toEqual({ active: 1, waiting: 1 });
    release1();
    release1(); // twice is harmless
    (await third)();
    expect(order).toEqual(['third']);
    expect(limiter.stats('c')).toEqual({ active: 0, waiting: 0 });
    expect(() => new ConnectionLimiter(0)).toThrow(MwsConnectorError);
  });
});
