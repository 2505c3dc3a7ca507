import { Args } from '@oclif/core';
import { installLicense, type InstalledLicense } from '../../../license';
import { BaseCommand } from '../../base';
import { trustedKeysFlag } from '../../flags';
import { readTrustedKeys } from '../../license-options';
import { renderInspection } from '../../license-render';
import { readTextArgument } from '../../runtime';

export default class LicenseInstall extends BaseCommand {
  static override summary = 'Verify and install a license file.';
  static override description = 'Refuses (exit 5) a license that is forged, for another product or server, or expired; the installed licenses stay unchanged then. A renewal that starts later is installed and takes over when it starts.';
  static override examples = ['<%= config.bin %> <%= command.id %> acme.lic'];
  static override args = { file: Args.string({ description: 'License file, or - for stdin.', required: true }) };
  static override flags = { 'trusted-keys': trustedKeysFlag };

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(LicenseInstall);
    const text = readTextArgument(args.file === '-' ? '@-' : `@${args.file}`, 'file');
    const trustedKeys = readTrustedKeys(flags['trusted-keys']);
    return installLicense(text, { home: this.home(), ...(trustedKeys ? { trustedKeys } : {}) });
  }

  protected override render(result: InstalledLicense): string {
    return `Installed ${result.file}\n${renderInspection(result.inspection, '  ')}`;
  }
}
