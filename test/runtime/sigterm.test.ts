/** A real SIGTERM to a process running an invocation: it is aborted, its checkpoints stay, the process exits. */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_CONNECTOR, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

it('aborts in-flight invocations on SIGTERM, keeps their checkpoints and then exits', async () => {
  const home = tempDir();
  // Bundled once with esbuild: starts in a fraction of the time ts-node would take to compile the graph.
  const script = path.join(tempDir(), 'sigterm-child.js');
  await build({ entryPoints: [path.join(__dirname, 'sigterm-child.ts')], outfile: script, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  const child = spawn(process.execPath, [script, FIXTURE_CONNECTOR, home], {
    env: { ...process.env, MWS_CONNECTOR_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  child.kill('SIGTERM');
  const { signal } = await exited;
  expect(signal).toBe('SIGTERM');
  expect(stderr).toContain('invoke ended: ABORTED');
  expect(stderr).toContain('SIGTERM: aborting in-flight invocations');
  expect(stderr).not.toContain('sigterm-child-secret');
  const checkpoint = JSON.parse(fs.readFileSync(path.join(home, 'state', 'sigterm.json'), 'utf8')) as { value: { done: number } };
  expect(checkpoint.value).toEqual({ done: 3 });
});
