/**
 * Request bodies for `query+body` operations (SubmitFeed, SubmitInvoice). A document is either held in memory
 * (string or Buffer) or streamed from a source the client can open once per pass:
 *
 *   FeedContent: { path: '/data/feed.txt' }        a file, read from its start on every pass
 *   FeedContent: { open: () => createReadStream(…) } any Readable factory; every call must yield the same bytes
 *
 * Before the first attempt the client reads the source once to learn its length and its MD5 (the signed
 * ContentMD5Value); every attempt then opens it anew, so a retry after "reset before written" sends the whole
 * document again from its first byte. MWS accepted feeds up to 2 GiB; nothing here holds more than a chunk.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { ValidationError } from './errors';

/**
 * A document streamed from a file or a Readable factory instead of held in memory. A StreamedBody (what
 * `measureBody` returns) is a source too: a caller that already measured it does not pay a second full read.
 */
export type BodySource = { path: string } | { open: () => Readable } | StreamedBody;

/** A streamed document whose length and MD5 are known: what each attempt sends. */
export interface StreamedBody {
  open: () => Readable;
  size: number;
  /** Base64 MD5 of the bytes, as ContentMD5Value carries it. */
  md5: string;
}

/** Whether a value is a BodySource (as opposed to a string or Buffer). */
export function isBodySource(value: unknown): value is BodySource {
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value) || value instanceof Uint8Array) return false;
  const v = value as { path?: unknown; open?: unknown };
  return (typeof v.path === 'string' && v.path.length > 0) || typeof v.open === 'function';
}

function isMeasured(source: BodySource): source is StreamedBody {
  const s = source as Partial<StreamedBody>;
  return typeof s.open === 'function' && typeof s.size === 'number' && typeof s.md5 === 'string';
}

function opener(source: BodySource): () => Readable {
  if ('path' in source) {
    const path = source.path;
    return () => createReadStream(path);
  }
  return source.open;
}

/**
 * Reads the source once, in chunks, for its length and MD5. `field` names the parameter in a failure
 * (e.g. a missing file), which is the caller's input problem, not the network's.
 */
export async function measureBody(source: BodySource, field: string): Promise<StreamedBody> {
  if (isMeasured(source)) return source;
  const open = opener(source);
  const hash = createHash('md5');
  let size = 0;
  try {
    for await (const chunk of open()) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      hash.update(bytes);
      size += bytes.length;
    }
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const what = 'path' in source ? `a readable file at ${source.path}` : 'a Readable from open()';
    throw new ValidationError(`${field}: the document could not be read (${e.code ?? e.message ?? String(err)})`, [
      { field, message: `expected ${what}, got ${e.code ?? 'a read error'}` },
    ]);
  }
  return { open: () => checkedLength(open(), size, field), size, md5: hash.digest('base64') };
}

/**
 * The source as sent: its length is already signed into Content-Length, so a source that changed since it was
 * measured fails the attempt (before the request is complete) instead of sending a different document. A change
 * of the same length is caught by MWS's ContentMD5Value check.
 */
function checkedLength(source: Readable, size: number, field: string): Readable {
  let seen = 0;
  const changed = (): ValidationError =>
    new ValidationError(`${field}: the document changed while it was being sent`, [{ field, message: `expected the ${size} bytes measured before the first attempt` }]);
  const guard = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      seen += bytes.length;
      callback(seen > size ? changed() : null, bytes);
    },
    flush(callback) {
      callback(seen !== size ? changed() : null);
    },
  });
  source.once('error', (err) => guard.destroy(err));
  guard.once('close', () => source.destroy());
  return source.pipe(guard);
}
