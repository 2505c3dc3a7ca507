import { Args } from '@oclif/core';
import { inspectLicense, type LicenseInspection } from '../../../license';
import { BaseCommand } from '../../base';
import { trustedKeysFlag } from '../../flags';
import { readTrustedKeys } from '../../license-options';
import { readTextArgument } from '../../runtime';
import { renderInspection } from '../../license-render';

export default class LicenseInspect extends BaseCommand {
  static override summary = 'Inspect a license file: who, what, until when, and whether it is valid here.';
  static override examples = ['<%= config.bin %> <%= command.id %> acme.lic', 'cat acme.lic | <%= config.bin %> <%= command.id %> - --json'];
  static override args = { file: Args.string({ description: 'License file, or - for stdin.', required: true }) };
  static override flags = { 'trusted-keys': trustedKeysFlag };

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(LicenseInspect);
    const text = readTextArgument(args.file === '-' ? '@-' : `@${args.file}`, 'file');
    const trustedKeys = readTrustedKeys(flags['trusted-keys']);
    return inspectLicense(text, trustedKeys ? { trustedKeys } : {});
  }

  protected override render(result: LicenseInspection): string {
    return renderInspection(result);
  }
}
