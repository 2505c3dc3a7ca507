/** Tiny XML writer for sandbox responses: escaping and element helpers, element order left to the caller. */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

export type XmlAttributes = Record<string, string | number | boolean | undefined>;

function renderAttributes(attributes?: XmlAttributes): string {
  if (!attributes) return '';
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** `<name attrs>text</name>`; the text is escaped. */
export function text(name: string, value: string | number | boolean, attributes?: XmlAttributes): string {
  return `<${name}${renderAttributes(attributes)}>${escapeXml(String(value))}</${name}>`;
}

/** Like `text`, but renders nothing when the value is undefined or null. */
export function optText(name: string, value: string | number | boolean | undefined | null, attributes?: XmlAttributes): string {
  return value === undefined || value === null ? '' : text(name, value, attributes);
}

/** `<name attrs>…children…</name>`; children are already-rendered XML. Empty children give `<name/>`. */
export function element(name: string, children: string | string[], attributes?: XmlAttributes): string {
  const inner = Array.isArray(children) ? children.join('') : children;
  return inner.length === 0 ? `<${name}${renderAttributes(attributes)}/>` : `<${name}${renderAttributes(attributes)}>${inner}</${name}>`;
}

/** A list wrapper with one item element per value. */
export function list<T>(wrapper: string, item: string, values: T[], render: (value: T) => string): string {
  return element(wrapper, values.map((v) => element(item, render(v))));
}
