/**
 * The MWS catalog: every section, operation, datatype and enumeration, generated from reference/mws by
 * scripts/generate-catalog.ts. Lookups accept `Section.Operation` ids and action ids (`orders.ListOrders`).
 */
import { editDistance } from '../../util/edit-distance';
import { MwsConnectorError } from '../errors';
import generated from './catalog.generated.json';
import type { CatalogData, DataTypeSpec, OperationSpec, SectionSpec } from './types';

export type * from './types';

export const catalog: CatalogData = generated as unknown as CatalogData;

export const operations: readonly OperationSpec[] = catalog.operations;

const byId = new Map<string, OperationSpec>();
for (const op of operations) {
  byId.set(op.id, op);
  byId.set(actionIdOf(op), op);
}

/** lowerCamel section + '.' + Amazon's operation name: `fulfillmentInboundShipment.CreateInboundShipmentPlan`. */
export function actionIdOf(op: Pick<OperationSpec, 'section' | 'name'>): string {
  return `${op.section.charAt(0).toLowerCase()}${op.section.slice(1)}.${op.name}`;
}

export function findOperation(id: string): OperationSpec | undefined {
  return byId.get(id);
}

/** The operation for `Orders.ListOrders` or `orders.ListOrders`; UNKNOWN_ACTION naming close matches otherwise. */
export function getOperation(id: string): OperationSpec {
  const op = findOperation(id);
  if (op) return op;
  const suggestions = closeMatches(id);
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
  throw new MwsConnectorError('UNKNOWN_ACTION', `Unknown MWS operation "${id}"${hint}`, { field: 'operation' });
}

export function getSection(name: string): SectionSpec {
  const wanted = name.toLowerCase();
  const section = catalog.sections.find((s) => s.name.toLowerCase() === wanted);
  if (!section) {
    throw new MwsConnectorError(
      'UNKNOWN_ACTION',
      `Unknown MWS section "${name}"; sections are ${catalog.sections.map((s) => s.name).join(', ')}`,
      { field: 'section' },
    );
  }
  return section;
}

export function getDatatype(key: string): DataTypeSpec | undefined {
  return catalog.datatypes[key];
}

/** The `…ByNextToken` operation that continues `op` (itself for a ByNextToken operation), if it pages. */
export function nextTokenOperation(op: OperationSpec): OperationSpec | undefined {
  return op.nextToken ? findOperation(`${op.section}.${op.nextToken}`) : undefined;
}

/** Up to three operation ids whose name is closest to `id` (case-insensitive edit distance, same operation name first). */
function closeMatches(id: string): string[] {
  const wanted = id.toLowerCase();
  const wantedName = wanted.slice(wanted.lastIndexOf('.') + 1);
  const scored = operations.map((op) => {
    const full = Math.min(editDistance(wanted, op.id.toLowerCase()), editDistance(wanted, actionIdOf(op).toLowerCase()));
    const nameOnly = editDistance(wantedName, op.name.toLowerCase());
    return { id: op.id, score: Math.min(full, nameOnly + 1) };
  });
  const limit = Math.max(3, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((s) => s.id);
}
