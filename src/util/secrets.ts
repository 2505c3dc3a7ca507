/**
 * Process-wide registry of secret values (secret keys, MWS auth tokens, license private keys).
 * Anything that turns data into text for a person (logger, error messages, CLI output) passes it
 * through `redactSecrets`, so a secret registered once can never be printed by accident.
 */
const secrets = new Set<string>();

/** Shortest value worth registering: shorter strings would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;

export const SECRET_MASK = '***';

export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  secrets.add(value);
  // Secrets also travel percent-encoded (query strings) — mask that spelling too.
  const encoded = encodeURIComponent(value);
  if (encoded !== value) secrets.add(encoded);
}

export function redactSecrets(text: string): string {
  if (secrets.size === 0 || text.length === 0) return text;
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(SECRET_MASK);
  }
  return out;
}

/** Masks all but the last four characters (used for the AWS access key id, which is sensitive, not secret). */
export function maskSensitive(value: string): string {
  if (value.length <= 4) return '****';
  return `****${value.slice(-4)}`;
}

/** For tests only: forget every registered secret. */
export function clearSecretsForTests(): void {
  secrets.clear();
}
