import { fingerprintInfo } from '../../../license';
import { BaseCommand } from '../../base';

export default class LicenseFingerprint extends BaseCommand {
  static override summary = 'Print this server\'s fingerprint (what a license is bound to).';
  static override description = 'A salted hash of the machine id (never the raw id). Containers set MWS_CONNECTOR_FINGERPRINT to the value the vendor licensed.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];

  protected async execute(): Promise<unknown> {
    await this.parse(LicenseFingerprint);
    return fingerprintInfo();
  }

  protected override render(result: { fingerprint: string; source: string }): string {
    return `${result.fingerprint}  (from ${result.source})`;
  }
}
