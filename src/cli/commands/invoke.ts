import * as fs from 'node:fs';
import { Args, Flags } from '@oclif/core';
import type { InvokeMetadata } from '../../runtime/types';
import { BaseCommand } from '../base';
import { connectionName, openConnection } from '../connections';
import { connectionFlag, connectorFlag } from '../flags';
import { recordsOf, toCsv, toJsonLines } from '../records';
import { loadRuntimeConnector, readJsonObject } from '../runtime';

interface InvokeCommandResult {
  action: string;
  connection: string;
  output?: unknown;
  outputFile?: string;
  records?: number;
  metadata: InvokeMetadata;
}

export default class Invoke extends BaseCommand {
  static override summary = 'Invoke an action with a JSON input.';
  static override description =
    'Validates the input against the action\'s schema, runs the action through the runtime (license hook, throttling, retries) and prints its output on stdout. Progress goes to stderr.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> orders.ListOrders --input \'{"CreatedAfter":"2020-01-01T00:00:00Z"}\' --all-pages --format jsonl',
    '<%= config.bin %> <%= command.id %> reports.fetchReport --input @report.json --connection shop-us --output report.csv --format csv',
    'cat feed.json | <%= config.bin %> <%= command.id %> feeds.submitFeedAndWait --input @- --json',
  ];
  static override args = { action: Args.string({ description: 'Action id (mws-connector actions list).', required: true }) };
  static override flags = {
    input: Flags.string({ char: 'i', description: 'Input: a JSON object, @FILE or @- (stdin).', default: '{}', helpValue: 'JSON|@FILE|@-' }),
    connection: connectionFlag,
    'all-pages': Flags.boolean({ description: 'Follow NextToken and return every page (listing actions).' }),
    output: Flags.string({ char: 'o', description: 'Write the output to this file instead of stdout.', helpValue: 'FILE' }),
    format: Flags.option({ options: ['json', 'jsonl', 'csv'] as const, default: 'json' as const, description: 'json: the output object; jsonl / csv: one line per record of its main list.' })(),
    connector: connectorFlag,
  };

  private format: 'json' | 'jsonl' | 'csv' = 'json';

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(Invoke);
    this.format = flags.format;
    const input = readJsonObject(flags.input, 'input');
    if (flags['all-pages']) input.allPages = true;
    const name = connectionName(flags.connection);
    const opened = await openConnection(this.home(), name);
    try {
      const connector = await loadRuntimeConnector({ source: flags.connector, home: this.home(), logger: this.logger(), ...(opened.ca ? { ca: opened.ca } : {}) });
      try {
        const progress = this.progress();
        const { output, metadata } = await connector.invoke(args.action, opened.config, input, { progress: (e) => progress.update(e) });
        this.stopProgress();
        if (metadata.license?.warning) this.note(`License: ${metadata.license.warning}`);
        const result: InvokeCommandResult = { action: args.action, connection: name, metadata };
        if (flags.output) {
          const records = recordsOf(output);
          fs.writeFileSync(flags.output, this.formatted(output));
          return { ...result, outputFile: flags.output, records: flags.format === 'json' ? undefined : records.length };
        }
        return { ...result, output };
      } finally {
        await connector.dispose();
      }
    } finally {
      await opened.close();
    }
  }

  private formatted(output: unknown): string {
    if (this.format === 'jsonl') return toJsonLines(recordsOf(output));
    if (this.format === 'csv') return toCsv(recordsOf(output));
    return `${JSON.stringify(output, null, 2)}\n`;
  }

  protected override render(result: InvokeCommandResult): string {
    if (result.outputFile) {
      this.note(`${result.action}: wrote ${result.records !== undefined ? `${result.records} records` : 'the output'} to ${result.outputFile} (${result.metadata.requestIds.length} requests, ${result.metadata.durationMs} ms)`);
      return '';
    }
    return this.formatted(result.output);
  }
}
