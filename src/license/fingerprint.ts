/**
 * This server's fingerprint: a hash of the machine's identity salted with the product, so the raw machine id
 * never leaves the host and the same machine gives other products other values. Containers, whose machine id
 * is not stable, set MWS_CONNECTOR_FINGERPRINT (or the host option) to a value the vendor licensed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ConfigError } from '../mws/errors';
import { FINGERPRINT_PATTERN, LICENSE_PRODUCT } from './payload';

export const FINGERPRINT_ENV = 'MWS_CONNECTOR_FINGERPRINT';
export const FINGERPRINT_PREFIX = 'mwsfp1-';
const MACHINE_ID_PATHS = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

export interface FingerprintOptions {
  /** Used verbatim when set (host option `fingerprint`); wins over the environment. */
  fingerprint?: string;
  env?: NodeJS.ProcessEnv;
  /** Seams for tests. */
  machineIdPaths?: string[];
  hostname?: string;
  networkInterfaces?: ReturnType<typeof os.networkInterfaces>;
}

export type FingerprintSource = 'option' | 'env' | 'machine-id' | 'hostname-mac';

export interface FingerprintInfo {
  fingerprint: string;
  source: FingerprintSource;
}

export function serverFingerprint(options: FingerprintOptions = {}): string {
  return fingerprintInfo(options).fingerprint;
}

/** The fingerprint and where it came from (shown by `license fingerprint`). */
export function fingerprintInfo(options: FingerprintOptions = {}): FingerprintInfo {
  if (options.fingerprint !== undefined) return { fingerprint: checkOverride(options.fingerprint, 'fingerprint'), source: 'option' };
  const env = options.env ?? process.env;
  const fromEnv = env[FINGERPRINT_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { fingerprint: checkOverride(fromEnv, FINGERPRINT_ENV), source: 'env' };
  const machineId = readMachineId(options.machineIdPaths ?? MACHINE_ID_PATHS);
  if (machineId !== undefined) return { fingerprint: derive(`machine-id:${machineId}`), source: 'machine-id' };
  const hostname = options.hostname ?? os.hostname();
  const mac = firstExternalMac(options.networkInterfaces ?? os.networkInterfaces());
  return { fingerprint: derive(`host:${hostname.toLowerCase()}|mac:${mac ?? 'none'}`), source: 'hostname-mac' };
}

function checkOverride(value: string, field: string): string {
  if (!FINGERPRINT_PATTERN.test(value)) throw new ConfigError(field, 'expected 1 to 128 printable characters without spaces');
  return value;
}

function readMachineId(paths: string[]): string | undefined {
  for (const file of paths) {
    try {
      const id = fs.readFileSync(file, 'utf8').trim();
      // An empty or all-zero id is what images ship before first boot: not an identity.
      if (/^[0-9a-f]{16,}$/i.test(id) && !/^0+$/.test(id)) return id.toLowerCase();
    } catch {
      // Not present on this platform; try the next source.
    }
  }
  return undefined;
}

function firstExternalMac(interfaces: ReturnType<typeof os.networkInterfaces>): string | undefined {
  // Sorted by interface name so the pick does not depend on the order the OS lists them in.
  for (const name of Object.keys(interfaces).sort()) {
    for (const info of interfaces[name] ?? []) {
      if (!info.internal && info.mac && info.mac !== '00:00:00:00:00:00') return info.mac.toLowerCase();
    }
  }
  return undefined;
}

function derive(identity: string): string {
  const digest = createHash('sha256').update(`${LICENSE_PRODUCT}\0fingerprint\0${identity}`).digest();
  return FINGERPRINT_PREFIX + base32(digest.subarray(0, 20));
}

/** RFC 4648 base32, lower case, no padding (20 bytes → 32 characters). */
function base32(bytes: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
