import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Flags } from '@oclif/core';
import { ConfigError, MwsConnectorError } from '../../mws/errors';
import { packageRoot } from '../../runtime/connector';
import { BaseCommand } from '../base';

interface Packaged {
  archive: string;
  bytes: number;
  files: number;
}

export default class Package extends BaseCommand {
  static override summary = 'Build the deployable connector archive (.tar.gz with checksums).';
  static override description =
    'Publisher side, from a source checkout: bundles the connector entry with esbuild, copies connector.json, schemas and docs, writes checksums.json (verified when a server loads the archive) and prints the archive\'s path.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --out /tmp/release --json'];
  static override flags = {
    root: Flags.string({ description: 'Folder holding connector.json (default: this package).', helpValue: 'DIR' }),
    out: Flags.string({ description: 'Where the archive goes (default: <root>/build).', helpValue: 'DIR' }),
  };

  protected async execute(): Promise<unknown> {
    const { flags } = await this.parse(Package);
    const repo = packageRoot();
    const script = path.join(repo, 'scripts', 'package.ts');
    if (!fs.existsSync(script)) throw new ConfigError('root', `packaging needs a source checkout with scripts/package.ts (not found under ${repo})`);
    const args = ['-r', 'ts-node/register/transpile-only', script];
    if (flags.root) args.push('--root', path.resolve(flags.root));
    if (flags.out) args.push('--out', path.resolve(flags.out));
    const run = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(repo, 'tsconfig.json') } });
    if (run.status !== 0) {
      const reason = (run.stderr || run.error?.message || 'failed').trim().split('\n').pop() ?? 'failed';
      throw new MwsConnectorError('MANIFEST_INVALID', `packaging failed: ${reason}`);
    }
    const archive = run.stdout.trim().split('\n').pop() ?? '';
    const files = /packaged (\d+) files/.exec(run.stderr)?.[1];
    return { archive, bytes: fs.statSync(archive).size, files: Number(files ?? 0) } satisfies Packaged;
  }

  protected override render(result: Packaged): string {
    this.note(`Packaged ${result.files} files, ${result.bytes} bytes.`);
    return result.archive;
  }
}
