/**
 * Connection configuration (ARCHITECTURE §3.1/§3.2): validation and resolution of the endpoint. Every problem is
 * reported at once, each naming its field; secret values are registered before any message is built and never
 * appear in one.
 */
import { ConfigError, FieldProblem, ValidationError } from './errors';
import { findMarketplace, hostForMarketplaces, Region, regions } from './endpoints';
import { registerSecret } from '../util/secrets';

export interface ConnectionTimeouts {
  /** TCP + TLS connect. Default 10 s. */
  connectMs?: number;
  /** Request sent → first response byte. Default 60 s. */
  firstByteMs?: number;
  /** Longest silence while a body streams. Default 120 s. */
  idleMs?: number;
}

export interface ConnectionConfig {
  sellerId: string;
  mwsAuthToken?: string;
  awsAccessKeyId: string;
  secretKey: string;
  /** Informational only: never sent on the wire. */
  developerId?: string;
  region?: Region;
  marketplaceIds: string[];
  /** `https://host[:port][/]`, or `http://` to a loopback host (the sandbox). Default: the marketplaces' host. */
  endpoint?: string;
  timeouts?: ConnectionTimeouts;
  /** Divides every restore interval, poll interval and backoff; only with a loopback endpoint. Default 1. */
  timeScale?: number;
}

export interface ResolvedConnection extends ConnectionConfig {
  /** scheme://host[:port], no trailing slash. */
  baseUrl: string;
  /** host[:port] as signed: lower-case, default port dropped. */
  host: string;
  isLoopback: boolean;
  timeScale: number;
  timeouts: Required<ConnectionTimeouts>;
}

export const DEFAULT_TIMEOUTS: Readonly<Required<ConnectionTimeouts>> = Object.freeze({
  connectMs: 10_000,
  firstByteMs: 60_000,
  idleMs: 120_000,
});

const KNOWN_KEYS = [
  'sellerId',
  'mwsAuthToken',
  'awsAccessKeyId',
  'secretKey',
  'developerId',
  'region',
  'marketplaceIds',
  'endpoint',
  'timeouts',
  'timeScale',
] as const;
const TIMEOUT_KEYS = ['connectMs', 'firstByteMs', 'idleMs'] as const;

/** Printable ASCII without whitespace: what every MWS id and token looks like. */
const PRINTABLE = /^[\x21-\x7e]+$/;

/** 127.0.0.0/8, ::1 (any spelling, bracketed or not, IPv4-mapped ::ffff:127.x), localhost and its subdomains. */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host.includes(':')) return isIpv6Loopback(host);
  return isIpv4Loopback(host);
}

function isIpv4Loopback(host: string): boolean {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return !!octets && octets.slice(1).every((o) => Number(o) <= 255) && Number(octets[1]) === 127;
}

