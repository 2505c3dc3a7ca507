/**
 * Logging from day one: winston to stderr, JSON lines (pretty on a TTY), level from MWS_CONNECTOR_LOG_LEVEL.
 * Every record passes `redactValue` (registered secrets, Signature/AWSAccessKeyId in query strings, buyer PII)
 * and the final line passes `redactSecrets` once more, so nothing secret reaches the stream by any path.
 */
import { Writable } from 'node:stream';
import winston from 'winston';
import { ConfigError } from '../mws/errors';
import { maskSensitive, redactSecrets, SECRET_MASK } from './secrets';

export type Logger = winston.Logger;

export interface CreateLoggerOptions {
  /** error | warn | info | http | verbose | debug | silly; default MWS_CONNECTOR_LOG_LEVEL, else info. */
  level?: string;
  /** Default: process.stderr (stdout is for results). */
  stream?: NodeJS.WritableStream;
  /** Human-readable lines; default: when the stream is a TTY. */
  pretty?: boolean;
  /** Mask buyer PII (names, e-mails, phone numbers, address lines); default true. */
  redactPii?: boolean;
}

export const LOG_LEVEL_ENV = 'MWS_CONNECTOR_LOG_LEVEL';
const LEVELS = Object.keys(winston.config.npm.levels);
const MESSAGE = Symbol.for('message');
const MAX_DEPTH = 32;

/** Keys whose values are secret wherever they appear (config objects, request params, headers). */
const SECRET_KEYS = new Set(['secretkey', 'mwsauthtoken', 'signature', 'password', 'authorization', 'privatekey', 'licensekey']);
/** Sensitive, not secret: shown with its last four characters. */
const MASKED_KEYS = new Set(['awsaccesskeyid']);
/** Buyer PII wherever it appears. */
const PII_KEYS = new Set(['BuyerName', 'BuyerEmail', 'BuyerPhoneNumber', 'BuyerCounty', 'BuyerTaxInfo', 'Phone', 'PhoneNumber', 'PostalCode', 'Email']);
/** Inside an address (ShippingAddress, DestinationAddress, ...), these identify a person or place too. */
const ADDRESS_PII_KEYS = new Set(['Name', 'AddressLine1', 'AddressLine2', 'AddressLine3', 'Line1', 'Line2', 'Line3', 'County', 'District']);
const ADDRESS_KEY = /Address$/;

