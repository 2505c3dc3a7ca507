/**
 * Character sets of flat files per marketplace. MWS wrote and read flat files in Cp1252 (Windows-1252) in North
 * America and Europe and in a Shift_JIS family charset in Japan (REFERENCE §g, peddler's LIVE recordings:
 * `text/plain;charset=windows-1252` on GetReport, `charset=CP1252` on SubmitFeed); China used UTF-8.
 * Marketplace ids: shared/mws-reference/endpoints.json (MWS docs DG_Endpoints).
 */
import iconv from 'iconv-lite';
import { SandboxError } from '../types';

export const JAPAN_MARKETPLACE_ID = 'A1VC38T7YXB528';
export const CHINA_MARKETPLACE_ID = 'AAHKV2X7AFYLW';

/** A charset as iconv-lite names it (`encoding`) and as the sandbox labels it in Content-Type (`label`). */
export interface Charset {
  encoding: string;
  label: string;
}

export const CP1252: Charset = { encoding: 'windows-1252', label: 'Cp1252' };
export const WINDOWS_31J: Charset = { encoding: 'Windows-31J', label: 'Windows-31J' };
export const UTF8: Charset = { encoding: 'utf8', label: 'UTF-8' };

/** The flat-file charset of a marketplace. */
export function marketplaceCharset(marketplaceId: string | undefined): Charset {
  if (marketplaceId === JAPAN_MARKETPLACE_ID) return WINDOWS_31J;
  if (marketplaceId === CHINA_MARKETPLACE_ID) return UTF8;
  return CP1252;
}

/** Reads the `charset` parameter of a Content-Type header, if any. */
export function charsetParam(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1] : undefined;
}

/** Resolves a charset label sent by a client; unknown labels are a client error naming the header. */
export function charsetFromLabel(label: string): Charset {
  if (!iconv.encodingExists(label)) {
    throw new SandboxError(400, 'InvalidParameterValue', `Content-Type charset "${label}" is not supported; expected e.g. Cp1252, ISO-8859-1, UTF-8, Shift_JIS or Windows-31J.`);
  }
  return { encoding: label, label };
}
