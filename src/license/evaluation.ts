/** Which endpoints are evaluation endpoints (ARCHITECTURE §3.5): loopback by default, needing no license. */
import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../mws/errors';

export const DEFAULT_EVALUATION_HOSTS: readonly string[] = Object.freeze(['127.0.0.0/8', '::1', 'localhost']);

/**
 * Builds a matcher from host names, IP addresses and CIDR ranges. Throws ConfigError naming the bad entry.
 * The matcher accepts a bare host, `host:port`, `[v6]:port` or a URL.
 */
export function evaluationHostMatcher(hosts: readonly string[] = DEFAULT_EVALUATION_HOSTS): (endpointHost: string) => boolean {
  const addresses = new BlockList();
  const names = new Set<string>();
  hosts.forEach((entry, i) => {
    const field = `evaluationHosts[${i}]`;
    if (typeof entry !== 'string' || entry.trim() === '') throw new ConfigError(field, 'expected a host name, IP address or CIDR range');
    const value = entry.trim().toLowerCase();
    const slash = value.indexOf('/');
    if (slash >= 0) {
      const network = value.slice(0, slash);
      const prefix = Number(value.slice(slash + 1));
      const family = isIP(network);
      const max = family === 6 ? 128 : 32;
      if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new ConfigError(field, `expected a CIDR range such as 127.0.0.0/8, got "${entry}"`);
      addresses.addSubnet(network, prefix, family === 6 ? 'ipv6' : 'ipv4');
    } else if (isIP(value) !== 0) {
      addresses.addAddress(value, isIP(value) === 6 ? 'ipv6' : 'ipv4');
    } else {
      names.add(value.replace(/\.$/, ''));
    }
  });
  return (endpointHost: string): boolean => {
    const host = hostOf(endpointHost);
    if (host === undefined) return false;
    if (names.has(host)) return true;
    const family = isIP(host);
    if (family === 4) return addresses.check(host, 'ipv4');
    if (family === 6) {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
      if (mapped && addresses.check(mapped[1] as string, 'ipv4')) return true;
      return addresses.check(host, 'ipv6');
    }
    return false;
  };
}

/** The bare, lower-case host of `host`, `host:port`, `[v6]:port` or a URL. */
export function hostOf(endpointHost: string): string | undefined {
  if (typeof endpointHost !== 'string') return undefined;
  let host = endpointHost.trim();
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return undefined;
    }
  }
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return undefined;
    host = host.slice(1, close);
  } else if (isIP(host) === 0 && host.split(':').length === 2) {
    host = host.slice(0, host.indexOf(':'));
  }
  host = host.toLowerCase().replace(/\.$/, '');
  return host === '' ? undefined : host;
}
