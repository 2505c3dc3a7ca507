/** License inspections as text for people. */
import type { LicenseInspection } from '../license';

export function renderInspection(i: LicenseInspection, indent = ''): string {
  const lines = [`${indent}state: ${i.state}${i.usable ? '' : ' (not usable)'} — ${i.reason}`];
  const field = (label: string, value: unknown): void => {
    if (value !== undefined) lines.push(`${indent}${label}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  };
  field('license', i.licenseId);
  field('licensee', i.licensee);
  field('edition', i.edition);
  field('features', i.features);
  field('valid', i.notBefore && i.expiresAt ? `${i.notBefore} to ${i.expiresAt}` : undefined);
  field('grace ends', i.graceEndsAt);
  field('days left', i.daysLeft);
  field('servers', i.servers);
  field('key', i.keyId);
  return lines.join('\n');
}
