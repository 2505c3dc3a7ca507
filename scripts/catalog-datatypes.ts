/**
 * Type resolution for the catalog generator: xs: types to ScalarType, datatype names to `Section.Name` keys,
 * datatypes.json entries to DataTypeSpec, and structure parameters' wireFields to FieldSpec trees.
 */
import type { DataTypeSpec, ElementSpec, FieldSpec } from '../src/mws/catalog/types';

/** The raw shapes of reference/mws/*.json that the generator reads (only the keys it uses). */
export interface RawElement {
  name: string;
  type: string | null;
  required?: boolean | 'conditional' | null;
  list?: boolean;
  values?: string[] | null;
  valuesAreExamples?: boolean;
  xmlItem?: string;
  repeated?: boolean;
  attribute?: boolean;
  textContent?: boolean;
  maxLength?: number;
  libType?: string;
  subElements?: string[];
}

export interface RawDatatype {
  section: string;
  elements: RawElement[];
  type?: string;
  enumeration?: string[];
  restriction?: string;
}

const SCALARS: Record<string, string> = {
  'xs:string': 'string',
  'xs:int': 'int',
  'xs:short': 'int',
  'xs:long': 'int',
  'xs:positiveInteger': 'int',
  'xs:nonNegativeInteger': 'int',
  'xs:decimal': 'decimal',
  'xs:double': 'decimal',
  'xs:boolean': 'boolean',
  'xs:dateTime': 'dateTime',
  any: 'any',
  'HTTP-BODY': 'string',
};

/**
 * Element types the reference leaves empty (`type: null`) that name a known structure; anything else untyped becomes
 * 'any' (it has sub-elements) or 'string', with a note.
 */
const UNTYPED_OVERRIDES: Record<string, string> = {
  'Finances.TaxWithholdingEvent.BaseAmount': 'Finances.CurrencyAmount',
  'Finances.TaxWithholdingEvent.WithheldAmount': 'Finances.CurrencyAmount',
};

export class TypeResolver {
  readonly notes: string[] = [];

  constructor(private readonly raw: Record<string, RawDatatype>) {}

  /** Is this datatype only an enumeration or a restricted string (no elements)? Then it is a string scalar. */
  private scalarDatatype(key: string): RawDatatype | undefined {
    const dt = this.raw[key];
    return dt && dt.elements.length === 0 && (dt.enumeration || dt.restriction || dt.type) ? dt : undefined;
  }

  /** Resolves a reference type (`xs:int`, `List of Order`, `Address`) in a section to { type, list, values? }. */
  resolve(section: string, rawType: string | null, where: string): { type: string; list: boolean; values?: string[] } {
    if (!rawType) {
      this.notes.push(`${where}: no type in the reference; typed string`);
      return { type: 'string', list: false };
    }
    const list = rawType.startsWith('List of ');
    const name = list ? rawType.slice('List of '.length) : rawType;
    if (SCALARS[name]) return { type: SCALARS[name], list };
    for (const key of [`${section}.${name}`, `Common.${name}`]) {
      if (!this.raw[key]) continue;
      const scalar = this.scalarDatatype(key);
      if (scalar) return { type: 'string', list, ...(scalar.enumeration ? { values: [...scalar.enumeration] } : {}) };
      return { type: key, list };
    }
    this.notes.push(`${where}: unknown datatype ${name}; typed string`);
    return { type: 'string', list };
  }

  /** One datatypes.json element as an ElementSpec, with the money rule and the untyped-element rules applied. */
  element(key: string, dt: RawDatatype, el: RawElement): ElementSpec {
    const where = `${key}.${el.name}`;
    let resolved: { type: string; list: boolean; values?: string[] };
    if (el.type === null && UNTYPED_OVERRIDES[where]) {
      resolved = { type: UNTYPED_OVERRIDES[where], list: false };
      this.notes.push(`${where}: untyped in the reference; typed ${UNTYPED_OVERRIDES[where]} (a money amount)`);
    } else if (el.type === null && this.raw[`${dt.section}.${el.name}`]) {
      resolved = { type: `${dt.section}.${el.name}`, list: false };
      this.notes.push(`${where}: untyped in the reference; typed by its name as ${dt.section}.${el.name}`);
    } else if (el.type === null && el.subElements) {
      resolved = { type: 'any', list: false };
      this.notes.push(`${where}: untyped structure (${el.subElements.join(', ')}); typed any`);
    } else {
      resolved = this.resolve(dt.section, el.type, where);
    }
    if (resolved.type === 'string' && (el.name === 'Amount' || el.name === 'Value') && isMoneyType(dt)) {
      resolved = { ...resolved, type: 'decimal' };
    }
    const out: ElementSpec = { name: el.name, type: resolved.type };
    if (el.list || resolved.list) out.list = true;
    if (el.xmlItem) out.xmlItem = el.xmlItem;
    if (el.repeated) out.repeated = true;
    if (el.attribute) out.attribute = true;
    if (el.textContent) out.textContent = true;
    // Sample values and templates (`BrandName=<BrandName>`) do not make a closed set.
    const template = el.values?.some((v) => /<[^>]+>/.test(v));
    if (template) this.notes.push(`${where}: values contain placeholders; left open`);
    const values = el.values && !el.valuesAreExamples && !template ? el.values : resolved.values;
    if (values && values.length > 0) out.values = [...values];
    if (el.required === true) out.required = true;
    if (el.maxLength !== undefined) out.maxLength = el.maxLength;
    return out;
  }

