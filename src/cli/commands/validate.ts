import { Args } from '@oclif/core';
import { BaseCommand } from '../base';
import { EXIT } from '../exit-codes';
import { SOURCE_ENV } from '../flags';
import { validateConnectorSource, type ValidationReport } from '../validate';

export default class Validate extends BaseCommand {
  static override summary = 'Validate a connector: manifest, schemas with examples and counter-examples, samples, secret marking.';
  static override description = 'Errors and warnings each name the file and JSON path. Exits 3 when there is any error; warnings alone exit 0.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> build/amazon-mws-connector-0.1.0.tar.gz --json'];
  static override args = { source: Args.string({ description: `Connector folder or .tar.gz package (default: $${SOURCE_ENV}, else this package).` }) };

  protected async execute(): Promise<unknown> {
    const { args } = await this.parse(Validate);
    const report = await validateConnectorSource(args.source ?? process.env[SOURCE_ENV]);
    if (!report.ok) process.exitCode = EXIT.CONFIG;
    return report;
  }

  protected override render(r: ValidationReport): string {
    const lines = [
      `${r.connector} (${r.root}): ${r.ok ? 'valid' : 'INVALID'}`,
      `  ${r.counts.actions} actions, ${r.counts.schemas} schemas, ${r.counts.examples} examples, ${r.counts.counterExamples} counter-examples, ${r.counts.samples} sample outputs checked`,
    ];
    for (const e of r.errors) lines.push(`  error   ${e.path}: ${e.message}`);
    for (const w of r.warnings.slice(0, 20)) lines.push(`  warning ${w.path}: ${w.message}`);
    if (r.warnings.length > 20) lines.push(`  … ${r.warnings.length - 20} more warnings (--json lists all)`);
    lines.push(`${r.errors.length} errors, ${r.warnings.length} warnings`);
    return lines.join('\n');
  }
}
