/**
 * Report bodies as data plus a deterministic chunk generator. A body is its header line(s), the rows captured
 * from state when the report was generated, optional synthetic rows up to `padToBytes`, and a tail. Bytes are
 * produced chunk by chunk, so a body of several GiB is never held in memory, and the same body always yields
 * the same bytes (the Content-MD5 pass and the send pass agree).
 */
import iconv from 'iconv-lite';

export interface ReportBody {
  format: 'flat' | 'xml';
  /** iconv-lite encoding and the label sent in Content-Type. */
  encoding: string;
  charsetLabel: string;
  /** Text before the rows (flat: the header line with its newline). */
  head: string;
  /** One record per entry, without the line terminator. */
  rows: string[];
  /** Text after the rows (XML: the closing tags). */
  tail: string;
  /**
   * Flat files only: after the real rows, synthetic copies of them are appended until the body reaches at
   * least this many bytes. Copy k of a row has `-P<k>` appended to its first column, so rows stay distinct.
   */
  padToBytes: number;
}

export const CHUNK_BYTES = 64 * 1024;

export function reportContentType(body: ReportBody): string {
  return body.format === 'xml' ? 'text/xml' : `text/plain;charset=${body.charsetLabel}`;
}

/** A row split at its first tab: copies insert their suffix between the two halves. */
interface EncodedRow {
  first: Buffer;
  rest: Buffer;
}

function encodeRow(row: string, encoding: string): EncodedRow {
  const tab = row.indexOf('\t');
  const first = tab < 0 ? row : row.slice(0, tab);
  const rest = (tab < 0 ? '' : row.slice(tab)) + '\n';
  return { first: iconv.encode(first, encoding), rest: iconv.encode(rest, encoding) };
}

/** Fills fixed-size chunks and hands each one over when full; the consumer owns every chunk it receives. */
class ChunkWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private position = 0;
  total = 0;

  constructor(private readonly emit: (chunk: Buffer) => void) {}

  put(bytes: Buffer): void {
    if (this.position + bytes.length > CHUNK_BYTES) this.flush();
    if (bytes.length > CHUNK_BYTES) {
      this.emit(bytes);
    } else {
      this.chunk.set(bytes, this.position);
      this.position += bytes.length;
    }
    this.total += bytes.length;
  }

  /** `-P<copy>` written byte by byte into the chunk: no string or buffer per row. */
  putCopySuffix(copy: number): void {
    let digits = 1;
    for (let rest = copy; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    if (this.position + digits + 2 > CHUNK_BYTES) this.flush();
    const chunk = this.chunk;
    chunk[this.position] = 0x2d; // '-'
    chunk[this.position + 1] = 0x50; // 'P'
    let rest = copy;
    for (let i = digits + 1; i >= 2; i--) {
      chunk[this.position + i] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.position += digits + 2;
    this.total += digits + 2;
  }

  flush(): void {
    if (this.position === 0) return;
    this.emit(this.chunk.subarray(0, this.position));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.position = 0;
  }
}

/** The body's bytes, in chunks of about CHUNK_BYTES. */
export function* reportChunks(body: ReportBody): Generator<Buffer> {
  const ready: Buffer[] = [];
  const writer = new ChunkWriter((chunk) => ready.push(chunk));
  const drain = function* (): Generator<Buffer> {
    while (ready.length > 0) yield ready.shift() as Buffer;
  };
  writer.put(iconv.encode(body.head, body.encoding));
  const rows = body.rows.map((row) => encodeRow(row, body.encoding));
  for (const row of rows) {
    writer.put(row.first);
    writer.put(row.rest);
    yield* drain();
  }
  if (body.format === 'flat' && rows.length > 0) {
    for (let copy = 1; writer.total < body.padToBytes; copy++) {
      const row = rows[(copy - 1) % rows.length];
      writer.put(row.first);
      writer.putCopySuffix(copy);
      writer.put(row.rest);
      if (ready.length > 0) yield* drain();
    }
  }
  writer.put(iconv.encode(body.tail, body.encoding));
  writer.flush();
  yield* drain();
}
