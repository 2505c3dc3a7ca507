/**
 * Content-MD5 of a generated body, computed in a streaming pass over the same deterministic chunks that
 * `open()` later sends. A first pass is simpler to trust than deriving the digest from the generator's
 * structure, and a body is hashed once per report (the result is cached on the report record).
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export interface BodyDigest {
  /** Base64 MD5, as MWS sent it in Content-MD5. */
  md5: string;
  length: number;
}

/** Hashes a chunk sequence, yielding to the event loop every few MiB so a large body never stalls the server. */
export async function digestChunks(chunks: Iterable<Buffer>, yieldEveryBytes = 4 * 1024 * 1024): Promise<BodyDigest> {
  const hash = createHash('md5');
  let length = 0;
  let sinceYield = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    length += chunk.length;
    sinceYield += chunk.length;
    if (sinceYield >= yieldEveryBytes) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  return { md5: hash.digest('base64'), length };
}

/** Digest of a small in-memory body. */
export function digestBuffer(body: Buffer): BodyDigest {
  return { md5: createHash('md5').update(body).digest('base64'), length: body.length };
}
