import { Args } from '@oclif/core';
import { ProfileStore } from '../../../runtime/profiles';
import { BaseCommand } from '../../base';

export default class ConnectionDelete extends BaseCommand {
  static override summary = 'Delete a connection profile.';
  static override examples = ['<%= config.bin %> <%= command.id %> shop-us'];
  static override args = { name: Args.string({ description: 'Profile name.', required: true }) };

  protected async execute(): Promise<unknown> {
    const { args } = await this.parse(ConnectionDelete);
    await new ProfileStore(this.home()).delete(args.name);
    return { deleted: args.name };
  }

  protected override render(result: { deleted: string }): string {
    return `Deleted connection profile ${result.deleted}`;
  }
}
