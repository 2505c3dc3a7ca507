import * as fs from 'node:fs';
import { Flags } from '@oclif/core';
import { issueLicense, parseLicenseRequest } from '../../../license';
import { ValidationError } from '../../../mws/errors';
import { registerSecret } from '../../../util/secrets';
import { BaseCommand } from '../../base';
import { readFileArgument } from '../../runtime';

export default class LicenseIssue extends BaseCommand {
  static override hidden = true;
  static override summary = 'Vendor side: sign a license from a license request.';
  static override description = 'Needs the vendor\'s Ed25519 private key (PKCS#8 PEM), read from a file and never printed.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> --private-key-file vendor.pem --key-id mws-vendor-2026-1 --request request.json --expires-at 2027-12-31T00:00:00Z --output acme.lic',
  ];
  static override flags = {
    'private-key-file': Flags.string({ description: 'Vendor private key (PKCS#8 PEM).', required: true, helpValue: 'FILE' }),
    'key-id': Flags.string({ description: 'Id of the vendor key (as in connector.json license.publicKeys).', required: true, helpValue: 'ID' }),
    request: Flags.string({ description: 'License request from `license request` (licensee and fingerprint).', helpValue: 'FILE' }),
    licensee: Flags.string({ description: 'Licensee (default: from --request).', helpValue: 'NAME' }),
    server: Flags.string({ description: 'Server fingerprint, or * for any (repeatable; default: from --request).', multiple: true, helpValue: 'FP' }),
    'expires-at': Flags.string({ description: 'Expiry (ISO 8601).', required: true, helpValue: 'ISO' }),
    'not-before': Flags.string({ description: 'Start (ISO 8601; default now).', helpValue: 'ISO' }),
    'grace-days': Flags.integer({ description: 'Days of grace after expiry (default 14).', min: 0 }),
    feature: Flags.string({ description: 'Feature granted (repeatable; default mws-actions).', multiple: true }),
    output: Flags.string({ char: 'o', description: 'Write the license here (default: stdout).', helpValue: 'FILE' }),
  };

  protected async execute(): Promise<unknown> {
    const { flags } = await this.parse(LicenseIssue);
    const privateKey = readFileArgument(flags['private-key-file'], 'private-key-file');
    registerSecret(privateKey);
    const request = flags.request ? parseLicenseRequest(readFileArgument(flags.request, 'request')) : undefined;
    const licensee = flags.licensee ?? request?.licensee;
    const servers = flags.server ?? (request ? [request.fingerprint] : undefined);
    if (!licensee || !servers) {
      throw new ValidationError('license issue needs --request, or --licensee and --server', [{ field: licensee ? 'server' : 'licensee', message: 'expected a value or a --request file' }]);
    }
    const text = issueLicense({
      privateKey,
      keyId: flags['key-id'],
      licensee,
      servers,
      expiresAt: flags['expires-at'],
      ...(flags['not-before'] ? { notBefore: flags['not-before'] } : {}),
      ...(flags['grace-days'] !== undefined ? { graceDays: flags['grace-days'] } : {}),
      ...(flags.feature ? { features: flags.feature } : {}),
    });
    if (flags.output) fs.writeFileSync(flags.output, text);
    return { license: text, ...(flags.output ? { file: flags.output } : {}) };
  }

  protected override render(result: { license: string; file?: string }): string {
    if (result.file) {
      this.note(`Wrote the license to ${result.file}`);
      return '';
    }
    return result.license;
  }
}
