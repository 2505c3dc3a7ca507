/**
 * Everything generated from the catalog and the action registry: connector.json and the files under schemas/.
 * scripts/generate-schemas.ts writes them; a drift test builds them in memory and compares with the checked-in
 * copies. Pure and deterministic: the same catalog and samples give the same bytes.
 */
import { actionIdOf, operations } from '../mws/catalog';
import type { OperationSpec } from '../mws/catalog/types';
import { VENDOR_PUBLIC_KEYS } from '../license/vendor-keys';
import { DEFAULT_FEATURE, LICENSE_PRODUCT } from '../license/payload';
import { compositeSchemas } from './composite/schemas';
import { connectionSchema } from './connection-schema';
import { actionIdentity } from './identity';
import { actions } from './index';
import { manifestSchema } from './manifest-schema';
import { counterExampleInputs, counterExampleOutputs, exampleInput, sampleFromSchema } from './schemas/examples';
import { inputSchemaFor, offersAllPages } from './schemas/input';
import { declareSampleElements } from './schemas/from-sample';
import { canonicalJson, type JsonSchema } from './schemas/json-schema';
import { outputSchemaFor } from './schemas/output';

export const RUNTIME_API = '1.0.0';
export const CONNECTOR_ENTRY = 'dist/connector.js';

export interface PackageInfo {
  name: string;
  version: string;
  description?: string;
}

export interface GeneratedFiles {
  /** Path relative to the project root → file text. */
  files: Map<string, string>;
  manifest: Record<string, unknown>;
}

/** Normalised results of Amazon's published sample responses, by operation id (`Orders.ListOrders`). */
export type SampleOutputs = Readonly<Record<string, unknown>>;

function inputPath(id: string): string {
  return `schemas/actions/${id}.input.json`;
}

function outputPath(id: string): string {
  return `schemas/actions/${id}.output.json`;
}

function throttleOf(op: OperationSpec): Record<string, unknown> {
  const t = op.throttle;
  return {
    maxQuota: t.maxQuota,
    restoreEverySeconds: t.restoreEverySeconds,
    hourlyMax: t.hourlyMax,
    restoreUnit: t.restoreUnit,
    ...(t.sharedBucket ? { sharedBucket: t.sharedBucket } : {}),
    ...(t.assumed ? { assumed: true } : {}),
  };
}

const COMPOSITE_OPERATIONS: Readonly<Record<string, string[]>> = {
  'reports.fetchReport': ['Reports.RequestReport', 'Reports.GetReportRequestList', 'Reports.GetReportList', 'Reports.GetReport'],
  'feeds.submitFeedAndWait': ['Feeds.SubmitFeed', 'Feeds.GetFeedSubmissionList', 'Feeds.GetFeedSubmissionResult'],
  'orders.syncOrders': ['Orders.ListOrders', 'Orders.ListOrdersByNextToken', 'Orders.ListOrderItems', 'Orders.ListOrderItemsByNextToken'],
};

interface ActionFiles {
  input: JsonSchema;
  output: JsonSchema;
  sampleOutput: unknown;
}

function mechanicalFiles(op: OperationSpec, samples: SampleOutputs): ActionFiles {
  const id = actionIdOf(op);
  const input = inputSchemaFor(op, id);
  input.examples = [exampleInput(op)];
  input['x-counterExamples'] = counterExampleInputs(op);
  const output = outputSchemaFor(op, id);
  const published = op.id in samples;
  if (published) declareSampleElements(output, output, samples[op.id]);
  const sampleOutput = published ? samples[op.id] : sampleFromSchema(output, output);
  output.examples = [sampleOutput];
  output['x-counterExamples'] = counterExampleOutputs(output, sampleOutput);
  return { input, output, sampleOutput };
}

/** connector.json and every schema file, from the catalog, the registry and the published samples. */
export function buildGeneratedFiles(pkg: PackageInfo, samples: SampleOutputs): GeneratedFiles {
  const files = new Map<string, string>();
  const entries: Record<string, unknown>[] = [];
  const composites = compositeSchemas();
  for (const action of actions.values()) {
    const op = operations.find((o) => o.id === action.operation);
    const generated = op ? mechanicalFiles(op, samples) : composites[action.id];
    if (!generated) throw new Error(`no schemas for ${action.id}`);
    files.set(inputPath(action.id), canonicalJson(generated.input));
    files.set(outputPath(action.id), canonicalJson(generated.output));
    entries.push({
      ...actionIdentity(action),
      input: inputPath(action.id),
      output: outputPath(action.id),
      sampleOutput: generated.sampleOutput,
      longRunning: action.longRunning,
      idempotent: action.idempotent,
      recovery: action.recovery,
      throttle: op ? throttleOf(op) : { operations: COMPOSITE_OPERATIONS[action.id] ?? [] },
      ...(op && offersAllPages(op) ? { paging: { allPages: true, style: op.pagingStyle as string } } : {}),
    });
  }
  const manifest: Record<string, unknown> = {
    $schema: './schemas/manifest.schema.json',
    id: pkg.name,
    name: 'Amazon MWS',
    description: pkg.description ?? 'Amazon Marketplace Web Service (MWS) actions.',
    version: pkg.version,
    vendor: 'amazon-mws-connector',
    engine: { node: '>=20', runtimeApi: RUNTIME_API },
    entry: CONNECTOR_ENTRY,
    connection: 'schemas/connection.schema.json',
    license: { feature: DEFAULT_FEATURE, product: LICENSE_PRODUCT, publicKeys: { ...VENDOR_PUBLIC_KEYS } },
    actions: entries,
  };
  files.set('schemas/connection.schema.json', canonicalJson(connectionSchema()));
  files.set('schemas/manifest.schema.json', canonicalJson(manifestSchema()));
  files.set('connector.json', canonicalJson(manifest));
  return { files, manifest };
}

