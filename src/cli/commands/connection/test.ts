import { Args } from '@oclif/core';
import type { ConnectionCheck } from '../../../runtime/types';
import { BaseCommand } from '../../base';
import { connectionName, openConnection } from '../../connections';
import { EXIT } from '../../exit-codes';
import { connectionFlag, connectorFlag } from '../../flags';
import { loadRuntimeConnector } from '../../runtime';

interface TestResult {
  connection: string;
  endpoint?: string;
  ok: boolean;
  checks: ConnectionCheck[];
}

export default class ConnectionTest extends BaseCommand {
  static override summary = 'Test a connection: endpoint, credentials, marketplaces, clock.';
  static override description =
    'Calls Sellers.ListMarketplaceParticipations once and prints each check with its cause and a hint: wrong key, wrong secret, wrong token or seller, wrong region or marketplace, clock skew, TLS. Exits 3 for a configuration or marketplace problem, 4 for an endpoint, credential or clock problem.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> shop-us', '<%= config.bin %> <%= command.id %> shop-us --json'];
  static override args = { name: Args.string({ description: 'Profile name (default: --connection, $MWS_CONNECTOR_CONNECTION or "sandbox").' }) };
  static override flags = { connection: connectionFlag, connector: connectorFlag };

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(ConnectionTest);
    const name = args.name ?? connectionName(flags.connection);
    const opened = await openConnection(this.home(), name);
    try {
      const connector = await loadRuntimeConnector({ source: flags.connector, home: this.home(), logger: this.logger(), ...(opened.ca ? { ca: opened.ca } : {}) });
      try {
        const result = await connector.testConnection(opened.config);
        const failed = result.checks.find((c) => !c.ok);
        if (failed) process.exitCode = failed.name === 'config' || failed.name === 'marketplaces' ? EXIT.CONFIG : EXIT.CONNECTION;
        const endpoint = typeof opened.config.endpoint === 'string' ? opened.config.endpoint : undefined;
        return { connection: name, ...(endpoint ? { endpoint } : {}), ok: result.ok, checks: result.checks } satisfies TestResult;
      } finally {
        await connector.dispose();
      }
    } finally {
      await opened.close();
    }
  }

  protected override render(result: TestResult): string {
    const lines = [`Connection ${result.connection}${result.endpoint ? ` (${result.endpoint})` : ''}: ${result.ok ? 'OK' : 'FAILED'}`];
    for (const check of result.checks) {
      lines.push(`  ${check.ok ? '✓' : '✗'} ${check.name}${check.cause ? `: ${check.cause}` : ''}`);
      if (check.hint) lines.push(`      ${check.hint}`);
    }
    return lines.join('\n');
  }
}
