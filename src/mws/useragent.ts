/**
 * The User-Agent MWS asked for (REFERENCE.md §d, DOCS DG_UserAgentHeader):
 * `AppId/AppVersionId (Language=...; Attr=Value...)`, backslash escapes, at most 500 characters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './errors';

export const CONNECTOR_NAME = 'amazon-mws-connector';
const MAX_USER_AGENT_LENGTH = 500;

/** `\` and `/` in the application name. */
export function escapeApplicationName(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

/** `\` and `(` in the version. */
export function escapeApplicationVersion(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\(/g, '\\(');
}

/** `\` and `=` in an attribute name. */
export function escapeAttributeName(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/=/g, '\\=');
}

/** `\`, `)` and `;` in an attribute value. */
export function escapeAttributeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\)/g, '\\)').replace(/;/g, '\\;');
}

let cachedVersion: string | undefined;

/** This package's version, read from the nearest package.json named amazon-mws-connector (works from src and dist). */
export function connectorVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === CONNECTOR_NAME && pkg.version) return (cachedVersion = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}

export interface UserAgentOptions {
  application?: string;
  version?: string;
}

/**
 * `amazon-mws-connector/0.1.0 (Language=JavaScript; Platform=Node.js/20.20.2/linux/x64)`; when the integration
 * names itself, it comes first and the connector becomes an attribute.
 */
export function buildUserAgent(options: UserAgentOptions = {}): string {
  const attributes: Array<[string, string]> = [
    ['Language', 'JavaScript'],
    ['Platform', `Node.js/${process.versions.node}/${process.platform}/${process.arch}`],
  ];
  let application = CONNECTOR_NAME;
  let version = connectorVersion();
  if (options.application) {
    application = options.application;
    version = options.version ?? '1.0';
    attributes.push(['Connector', `${CONNECTOR_NAME}/${connectorVersion()}`]);
  } else if (options.version) {
    version = options.version;
  }
  for (const [field, value] of [['userAgent.application', application], ['userAgent.version', version]] as const) {
    if (!value.trim() || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
      throw new ConfigError(field, 'must be printable text without control characters');
    }
  }
  const list = attributes.map(([name, value]) => `${escapeAttributeName(name)}=${escapeAttributeValue(value)}`).join('; ');
  const header = `${escapeApplicationName(application)}/${escapeApplicationVersion(version)} (${list})`;
  if (header.length > MAX_USER_AGENT_LENGTH) {
    throw new ConfigError('userAgent.application', `makes the User-Agent ${header.length} characters long; MWS allows ${MAX_USER_AGENT_LENGTH}`);
  }
  return header;
}
