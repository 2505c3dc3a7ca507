/**
 * Catalog-driven XML for the long tail of operations: a handler supplies values keyed by Amazon's element
 * names and the catalog (src/mws/catalog, read as data) decides element order, list wrappers and item names
 * (`member`, `Offer`, …), attributes and nesting. A key the catalog does not know is a programming error.
 */
import { findOperation, getDatatype } from '../../mws/catalog';
import type { ElementSpec } from '../../mws/catalog/types';
import type { HandlerResult } from '../types';
import { element, escapeXml } from '../xml';

export type XmlValue = string | number | boolean | undefined | null | XmlValue[] | XmlFields;
export interface XmlFields {
  [name: string]: XmlValue;
}

const SCALARS = new Set(['string', 'int', 'decimal', 'boolean', 'dateTime', 'any']);

/** Renders `values` as the children (and attributes) of an element whose content is `elements`. */
export function renderContent(elements: ElementSpec[], values: XmlFields, where: string): { attributes: string; children: string } {
  // A key may differ from the catalog's element name in case only (the docs' own drift, e.g. Subcondition vs the
  // SubCondition the service sent); it is rendered at the catalog's position with the key's spelling.
  const spelling = new Map<string, string>();
  for (const key of Object.keys(values)) {
    const spec = elements.find((e) => e.name === key) ?? elements.find((e) => e.name.toLowerCase() === key.toLowerCase());
    if (!spec) throw new Error(`sandbox render: ${where} has no element ${key}`);
    spelling.set(spec.name, key);
  }
  let attributes = '';
  let children = '';
  for (const catalogSpec of elements) {
    const name = spelling.get(catalogSpec.name);
    if (name === undefined) continue;
    const spec = name === catalogSpec.name ? catalogSpec : { ...catalogSpec, name };
    const value = values[name];
    if (value === undefined || value === null) continue;
    if (spec.attribute) {
      attributes += ` ${spec.name}="${escapeXml(String(value))}"`;
      continue;
    }
    children += renderElement(spec, value, `${where}/${spec.name}`);
  }
  return { attributes, children };
}

function renderElement(spec: ElementSpec, value: XmlValue, where: string): string {
  if (spec.list) {
    const items = Array.isArray(value) ? value : [value];
    if (spec.repeated || !spec.xmlItem) return items.map((item) => renderOne(spec.name, spec.type, item, where)).join('');
    const item = spec.xmlItem;
    return element(spec.name, items.map((v) => renderOne(item, spec.type, v, where)));
  }
  return renderOne(spec.name, spec.type, value, where);
}

function renderOne(name: string, type: string, value: XmlValue, where: string): string {
  if (SCALARS.has(type) || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `<${name}>${escapeXml(String(value))}</${name}>`;
  }
  const fields = value as XmlFields;
  const datatype = getDatatype(type);
  if (!datatype || datatype.elements.length === 0) throw new Error(`sandbox render: ${where} has no structure in the catalog (${type})`);
  const text = datatype.elements.find((e) => e.textContent);
  const { attributes, children } = renderContent(datatype.elements.filter((e) => e !== text), withoutKey(fields, text?.name), where);
  const inner = text && fields[text.name] !== undefined ? escapeXml(String(fields[text.name])) : children;
  return inner.length === 0 ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

function withoutKey(values: XmlFields, key: string | undefined): XmlFields {
  if (!key || !(key in values)) return values;
  const copy = { ...values };
  delete copy[key];
  return copy;
}

/** `<{Op}Result>` of operation `id` with `values` laid out as the catalog's response elements say. */
export function catalogResult(id: string, values: XmlFields): HandlerResult {
  const op = findOperation(id);
  if (!op || !op.response.resultElement) throw new Error(`sandbox render: ${id} has no result element in the catalog`);
  const { attributes, children } = renderContent(op.response.elements, values, op.response.resultElement);
  const name = op.response.resultElement;
  return { kind: 'xml', xml: children.length === 0 ? `<${name}${attributes}/>` : `<${name}${attributes}>${children}</${name}>` };
}
