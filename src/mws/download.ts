/**
 * Streaming download of raw MWS documents (GetReport, GetFeedSubmissionResult): the body flows through an MD5
 * tap (and, when asked, a charset decoder) to its destination without ever being held whole in memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntegrityError, MwsConnectorError, TransportError } from './errors';
import { charsetFromContentType, createDecoder } from './flatfile';
import iconv from 'iconv-lite';
import { faultOf, tagFault } from './retry';
import { contentMd5 } from './signer';
import type { HttpResponse } from './transport';
import type { Logger } from '../util/logger';

export interface DownloadResult {
  requestId?: string;
  /** The `Content-MD5` the server sent (and the body matched). */
  contentMd5?: string;
  /** Bytes received (before any decoding). */
  bytes: number;
  contentType?: string;
  /** The charset named by Content-Type, as iconv-lite spells it. */
  charset?: string;
}

export interface StreamDownloadOptions {
  decode: boolean;
  operation: string;
  logger: Logger;
}

/** Hashes and counts the bytes passing through; in flush, fails the stream when Content-MD5 does not match. */
class Md5Tap extends Transform {
  bytes = 0;
  private readonly hash = createHash('md5');

  constructor(
    private readonly expected: string | undefined,
    private readonly operation: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = this.hash.digest('base64');
    if (this.expected !== undefined && actual !== this.expected) {
      callback(new IntegrityError(`${this.operation}: the body's MD5 ${actual} does not match Content-MD5 ${this.expected} (${this.bytes} bytes); discard it`, { operation: this.operation }));
      return;
    }
    callback();
  }
}

/** Streams `res` to a file path (atomically) or a Writable. */
export async function streamDownload(res: HttpResponse, destination: string | Writable, options: StreamDownloadOptions): Promise<DownloadResult> {
  const expected = res.headers['content-md5'];
  const contentType = res.headers['content-type'];
  const charset = charsetFromContentType(contentType);
  if (expected === undefined) options.logger.debug('no Content-MD5 on the response: the body cannot be verified', { operation: options.operation });
  const tap = new Md5Tap(expected, options.operation);
  const stages: Array<NodeJS.ReadableStream | NodeJS.ReadWriteStream | NodeJS.WritableStream> = [res.body, tap];
  if (options.decode && charset && !/^utf-?8$/i.test(charset)) {
    try {
      stages.push(createDecoder(charset));
    } catch (err) {
      res.body.destroy();
      throw err;
    }
  }

  const result = (): DownloadResult => {
    const requestId = res.headers['x-mws-request-id'];
    return {
      ...(requestId ? { requestId } : {}),
      ...(expected ? { contentMd5: expected } : {}),
      bytes: tap.bytes,
      ...(contentType ? { contentType } : {}),
      ...(charset ? { charset } : {}),
    };
  };

  if (typeof destination === 'string') {
    const temp = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.part`);
    try {
      await pipeline([...stages, createWriteStream(temp)]);
      await rename(temp, destination);
      return result();
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      // Nothing reached the destination, so a mismatching document may simply be fetched again.
      throw err instanceof IntegrityError ? tagFault(err, 'contentMd5Mismatch') : classify(err, res);
    }
  }

  try {
    await pipeline([...stages, destination]);
    return result();
  } catch (err) {
    const error = classify(err, res);
    // Bytes already reached the caller's stream: sending the request again would duplicate them.
    if (tap.bytes > 0 && faultOf(error) !== undefined) {
      throw new TransportError(error.code, `${error.message}; ${tap.bytes} bytes had already been written to the destination, discard them`, { operation: options.operation, retryable: false });
    }
    throw error;
  }
}

function classify(err: unknown, res: HttpResponse): MwsConnectorError {
  if (err instanceof MwsConnectorError) return err;
  const code = (err as { code?: string }).code;
  if (code && /^(ENOENT|EACCES|EPERM|ENOSPC|EISDIR|EROFS)$/.test(code)) {
    return new MwsConnectorError('UNEXPECTED', `cannot write the download destination (${code})`, { cause: err });
  }
  return res.fail(err);
}

/**
 * For `call` on a raw-document operation: the (already bounded) body checked against Content-MD5 and decoded to
 * text using the Content-Type charset (UTF-8 when none is named). Large documents belong in `download`.
 */
export function rawDocumentText(operation: string, body: Buffer, headers: Record<string, string>): string {
  const expected = headers['content-md5'];
  if (expected !== undefined && contentMd5(body) !== expected) {
    throw tagFault(new IntegrityError(`${operation}: the body's MD5 ${contentMd5(body)} does not match Content-MD5 ${expected} (${body.length} bytes)`, { operation }), 'contentMd5Mismatch');
  }
  const charset = charsetFromContentType(headers['content-type']) ?? 'utf8';
  return iconv.encodingExists(charset) ? iconv.decode(body, charset) : body.toString('utf8');
}
