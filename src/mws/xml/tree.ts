/**
 * Safe XML → a small ordered element tree. The guard runs first; xml2js (strict sax underneath) then builds the
 * tree, and every failure leaves as a ParseError.
 */
import { parseStringPromise, processors } from 'xml2js';
import { MwsConnectorError, ParseError } from '../errors';
import { decodeBody, resolveLimits, scanMarkup, type XmlLimits } from './guard';

/** One element: local names (namespace prefixes stripped), attributes without namespace declarations, children in order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (CDATA included), as written; whitespace-only indentation is dropped. */
  text: string;
}

/** The node shape xml2js produces with the options below. */
interface RawNode {
  '#name'?: string;
  _?: string;
  $?: Record<string, string>;
  $$?: RawNode[];
}

const XML2JS_OPTIONS = {
  strict: true,
  explicitRoot: true,
  explicitChildren: true,
  preserveChildrenOrder: true,
  explicitCharkey: true,
  charkey: '_',
  attrkey: '$',
  childkey: '$$',
  includeWhiteChars: false,
  trim: false,
  normalize: false,
  emptyTag: '',
  tagNameProcessors: [processors.stripPrefix],
};

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Iterative (never recursive) conversion, so even a tree at the depth limit costs no stack. */
function toElement(rootName: string, rootNode: RawNode): XmlElement {
  const make = (name: string, node: RawNode): XmlElement => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(node.$ ?? {})) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      attributes[localName(key)] = value;
    }
    return { name, attributes, children: [], text: typeof node._ === 'string' ? node._ : '' };
  };
  const root = make(rootName, rootNode);
  const pending: Array<[RawNode, XmlElement]> = [[rootNode, root]];
  while (pending.length > 0) {
    const [node, element] = pending.pop() as [RawNode, XmlElement];
    for (const child of node.$$ ?? []) {
      const childElement = make(child['#name'] ?? '', child);
      element.children.push(childElement);
      pending.push([child, childElement]);
    }
  }
  return root;
}

function describeParserFailure(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const [first, ...rest] = raw.split('\n');
  const where = rest
    .filter((line) => line.startsWith('Line:') || line.startsWith('Column:'))
    .map((line) => line.toLowerCase())
    .join(', ');
  return where ? `${first} (${where})` : (first ?? raw);
}

/** Parses a body into its root element. Errors: ParseError XML_UNSAFE (DOCTYPE/ENTITY/size/depth) or PARSE_FAILED. */
export async function parseXml(body: string | Buffer, limits?: Partial<XmlLimits>): Promise<XmlElement> {
  const resolved = resolveLimits(limits);
  const text = decodeBody(body, resolved);
  scanMarkup(text, resolved);
  let parsed: Record<string, RawNode> | null;
  try {
    parsed = (await parseStringPromise(text, XML2JS_OPTIONS)) as Record<string, RawNode> | null;
  } catch (err) {
    if (err instanceof MwsConnectorError) throw err;
    throw new ParseError('PARSE_FAILED', `XML could not be parsed: ${describeParserFailure(err)}`, { cause: err });
  }
  const rootName = parsed ? Object.keys(parsed)[0] : undefined;
  if (!parsed || rootName === undefined) throw new ParseError('PARSE_FAILED', 'XML body has no root element (empty body?)');
  const rootNode = parsed[rootName];
  // xml2js gives an empty root as '' (emptyTag) rather than a node.
  return toElement(rootName, typeof rootNode === 'object' && rootNode !== null ? rootNode : {});
}

/** The first child with this local name. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
