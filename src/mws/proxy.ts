/**
 * Proxy selection from the environment, as curl and most HTTP clients read it: HTTPS_PROXY (or https_proxy) for
 * https URLs, HTTP_PROXY for http, NO_PROXY a comma list of `*`, host names, `.domain` suffixes and `host:port`.
 * Loopback endpoints (the sandbox) are never proxied unless a proxy is given explicitly.
 */
import { isLoopbackHost } from './config';

export function proxyForUrl(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const pick = (...names: string[]): string | undefined => names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== '');
  const proxy = url.protocol === 'https:' ? pick('HTTPS_PROXY', 'https_proxy') : pick('HTTP_PROXY', 'http_proxy');
  if (!proxy) return undefined;
  if (isLoopbackHost(url.hostname)) return undefined;
  const noProxy = pick('NO_PROXY', 'no_proxy');
  if (noProxy && bypasses(url, noProxy)) return undefined;
  return proxy.includes('://') ? proxy : `http://${proxy}`;
}

function bypasses(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [, name, entryPort] = /^(.*?)(?::(\d+))?$/.exec(entry) ?? [];
      if (!name || (entryPort && entryPort !== port)) return false;
      const bare = name.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}
