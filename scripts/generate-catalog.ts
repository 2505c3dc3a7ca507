/**
 * Builds src/mws/catalog/catalog.generated.json from reference/mws/ (operations.json, datatypes.json,
 * enumerations.json, throttling.json). Run: `npx ts-node --transpile-only scripts/generate-catalog.ts`.
 * The output is deterministic; test/mws/catalog-drift.test.ts keeps the checked-in file equal to a fresh build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CatalogData,
  ConstraintSpec,
  OperationSpec,
  ParamSpec,
  ResponseSpec,
  SectionSpec,
  ThrottleSpec,
} from '../src/mws/catalog/types';
import {
  ASSUMED_THROTTLE,
  CONSTRAINTS,
  HAS_NEXT_OPERATIONS,
  ITEM_PARAMS,
  RECOVERY,
  SECTION_NAMESPACES,
  applyDatatypeCorrections,
  isIdempotent,
} from './catalog-policy';
import { RawDatatype, RawElement, TypeResolver } from './catalog-datatypes';

interface RawParam {
  name: string;
  type: string;
  required: boolean | 'conditional';
  condition?: string;
  values: string[] | null;
  valuesRef?: string;
  max: number | null;
  min?: number;
  maxLength?: number;
  default?: string;
  availability?: string;
  in?: 'body';
  wireName: string | null;
  wireFields?: string[];
  description: string;
  uncertain?: boolean;
}

interface RawOperation {
  section: string;
  name: string;
  path: string;
  version: string;
  sellerParamAlternatives?: string[];
  nextTokenPartner: string | null;
  nextTokenOf?: string;
  transport?: string;
  request: RawParam[];
  response: {
    resultElement: string | null;
    rawBody?: boolean;
    noResultElement?: boolean;
    resultRepeats?: boolean;
    emptyResult?: boolean;
    elements: RawElement[];
  };
  docPage: string | null;
  note?: string;
}

interface RawThrottle {
  maxQuota: number | null;
  restoreEverySeconds: number | null;
  hourlyMax: number | null;
  restoreUnit?: 'request' | 'item';
  sharedBucket?: string;
  uncertain?: boolean;
  source: string;
}

type RawEnumeration = { values?: Array<{ value: string }>; byMarketplace?: Record<string, { values: string[] }> };

const BODY_TRANSPORT = new Set(['SubmitFeed', 'SubmitFBAOutboundShipmentInvoice']);

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function buildEnumerations(raw: Record<string, RawEnumeration>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(raw).sort()) {
    const e = raw[name];
    if (e.values) out[name] = unique(e.values.map((v) => v.value));
    else if (e.byMarketplace) out[name] = unique(Object.values(e.byMarketplace).flatMap((m) => m.values));
  }
  return out;
}

function buildParam(op: RawOperation, p: RawParam, types: TypeResolver, enums: Record<string, string[]>): ParamSpec {
  const where = `${op.section}.${op.name}.${p.name}`;
  const resolved = types.resolve(op.section, p.type, where);
  const out: ParamSpec = {
    name: p.name,
    wireName: p.wireName,
    type: resolved.type,
    list: resolved.list,
    required: p.required,
    description: p.description,
  };
  if (p.condition) out.condition = p.condition;
  // Enumerations referenced by name, except per-marketplace sets (QueryContextId): those stay open.
  const refValues = p.valuesRef && p.name !== 'QueryContextId' ? enums[refKey(op.section, p)] : undefined;
  const values = p.values ?? refValues ?? resolved.values;
  if (values && values.length > 0) out.values = [...values];
  if (p.max !== null && p.max !== undefined) out.max = p.max;
  if (p.min !== undefined) out.min = p.min;
  if (p.maxLength !== undefined) out.maxLength = p.maxLength;
  if (p.default !== undefined) out.default = p.default;
  if (p.in) out.in = p.in;
  if (p.availability) out.availability = p.availability;
  if (p.uncertain) out.uncertain = true;
  if (p.wireName) {
    const listMatch = /^[^.]+\.([^.]+)\.N(\.<Field>)?$/.exec(p.wireName);
    if (listMatch) out.wireItem = listMatch[1];
  }
  if (p.wireFields && p.wireName) {
    out.wireFields = [...p.wireFields];
    const prefix = p.wireName.replace(/<Field>$/, '');
    const leaves = p.wireFields.map((w) => {
      if (!w.startsWith(prefix)) throw new Error(`${where}: wire field ${w} does not start with ${prefix}`);
      return w.slice(prefix.length);
    });
    out.fields = types.fieldTree(resolved.type, leaves, where);
  }
  return out;
}

/** The enumerations.json key a parameter's `valuesRef` points at (FeedTypeList → FeedType, NotificationType → Subscriptions.NotificationType). */
function refKey(section: string, p: RawParam): string {
  const base = p.name.replace(/List$/, '');
  return ['FeedType', 'ReportType', 'Schedule', 'FeedProcessingStatus', 'ReportProcessingStatus'].includes(base)
    ? base
    : `${section}.${base}`;
}

