import { ProfileStore } from '../../../runtime/profiles';
import { BaseCommand } from '../../base';
import { builtInSandboxView, SANDBOX_PROFILE } from '../../connections';

interface Row {
  name: string;
  builtIn?: boolean;
  problem?: string;
  sellerId?: string;
  marketplaceIds?: string[];
  endpoint?: string;
}

export default class ConnectionList extends BaseCommand {
  static override summary = 'List connection profiles.';
  static override description = 'Every profile in MWS_CONNECTOR_HOME/connections, plus the built-in "sandbox" profile unless a profile of that name exists. Secrets are never shown.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];
  static override aliases = ['connections'];

  protected async execute(): Promise<unknown> {
    await this.parse(ConnectionList);
    const profiles = await new ProfileStore(this.home()).list();
    const rows: Row[] = profiles.map((p) =>
      'problem' in p
        ? { name: p.name, problem: p.problem }
        : { name: p.name, ...pick(p.connection) },
    );
    if (!rows.some((r) => r.name === SANDBOX_PROFILE)) {
      const sandbox = builtInSandboxView();
      rows.push({ name: SANDBOX_PROFILE, builtIn: true, ...pick(sandbox.connection) });
    }
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return { connections: rows };
  }

  protected override render(result: { connections: Row[] }): string {
    const lines = result.connections.map((r) =>
      r.problem
        ? `${r.name}  (unreadable: ${r.problem})`
        : `${r.name.padEnd(20)} ${String(r.sellerId ?? '').padEnd(20)} ${(r.marketplaceIds ?? []).join(',').padEnd(30)} ${r.endpoint ?? '(marketplace host)'}${r.builtIn ? '  [built-in]' : ''}`,
    );
    return [`${'NAME'.padEnd(20)} ${'SELLER'.padEnd(20)} ${'MARKETPLACES'.padEnd(30)} ENDPOINT`, ...lines].join('\n');
  }
}

function pick(connection: { sellerId?: string; marketplaceIds?: string[]; endpoint?: string }): Omit<Row, 'name'> {
  return {
    ...(connection.sellerId !== undefined ? { sellerId: connection.sellerId } : {}),
    ...(connection.marketplaceIds !== undefined ? { marketplaceIds: connection.marketplaceIds } : {}),
    ...(connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {}),
  };
}