  datatypes(): Record<string, DataTypeSpec> {
    const out: Record<string, DataTypeSpec> = {};
    for (const key of Object.keys(this.raw).sort()) {
      const dt = this.raw[key];
      const spec: DataTypeSpec = { key, elements: dt.elements.map((el) => this.element(key, dt, el)) };
      if (dt.enumeration) spec.values = [...dt.enumeration];
      out[key] = spec;
    }
    return out;
  }

  /**
   * Builds the field tree of a structure parameter from its leaf wire names (relative to the parameter's own
   * prefix), typing each leaf from the datatype chain that starts at `rootType`.
   */
  fieldTree(rootType: string, leaves: string[], where: string): FieldSpec[] {
    const root: FieldSpec[] = [];
    for (const leaf of leaves) this.addLeaf(root, rootType, leaf.split('.'), where);
    return root;
  }

  private addLeaf(fields: FieldSpec[], ownerType: string, segments: string[], where: string): void {
    const [name] = segments;
    const isList = segments[2] === 'N';
    const rest = isList ? segments.slice(3) : segments.slice(1);
    const el = this.lookup(ownerType, name);
    let field = fields.find((f) => f.name === name);
    if (!field) {
      field = { name, type: 'string', list: isList, required: el?.required === true };
      if (isList) field.wireItem = segments[1];
      if (rest.length === 0) {
        const typed = el ? this.leafType(el) : { type: typeByName(name, segments) };
        if (!el) this.notes.push(`${where}.${name}: no datatype element; typed ${typed.type} from its name`);
        field.type = typed.type;
        if (typed?.values) field.values = typed.values;
        if (el?.maxLength !== undefined) field.maxLength = el.maxLength;
      } else {
        field.type = 'structure';
        field.fields = [];
      }
      fields.push(field);
    }
    if (rest.length > 0) {
      this.addLeaf(field.fields as FieldSpec[], el && !isScalar(el.type) ? el.type : '', rest, `${where}.${name}`);
    }
  }

  private leafType(el: ElementSpec): { type: string; values?: string[] } {
    if (!isScalar(el.type)) return { type: 'string' };
    return { type: el.type, ...(el.values ? { values: el.values } : {}) };
  }

  /** The converted element `name` of datatype `ownerType` (case-insensitive: wire names are not always cased as docs). */
  private lookup(ownerType: string, name: string): ElementSpec | undefined {
    const dt = this.raw[ownerType];
    if (!dt) return undefined;
    const el = dt.elements.find((e) => e.name === name) ?? dt.elements.find((e) => e.name.toLowerCase() === name.toLowerCase());
    return el ? this.element(ownerType, dt, el) : undefined;
  }
}

/** For leaves the datatypes do not describe (client-library-only fields): the type their name states. */
function typeByName(name: string, segments: string[]): string {
  if (/^(ValueAsBoolean|Include[A-Z]\w*|CarrierWillPickUp|Is[A-Z]\w*)$/.test(name)) return 'boolean';
  if (name === 'ValueAsInteger') return 'int';
  if (name === 'ValueAsTimestamp') return 'dateTime';
  if (/^(Amount|Value|value)$/.test(name) && segments.length === 1) return 'decimal';
  return 'string';
}

export function isScalar(type: string): boolean {
  return ['string', 'int', 'decimal', 'boolean', 'dateTime', 'any'].includes(type);
}

/** A money structure: a CurrencyCode beside an Amount or Value (whose text is then a decimal). */
function isMoneyType(dt: RawDatatype): boolean {
  const names = dt.elements.map((e) => e.name);
  return names.includes('CurrencyCode') && (names.includes('Amount') || names.includes('Value'));
}
