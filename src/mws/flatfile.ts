/**
 * Tab-separated flat files (reports, flat-file feeds) in the charsets Amazon uses: windows-1252 / ISO-8859-1 (NA, EU)
 * and Windows-31J (JP). Reading streams line by line: only the current partial line is ever held in memory.
 */
import iconv from 'iconv-lite';
import type { Readable, Transform } from 'node:stream';
import { ValidationError } from './errors';

/**
 * Charset labels seen from MWS and its clients → iconv-lite names. All Shift_JIS spellings map to `cp932`
 * (Windows-31J): that is what Amazon JP actually sends (LIVE `charset=windows-31j`), and it covers the NEC/IBM
 * extensions (①, Ⅲ, ～) that strict Shift_JIS lacks; iconv-lite decodes both labels with that same table anyway.
 */
const CHARSET_ALIASES: Record<string, string> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-1': 'latin1',
  iso8859_1: 'latin1',
  'iso8859-1': 'latin1',
  latin1: 'latin1',
  shift_jis: 'cp932',
  'shift-jis': 'cp932',
  sjis: 'cp932',
  'x-sjis': 'cp932',
  'windows-31j': 'cp932',
  ms932: 'cp932',
  cp932: 'cp932',
};

/** The iconv-lite name for a charset label (case-insensitive); unknown labels are returned lower-cased for createDecoder to judge. */
export function normaliseCharset(label: string): string {
  const lower = label.trim().toLowerCase();
  return CHARSET_ALIASES[lower] ?? lower;
}

/** `text/plain;charset=windows-1252` → `windows-1252`; undefined when the header names no charset. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1] ? normaliseCharset(match[1]) : undefined;
}

function checkedCharset(charset: string): string {
  const name = normaliseCharset(charset);
  if (!iconv.encodingExists(name)) {
    const message = `expected a charset iconv-lite knows (utf8, windows-1252, latin1, cp932, ...), got "${charset}"`;
    throw new ValidationError(`charset: ${message}`, [{ field: 'charset', message }]);
  }
  return name;
}

/** A stream turning bytes in `charset` into UTF-8 string chunks (multi-byte sequences split across chunks are kept whole). */
export function createDecoder(charset: string): Transform {
  return iconv.decodeStream(checkedCharset(charset)) as unknown as Transform;
}

/** Encodes text for a feed body; a character the charset cannot represent is an error, never a silent '?'. */
export function encodeText(text: string, charset: string): Buffer {
  const name = checkedCharset(charset);
  const bytes = iconv.encode(text, name);
  const roundTrip = iconv.decode(bytes, name);
  if (roundTrip !== text) {
    const chars = Array.from(text);
    const back = Array.from(roundTrip);
    const index = chars.findIndex((ch, i) => back[i] !== ch);
    const bad = chars[index] ?? '';
    const codePoint = `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    const message = `character ${JSON.stringify(bad)} (${codePoint}) at position ${index} cannot be encoded in ${name}`;
    throw new ValidationError(`text: ${message}`, [{ field: 'text', message }]);
  }
  return bytes;
}

export interface ParseFlatFileOptions {
  /** Charset of byte chunks (default utf8); string chunks are taken as already decoded. */
  charset?: string;
}

/** Column names for a header line: blanks and repeats get unique names so no value is lost. */
function columnNames(line: string): string[] {
  const seen = new Map<string, number>();
  return line.split('\t').map((raw, index) => {
    const base = raw.trim() || `column${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

function toRow(header: string[], line: string): Record<string, string> {
  const values = line.split('\t');
  const row: Record<string, string> = {};
  const width = Math.max(header.length, values.length);
  for (let i = 0; i < width; i += 1) row[header[i] ?? `column${i + 1}`] = values[i] ?? '';
  return row;
}

/**
 * Rows of a tab-separated file whose first line is the header. Handles LF and CRLF, a UTF-8 BOM, rows split across
 * chunks, and multi-byte characters split across byte chunks. Blank lines are skipped.
 */
export async function* parseFlatFile(
  source: AsyncIterable<string | Buffer> | Iterable<string | Buffer> | Readable,
  options: ParseFlatFileOptions = {},
): AsyncIterable<Record<string, string>> {
  const decoder = iconv.getDecoder(checkedCharset(options.charset ?? 'utf8'));
  let header: string[] | undefined;
  let pending = '';
  let first = true;
  const take = (line: string): Record<string, string> | undefined => {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (clean === '') return undefined;
    if (!header) {
      header = columnNames(clean);
      return undefined;
    }
    return toRow(header, clean);
  };
  const drain = function* (text: string): Generator<Record<string, string>> {
    let chunk = text;
    if (first && chunk.length > 0) {
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      first = false;
    }
    pending += chunk;
    let newline = pending.indexOf('\n');
    let start = 0;
    while (newline >= 0) {
      const row = take(pending.slice(start, newline));
      if (row) yield row;
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  };
  for await (const chunk of source as AsyncIterable<string | Buffer> | Iterable<string | Buffer>) {
    yield* drain(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  yield* drain(decoder.end() ?? '');
  const last = take(pending);
  if (last) yield last;
}

/** Tabs and line breaks inside a value would shift columns (flat files have no quoting), so they become one space. */
function cleanCell(value: string): string {
  return value.replace(/\r\n|[\t\r\n]/g, ' ');
}

/** A tab-separated file: header line, then one line per row in header order; LF line ends, trailing newline. */
export function formatFlatFile(header: string[], rows: Array<Record<string, string>>): string {
  const columns = new Set(header);
  const lines = [header.map(cleanCell).join('\t')];
  rows.forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!columns.has(key)) {
        const message = `column "${key}" is not in the header`;
        throw new ValidationError(`rows[${index}].${key}: ${message}`, [{ field: `rows[${index}].${key}`, message }]);
      }
    }
    lines.push(header.map((column) => cleanCell(String(row[column] ?? ''))).join('\t'));
  });
  return `${lines.join('\n')}\n`;
}
