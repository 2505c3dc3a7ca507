import { Args, Flags } from '@oclif/core';
import { ConfigError } from '../../../mws/errors';
import { ProfileStore } from '../../../runtime/profiles';
import { BaseCommand } from '../../base';
import { builtInSandboxConnection } from '../../connections';
import { checkFullConnection, connectionFromFlags, profileFlags, renderProfile } from '../../profile-flags';
import { collectSecrets, secretFlags } from '../../secret-input';

export default class ConnectionCreate extends BaseCommand {
  static override summary = 'Create a connection profile.';
  static override description =
    'Saves a profile under MWS_CONNECTOR_HOME/connections (mode 0600). Secrets are never flag values: give them as references (--secret-key-env, --secret-key-file), as JSON on stdin (--secrets-stdin), or at the prompt. Secrets are never printed.';
  static override examples = [
    'export MWS_SECRET_KEY=...; <%= config.bin %> <%= command.id %> shop-us --seller-id A2EXAMPLESELLER --aws-access-key-id EXAMPLEACCESSKEYID01 --marketplace-id ATVPDKIKX0DER --secret-key-env MWS_SECRET_KEY --mws-auth-token-env MWS_AUTH_TOKEN',
    'echo \'{"secretKey":"...","mwsAuthToken":"amzn.mws...."}\' | <%= config.bin %> <%= command.id %> shop-eu --seller-id A2EXAMPLESELLER --aws-access-key-id EXAMPLEACCESSKEYID01 --marketplace-id A1PA6795UKMFR9 --secrets-stdin',
    '<%= config.bin %> <%= command.id %> my-sandbox --sandbox --time-scale 60',
  ];
  static override args = { name: Args.string({ description: 'Profile name (letters, digits, ".", "_", "-").', required: true }) };
  static override flags = {
    ...profileFlags,
    ...secretFlags,
    sandbox: Flags.boolean({ description: 'Start from the sandbox\'s public test credentials with endpoint "sandbox".' }),
  };

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(ConnectionCreate);
    const secrets = await collectSecrets(flags, { promptForSecretKey: !flags.sandbox });
    const connection = { ...(flags.sandbox ? builtInSandboxConnection() : {}), ...connectionFromFlags(flags), ...secrets };
    if (connection.secretKey === undefined) {
      throw new ConfigError('secretKey', 'is required: give --secret-key-env NAME, --secret-key-file PATH or --secrets-stdin, or run on a terminal to be prompted');
    }
    checkFullConnection(connection);
    return new ProfileStore(this.home()).create(args.name, connection);
  }

  protected override render(result: Parameters<typeof renderProfile>[0]): string {
    return `Created connection profile ${renderProfile(result)}`;
  }
}