function isIpv6Loopback(host: string): boolean {
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two hex groups so every spelling expands the same way.
  const dotted = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(host);
  if (dotted) {
    const [a, b, c, d] = dotted[2].split('.').map(Number);
    if ([a, b, c, d].some((o) => o > 255)) return false;
    host = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = host.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return false;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return false;
  const n = all.map((g) => parseInt(g, 16));
  const firstFiveZero = n.slice(0, 5).every((g) => g === 0);
  if (firstFiveZero && n[5] === 0xffff) return n[6] >> 8 === 127; // IPv4-mapped 127.0.0.0/8
  return firstFiveZero && n[5] === 0 && n[6] === 0 && n[7] === 1;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

interface EndpointInfo {
  baseUrl: string;
  host: string;
  isLoopback: boolean;
}

function parseEndpoint(value: unknown, problems: FieldProblem[]): EndpointInfo | undefined {
  const field = 'endpoint';
  if (typeof value !== 'string' || value.length === 0) {
    problems.push({ field, message: `expected a URL string such as https://mws.amazonservices.com, got ${describe(value)}` });
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push({ field, message: 'expected an absolute URL such as https://mws.amazonservices.com or http://127.0.0.1:8080' });
    return undefined;
  }
  const isLoopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push({ field, message: `expected an https:// URL, got scheme ${url.protocol}` });
    return undefined;
  }
  if (url.protocol === 'http:' && !isLoopback) {
    problems.push({ field, message: `http:// is only allowed to a loopback host (127.0.0.0/8, ::1, localhost); use https://${url.host}` });
  }
  if (url.username || url.password) problems.push({ field, message: 'must not contain user credentials' });
  if (url.pathname !== '/' || url.search || url.hash) {
    problems.push({ field, message: 'expected scheme://host[:port] only; the section path (e.g. /Orders/2013-09-01) is added per operation' });
  }
  // URL.host is lower-case and omits the scheme's default port, which is how the Host header is signed.
  return { baseUrl: `${url.protocol}//${url.host}`, host: url.host, isLoopback };
}

function checkFormat(config: Record<string, unknown>, field: 'sellerId' | 'awsAccessKeyId', pattern: RegExp, expected: string, problems: FieldProblem[]): void {
  const value = config[field];
  if (value === undefined) problems.push({ field, message: `is required (${expected})` });
  else if (typeof value !== 'string') problems.push({ field, message: `expected ${expected}, got ${describe(value)}` });
  else if (!pattern.test(value)) problems.push({ field, message: `expected ${expected}` });
}

function checkMarketplaces(config: Record<string, unknown>, problems: FieldProblem[]): string[] | undefined {
  const value = config.marketplaceIds;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field: 'marketplaceIds', message: `expected a non-empty array of marketplace ids such as ["ATVPDKIKX0DER"], got ${Array.isArray(value) ? 'an empty array' : describe(value)}` });
    return undefined;
  }
  let ok = true;
  value.forEach((id: unknown, i) => {
    const field = `marketplaceIds[${i}]`;
    if (typeof id !== 'string') {
      problems.push({ field, message: `expected a marketplace id string, got ${describe(id)}` });
      ok = false;
      return;
    }
    const m = findMarketplace(id);
    if (!m || m.marketplaceId !== id) {
      const hint = m ? `; the marketplace id of ${m.countryCode} is ${m.marketplaceId}` : '';
      problems.push({ field, message: `unknown marketplace id ${JSON.stringify(id)}${hint}` });
      ok = false;
    } else if (config.region !== undefined && m.region !== config.region) {
      problems.push({ field, message: `${id} (${m.countryCode}) is in region ${m.region}, not ${String(config.region)}` });
    }
  });
  return ok ? (value as string[]) : undefined;
}

function checkTimeouts(value: unknown, problems: FieldProblem[]): Required<ConnectionTimeouts> {
  if (value === undefined) return { ...DEFAULT_TIMEOUTS };
  if (!isPlainObject(value)) {
    problems.push({ field: 'timeouts', message: `expected an object { connectMs?, firstByteMs?, idleMs? }, got ${describe(value)}` });
    return { ...DEFAULT_TIMEOUTS };
  }
  for (const key of Object.keys(value)) {
    if (!(TIMEOUT_KEYS as readonly string[]).includes(key)) {
      problems.push({ field: `timeouts.${key}`, message: `unknown property; expected one of ${TIMEOUT_KEYS.join(', ')}` });
    }
  }
  const out = { ...DEFAULT_TIMEOUTS };
  for (const key of TIMEOUT_KEYS) {
    const ms = value[key];
    if (ms === undefined) continue;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms <= 0) {
      problems.push({ field: `timeouts.${key}`, message: `expected a positive whole number of milliseconds, got ${typeof ms === 'number' ? ms : describe(ms)}` });
    } else {
      out[key] = ms;
    }
  }
  return out;
}

/**
 * Validates a connection configuration and resolves its endpoint. Throws ValidationError (code CONFIG_INVALID)
 * whose `details` list every problem by field.
 */
