/** How commands reach the runtime: which connector to load, with which logger, and reading inputs given as text, @file or @-. */
import * as fs from 'node:fs';
import type { ActionLogger } from '../actions/types';
import { ConfigError, ValidationError } from '../mws/errors';
import type { Connector } from '../runtime/types';
import { SOURCE_ENV } from './flags';

export interface ConnectorOptions {
  source?: string;
  home: string;
  logger: ActionLogger;
  ca?: string;
}

export async function loadRuntimeConnector(options: ConnectorOptions): Promise<Connector> {
  const { createConnector } = await import('../runtime');
  const source = options.source ?? process.env[SOURCE_ENV];
  return createConnector({
    home: options.home,
    logger: options.logger,
    ...(source ? { source } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  });
}

export async function loadManifestOnly(source: string | undefined): Promise<{ root: string; manifest: import('../runtime/types').ConnectorManifest }> {
  const { loadConnector, packageRoot } = await import('../runtime');
  const loaded = loadConnector(source ?? process.env[SOURCE_ENV] ?? packageRoot());
  return { root: loaded.root, manifest: loaded.manifest };
}

/** Text given as itself, `@FILE` or `@-` (stdin). `field` names the flag in errors. */
export function readTextArgument(value: string, field: string): string {
  if (value === '@-') return fs.readFileSync(0, 'utf8');
  if (value.startsWith('@')) return readFileArgument(value.slice(1), field);
  return value;
}

/** The text of a file a flag names; an unreadable file is a ConfigError naming the flag. */
export function readFileArgument(file: string, field: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(field, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** A JSON object given as text, `@FILE` or `@-`. */
export function readJsonObject(value: string, field: string): Record<string, unknown> {
  const text = readTextArgument(value, field);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ValidationError(`--${field} is not valid JSON: ${reason}`, [{ field, message: `expected a JSON object ({...}), @FILE or @- (${reason})` }]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ValidationError(`--${field} must be a JSON object`, [{ field, message: 'expected a JSON object ({...})' }]);
  }
  return parsed as Record<string, unknown>;
}
