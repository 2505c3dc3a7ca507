import { DEFAULT_EVALUATION_HOSTS, licenseStatus, type LicenseStatus } from '../../../license';
import { BaseCommand } from '../../base';
import { trustedKeysFlag } from '../../flags';
import { readTrustedKeys } from '../../license-options';
import { renderInspection } from '../../license-render';

interface StatusResult extends LicenseStatus {
  evaluation: { hosts: string[]; note: string };
}

export default class LicenseStatusCommand extends BaseCommand {
  static override summary = 'Show the installed licenses and which one counts.';
  static override description = 'Calls to a loopback endpoint (the sandbox) are evaluation calls and need no license; every other endpoint needs a usable license.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];
  static override flags = { 'trusted-keys': trustedKeysFlag };

  protected async execute(): Promise<unknown> {
    const { flags } = await this.parse(LicenseStatusCommand);
    const trustedKeys = readTrustedKeys(flags['trusted-keys']);
    const status = await licenseStatus({ home: this.home(), ...(trustedKeys ? { trustedKeys } : {}) });
    return {
      ...status,
      evaluation: { hosts: [...DEFAULT_EVALUATION_HOSTS], note: 'Calls to these hosts (the sandbox) are evaluation calls and need no license.' },
    } satisfies StatusResult;
  }

  protected override render(s: StatusResult): string {
    const lines = [`License: ${s.state === 'missing' ? 'none installed' : s.state}`, `  folder: ${s.dir}`, `  fingerprint: ${s.fingerprint} (from ${s.fingerprintSource})`];
    if (s.active) lines.push(`  active: ${s.active.file}`, renderInspection(s.active.inspection, '    '));
    const others = s.licenses.filter((l) => l.file !== s.active?.file);
    for (const other of others) lines.push(`  also installed: ${other.file} (${other.inspection.state})`);
    lines.push(`Evaluation: calls to ${s.evaluation.hosts.join(', ')} (the sandbox) need no license${s.state === 'missing' ? '; other endpoints are refused until a license is installed (mws-connector license request, then license install).' : '.'}`);
    return lines.join('\n');
  }
}
