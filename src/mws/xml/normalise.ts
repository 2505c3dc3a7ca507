/**
 * Element tree → the catalog's JSON shape (ARCHITECTURE §3.1 "Output"): lists always arrays, int and boolean typed,
 * decimals and dates kept as their exact text, attributes kept as properties. Unknown elements, attributes and enum
 * values are kept and reported at debug level; nothing unknown ever throws.
 */
import type { DataTypeSpec, ElementSpec } from '../catalog/types';
import type { XmlElement } from './tree';

/** The one logging method normalisation needs (winston and the action logger both satisfy it). */
export interface DebugLogger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
}

export type DatatypeLookup = (key: string) => DataTypeSpec | undefined;

export interface NormaliseContext {
  lookup: DatatypeLookup;
  logger?: DebugLogger;
  /** Reports already logged (by message and index-free path), so a 100-item page logs one line per oddity. */
  reported: Set<string>;
}

const SCALAR_TYPES = new Set(['string', 'int', 'decimal', 'boolean', 'dateTime', 'any']);
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function createContext(lookup: DatatypeLookup, logger?: DebugLogger): NormaliseContext {
  return logger ? { lookup, logger, reported: new Set() } : { lookup, reported: new Set() };
}

function report(ctx: NormaliseContext, message: string, path: string, meta: Record<string, unknown> = {}): void {
  if (!ctx.logger) return;
  const key = `${message}|${path.replace(/\[\d+\]/g, '[]')}`;
  if (ctx.reported.has(key)) return;
  ctx.reported.add(key);
  ctx.logger.debug(message, { path, ...meta });
}

/** Text of a scalar, typed; anything that does not fit its type is kept as text and reported. */
function typedScalar(raw: string, type: string, ctx: NormaliseContext, path: string, values?: string[]): unknown {
  const text = raw.trim();
  if (values && values.length > 0 && !values.includes(text)) {
    report(ctx, 'xml: unknown enumeration value kept', path, { value: text });
  }
  switch (type) {
    case 'int':
      if (INTEGER_TEXT.test(text)) {
        const value = Number(text);
        if (Number.isSafeInteger(value)) return value;
      }
      report(ctx, 'xml: integer element has non-integer text, kept as text', path, { value: text });
      return text;
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      report(ctx, 'xml: boolean element has other text, kept as text', path, { value: text });
      return text;
    }
    case 'decimal':
      if (!DECIMAL_TEXT.test(text)) report(ctx, 'xml: decimal element has non-numeric text, kept as text', path, { value: text });
      return text;
    default:
      return text;
  }
}

function hasContent(el: XmlElement): boolean {
  return el.children.length > 0 || Object.keys(el.attributes).length > 0;
}

/** Shape-preserving conversion for elements the catalog does not describe (and for `any`). */
export function genericValue(el: XmlElement): unknown {
  const text = el.text.trim();
  if (!hasContent(el)) return text;
  const out: Record<string, unknown> = { ...el.attributes };
  if (el.children.length === 0) {
    out.value = text;
    return out;
  }
  if (text !== '') out.value = text;
  for (const [name, group] of groupByName(el.children)) {
    out[name] = group.length === 1 ? genericValue(group[0] as XmlElement) : group.map(genericValue);
  }
  return out;
}

function groupByName(children: XmlElement[]): Map<string, XmlElement[]> {
  const groups = new Map<string, XmlElement[]>();
  for (const child of children) {
    const group = groups.get(child.name);
    if (group) group.push(child);
    else groups.set(child.name, [child]);
  }
  return groups;
}

/** Normalises one element of a known type (scalar or datatype key). */
export function normaliseValue(el: XmlElement, type: string, ctx: NormaliseContext, path: string, values?: string[]): unknown {
  if (type === 'any') return genericValue(el);
  if (SCALAR_TYPES.has(type)) {
    if (el.children.length > 0) {
      report(ctx, 'xml: scalar element has child elements, kept as a tree', path, { type });
      return genericValue(el);
    }
    const value = typedScalar(el.text, type, ctx, path, values);
    // `<Amount currency="USD">12.00</Amount>`, `<Height Units="inches">9.17</Height>`
    return Object.keys(el.attributes).length > 0 ? { value, ...el.attributes } : value;
  }
  const datatype = ctx.lookup(type);
  if (!datatype) {
    report(ctx, 'xml: element of a type the catalog does not know, kept as a tree', path, { type });
    return genericValue(el);
  }
  if (datatype.elements.length === 0) {
    // Enumeration-only datatype (or an empty one): a string, possibly with attributes.
    return normaliseValue(el, 'string', ctx, path, datatype.values ?? values);
  }
  return normaliseStruct(el, datatype.elements, ctx, path);
}

