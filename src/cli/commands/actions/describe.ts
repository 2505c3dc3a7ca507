import * as fs from 'node:fs';
import * as path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { actionIdentity, type ActionIdentity } from '../../../actions/identity';
import { MwsConnectorError } from '../../../mws/errors';
import { BaseCommand } from '../../base';
import { connectorFlag } from '../../flags';
import { loadManifestOnly } from '../../runtime';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; examples?: unknown[]; description?: string; type?: unknown };

interface Description extends ActionIdentity {
  longRunning: boolean;
  idempotent: boolean;
  recovery: string | null;
  quota?: unknown;
  input: Schema;
  output: Schema;
  exampleInput?: unknown;
  sampleOutput?: unknown;
}

export default class ActionsDescribe extends BaseCommand {
  static override summary = 'Describe an action: inputs, outputs, quota, an example input and the sample output.';
  static override examples = ['<%= config.bin %> <%= command.id %> orders.ListOrders', '<%= config.bin %> <%= command.id %> reports.fetchReport --all', '<%= config.bin %> <%= command.id %> feeds.submitFeedAndWait --json'];
  static override args = { action: Args.string({ description: 'Action id, e.g. orders.ListOrders.', required: true }) };
  static override flags = {
    all: Flags.boolean({ description: 'Also show each input\'s allowed values, Amazon\'s default, availability and the cross-field constraints.' }),
    connector: connectorFlag,
  };

  private showAll = false;

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(ActionsDescribe);
    this.showAll = flags.all;
    const { root, manifest } = await loadManifestOnly(flags.connector);
    const action = manifest.actions.find((a) => a.id === args.action) ?? manifest.actions.find((a) => a.id.toLowerCase() === args.action.toLowerCase());
    if (!action) {
      const near = manifest.actions.filter((a) => a.id.toLowerCase().includes(args.action.toLowerCase().split('.').pop() ?? '')).map((a) => a.id).slice(0, 5);
      throw new MwsConnectorError('UNKNOWN_ACTION', `No action ${JSON.stringify(args.action)}${near.length ? `; did you mean ${near.join(', ')}?` : '; see mws-connector actions list --all'}`, { field: 'action' });
    }
    const input = readSchema(root, action.input);
    const output = readSchema(root, action.output);
    const exampleInput = input.examples?.[0];
    const sampleOutput = action.sampleOutput ?? output.examples?.[0];
    return {
      ...actionIdentity(action),
      longRunning: action.longRunning === true,
      idempotent: action.idempotent === true,
      recovery: action.recovery ?? null,
      ...(action.throttle !== undefined ? { quota: action.throttle } : {}),
      input,
      output,
      ...(exampleInput !== undefined ? { exampleInput } : {}),
      ...(sampleOutput !== undefined ? { sampleOutput } : {}),
    } satisfies Description;
  }

  protected override render(d: Description): string {
    const lines = [`${d.id} — ${d.title}`, d.description, ''];
    lines.push(`Section ${d.section}${d.operation ? `, operation ${d.operation}` : ''}; ${d.kind}, ${d.visibility}${d.longRunning ? ', long-running' : ''}, ${d.idempotent ? 'idempotent' : 'not idempotent'}`);
    if (d.recovery) lines.push(`Recovery: ${d.recovery}`);
    if (d.quota !== undefined) lines.push(`Quota: ${describeQuota(d.quota)}`);
    lines.push('', 'Inputs:', ...properties(d.input, this.showAll));
    const constraints = d.input['x-constraints'];
    if (Array.isArray(constraints) && constraints.length > 0) {
      lines.push('', 'Constraints:', ...(this.showAll ? constraints.map((c) => `  ${describeConstraint(c)}`) : [`  ${constraints.length} cross-field rules (--all shows them)`]));
    }
    lines.push('', 'Outputs:', ...properties(d.output, false));
    if (d.exampleInput !== undefined) lines.push('', 'Example input:', indent(JSON.stringify(d.exampleInput, null, 2)));
    if (d.sampleOutput !== undefined) lines.push('', 'Sample output:', indent(truncate(JSON.stringify(d.sampleOutput, null, 2), 60)));
    lines.push('', `Invoke: mws-connector invoke ${d.id} --input '${JSON.stringify(d.exampleInput ?? {})}'`);
    return lines.join('\n');
  }
}

function readSchema(root: string, relative: string): Schema {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')) as Schema;
  } catch (err) {
    throw new MwsConnectorError('MANIFEST_INVALID', `Cannot read the schema ${relative}`, { cause: err, field: relative });
  }
}

function properties(schema: Schema, details: boolean): string[] {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const names = Object.keys(props);
  if (names.length === 0) return ['  (none)'];
  const width = Math.max(...names.map((n) => n.length), 4) + 2;
  const typeOf = (p: Schema): string => (Array.isArray(p.type) ? p.type.join('|') : typeof p.type === 'string' ? p.type : p.enum ? 'enum' : 'any');
  const typed = names.map((name) => `${typeOf(props[name] as Schema)}${required.has(name) ? ' (required)' : ''}`);
  const typeWidth = Math.max(...typed.map((t) => t.length)) + 2;
  const out: string[] = [];
  for (const [index, name] of names.entries()) {
    const p = props[name] as Schema;
    const description = typeof p.description === 'string' ? p.description.split('. ')[0] : '';
    out.push(`  ${name.padEnd(width)}${description ? `${typed[index]?.padEnd(typeWidth)}${description}` : typed[index]}`);
    if (!details) continue;
    const item = (p.items ?? {}) as Schema;
    const values = (p.enum ?? item.enum ?? p['x-known-values'] ?? item['x-known-values']) as unknown[] | undefined;
    const pad = ' '.repeat(width + 2);
    if (Array.isArray(values)) out.push(`${pad}values: ${values.slice(0, 12).join(', ')}${values.length > 12 ? `, … (${values.length})` : ''}`);
    if (p['x-amazonDefault'] !== undefined) out.push(`${pad}Amazon's default: ${String(p['x-amazonDefault'])}`);
    if (p['x-default'] !== undefined) out.push(`${pad}default: ${String(p['x-default'])}`);
    if (p['x-availability'] !== undefined) out.push(`${pad}availability: ${JSON.stringify(p['x-availability'])}`);
    if (p['x-maxItemsPerCall'] !== undefined) out.push(`${pad}at most ${String(p['x-maxItemsPerCall'])} per call (longer lists are split)`);
  }
  return out;
}

function describeConstraint(constraint: unknown): string {
  const c = constraint as { message?: unknown; kind?: unknown; params?: unknown };
  if (typeof c?.message === 'string') return c.message;
  return `${String(c?.kind)}: ${JSON.stringify(c?.params)}`;
}

function describeQuota(quota: unknown): string {
  const q = quota as { maxQuota?: number; restoreEverySeconds?: number; hourlyMax?: number; restoreUnit?: string };
  if (q && typeof q === 'object' && q.maxQuota !== undefined) {
    return `burst ${q.maxQuota}, one restored every ${q.restoreEverySeconds ?? '?'} s${q.hourlyMax ? `, at most ${q.hourlyMax} per hour` : ''}${q.restoreUnit && q.restoreUnit !== 'request' ? ` (per ${q.restoreUnit})` : ''}`;
  }
  return JSON.stringify(quota);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function truncate(text: string, maxLines: number): string {
  const lines = text.split('\n');
  return lines.length <= maxLines ? text : [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines; --json shows all)`].join('\n');
}
