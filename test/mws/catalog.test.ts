/**
 * Walks the reference (reference/mws/operations.json, read here independently of the generator) and checks every
 * request parameter and every response list element against the built catalog. Deviations are allowed only where
 * DEVIATIONS below records why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, findOperation } from '../../src/mws/catalog';
import type { FieldSpec, ParamSpec } from '../../src/mws/catalog/types';

const REFERENCE = join(__dirname, '..', '..', 'reference', 'mws');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(REFERENCE, file), 'utf8')) as T;

interface RawParam {
  name: string;
  type: string;
  required: boolean | 'conditional';
  values: string[] | null;
  valuesRef?: string;
  max: number | null;
  wireName: string | null;
  wireFields?: string[];
  in?: string;
}
interface RawElement {
  name: string;
  list: boolean;
  xmlItem?: string;
  repeated?: boolean;
  attribute?: boolean;
}
interface RawOperation {
  section: string;
  name: string;
  path: string;
  version: string;
  request: RawParam[];
  response: { resultElement: string | null; rawBody?: boolean; noResultElement?: boolean; resultRepeats?: boolean; elements: RawElement[] };
}

const rawOps = read<RawOperation[]>('operations.json');
const rawEnums = read<Record<string, { values?: Array<{ value: string }> }>>('enumerations.json');
const rawTypes = read<Record<string, { enumeration?: string[] }>>('datatypes.json');

/** Where the catalog's `values` differ from the parameter table, and why. */
const DEVIATIONS: Record<string, { reason: string; values: (p: RawParam, section: string) => string[] | undefined }> = {
  valuesRef: {
    reason: 'the page points to a separate enumeration page; the catalog inlines that enumeration (distinct values)',
    values: (p) => {
      const key = ['FeedType', 'ReportType', 'Schedule', 'FeedProcessingStatus', 'ReportProcessingStatus'].find((k) => p.name.replace(/List$/, '') === k);
      const byName = key ?? `Subscriptions.${p.name}`;
      return rawEnums[byName]?.values ? [...new Set(rawEnums[byName].values!.map((v) => v.value))] : undefined;
    },
  },
  QueryContextId: {
    reason: 'QueryContextId values differ per marketplace; the parameter stays open and the union is in enumerations',
    values: () => undefined,
  },
  enumerationDatatype: {
    reason: 'typed by an enumeration-only datatype (HazmatType): its enumeration becomes the value list',
    values: (p, section) => rawTypes[`${section}.${p.type}`]?.enumeration,
  },
};

function expectedValues(p: RawParam, section: string): string[] | undefined {
  if (p.values) return p.values;
  if (p.name === 'QueryContextId') return DEVIATIONS.QueryContextId.values(p, section);
  if (p.valuesRef) return DEVIATIONS.valuesRef.values(p, section);
  if (rawTypes[`${section}.${p.type}`]?.enumeration) return DEVIATIONS.enumerationDatatype.values(p, section);
  return undefined;
}

/** Leaf wire names rebuilt from a field tree, with `N` for indices, for comparison with wireFields. */
function leafWireNames(prefix: string, fields: FieldSpec[]): string[] {
  return fields.flatMap((f) => {
    const name = f.list ? `${prefix}${f.name}.${f.wireItem}.N` : `${prefix}${f.name}`;
    return f.fields ? leafWireNames(`${name}.`, f.fields) : [name];
  });
}

function paramOf(section: string, op: string, name: string): ParamSpec {
  const spec = findOperation(`${section}.${op}`)?.params.find((p) => p.name === name);
  if (!spec) throw new Error(`catalog lacks ${section}.${op}.${name}`);
  return spec;
}

