/** Paths a manifest names must stay inside the connector folder (no `..`, no absolute paths). */
import * as path from 'node:path';
import { ValidationError } from '../mws/errors';

export function resolveInside(root: string, relative: string, what: string): string {
  const base = path.resolve(root);
  const resolved = path.resolve(base, relative);
  if (typeof relative !== 'string' || path.isAbsolute(relative) || !resolved.startsWith(base + path.sep)) {
    throw new ValidationError(`The ${what} path ${JSON.stringify(relative)} leaves the connector folder`, [
      { field: String(relative), message: `must be a path inside the connector folder` },
    ], { code: 'MANIFEST_INVALID' });
  }
  return resolved;
}
