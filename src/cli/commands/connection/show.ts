import { Args } from '@oclif/core';
import { ProfileStore } from '../../../runtime/profiles';
import { BaseCommand } from '../../base';
import { builtInSandboxView, SANDBOX_PROFILE } from '../../connections';
import { renderProfile } from '../../profile-flags';

export default class ConnectionShow extends BaseCommand {
  static override summary = 'Show a connection profile (secrets as set/unset or their reference).';
  static override examples = ['<%= config.bin %> <%= command.id %> shop-us', '<%= config.bin %> <%= command.id %> sandbox --json'];
  static override args = { name: Args.string({ description: 'Profile name.', required: true }) };

  protected async execute(): Promise<unknown> {
    const { args } = await this.parse(ConnectionShow);
    try {
      return await new ProfileStore(this.home()).get(args.name);
    } catch (err) {
      if (args.name === SANDBOX_PROFILE && (err as { code?: string }).code === 'PROFILE_NOT_FOUND') return builtInSandboxView();
      throw err;
    }
  }

  protected override render(result: Parameters<typeof renderProfile>[0]): string {
    return renderProfile(result);
  }
}