function buildThrottle(op: RawOperation, raw: Record<string, RawThrottle>, params: ParamSpec[]): ThrottleSpec {
  const t = raw[`${op.section}.${op.name}`];
  if (!t) throw new Error(`throttling.json has no entry for ${op.section}.${op.name}`);
  if (t.maxQuota === null || t.restoreEverySeconds === null) return { ...ASSUMED_THROTTLE };
  const out: ThrottleSpec = {
    maxQuota: t.maxQuota,
    restoreEverySeconds: t.restoreEverySeconds,
    hourlyMax: t.hourlyMax,
    restoreUnit: t.restoreUnit ?? 'request',
  };
  const itemParam = ITEM_PARAMS[op.name];
  if (itemParam) {
    if (!params.some((p) => p.name === itemParam && p.list)) throw new Error(`${op.name}: item parameter ${itemParam} is not a list parameter`);
    out.itemParam = itemParam;
  }
  if (t.sharedBucket) out.sharedBucket = t.sharedBucket;
  // Figures with no page of their own (GetServiceStatus of four sections) are copied from other sections: assumed.
  if (t.uncertain) out.assumed = true;
  out.source = t.uncertain ? `assumed from the other sections' pages; ${t.source}` : t.source;
  return out;
}

function buildResponse(op: RawOperation, types: TypeResolver, datatypes: Record<string, RawDatatype>): ResponseSpec {
  const r = op.response;
  const out: ResponseSpec = { resultElement: r.resultElement, elements: [] };
  if (r.rawBody) out.rawBody = true;
  if (r.noResultElement) out.noResultElement = true;
  if (r.resultRepeats) out.resultRepeats = true;
  if (r.emptyResult) out.emptyResult = true;
  const owner: RawDatatype = { section: op.section, elements: r.elements };
  out.elements = r.elements.map((el) => {
    // Where the page types a list item as a string but the client library reads a structure, keep the structure.
    const lib = el.libType?.replace(/^List of /, '');
    const useLib = el.type === 'List of xs:string' && lib && datatypes[`${op.section}.${lib}`];
    if (useLib) types.notes.push(`${op.section}.${op.name} response ${el.name}: page says List of xs:string, typed as the library's ${lib}`);
    return types.element(`${op.section}.${op.name}Result`, owner, useLib ? { ...el, type: `List of ${lib}` } : el);
  });
  return out;
}

function buildConstraints(op: RawOperation, feedTypes: Array<{ value: string; requiresMarketplaceIdList?: boolean }>): ConstraintSpec[] {
  const out = (CONSTRAINTS[op.name] ?? []).map((c) => ({ ...c, params: [...c.params] }));
  if (op.name === 'SubmitFeed') {
    for (const ft of feedTypes.filter((f) => f.requiresMarketplaceIdList)) {
      out.push({
        kind: 'requiredIfValue',
        params: ['MarketplaceIdList'],
        when: { param: 'FeedType', value: ft.value },
        message: `MarketplaceIdList is required for FeedType ${ft.value}`,
      });
    }
  }
  const names = new Set(op.request.map((p) => p.name));
  for (const c of out) {
    for (const p of [...c.params, ...(c.when ? [c.when.param] : [])]) {
      if (!names.has(p)) throw new Error(`${op.name}: constraint names unknown parameter ${p}`);
    }
  }
  return out;
}