const PII_ELEMENT_NAMES = [...PII_KEYS].join('|');
const ADDRESS_PII_ELEMENT_NAMES = [...ADDRESS_PII_KEYS].join('|');
const XML_PII_ELEMENT = new RegExp(`<((?:[\\w-]+:)?(?:${PII_ELEMENT_NAMES}))(\\s[^>]*)?>[^<]*</\\1>`, 'g');
const XML_ADDRESS_BLOCK = /<((?:[\w-]+:)?\w*Address)(\s[^>]*)?>([\s\S]*?)<\/\1>/g;
const XML_ADDRESS_PII_ELEMENT = new RegExp(`<((?:[\\w-]+:)?(?:${ADDRESS_PII_ELEMENT_NAMES}))(\\s[^>]*)?>[^<]*</\\1>`, 'g');
const JSON_PII_MEMBER = new RegExp(`("(?:${PII_ELEMENT_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');
const JSON_SECRET_MEMBER = /("(?:Signature|SecretKey|secretKey|MWSAuthToken|mwsAuthToken)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
const QUERY_SECRET = /(^|[?&;\s"'])(Signature|AWSAccessKeyId|MWSAuthToken|SecretKey)=([^&\s"'<>]*)/g;

export interface RedactOptions {
  /** Mask buyer PII too (default true). Secrets are always masked. */
  pii?: boolean;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function redactString(text: string, pii: boolean): string {
  let out = redactSecrets(text).replace(QUERY_SECRET, (_all, lead: string, key: string, value: string) => {
    const masked = key === 'AWSAccessKeyId' ? maskSensitive(safeDecode(value)) : SECRET_MASK;
    return `${lead}${key}=${masked}`;
  });
  if (out.includes('"')) out = out.replace(JSON_SECRET_MEMBER, `$1"${SECRET_MASK}"`);
  if (pii && out.includes('<')) {
    out = out
      .replace(XML_PII_ELEMENT, `<$1$2>${SECRET_MASK}</$1>`)
      .replace(XML_ADDRESS_BLOCK, (_all, name: string, attrs: string | undefined, inner: string) => {
        const masked = inner.replace(XML_ADDRESS_PII_ELEMENT, `<$1$2>${SECRET_MASK}</$1>`);
        return `<${name}${attrs ?? ''}>${masked}</${name}>`;
      });
  }
  if (pii && out.includes('"')) out = out.replace(JSON_PII_MEMBER, `$1"${SECRET_MASK}"`);
  return out;
}

function redactAny(value: unknown, pii: boolean, inAddress: boolean, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value, pii);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactAny(item, pii, inAddress, depth + 1, seen));
    if (value instanceof Error) {
      const plain = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as unknown as { toJSON(): object }).toJSON() : {};
      const withStack = { name: value.name, message: value.message, ...plain, ...(value.stack ? { stack: value.stack } : {}) };
      return redactAny(withStack, pii, inAddress, depth + 1, seen);
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redactAny(toJSON.call(value), pii, inAddress, depth + 1, seen);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = redactEntry(key, inner, pii, inAddress, depth, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** One property: its name decides whether the value is secret, sensitive or PII before its content is looked at. */
function redactEntry(key: string, inner: unknown, pii: boolean, inAddress: boolean, depth: number, seen: WeakSet<object>): unknown {
  const lower = key.toLowerCase();
  if (inner === undefined || inner === null) return inner;
  if (SECRET_KEYS.has(lower)) return SECRET_MASK;
  if (MASKED_KEYS.has(lower)) return maskSensitive(String(inner));
  if (pii && (PII_KEYS.has(key) || (inAddress && ADDRESS_PII_KEYS.has(key)))) return SECRET_MASK;
  return redactAny(inner, pii, pii && ADDRESS_KEY.test(key), depth + 1, seen);
}

/**
 * A deep copy safe to print: registered secrets masked, `Signature=`/`AWSAccessKeyId=` in query strings masked
 * (the access key keeps its last four characters), secret-named keys masked, and, unless `pii: false`, buyer PII
 * (BuyerName, BuyerEmail, phone numbers, postal codes, names and lines inside *Address objects and XML) masked.
 */
export function redactValue(value: unknown, options: RedactOptions = {}): unknown {
  return redactAny(value, options.pii ?? true, false, 0, new WeakSet());
}

function resolveLevel(explicit: string | undefined): string {
  const fromEnv = process.env[LOG_LEVEL_ENV];
  const [field, level] = explicit !== undefined ? ['level', explicit] : fromEnv ? [LOG_LEVEL_ENV, fromEnv] : ['level', 'info'];
  const normalised = level.trim().toLowerCase();
  if (!LEVELS.includes(normalised)) throw new ConfigError(field, `expected one of ${LEVELS.join('|')}, got "${level}"`);
  return normalised;
}

function redactFormat(pii: boolean): winston.Logform.Format {
  return winston.format((info) => {
    const record = info as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === 'level') continue;
        record[key] = redactEntry(key, record[key], pii, false, 0, new WeakSet());
    }
    return info;
  })();
}

/** Last line of defence: whatever the formatter produced, registered secrets never leave. */
const finalRedaction = winston.format((info) => {
  const record = info as unknown as Record<symbol, unknown>;
  const line = record[MESSAGE];
  if (typeof line === 'string') record[MESSAGE] = redactSecrets(line);
  return info;
});

const prettyLine = winston.format.printf((info) => {
  const { level, message, timestamp, ...rest } = info as Record<string, unknown>;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${String(timestamp)} ${String(level)} ${String(message)}${extra}`;
});

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const level = resolveLevel(options.level);
  const stream = options.stream ?? process.stderr;
  const pretty = options.pretty ?? (stream as { isTTY?: boolean }).isTTY === true;
  const pii = options.redactPii ?? true;
  const output = pretty
    ? winston.format.combine(winston.format.colorize(), prettyLine)
    : winston.format.json();
  return winston.createLogger({
    level,
    levels: winston.config.npm.levels,
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      winston.format.timestamp(),
      redactFormat(pii),
      output,
      finalRedaction(),
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
}

/** A logger that drops everything (for library use without a host logger). */
export const silentLogger: Logger = winston.createLogger({
  silent: true,
  transports: [new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) })],
});
