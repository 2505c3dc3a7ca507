/** docs/actions.md is the generated reference of every action in connector.json, and up to date. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildActionsDoc, renderActionsDoc } from '../../scripts/generate-docs';
import { manifest, ROOT } from './helpers';

describe('docs/actions.md', () => {
  const text = readFileSync(join(ROOT, 'docs', 'actions.md'), 'utf8');

  it('is up to date: run `npx ts-node --transpile-only scripts/generate-docs.ts`', () => {
    expect(text === buildActionsDoc()).toBe(true);
  });

  it('has a heading, description and example for every action', () => {
    for (const action of manifest().actions) {
      const at = text.indexOf(`### \`${action.id}\``);
      expect([action.id, at >= 0]).toEqual([action.id, true]);
      const end = text.indexOf('\n### ', at + 1);
      const block = text.slice(at, end < 0 ? undefined : end);
      expect(block).toContain(action.description as string);
      expect(block).toContain('Quota:');
    }
  });

  it('renders inputs, rules and quota from the schemas it is given', () => {
    const doc = renderActionsDoc(
      {
        actions: [{ id: 'x.Op', title: 'Op', description: 'Does it.', section: 'X', kind: 'action', visibility: 'advanced', input: 'in', longRunning: false, idempotent: true, recovery: null, throttle: { maxQuota: 2, restoreEverySeconds: 5, hourlyMax: null, restoreUnit: 'item' } }],
      },
      () => ({ properties: { Ids: { type: 'array', items: { type: 'string' }, maxItems: 5, description: 'Some | ids' } }, required: ['Ids'], 'x-constraints': [{ message: 'one rule' }], examples: [{ Ids: ['a'] }] }),
    );
    expect(doc).toContain('| `Ids` | string[], ≤ 5 | yes | Some \\| ids |');
    expect(doc).toContain('Rules: one rule.');
    expect(doc).toContain('Quota: burst 2 item, 1 item restored every 5 s.');
    expect(doc).toContain('*action · advanced · idempotent*');
  });
});
