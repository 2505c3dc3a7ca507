/** The keys the license commands trust: the vendor keys, unless --trusted-keys names a JSON file of others. */
import * as fs from 'node:fs';
import { ConfigError } from '../mws/errors';

export function readTrustedKeys(file: string | undefined): Record<string, string> | undefined {
  if (file === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError('trusted-keys', `cannot read ${file} as JSON: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new ConfigError('trusted-keys', `${file} must be a JSON object of { keyId: publicKeyPem }`);
  }
  return parsed as Record<string, string>;
}
