/** The publisher's path: `package` builds a checked .tar.gz, `validate` and `actions list` read it as a studio would. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, jsonResult, runCli, tempHome } from './helpers';

let home: string;

beforeAll(() => {
  ensureBuilt();
  home = tempHome();
});

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

it('packages the connector, then validates and lists the archive', async () => {
  const packaged = await runCli(['package', '--out', path.join(home, 'build'), '--json'], { home });
  const { archive, files } = jsonResult<{ archive: string; files: number; bytes: number }>(packaged, 'package');
  expect(path.dirname(archive)).toBe(path.join(home, 'build'));
  expect(files).toBeGreaterThan(100);

  const validated = await runCli(['validate', archive, '--json'], { home });
  const report = jsonResult<{ ok: boolean; errors: unknown[]; warnings: Array<{ path: string }>; counts: { actions: number; samples: number } }>(validated, 'validate');
  expect({ code: validated.code, ok: report.ok, errors: report.errors }).toEqual({ code: 0, ok: true, errors: [] });
  // A package carries checksums.json, so the "not a checked package" warning is gone.
  expect(report.warnings.map((w) => w.path)).not.toContain('checksums.json');
  expect(report.counts.samples).toBe(report.counts.actions);

  const listed = await runCli(['actions', 'list', '--all', '--connector', archive, '--json'], { home });
  expect(jsonResult<{ actions: unknown[]; total: number }>(listed, 'actions-list').actions).toHaveLength(report.counts.actions);
});