/** What a list of element specs claims; worked out once per list (datatypes repeat on every item of a page). */
interface StructShape {
  claimedChildren: Set<string>;
  claimedAttributes: Set<string>;
  /** An `Any` element: arbitrary XML is expected here (Products AttributeSets/Relationships). */
  acceptsAny: boolean;
  textClaimed: boolean;
}

const shapes = new WeakMap<ElementSpec[], StructShape>();

function shapeOf(specs: ElementSpec[]): StructShape {
  let shape = shapes.get(specs);
  if (!shape) {
    shape = { claimedChildren: new Set(), claimedAttributes: new Set(), acceptsAny: false, textClaimed: false };
    for (const spec of specs) {
      if (spec.attribute) shape.claimedAttributes.add(spec.name);
      else if (spec.textContent) shape.textClaimed = true;
      else if (spec.type === 'any' && spec.name === 'Any') shape.acceptsAny = true;
      else shape.claimedChildren.add(spec.name);
    }
    shapes.set(specs, shape);
  }
  return shape;
}

/** Normalises an element whose children and attributes the catalog lists (a datatype or a `…Result`). */
export function normaliseStruct(el: XmlElement, specs: ElementSpec[], ctx: NormaliseContext, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { claimedChildren, claimedAttributes, acceptsAny, textClaimed } = shapeOf(specs);
  // Grouped once: a 100-order page would otherwise filter every order's children once per catalog element.
  const groups = groupByName(el.children);
  for (const spec of specs) {
    if (spec.attribute) {
      const raw = el.attributes[spec.name];
      if (raw !== undefined) out[spec.name] = typedScalar(raw, spec.type, ctx, `${path}/@${spec.name}`, spec.values);
      continue;
    }
    if (spec.textContent) {
      out[spec.name] = typedScalar(el.text, spec.type, ctx, path, spec.values);
      continue;
    }
    if (spec.type === 'any' && spec.name === 'Any') continue;
    const matches = groups.get(spec.name);
    if (matches === undefined) {
      // Absent: only a repeated element without a wrapper is promised (as an empty list).
      if (spec.list && !spec.xmlItem && spec.repeated) out[spec.name] = [];
      continue;
    }
    const childPath = `${path}/${spec.name}`;
    if (spec.list && spec.xmlItem) {
      const wrapper = matches[0];
      if (!wrapper) continue;
      out[spec.name] = normaliseListWrapper(wrapper, spec, ctx, childPath);
    } else if (spec.list) {
      // No wrapper: the element itself repeats (Feeds FeedSubmissionInfo, Reports ReportInfo).
      if (matches.length > 0 || spec.repeated) {
        out[spec.name] = matches.map((match, index) => normaliseValue(match, spec.type, ctx, `${childPath}[${index}]`, spec.values));
      }
    } else if (matches.length === 1) {
      out[spec.name] = normaliseValue(matches[0] as XmlElement, spec.type, ctx, childPath, spec.values);
    } else if (matches.length > 1) {
      report(ctx, 'xml: single-valued element occurs more than once, kept as an array', childPath, { count: matches.length });
      out[spec.name] = matches.map((match, index) => normaliseValue(match, spec.type, ctx, `${childPath}[${index}]`, spec.values));
    }
  }
  const text = el.text.trim();
  if (!textClaimed && text !== '' && el.children.length === 0 && !('value' in out)) {
    // `<OfferCount condition="new">1</OfferCount>` where the catalog lists only the attributes: keep the count.
    out.value = text;
    report(ctx, 'xml: text of a structured element kept as value', path);
  }
  for (const [name, value] of Object.entries(el.attributes)) {
    if (claimedAttributes.has(name) || name in out) continue;
    out[name] = value;
    if (!acceptsAny) report(ctx, 'xml: unknown attribute kept', `${path}/@${name}`);
  }
  for (const [name, group] of groups) {
    if (claimedChildren.has(name)) continue;
    if (!acceptsAny) report(ctx, 'xml: unknown element kept', `${path}/${name}`);
    if (name in out) continue;
    out[name] = group.length === 1 ? genericValue(group[0] as XmlElement) : group.map(genericValue);
  }
  return out;
}

function normaliseListWrapper(wrapper: XmlElement, spec: ElementSpec, ctx: NormaliseContext, path: string): unknown[] {
  const items: unknown[] = [];
  let index = 0;
  for (const child of wrapper.children) {
    if (child.name === spec.xmlItem) {
      items.push(normaliseValue(child, spec.type, ctx, `${path}/${child.name}[${index}]`, spec.values));
      index += 1;
    } else {
      // Kept as an item too: dropping data is worse than a shape the schema did not promise.
      report(ctx, 'xml: unexpected list item element kept', `${path}/${child.name}`, { expected: spec.xmlItem });
      items.push(genericValue(child));
    }
  }
  return items;
}
