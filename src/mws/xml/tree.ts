/**
 * Safe XML → a small ordered element tree. The guard runs first; then xml2js's strict sax parser reads the text
 * and this module builds the tree straight from its events, and every failure leaves as a ParseError.
 *
 * Why not xml2js's own object builder: with the options that keep child order (explicitChildren +
 * preserveChildrenOrder) it copies every node twice through Object.defineProperty and `delete`s keys, which made
 * it about three quarters of the cost of a ListOrders page. The sax parser it configures (strict, no trimming, no
 * normalising) is kept, so what is accepted or refused, and the error messages, are xml2js's.
 */
import { Parser } from 'xml2js';
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

/** The part of sax's parser (inside xml2js's Parser) that the tree builder drives. */
interface SaxParser {
  onopentag: ((tag: { name: string; attributes: Record<string, string> }) => void) | null;
  onclosetag: (() => void) | null;
  ontext: ((text: string) => void) | null;
  oncdata: ((text: string) => void) | null;
  onerror: ((error: Error) => void) | null;
  onend: (() => void) | null;
  write(text: string): SaxParser;
  close(): SaxParser;
}

/** An element under construction: `keepText` records CDATA, which is kept even when it is only whitespace. */
interface OpenElement {
  element: XmlElement;
  keepText: boolean;
}

const XML2JS_OPTIONS = { strict: true, async: false };

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const WHITESPACE_ONLY = /^\s*$/;

function ownAttributes(raw: Record<string, string>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const key in raw) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    attributes[localName(key)] = raw[key] as string;
  }
  return attributes;
}

function saxParserOf(parser: Parser): SaxParser {
  const sax = (parser as unknown as { saxParser?: SaxParser }).saxParser;
  if (!sax || typeof sax.write !== 'function') {
    throw new ParseError('UNEXPECTED', 'this xml2js version does not expose its sax parser; the XML tree cannot be built');
  }
  return sax;
}

/**
 * Builds the tree from sax events with an explicit stack (never recursion), so even a tree at the depth limit costs
 * no call stack. Text is concatenated per element as xml2js did; whitespace-only text without CDATA becomes ''.
 */
function buildTree(text: string): XmlElement | undefined {
  const sax = saxParserOf(new Parser(XML2JS_OPTIONS));
  const open: OpenElement[] = [];
  let root: XmlElement | undefined;
  sax.onopentag = (tag) => {
    const element: XmlElement = { name: localName(tag.name), attributes: ownAttributes(tag.attributes), children: [], text: '' };
    const parent = open[open.length - 1];
    if (parent) parent.element.children.push(element);
    else root ??= element;
    open.push({ element, keepText: false });
  };
  sax.onclosetag = () => {
    const closed = open.pop();
    if (closed && !closed.keepText && closed.element.text !== '' && WHITESPACE_ONLY.test(closed.element.text)) closed.element.text = '';
  };
  sax.ontext = (chars) => {
    const current = open[open.length - 1];
    if (current) current.element.text += chars;
  };
  sax.oncdata = (chars) => {
    const current = open[open.length - 1];
    if (current) {
      current.element.text += chars;
      current.keepText = true;
    }
  };
  // The first error ends the parse (sax would otherwise carry on and report more).
  sax.onerror = (error) => {
    throw error;
  };
  sax.onend = null;
  sax.write(text).close();
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
  if (text.trim() === '') throw new ParseError('PARSE_FAILED', 'XML body has no root element (empty body?)');
  let root: XmlElement | undefined;
  try {
    root = buildTree(text);
  } catch (err) {
    if (err instanceof MwsConnectorError) throw err;
    throw new ParseError('PARSE_FAILED', `XML could not be parsed: ${describeParserFailure(err)}`, { cause: err });
  }
  if (!root) throw new ParseError('PARSE_FAILED', 'XML body has no root element (empty body?)');
  return root;
}

/** The first child with this local name. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