export function validateConnectionConfig(input: unknown): ResolvedConnection {
  if (!isPlainObject(input)) {
    throw new ValidationError('Invalid connection configuration: expected an object', [
      { field: 'connection', message: `expected an object with sellerId, awsAccessKeyId, secretKey, marketplaceIds, got ${describe(input)}` },
    ], { code: 'CONFIG_INVALID' });
  }
  // Before anything can be echoed: from here on these values are masked wherever they would be printed.
  // Also the trimmed spelling: a pasted value with stray whitespace is still the secret.
  for (const value of [input.secretKey, input.mwsAuthToken]) {
    if (typeof value === 'string') {
      registerSecret(value);
      registerSecret(value.trim());
    }
  }

  const problems: FieldProblem[] = [];
  for (const key of Object.keys(input)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      problems.push({ field: key, message: `unknown property; expected one of ${KNOWN_KEYS.join(', ')}` });
    }
  }
  checkFormat(input, 'sellerId', /^[A-Z0-9]{8,20}$/, '8 to 20 upper-case letters and digits, e.g. A2EXAMPLESELLER', problems);
  checkFormat(input, 'awsAccessKeyId', /^[A-Z0-9]{16,128}$/, '16 to 128 upper-case letters and digits, e.g. EXAMPLEACCESSKEYID01', problems);
  if (typeof input.secretKey !== 'string' || input.secretKey.length === 0) {
    problems.push({ field: 'secretKey', message: input.secretKey === undefined ? 'is required' : 'expected a non-empty string' });
  }
  if (input.mwsAuthToken !== undefined) {
    const token = input.mwsAuthToken;
    if (typeof token !== 'string' || !token.startsWith('amzn.mws.') || !PRINTABLE.test(token)) {
      problems.push({ field: 'mwsAuthToken', message: 'expected a token starting with amzn.mws. (printable, no whitespace)' });
    }
  }
  if (input.developerId !== undefined && (typeof input.developerId !== 'string' || !PRINTABLE.test(input.developerId))) {
    problems.push({ field: 'developerId', message: 'expected printable text without whitespace' });
  }
  if (input.region !== undefined && !(regions as readonly unknown[]).includes(input.region)) {
    problems.push({ field: 'region', message: `expected one of ${regions.join(', ')}` });
  }
  const marketplaceIds = checkMarketplaces(input, problems);
  const timeouts = checkTimeouts(input.timeouts, problems);
  const endpoint = input.endpoint === undefined ? undefined : parseEndpoint(input.endpoint, problems);

  let timeScale = 1;
  if (input.timeScale !== undefined) {
    const ts = input.timeScale;
    if (typeof ts !== 'number' || !Number.isFinite(ts) || ts <= 0) {
      problems.push({ field: 'timeScale', message: `expected a positive number, got ${typeof ts === 'number' ? ts : describe(ts)}` });
    } else if (ts !== 1 && !endpoint?.isLoopback) {
      problems.push({ field: 'timeScale', message: 'a timeScale other than 1 is only allowed with a loopback endpoint (the sandbox)' });
    } else {
      timeScale = ts;
    }
  }

  let resolved: EndpointInfo | undefined = endpoint;
  // A real MWS host serves only its own marketplaces; the sandbox (loopback) serves every marketplace.
  if (marketplaceIds && !endpoint?.isLoopback) {
    try {
      const host = hostForMarketplaces(marketplaceIds);
      resolved ??= { baseUrl: `https://${host}`, host, isLoopback: false };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push({ field: 'marketplaceIds', message: err.message.replace(/^marketplaceIds: /, '') });
    }
  }

  if (problems.length > 0 || !resolved) {
    const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new ValidationError(`Invalid connection configuration: ${summary}`, problems, { code: 'CONFIG_INVALID' });
  }
  const config = input as unknown as ConnectionConfig;
  const region = config.region ?? commonRegion(config.marketplaceIds);
  return {
    ...config,
    marketplaceIds: [...config.marketplaceIds],
    ...(region ? { region } : {}),
    baseUrl: resolved.baseUrl,
    host: resolved.host,
    isLoopback: resolved.isLoopback,
    timeScale,
    timeouts,
  };
}

function commonRegion(ids: string[]): Region | undefined {
  const found = new Set(ids.map((id) => findMarketplace(id)?.region));
  return found.size === 1 ? [...found][0] : undefined;
}
