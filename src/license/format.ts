/**
 * The license file's text form. The armour carries the key id and signature as headers and the payload
 * as base64 of the exact JSON bytes that were signed, so verification never re-serialises JSON.
 * Parsing is strict (canonical base64, exact header names) so that any change inside the armour is
 * either a different signed message or a malformed file — never a silently equivalent one.
 */
export const ARMOUR_LABEL = 'AMAZON-MWS-CONNECTOR LICENSE';
export const BEGIN_LINE = `-----BEGIN ${ARMOUR_LABEL}-----`;
export const END_LINE = `-----END ${ARMOUR_LABEL}-----`;

/** Prepended to the payload bytes before signing, so a license signature can never be replayed as another signed object. */
export const SIGNATURE_DOMAIN = 'amazon-mws-connector/license/v1\n';

/** Largest license text accepted (a real one is well under 2 KiB). */
export const MAX_LICENSE_TEXT_BYTES = 64 * 1024;

const LINE_WIDTH = 64;
const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

export interface ArmouredLicense {
  keyId: string;
  signature: Buffer;
  payload: Buffer;
}

export class LicenseFormatError extends Error {}

export function signedBytes(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(SIGNATURE_DOMAIN, 'utf8'), payload]);
}

export function isValidKeyId(keyId: string): boolean {
  return KEY_ID_PATTERN.test(keyId);
}

/** `comment` is written above the armour for people; it is not signed and is ignored when reading. */
export function encodeLicense(license: ArmouredLicense, comment?: string): string {
  const lines: string[] = [];
  if (comment) lines.push(...comment.split(/\r?\n/).filter((l) => !l.startsWith('-----')), '');
  lines.push(BEGIN_LINE, `Key-Id: ${license.keyId}`, `Signature: ${license.signature.toString('base64')}`, '');
  const body = license.payload.toString('base64');
  for (let i = 0; i < body.length; i += LINE_WIDTH) lines.push(body.slice(i, i + LINE_WIDTH));
  lines.push(END_LINE, '');
  return lines.join('\n');
}

/** Throws LicenseFormatError naming what is wrong; callers turn that into an `invalid` result. */
export function decodeLicense(text: string): ArmouredLicense {
  if (typeof text !== 'string') throw new LicenseFormatError('the license is not text');
  if (Buffer.byteLength(text, 'utf8') > MAX_LICENSE_TEXT_BYTES) throw new LicenseFormatError(`the license is larger than ${MAX_LICENSE_TEXT_BYTES} bytes`);
  const lines = text.split(/\r?\n/);
  const begin = lines.indexOf(BEGIN_LINE);
  if (begin < 0) throw new LicenseFormatError(`no "${BEGIN_LINE}" line`);
  const end = lines.indexOf(END_LINE, begin + 1);
  if (end < 0) throw new LicenseFormatError(`no "${END_LINE}" line after the BEGIN line`);
  if (lines.indexOf(BEGIN_LINE, begin + 1) >= 0) throw new LicenseFormatError('more than one license in the text');
  const inner = lines.slice(begin + 1, end);
  const blank = inner.indexOf('');
  if (blank < 0) throw new LicenseFormatError('no blank line between the headers and the payload');
  const headers = readHeaders(inner.slice(0, blank));
  const bodyLines = inner.slice(blank + 1);
  if (bodyLines.length === 0) throw new LicenseFormatError('the payload is empty');
  for (let i = 0; i < bodyLines.length; i++) {
    const last = i === bodyLines.length - 1;
    const line = bodyLines[i] as string;
    if (last ? line.length === 0 || line.length > LINE_WIDTH : line.length !== LINE_WIDTH) {
      throw new LicenseFormatError(`payload line ${i + 1} has length ${line.length}; expected ${last ? `1..${LINE_WIDTH}` : LINE_WIDTH}`);
    }
  }
  const payload = strictBase64(bodyLines.join(''), 'payload');
  const keyId = headers.get('Key-Id') as string;
  if (!isValidKeyId(keyId)) throw new LicenseFormatError('Key-Id header: expected letters, digits, ".", "_" or "-" (at most 64)');
  const signature = strictBase64(headers.get('Signature') as string, 'Signature header');
  if (signature.length !== 64) throw new LicenseFormatError(`Signature header: expected 64 bytes (Ed25519), got ${signature.length}`);
  return { keyId, signature, payload };
}

function readHeaders(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of lines) {
    const match = /^(Key-Id|Signature): (\S+)$/.exec(line);
    if (!match) throw new LicenseFormatError(`unexpected header line ${JSON.stringify(line.slice(0, 40))}; expected "Key-Id: …" and "Signature: …"`);
    const [, name, value] = match as unknown as [string, string, string];
    if (headers.has(name)) throw new LicenseFormatError(`header ${name} appears twice`);
    headers.set(name, value);
  }
  for (const name of ['Key-Id', 'Signature']) {
    if (!headers.has(name)) throw new LicenseFormatError(`header ${name} is missing`);
  }
  return headers;
}

/** Node's base64 decoder skips junk and ignores spare bits; insist on the one canonical spelling. */
function strictBase64(text: string, what: string): Buffer {
  if (!BASE64_PATTERN.test(text) || text.length % 4 !== 0) throw new LicenseFormatError(`${what}: not base64`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new LicenseFormatError(`${what}: not canonical base64`);
  return bytes;
}
