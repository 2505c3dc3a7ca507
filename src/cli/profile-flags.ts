/** The connection-property flags of `connection create|update` (ARCHITECTURE §3.1 names, kebab-cased). */
import { Flags } from '@oclif/core';
import { validateConnectionConfig } from '../mws/config';
import { ValidationError } from '../mws/errors';
import { isSecretReference } from '../runtime/profile-format';
import type { ProfileConnection, ProfileView } from '../runtime/profiles';

export const profileFlags = {
  'seller-id': Flags.string({ description: 'sellerId (Merchant ID), e.g. A2EXAMPLESELLER.', helpValue: 'ID' }),
  'aws-access-key-id': Flags.string({ description: 'awsAccessKeyId of the developer account.', helpValue: 'ID' }),
  'marketplace-id': Flags.string({ description: 'A marketplace id (repeat for several), e.g. ATVPDKIKX0DER.', helpValue: 'ID', multiple: true }),
  region: Flags.string({ description: 'Region filter: NA, EU, FE or IN.', helpValue: 'REGION' }),
  endpoint: Flags.string({ description: 'Endpoint URL, or "sandbox" for the embedded sandbox (default: the marketplaces\' host).', helpValue: 'URL' }),
  'developer-id': Flags.string({ description: 'developerId (informational, never sent).', helpValue: 'ID' }),
  'time-scale': Flags.string({ description: 'timeScale (sandbox/loopback endpoints only): divides waits and speeds the sandbox clock.', helpValue: 'N' }),
};

export interface ProfileFlagValues {
  'seller-id'?: string;
  'aws-access-key-id'?: string;
  'marketplace-id'?: string[];
  region?: string;
  endpoint?: string;
  'developer-id'?: string;
  'time-scale'?: string;
}

export function connectionFromFlags(flags: ProfileFlagValues): ProfileConnection {
  const out: ProfileConnection = {};
  if (flags['seller-id'] !== undefined) out.sellerId = flags['seller-id'];
  if (flags['aws-access-key-id'] !== undefined) out.awsAccessKeyId = flags['aws-access-key-id'];
  if (flags['marketplace-id'] !== undefined) out.marketplaceIds = flags['marketplace-id'].flatMap((id) => id.split(',')).map((id) => id.trim()).filter((id) => id !== '');
  if (flags.region !== undefined) out.region = flags.region;
  if (flags.endpoint !== undefined) out.endpoint = flags.endpoint;
  if (flags['developer-id'] !== undefined) out.developerId = flags['developer-id'];
  if (flags['time-scale'] !== undefined) {
    const n = Number(flags['time-scale']);
    if (!Number.isFinite(n) || n <= 0) throw new ValidationError('--time-scale must be a positive number', [{ field: 'timeScale', message: `expected a positive number, got ${flags['time-scale']}` }]);
    out.timeScale = n;
  }
  return out;
}

/** A profile view as `key: value` lines (secrets already shown as set/unset/reference). */
export function renderProfile(view: ProfileView & { builtIn?: boolean }): string {
  const lines = [`${view.name}${view.builtIn ? ' (built-in)' : ''}`];
  for (const [key, value] of Object.entries(view.connection)) {
    lines.push(`  ${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  if (!view.builtIn) lines.push(`  updated: ${view.updatedAt}`);
  return lines.join('\n');
}

/**
 * The full connection rules (formats, marketplaces and their host, timeScale) checked before a profile is saved.
 * Secret references stand for values not read now, and `endpoint: "sandbox"` for a loopback URL.
 */
export function checkFullConnection(connection: ProfileConnection): void {
  const probe: Record<string, unknown> = { ...connection };
  for (const field of ['secretKey', 'mwsAuthToken'] as const) {
    const value = connection[field];
    if (value !== undefined && isSecretReference(value)) probe[field] = field === 'mwsAuthToken' ? 'amzn.mws.reference' : 'reference';
  }
  if (connection.endpoint === 'sandbox') probe.endpoint = 'http://127.0.0.1';
  validateConnectionConfig(probe);
}
