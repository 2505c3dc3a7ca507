/** `npm start` (scripts/start.js): the tour runs through the CLI against the sandbox and exits 0, leaving nothing behind. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, ROOT } from './helpers';

beforeAll(() => ensureBuilt());

it('tours connection test, orders across pages, a report, an inventory feed and the license status', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_ENV;
  delete env.MWS_CONNECTOR_HOME;
  // A temporary folder of its own, so another tour running at the same time cannot look like one left behind.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'start-test-'));
  env.TMPDIR = tmp;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toMatch(/✓ credentials/);
  expect(stdout).toMatch(/(\d+) orders created since .* in ([2-9]|\d\d+) pages/);
  expect(stdout).toMatch(/→ _DONE_; report \d+ downloaded \(Content-MD5 checked\): [1-9]\d* listings/);
  expect(stdout).toMatch(/feed submission \d+ → _DONE_; processing report: 4 processed, 3 successful, 1 with errors/);
  expect(stdout).toMatch(/license: none installed; sandbox calls are evaluation calls/);
  try {
    expect(fs.readdirSync(tmp)).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