function buildOperation(
  op: RawOperation,
  types: TypeResolver,
  raw: { datatypes: Record<string, RawDatatype>; throttling: Record<string, RawThrottle>; enumerations: Record<string, RawEnumeration> },
  enums: Record<string, string[]>,
): OperationSpec {
  const params = op.request.map((p) => buildParam(op, p, types, enums));
  const idempotent = isIdempotent(op.name);
  const recovery = idempotent ? null : RECOVERY[op.name];
  if (recovery === undefined) throw new Error(`${op.name} is not idempotent and has no recovery in catalog-policy.ts`);
  if (idempotent && RECOVERY[op.name]) throw new Error(`${op.name} is idempotent but has a recovery entry`);
  const partner = op.nextTokenPartner;
  const spec: OperationSpec = {
    id: `${op.section}.${op.name}`,
    section: op.section,
    name: op.name,
    path: op.path,
    version: op.version,
    transport: BODY_TRANSPORT.has(op.name) ? 'query+body' : 'form',
    sellerParam: 'SellerId',
    sellerParamAlternatives: [...(op.sellerParamAlternatives ?? [])],
    params,
    constraints: buildConstraints(op, (raw.enumerations.FeedType?.values ?? []) as Array<{ value: string; requiresMarketplaceIdList?: boolean }>),
    nextToken: partner,
    pagingStyle: partner ? (HAS_NEXT_OPERATIONS.has(op.name) ? 'HasNext' : 'NextToken') : null,
    throttle: buildThrottle(op, raw.throttling, params),
    idempotent,
    recovery,
    response: buildResponse(op, types, raw.datatypes),
    docPage: op.docPage,
  };
  if (op.nextTokenOf) spec.nextTokenOf = op.nextTokenOf;
  if (op.name === 'GetReportScheduleListByNextToken') spec.deprecated = true;
  if (op.note) spec.note = op.note;
  return spec;
}

function buildSections(ops: RawOperation[]): SectionSpec[] {
  const out: SectionSpec[] = [];
  for (const op of ops) {
    if (out.some((s) => s.name === op.section)) continue;
    const namespace = SECTION_NAMESPACES[op.section];
    if (!namespace) throw new Error(`No namespace for section ${op.section} in catalog-policy.ts`);
    out.push({
      name: op.section,
      path: op.path,
      version: op.version,
      namespace,
      hasServiceStatus: ops.some((o) => o.section === op.section && o.name === 'GetServiceStatus'),
    });
  }
  return out;
}

export function buildCatalog(referenceDir: string): CatalogData {
  const ops = readJson<RawOperation[]>(referenceDir, 'operations.json');
  const corrected = applyDatatypeCorrections(readJson<Record<string, RawDatatype>>(referenceDir, 'datatypes.json'));
  const datatypes = corrected.datatypes;
  const enumerations = readJson<Record<string, RawEnumeration>>(referenceDir, 'enumerations.json');
  const throttling = readJson<Record<string, RawThrottle>>(referenceDir, 'throttling.json');
  const types = new TypeResolver(datatypes);
  const enums = buildEnumerations(enumerations);
  const operations = ops.map((op) => buildOperation(op, types, { datatypes, throttling, enumerations }, enums));
  const catalog: CatalogData = {
    source:
      'reference/mws (copy of the shared MWS reference: Amazon MWS docs mirrored by bizon/mws-api-doc 66fd1464, cross-checked with client libraries; see reference/mws/SOURCE.md)',
    sections: buildSections(ops),
    operations,
    datatypes: types.datatypes(),
    enumerations: enums,
  };
  catalog.notes = unique([...corrected.notes, ...types.notes]).sort();
  return catalog;
}

/** The exact text written to catalog.generated.json (1-space indent, trailing newline). */
export function renderCatalog(catalog: CatalogData): string {
  return `${JSON.stringify(catalog, null, 1)}\n`;
}

export const CATALOG_OUTPUT = join(__dirname, '..', 'src', 'mws', 'catalog', 'catalog.generated.json');
export const REFERENCE_DIR = join(__dirname, '..', 'reference', 'mws');

if (require.main === module) {
  const catalog = buildCatalog(REFERENCE_DIR);
  writeFileSync(CATALOG_OUTPUT, renderCatalog(catalog));
  process.stdout.write(`wrote ${CATALOG_OUTPUT}: ${catalog.sections.length} sections, ${catalog.operations.length} operations\n`);
}
