import * as fs from 'node:fs';
import { Flags } from '@oclif/core';
import { createLicenseRequest } from '../../../license';
import { BaseCommand } from '../../base';

export default class LicenseRequest extends BaseCommand {
  static override summary = 'Write a license request to send to the vendor.';
  static override description = 'Plain, unsigned JSON: your organisation, contact and this server\'s fingerprint. It grants nothing by itself.';
  static override examples = ['<%= config.bin %> <%= command.id %> --licensee "Example Ltd" --contact ops@example.com --output request.json'];
  static override flags = {
    licensee: Flags.string({ description: 'Your organisation\'s name as it should appear on the license.', required: true, helpValue: 'NAME' }),
    contact: Flags.string({ description: 'Who the vendor answers (e-mail).', helpValue: 'EMAIL' }),
    output: Flags.string({ char: 'o', description: 'Write the request to this file (default: stdout).', helpValue: 'FILE' }),
  };

  protected async execute(): Promise<unknown> {
    const { flags } = await this.parse(LicenseRequest);
    const text = createLicenseRequest({ licensee: flags.licensee, ...(flags.contact ? { contact: flags.contact } : {}) });
    if (flags.output) fs.writeFileSync(flags.output, text);
    return { request: JSON.parse(text) as unknown, ...(flags.output ? { file: flags.output } : {}) };
  }

  protected override render(result: { request: unknown; file?: string }): string {
    if (result.file) {
      this.note(`Wrote the license request to ${result.file}; send it to the vendor.`);
      return '';
    }
    return JSON.stringify(result.request, null, 2);
  }
}
