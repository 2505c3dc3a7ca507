/**
 * The XML guard: everything a response body must pass before xml2js sees it.
 * It refuses what could make a parser expand or recurse without bound (DOCTYPE and entity declarations,
 * oversize bodies, deep nesting) with one linear pass, so hostile input costs O(n) time and no extra memory.
 */
import { ParseError, ValidationError } from '../errors';

export interface XmlLimits {
  /** Largest body accepted, in bytes (before decoding). */
  maxBytes: number;
  /** Deepest element nesting accepted (the root element is depth 1). */
  maxDepth: number;
}

/**
 * 64 MiB: the largest MWS XML responses (GetReportRequestList pages, Finances event lists, XML processing reports)
 * stay well under a few MiB; raw report bodies are streamed by the flat-file reader, never parsed here.
 * Depth 100: the deepest MWS document (Finances ShipmentEventList → … → ChargeComponent → ChargeAmount) is about 12 levels;
 * 100 leaves room for arbitrary Products attribute XML while keeping xml2js's per-level cost small.
 */
export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({ maxBytes: 64 * 1024 * 1024, maxDepth: 100 });

export function resolveLimits(limits?: Partial<XmlLimits>): XmlLimits {
  const resolved = { ...DEFAULT_XML_LIMITS, ...limits };
  for (const key of ['maxBytes', 'maxDepth'] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1) {
      const message = `expected a positive integer, got ${String(value)}`;
      throw new ValidationError(`XmlLimits.${key}: ${message}`, [{ field: `XmlLimits.${key}`, message }]);
    }
  }
  return resolved;
}

const UTF8_BOM = '\uFEFF';

/** Checks the size and turns bytes into text, refusing invalid UTF-8 (MWS always answers in UTF-8). */
export function decodeBody(body: string | Buffer, limits: XmlLimits): string {
  const byteLength = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  if (byteLength > limits.maxBytes) {
    throw new ParseError('XML_UNSAFE', `XML body is ${byteLength} bytes, larger than the limit of ${limits.maxBytes} bytes (XmlLimits.maxBytes)`);
  }
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new ParseError('PARSE_FAILED', `XML body is not valid UTF-8 (${byteLength} bytes)`);
    }
  }
  return text.startsWith(UTF8_BOM) ? text.slice(1) : text;
}

/** What the pre-scan learnt; `scannedChars` lets tests prove a refusal stopped early. */
export interface ScanReport {
  maxDepthSeen: number;
  elements: number;
  scannedChars: number;
}

/** The five predefined XML entities and character references; sax would also expand HTML names such as &nbsp;. */
const ALLOWED_REFERENCE = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

function unsafe(message: string): ParseError {
  return new ParseError('XML_UNSAFE', message);
}

function malformed(message: string): ParseError {
  return new ParseError('PARSE_FAILED', message);
}

/**
 * One linear pass over the markup: refuses `<!DOCTYPE`, `<!ENTITY` and any other declaration, counts nesting depth
 * without recursion, and rejects a second root element (xml2js silently ignores everything after the first).
 * Well-formedness beyond that is left to the parser.
 */
export function scanMarkup(text: string, limits: XmlLimits): ScanReport {
  const n = text.length;
  let i = 0;
  let depth = 0;
  let maxDepthSeen = 0;
  let elements = 0;
  let rootClosed = false;
  // Position of the next '&' at or after the scan position; only ever moves forward, so checks stay linear overall.
  let nextAmp = text.indexOf('&');
  const checkReferences = (from: number, to: number): void => {
    if (nextAmp >= 0 && nextAmp < from) nextAmp = text.indexOf('&', from);
    while (nextAmp >= 0 && nextAmp < to) {
      const reference = ALLOWED_REFERENCE.exec(text.slice(nextAmp, nextAmp + 12));
      if (!reference) {
        const shown = text.slice(nextAmp, nextAmp + 12).split(/[;\s<]/)[0] ?? '&';
        throw malformed(`XML entity reference "${shown};" at offset ${nextAmp} is not one of the five predefined entities`);
      }
      nextAmp = text.indexOf('&', nextAmp + 1);
    }
  };
  const skipTo = (from: number, terminator: string, what: string): number => {
    const end = text.indexOf(terminator, from);
    if (end < 0) throw malformed(`XML ${what} starting at offset ${from} is not terminated`);
    return end + terminator.length;
  };
  while (i < n) {
    const found = text.indexOf('<', i);
    const lt = found < 0 ? n : found;
    checkReferences(i, lt);
    if (found < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (text.startsWith('<!--', lt)) {
      i = skipTo(lt + 4, '-->', 'comment');
    } else if (text.startsWith('<![CDATA[', lt)) {
      i = skipTo(lt + 9, ']]>', 'CDATA section');
    } else if (next === 0x3f /* ? */) {
      i = skipTo(lt + 2, '?>', 'processing instruction');
    } else if (next === 0x21 /* ! */) {
      const keyword = text.slice(lt + 2, lt + 9).toUpperCase();
      if (keyword.startsWith('DOCTYPE')) throw unsafe(`XML DOCTYPE declarations are refused (offset ${lt}): they can define entities`);
      if (keyword.startsWith('ENTITY')) throw unsafe(`XML ENTITY declarations are refused (offset ${lt})`);
      throw unsafe(`XML markup declaration "<!${text.slice(lt + 2, lt + 12)}" is refused (offset ${lt})`);
    } else if (next === 0x2f /* / */) {
      depth -= 1;
      if (depth === 0) rootClosed = true;
      i = skipTo(lt + 2, '>', 'end tag');
    } else {
      if (rootClosed) throw malformed(`XML has content after the root element (offset ${lt})`);
      // Find the end of the start tag, honouring quoted attribute values that may contain '>'.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j += 1) {
        const ch = text.charCodeAt(j);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) {
          quote = ch;
        } else if (ch === 0x3e /* > */) {
          break;
        }
      }
      if (j >= n) throw malformed(`XML start tag at offset ${lt} is not terminated (truncated body?)`);
      checkReferences(lt, j);
      elements += 1;
      if (text.charCodeAt(j - 1) !== 0x2f /* self-closing */) {
        depth += 1;
        if (depth > maxDepthSeen) maxDepthSeen = depth;
        if (depth > limits.maxDepth) {
          throw unsafe(`XML nesting deeper than ${limits.maxDepth} elements (XmlLimits.maxDepth) at offset ${lt}`);
        }
      } else if (depth === 0) {
        rootClosed = true;
      }
      i = j + 1;
    }
  }
  return { maxDepthSeen, elements, scannedChars: i };
}
