/** The checked-in connector.json and schemas/ equal a fresh in-memory generation (scripts/generate-schemas.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll } from '../../scripts/generate-schemas';
import { ROOT } from './helpers';

describe('generated files', () => {
  it('are up to date: run `npx ts-node --transpile-only scripts/generate-schemas.ts` after changing the catalog or actions', async () => {
    const { files } = await buildAll();
    const stale = [...files].filter(([relative, text]) => readFileSync(join(ROOT, relative), 'utf8') !== text).map(([relative]) => relative);
    expect(stale).toEqual([]);
    const onDisk = readdirSync(join(ROOT, 'schemas', 'actions')).map((f) => `schemas/actions/${f}`);
    expect(onDisk.filter((f) => !files.has(f))).toEqual([]);
  });

  it('are deterministic', async () => {
    const [a, b] = [await buildAll(), await buildAll()];
    expect([...a.files.entries()]).toEqual([...b.files.entries()]);
  });
});