describe('catalog against reference/mws/operations.json', () => {
  it('has every operation of the reference, in order, and nothing else', () => {
    expect(rawOps).toHaveLength(115);
    expect(catalog.operations.map((o) => o.id)).toEqual(rawOps.map((o) => `${o.section}.${o.name}`));
  });

  const params = rawOps.flatMap((op) => op.request.map((p) => [`${op.section}.${op.name}.${p.name}`, op, p] as const));

  it('covers the 280 request parameters of the reference', () => {
    expect(params).toHaveLength(280);
    expect(catalog.operations.reduce((n, o) => n + o.params.length, 0)).toBe(280);
  });

  it.each(params)('%s: wire name, required, max, enum values', (_id, op, raw) => {
    const spec = paramOf(op.section, op.name, raw.name);
    expect(spec.wireName).toBe(raw.wireName);
    expect(spec.required).toBe(raw.required);
    expect(spec.max).toBe(raw.max ?? undefined);
    expect(spec.list).toBe(raw.type.startsWith('List of'));
    expect(spec.values).toEqual(expectedValues(raw, op.section));
    if (raw.in === 'body') expect(spec.in).toBe('body');
    if (raw.wireFields) {
      expect(spec.fields).toBeDefined();
      const prefix = (raw.wireName as string).replace(/<Field>$/, '');
      expect(leafWireNames(prefix, spec.fields as FieldSpec[]).sort()).toEqual([...raw.wireFields].sort());
    }
  });

  const lists = rawOps.flatMap((op) => op.response.elements.map((e) => [`${op.section}.${op.name} → ${e.name}`, op, e] as const));

  it.each(lists)('%s: response element name, list, item name, repeated, attribute', (_id, op, raw) => {
    const spec = findOperation(`${op.section}.${op.name}`)?.response.elements.find((e) => e.name === raw.name);
    expect(spec).toBeDefined();
    expect(spec?.list ?? false).toBe(raw.list);
    expect(spec?.xmlItem).toBe(raw.xmlItem);
    expect(spec?.repeated).toBe(raw.repeated);
    expect(spec?.attribute).toBe(raw.attribute);
  });

  it.each(rawOps.map((op) => [`${op.section}.${op.name}`, op] as const))('%s: path, version, result element', (id, raw) => {
    const spec = findOperation(id);
    expect(spec?.path).toBe(raw.path);
    expect(spec?.version).toBe(raw.version);
    expect(spec?.response.resultElement).toBe(raw.response.resultElement);
    expect(spec?.response.rawBody).toBe(raw.response.rawBody);
    expect(spec?.response.noResultElement).toBe(raw.response.noResultElement);
    expect(spec?.response.resultRepeats).toBe(raw.response.resultRepeats);
  });

  it('resolves every type it names to a scalar or a datatype of the catalog', () => {
    const scalars = ['string', 'int', 'decimal', 'boolean', 'dateTime', 'any'];
    const unresolved: string[] = [];
    const check = (where: string, type: string): void => {
      if (!scalars.includes(type) && !catalog.datatypes[type]) unresolved.push(`${where}: ${type}`);
    };
    for (const op of catalog.operations) {
      for (const p of op.params) check(`${op.id}.${p.name}`, p.type);
      for (const e of op.response.elements) check(`${op.id} response ${e.name}`, e.type);
    }
    for (const dt of Object.values(catalog.datatypes)) for (const e of dt.elements) check(`${dt.key}.${e.name}`, e.type);
    expect(unresolved).toEqual([]);
  });

  it('types money amounts as decimal strings, never floats', () => {
    expect(catalog.datatypes['Orders.Money'].elements.find((e) => e.name === 'Amount')?.type).toBe('decimal');
    expect(catalog.datatypes['FulfillmentInboundShipment.Amount'].elements.find((e) => e.name === 'Value')?.type).toBe('decimal');
    expect(catalog.datatypes['Products.MoneyType'].elements.find((e) => e.name === 'Amount')?.type).toBe('decimal');
    // A Name/Value pair that is not money stays a string.
    expect(catalog.datatypes['Orders.TaxClassification'].elements.find((e) => e.name === 'Value')?.type).toBe('string');
  });
});
