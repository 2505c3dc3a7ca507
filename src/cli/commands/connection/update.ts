import { Args, Flags } from '@oclif/core';
import { ProfileStore, type ProfilePatch } from '../../../runtime/profiles';
import { BaseCommand } from '../../base';
import { connectionFromFlags, profileFlags, renderProfile } from '../../profile-flags';
import { collectSecrets, secretFlags } from '../../secret-input';

const FIELDS = ['sellerId', 'mwsAuthToken', 'awsAccessKeyId', 'secretKey', 'developerId', 'region', 'marketplaceIds', 'endpoint', 'timeouts', 'timeScale'] as const;

export default class ConnectionUpdate extends BaseCommand {
  static override summary = 'Change properties of a connection profile.';
  static override description = 'Only the properties given change; --unset removes one. Secrets as for `connection create` (never as flag values).';
  static override examples = [
    '<%= config.bin %> <%= command.id %> shop-us --marketplace-id ATVPDKIKX0DER --marketplace-id A2EUQ1WTGCTBG2',
    '<%= config.bin %> <%= command.id %> shop-us --secret-key-env MWS_SECRET_KEY_2',
    '<%= config.bin %> <%= command.id %> shop-us --unset endpoint',
  ];
  static override args = { name: Args.string({ description: 'Profile name.', required: true }) };
  static override flags = {
    ...profileFlags,
    ...secretFlags,
    unset: Flags.string({ description: 'Remove this property (repeatable).', options: [...FIELDS], multiple: true }),
  };

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(ConnectionUpdate);
    const secrets = await collectSecrets(flags, { promptForSecretKey: false });
    const patch: ProfilePatch = { ...connectionFromFlags(flags), ...secrets };
    for (const field of flags.unset ?? []) patch[field as keyof ProfilePatch] = null;
    return new ProfileStore(this.home()).update(args.name, patch);
  }

  protected override render(result: Parameters<typeof renderProfile>[0]): string {
    return `Updated connection profile ${renderProfile(result)}`;
  }
}
