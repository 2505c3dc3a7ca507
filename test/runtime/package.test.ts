import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import { buildPackage } from '../../scripts/package';
import { createConnector, loadConnector } from '../../src/runtime';
import { FIXTURE_CONNECTOR, capturingLogger, loopbackConfig, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function thrown(fn: () => unknown): { code?: string; message: string; details?: Array<{ field: string; message: string }> } {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}

describe('packaging', () => {
  let archive: string;

  beforeAll(async () => {
    archive = (await buildPackage({ root: FIXTURE_CONNECTOR, outDir: tempDir() })).archive;
  });

  it('builds a reproducible archive with connector.json at its root and a checksum for every file', async () => {
    const entries: string[] = [];
    await tar.t({ file: archive, onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toEqual(expect.arrayContaining(['connector.json', 'connector.js', 'checksums.json', 'schemas/orders.input.json']));
    const again = await buildPackage({ root: FIXTURE_CONNECTOR, outDir: tempDir() });
    expect(sha256(again.archive)).toBe(sha256(archive));
  });

  it('loads from the archive in an empty folder with no node_modules and invokes an action', async () => {
    const target = path.join(tempDir(), 'unpacked');
    const loaded = loadConnector(archive, { extractTo: target });
    expect(loaded.verified).toBe(true);
    expect(fs.existsSync(path.join(target, 'connector.json'))).toBe(true);
    expect(fs.existsSync(path.join(target, 'node_modules'))).toBe(false);
    const connector = createConnector({ source: target, home: tempDir(), logger: capturingLogger(), handleSigterm: false });
    try {
      const result = await connector.invoke('test.echo', loopbackConfig(), { text: 'packaged' });
      expect(result.output).toEqual({ text: 'packaged', count: 1 });
    } finally {
      await connector.dispose();
    }
  });

  it('unpacks into a fresh private folder by default', () => {
    const a = loadConnector(archive);
    const b = loadConnector(archive);
    try {
      expect(a.root).not.toBe(b.root);
      expect(fs.statSync(path.dirname(a.root)).mode & 0o777).toBe(0o700);
      expect(a.manifest.id).toBe('fixture-min');
    } finally {
      for (const loaded of [a, b]) fs.rmSync(path.dirname(loaded.root), { recursive: true, force: true });
    }
  });

  it('refuses an unpacked package with a changed, missing or added file, naming it', () => {
    const target = path.join(tempDir(), 'pkg');
    loadConnector(archive, { extractTo: target });
    fs.appendFileSync(path.join(target, 'schemas', 'echo.output.json'), ' ');
    fs.rmSync(path.join(target, 'schemas', 'wait.output.json'));
    fs.writeFileSync(path.join(target, 'extra.js'), 'module.exports = 1;');
    const err = thrown(() => loadConnector(target));
    expect(err.code).toBe('INTEGRITY_FAILED');
    expect(err.details?.map((d) => d.field).sort()).toEqual(['extra.js', 'schemas/echo.output.json', 'schemas/wait.output.json']);
    // Loading the archive again notices the damaged cache and unpacks afresh.
    expect(loadConnector(archive, { extractTo: target }).verified).toBe(true);
  });

  it('refuses a truncated archive and an archive holding a link', async () => {
    const truncated = path.join(tempDir(), 'truncated.tar.gz');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(thrown(() => loadConnector(truncated, { extractTo: path.join(tempDir(), 'x') })).code).toBe('INTEGRITY_FAILED');

    const staging = tempDir();
    fs.cpSync(FIXTURE_CONNECTOR, staging, { recursive: true });
    fs.symlinkSync('/etc/passwd', path.join(staging, 'schemas', 'link.json'));
    const linked = path.join(tempDir(), 'linked.tar.gz');
    await tar.c({ gzip: true, file: linked, cwd: staging }, fs.readdirSync(staging));
    const err = thrown(() => loadConnector(linked, { extractTo: path.join(tempDir(), 'y') }));
    expect(err.code).toBe('INTEGRITY_FAILED');
    expect(err.message).toContain('schemas/link.json');
  });

  it('prints the archive path as the last line of npm run package', async () => {
    const out = tempDir();
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(__dirname, '..', '..', 'scripts', 'package.ts'), '--root', FIXTURE_CONNECTOR, '--out', out],
        (err, so) => (err ? reject(err) : resolve(so)),
      );
    });
    const last = stdout.trim().split('\n').pop() ?? '';
    expect(last).toBe(path.join(out, 'fixture-min-1.0.0.tar.gz'));
    expect(fs.existsSync(last)).toBe(true);
  });
});

describe('manifest checks', () => {
  function brokenCopy(edit: (manifest: Record<string, unknown>) => void): string {
    const dir = tempDir();
    fs.cpSync(FIXTURE_CONNECTOR, dir, { recursive: true });
    const file = path.join(dir, 'connector.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(manifest);
    fs.writeFileSync(file, JSON.stringify(manifest));
    return dir;
  }

  it('lists every problem: shape, missing files, paths outside the folder, engine', () => {
    const dir = brokenCopy((m) => {
      const actions = m.actions as Array<Record<string, unknown>>;
      actions[0]!.kind = 'job';
      actions[1]!.input = 'schemas/missing.json';
      actions[2]!.output = '../../outside.json';
      m.engine = { node: '>=99', runtimeApi: '2.0' };
    });
    const first = thrown(() => loadConnector(dir));
    expect(first.code).toBe('MANIFEST_INVALID');
    expect(first.details?.map((d) => d.field)).toEqual(['/actions/0/kind']);
    const fixed = brokenCopy((m) => {
      const actions = m.actions as Array<Record<string, unknown>>;
      actions[1]!.input = 'schemas/missing.json';
      actions[2]!.output = '../../outside.json';
      m.engine = { node: '>=99', runtimeApi: '2.0' };
    });
    const second = thrown(() => loadConnector(fixed));
    expect(second.details?.map((d) => d.field)).toEqual(['/actions/1/input', '/actions/2/output', '/engine/node', '/engine/runtimeApi']);
  });

  it('refuses a manifest whose actions and entry disagree', () => {
    const dir = brokenCopy((m) => {
      const actions = m.actions as Array<Record<string, unknown>>;
      actions.push({ ...actions[0], id: 'test.notExported' });
      actions.splice(1, 1);
    });
    const err = thrown(() => loadConnector(dir));
    expect(err.code).toBe('MANIFEST_INVALID');
    expect(err.message).toContain('test.notExported is not exported');
    expect(err.message).toContain('test.wait is exported by connector.js but not listed');
  });
});

describe('source checkout', () => {
  it('loads src/connector.ts when the built entry is absent and a TypeScript loader is active', () => {
    const dir = tempDir();
    fs.cpSync(FIXTURE_CONNECTOR, dir, { recursive: true });
    const manifestFile = path.join(dir, 'connector.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, entry: 'dist/connector.js' }));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'connector.ts'), "const fixture: { actions: unknown } = require('../connector.js');\nexport const actions = fixture.actions;\n");
    const loaded = loadConnector(dir);
    expect([...loaded.actions.keys()]).toContain('test.echo');
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    expect(thrown(() => loadConnector(dir)).details).toEqual([{ field: '/entry', message: 'dist/connector.js does not exist (run npm run build)' }]);
  });
});
