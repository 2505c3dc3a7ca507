/**
 * Signature Version 2 as MWS specified it (REFERENCE.md §d):
 * RFC 3986 encoding with upper-case hex, byte-order sort of encoded names, lower-cased host,
 * HMAC-SHA256 (or HMAC-SHA1) over `VERB\nhost\npath\ncanonical-query`.
 */
import { createHash, createHmac } from 'node:crypto';
import { ValidationError } from './errors';

export type SignatureMethod = 'HmacSHA256' | 'HmacSHA1';

export interface SignV2Input {
  method: string;
  /** Host as sent in the Host header; a non-default port stays, `:443` is dropped. Lower-cased here. */
  host: string;
  /** Absolute request path (`/Orders/2013-09-01`); empty means `/`. */
  path: string;
  /** Every parameter that will be sent, without `Signature`. `SignatureMethod` picks the HMAC (default HmacSHA256). */
  params: Record<string, string>;
  secretKey: string;
}

export interface SignV2Output {
  stringToSign: string;
  signature: string;
  /** Canonical query with `Signature` appended: the exact form body or query string to send. */
  query: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 percent-encoding of UTF-8 bytes: only `A-Z a-z 0-9 - _ . ~` stay literal. */
export function rfc3986Encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Byte-order comparison of two ASCII strings (encoded names are ASCII): `A1` < `A10`, `Z` < `a`. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [rfc3986Encode(name), rfc3986Encode(value)] as const)
    .sort((a, b) => compareBytes(a[0], b[0]))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function canonicalHost(host: string): string {
  return host.toLowerCase().replace(/:443$/, '');
}

export function signV2(input: SignV2Input): SignV2Output {
  const method = (input.params.SignatureMethod ?? 'HmacSHA256') as string;
  if (method !== 'HmacSHA256' && method !== 'HmacSHA1') {
    throw new ValidationError(`SignatureMethod must be HmacSHA256 or HmacSHA1, got ${method}`, [
      { field: 'SignatureMethod', message: 'expected HmacSHA256 or HmacSHA1' },
    ]);
  }
  const query = canonicalQuery(input.params);
  const stringToSign = [input.method.toUpperCase(), canonicalHost(input.host), input.path || '/', query].join('\n');
  const signature = createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', input.secretKey)
    .update(stringToSign, 'utf8')
    .digest('base64');
  return { stringToSign, signature, query: `${query}&Signature=${rfc3986Encode(signature)}` };
}

/** Base64 of the MD5 of the bytes, as MWS wants in `ContentMD5Value` and `Content-MD5`. */
export function contentMd5(body: Buffer | string): string {
  return createHash('md5').update(body).digest('base64');
}
