/**
 * Reading an MWS request off the wire: the body, the query string and the form body, decoded into parameter pairs
 * (kept in order for the signature check) and a lookup record. Which carrier holds the parameters depends on the
 * operation: form POST (body), GET (query), or SubmitFeed-style query parameters with a raw body.
 */
import type { IncomingMessage } from 'node:http';
import { base64Md5 } from './render';
import { SandboxError } from './types';

/** Largest request body the sandbox reads (MWS allowed feeds < 2 GiB; the sandbox keeps bodies in memory). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

export type Pairs = Array<[string, string]>;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new SandboxError(400, 'InvalidParameterValue', `The request body is larger than the sandbox's ${limit} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => reject(new SandboxError(400, 'InputStreamDisconnected', 'The request body could not be read.')));
  });
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new SandboxError(400, 'InvalidParameterValue', `The parameter text '${text.slice(0, 40)}' is not valid percent-encoded UTF-8.`);
  }
}

/** `a=1&b=x%20y` → pairs; `+` is a space (HTML form encoding), empty segments are skipped. */
export function parseUrlEncoded(text: string): Pairs {
  const pairs: Pairs = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    pairs.push([name, value]);
  }
  return pairs;
}

/** First occurrence wins, as most gateways read a repeated parameter. */
export function toRecord(pairs: Pairs): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of pairs) if (!(name in record)) record[name] = value;
  return record;
}

export function isFormContentType(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/x-www-form-urlencoded\b/i.test(contentType.trim());
}

export interface SplitUrl {
  path: string;
  query: string;
}

export function splitUrl(url: string | undefined): SplitUrl {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? { path: raw, query: '' } : { path: raw.slice(0, q), query: raw.slice(q + 1) };
}

/**
 * Integrity of a raw body (SubmitFeed, SubmitFBAOutboundShipmentInvoice): the MD5 comes from the ContentMD5Value
 * parameter or the Content-MD5 header; neither is ContentMD5Missing, a wrong one ContentMD5DoesNotMatch, and two
 * different ones an InvalidParameterValue.
 */
export function checkContentMd5(params: Record<string, string>, header: string | string[] | undefined, body: Buffer): void {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromParam = params.ContentMD5Value;
  if (fromParam !== undefined && fromHeader !== undefined && fromParam !== fromHeader) {
    throw new SandboxError(400, 'InvalidParameterValue', `Invalid value for parameter ContentMD5Value (got "${fromParam}"): expected the same value as the Content-MD5 header (${fromHeader}).`);
  }
  const sent = fromParam ?? fromHeader;
  if (sent === undefined) throw new SandboxError(400, 'ContentMD5Missing', 'The body has no Content-MD5: send the ContentMD5Value parameter (Base64 MD5 of the body).');
  const actual = base64Md5(body);
  if (sent !== actual) {
    throw new SandboxError(400, 'ContentMD5DoesNotMatch', `The Content-MD5 you passed (${sent}) did not match the Content-MD5 we calculated for the body (${actual}).`);
  }
}
