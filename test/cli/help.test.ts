/**
 * The command surface: every command answers --help with usage, its flags and examples, and the checked-in
 * snapshot (test/cli/command-snapshot.json) fails the build when a command, flag, argument or alias disappears
 * (or appears without the snapshot being updated: UPDATE_CLI_SNAPSHOT=1 npx jest test/cli/help).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, lines, ROOT, runAll, tempHome } from './helpers';

const SNAPSHOT = path.join(__dirname, 'command-snapshot.json');

interface CommandShape {
  aliases: string[];
  args: string[];
  flags: string[];
  hiddenFlags: string[];
  hidden?: boolean;
}

let surface: Record<string, CommandShape>;

/** Loads the built CLI's oclif config in a child process (oclif's loader needs real dynamic import, not jest's) and prints its commands. */
const SURFACE_SCRIPT = `
const { Config } = require('@oclif/core');
Config.load({ root: process.argv[1] }).then((config) => {
  const out = {};
  for (const c of [...config.commands].sort((a, b) => a.id.localeCompare(b.id))) {
    if (c.pluginName !== config.pjson.name) continue;
    out[c.id] = { aliases: [...c.aliases].sort(), args: Object.keys(c.args || {}), flags: Object.keys(c.flags || {}).sort(), hiddenFlags: Object.keys(c.flags || {}).filter((f) => c.flags[f].hidden).sort(), ...(c.hidden ? { hidden: true } : {}) };
  }
  process.stdout.write(JSON.stringify(out));
});
`;

beforeAll(() => {
  ensureBuilt();
  const env = { ...process.env };
  delete env.NODE_ENV;
  const run = spawnSync(process.execPath, ['-e', SURFACE_SCRIPT, ROOT], { cwd: ROOT, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`loading the CLI config failed: ${run.stderr}`);
  surface = JSON.parse(run.stdout) as Record<string, CommandShape>;
});

describe('command surface', () => {
  it('keeps every command, flag, argument and alias of the snapshot', () => {
    if (process.env.UPDATE_CLI_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, `${JSON.stringify({ commands: surface }, null, 2)}\n`);
    const snapshot = (JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as { commands: Record<string, CommandShape> }).commands;
    const missing: string[] = [];
    for (const [id, shape] of Object.entries(snapshot)) {
      const now = surface[id];
      if (!now) {
        missing.push(`command ${id}`);
        continue;
      }
      for (const flag of shape.flags) if (!now.flags.includes(flag)) missing.push(`flag ${id} --${flag}`);
      for (const arg of shape.args) if (!now.args.includes(arg)) missing.push(`argument ${id} ${arg}`);
      for (const alias of shape.aliases) if (!now.aliases.includes(alias)) missing.push(`alias ${alias} of ${id}`);
    }
    expect(missing).toEqual([]);
    // Additions are fine but must be recorded, so the next removal is caught.
    expect(surface).toEqual(snapshot);
  });

  it('answers --help for every command with usage, flags and examples; --json everywhere', async () => {
    const home = tempHome();
    const ids = Object.keys(surface);
    expect(ids.length).toBeGreaterThanOrEqual(19);
    const results = await runAll([{ args: ['--help'], options: { home } }, ...ids.map((id) => ({ args: [...id.split(':'), '--help'], options: { home } }))], 4);
    const [root, ...each] = results;
    expect(root!.code).toBe(0);
    for (const topic of ['connection', 'actions', 'license', 'sandbox']) expect(root!.stdout).toMatch(new RegExp(`^  ${topic}\\s+\\S`, 'm'));
    ids.forEach((id, i) => {
      const result = each[i]!;
      const text = result.stdout;
      expect({ id, code: result.code, stderr: lines(result.stderr) }).toEqual({ id, code: 0, stderr: [] });
      expect(text).toContain(`$ mws-connector ${id.split(':').join(' ')}`);
      expect(text).toContain('EXAMPLES');
      for (const flag of surface[id]!.flags.filter((f) => !surface[id]!.hiddenFlags.includes(f))) expect({ id, flag, shown: text.includes(`--${flag}`) }).toEqual({ id, flag, shown: true });
      expect(surface[id]!.flags).toEqual(expect.arrayContaining(['json', 'debug', 'progress']));
    });
    fs.rmSync(home, { recursive: true, force: true });
  });
});
