/**
 * Authentication from the raw request, independently of the connector's signer (REFERENCE.md §d): the canonical
 * string is rebuilt here from the decoded wire parameters with our own RFC 3986 encoding and byte-order sort.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseIsoDate } from './params';
import type { SandboxCredentials } from './types';
import { SandboxError } from './types';

/** Requests more than this far from the sandbox clock are refused (either direction). */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

/** RFC 3986 unreserved characters stay, everything else becomes upper-case `%XX` of its UTF-8 bytes. */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** `name=value&…` of every parameter but Signature, sorted by encoded name in byte order. */
export function canonicalQueryOf(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * The host spellings a client may have signed: as sent in the Host header, and without its port (Amazon's Java
 * and PHP clients differ), plus `:443`/`:80` dropped as the default ports.
 */
export function signedHostCandidates(hostHeader: string): string[] {
  const host = hostHeader.trim().toLowerCase();
  const portAt = host.lastIndexOf(':');
  const hasPort = portAt > host.lastIndexOf(']');
  return hasPort ? [host, host.slice(0, portAt)] : [host];
}

export function stringToSign(method: string, host: string, path: string, canonicalQuery: string): string {
  return `${method.toUpperCase()}\n${host}\n${path === '' ? '/' : path}\n${canonicalQuery}`;
}

export interface WireRequest {
  method: string;
  hostHeader: string;
  path: string;
  /** Every decoded parameter as sent (query string and form body), Signature included. */
  pairs: ReadonlyArray<readonly [string, string]>;
  params: Record<string, string>;
}

export interface Principal {
  sellerId: string;
  awsAccessKeyId: string;
  credentials: SandboxCredentials;
}

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') {
    throw new SandboxError(400, 'InvalidParameterValue', `The required parameter ${name} is missing.`);
  }
  return value;
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkTime(params: Record<string, string>, now: number): void {
  const timestamp = params.Timestamp;
  const expires = params.Expires;
  if (timestamp !== undefined && expires !== undefined) {
    throw new SandboxError(400, 'InvalidParameterValue', 'Timestamp and Expires cannot both be given.');
  }
  if (timestamp === undefined && expires === undefined) {
    throw new SandboxError(400, 'InvalidParameterValue', 'The required parameter Timestamp (or Expires) is missing.');
  }
  const name = timestamp !== undefined ? 'Timestamp' : 'Expires';
  const value = (timestamp ?? expires) as string;
  const at = parseIsoDate(value);
  if (at === undefined) {
    throw new SandboxError(400, 'InvalidParameterValue', `Value '${value}' for parameter ${name} is invalid: expected an ISO 8601 date-time.`);
  }
  const serverTime = new Date(now).toISOString();
  if (name === 'Expires' && at < now) {
    throw new SandboxError(400, 'InvalidParameterValue', `Request has expired. Expires date is ${value}; the server time is ${serverTime}.`);
  }
  if (name === 'Timestamp' && Math.abs(at - now) > TIMESTAMP_WINDOW_MS) {
    throw new SandboxError(
      400,
      'InvalidParameterValue',
      `Request has expired. Timestamp date is ${value}; the server time is ${serverTime} and the two may differ by at most 15 minutes.`,
    );
  }
}

/**
 * Verifies the request's signature, time and seller authorisation. Order as a gateway would: developer key,
 * signature, time window, then the seller and MWSAuthToken binding.
 */
export function authenticate(request: WireRequest, credentials: readonly SandboxCredentials[], now: number): Principal {
  const { params } = request;
  const keyId = required(params, 'AWSAccessKeyId');
  const signature = required(params, 'Signature');
  const version = required(params, 'SignatureVersion');
  if (version !== '2') {
    throw new SandboxError(400, 'InvalidParameterValue', `Value '${version}' for parameter SignatureVersion is invalid: only 2 is supported.`);
  }
  const method = required(params, 'SignatureMethod');
  const algorithm = method === 'HmacSHA256' ? 'sha256' : method === 'HmacSHA1' ? 'sha1' : undefined;
  if (!algorithm) {
    throw new SandboxError(400, 'InvalidParameterValue', `Value '${method}' for parameter SignatureMethod is invalid: expected HmacSHA256 or HmacSHA1.`);
  }

  const forKey = credentials.filter((c) => c.awsAccessKeyId === keyId);
  if (forKey.length === 0) {
    throw new SandboxError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  const canonicalQuery = canonicalQueryOf(request.pairs);
  const secrets = [...new Set(forKey.map((c) => c.secretKey))];
  const signed = signedHostCandidates(request.hostHeader).some((host) => {
    const text = stringToSign(request.method, host, request.path, canonicalQuery);
    return secrets.some((secret) => signatureMatches(createHmac(algorithm, secret).update(text, 'utf8').digest('base64'), signature));
  });
  if (!signed) {
    throw new SandboxError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }

  checkTime(params, now);

  const sellerId = params.SellerId ?? params.Merchant;
  if (sellerId === undefined || sellerId === '') {
    throw new SandboxError(400, 'InvalidParameterValue', 'The required parameter SellerId (or Merchant) is missing.');
  }
  const sellerKnown = credentials.some((c) => c.sellerId === sellerId);
  if (!sellerKnown) throw new SandboxError(400, 'InvalidParameterValue', `Invalid seller id: ${sellerId}`);
  const grant = forKey.find((c) => c.sellerId === sellerId);
  if (!grant) {
    throw new SandboxError(401, 'AccessDenied', `Developer key ${keyId} is not authorised to access seller ${sellerId}.`);
  }
  const token = params.MWSAuthToken;
  if (token !== undefined && token !== grant.mwsAuthToken) {
    // Never echo the token: it is a credential.
    throw new SandboxError(401, 'AccessDenied', `The MWSAuthToken is not valid for seller ${sellerId} and developer key ${keyId}.`);
  }
  return { sellerId, awsAccessKeyId: keyId, credentials: grant };
}
