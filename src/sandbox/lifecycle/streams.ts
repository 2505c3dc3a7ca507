/** Readable streams over bodies the lifecycles serve. */
import { Readable } from 'node:stream';

/** A fresh stream over an in-memory body (processing reports are small). */
export function bufferStream(body: Buffer): Readable {
  return Readable.from([body], { objectMode: false });
}

/** A fresh stream over a lazily generated chunk sequence; backpressure pauses the generator. */
export function chunkStream(chunks: () => Iterable<Buffer>): Readable {
  return Readable.from(chunks(), { objectMode: false });
}
