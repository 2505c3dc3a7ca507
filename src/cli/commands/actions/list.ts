import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base';
import { connectorFlag } from '../../flags';
import { loadManifestOnly } from '../../runtime';

interface ActionRow {
  id: string;
  title: string;
  section: string;
  kind: string;
  visibility: string;
  longRunning: boolean;
}

export default class ActionsList extends BaseCommand {
  static override summary = 'List the connector\'s actions.';
  static override description = 'Normal actions by default; --all adds advanced and deprecated ones.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --section Orders --all', '<%= config.bin %> <%= command.id %> --json'];
  static override flags = {
    all: Flags.boolean({ description: 'Include advanced and deprecated actions.' }),
    section: Flags.string({ description: 'Only this MWS section, e.g. Orders, Reports, Feeds.', helpValue: 'SECTION' }),
    connector: connectorFlag,
  };

  protected async execute(): Promise<unknown> {
    const { flags } = await this.parse(ActionsList);
    const { manifest } = await loadManifestOnly(flags.connector);
    const section = flags.section?.toLowerCase();
    const actions: ActionRow[] = manifest.actions
      .filter((a) => flags.all || a.visibility === 'normal')
      .filter((a) => section === undefined || a.section.toLowerCase() === section)
      .map((a) => ({ id: a.id, title: a.title, section: a.section, kind: a.kind, visibility: a.visibility, longRunning: a.longRunning === true }));
    return { connector: manifest.id, version: manifest.version, total: manifest.actions.length, actions };
  }

  protected override render(result: { total: number; actions: ActionRow[] }): string {
    const width = Math.max(10, ...result.actions.map((a) => a.id.length)) + 2;
    const lines = result.actions.map((a) => `${a.id.padEnd(width)}${a.title}${a.visibility !== 'normal' ? ` [${a.visibility}]` : ''}${a.longRunning ? ' (long-running)' : ''}`);
    lines.push('', `${result.actions.length} of ${result.total} actions${result.actions.length < result.total ? ' (--all shows advanced ones)' : ''}. Details: mws-connector actions describe ID`);
    return lines.join('\n');
  }
}
