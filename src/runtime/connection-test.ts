/**
 * `testConnection`: one Sellers.ListMarketplaceParticipations call (the cheapest authenticated read) answers
 * whether the endpoint is reachable over trusted TLS, the credentials are accepted, the seller participates
 * in every configured marketplace, and how far this machine's clock is from the server's. Never throws for
 * a bad connection: each failing check carries a cause and a hint.
 */
import type { MwsConnectorError } from '../mws/errors';
import type { Clock } from '../util/clock';
import { toHostError } from './host-errors';
import type { ClientResponse, ConnectionCheck, ConnectionTestResult, ConnectorClient } from './types';

/** MWS refuses a Timestamp more than 15 minutes off its clock (REFERENCE.md §d.6). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export const PARTICIPATIONS_OPERATION = 'Sellers.ListMarketplaceParticipations';

/** The resolved-connection fields the test reads (src/mws/config.ts ResolvedConnection has them). */
export interface TestedConnection {
  sellerId: string;
  marketplaceIds: string[];
  baseUrl?: string;
  timeScale?: number;
}

export interface ConnectionTestDeps {
  validate(config: unknown): TestedConnection;
  client(connection: TestedConnection): ConnectorClient;
  clock: Clock;
  signal?: AbortSignal;
}

export async function runConnectionTest(config: unknown, deps: ConnectionTestDeps): Promise<ConnectionTestResult> {
  const checks: ConnectionCheck[] = [];
  const done = (): ConnectionTestResult => ({ ok: checks.every((c) => c.ok), checks });

  let connection: TestedConnection;
  try {
    connection = deps.validate(config);
    checks.push({ name: 'config', ok: true });
  } catch (err) {
    const error = toHostError(err, 'CONFIG_INVALID');
    const fields = error.details?.map((d) => d.field).join(', ') ?? error.field;
    checks.push({ name: 'config', ok: false, cause: error.message, hint: `Correct ${fields ? `these fields: ${fields}` : 'the connection configuration'}.` });
    return done();
  }

  const pages: ClientResponse[] = [];
  const sentAt = deps.clock.now();
  let receivedAt = sentAt;
  try {
    const client = deps.client(connection);
    const options = deps.signal ? { signal: deps.signal } : {};
    if (typeof client.paginate === 'function') {
      for await (const page of client.paginate(PARTICIPATIONS_OPERATION, {}, options)) {
        pages.push(page);
        receivedAt = deps.clock.now();
      }
    } else {
      pages.push(await client.call(PARTICIPATIONS_OPERATION, {}, options));
      receivedAt = deps.clock.now();
    }
  } catch (err) {
    checks.push(...checksForFailure(toHostError(err), connection));
    return done();
  }

  checks.push({ name: 'endpoint', ok: true }, { name: 'credentials', ok: true });
  checks.push(marketplaceCheck(connection, pages));
  // With timeScale ≠ 1 the sandbox's clock runs fast on purpose: its Date says nothing about ours.
  if ((connection.timeScale ?? 1) !== 1) checks.push({ name: 'clock', ok: true });
  else checks.push(clockCheck(pages[0]?.headers, (sentAt + receivedAt) / 2));
  return done();
}

function checksForFailure(error: MwsConnectorError, connection: TestedConnection): ConnectionCheck[] {
  const where = connection.baseUrl ?? 'the endpoint';
  switch (error.code) {
    case 'TLS_FAILED':
      return [{ name: 'endpoint', ok: false, cause: error.message, hint: `The TLS certificate of ${where} is not trusted: check the endpoint, a TLS-inspecting proxy, or pass the sandbox's CA (host option ca).` }];
    case 'TRANSPORT_FAILED':
    case 'TIMEOUT':
      return [{ name: 'endpoint', ok: false, cause: error.message, hint: `Cannot reach ${where}: check the endpoint or region, the network, and HTTPS_PROXY/NO_PROXY.` }];
    case 'MWS_NOT_FOUND':
      return [{ name: 'endpoint', ok: false, cause: error.message, hint: `${where} answered but is not an MWS endpoint (wrong endpoint URL or path).` }];
    case 'REQUEST_EXPIRED':
      return [
        { name: 'endpoint', ok: true },
        { name: 'clock', ok: false, cause: error.message, hint: 'This machine\'s clock is more than 15 minutes off the server\'s: synchronise it (NTP).' },
      ];
    case 'AUTH_FAILED':
      return [{ name: 'endpoint', ok: true }, { name: 'credentials', ok: false, cause: error.message, hint: credentialHint(error.mwsCode) }];
    default:
      return [
        { name: 'endpoint', ok: true },
        { name: 'credentials', ok: false, cause: error.message, hint: 'The service refused ListMarketplaceParticipations; check the seller id, the MWS auth token and the region.' },
      ];
  }
}

function credentialHint(mwsCode: string | undefined): string {
  switch (mwsCode) {
    case 'InvalidAccessKeyId':
      return 'Wrong key: the AWS access key id is not known to MWS (check awsAccessKeyId and the region).';
    case 'SignatureDoesNotMatch':
      return 'Wrong secret: the signature did not match; check secretKey (it must belong to awsAccessKeyId).';
    default:
      return 'Wrong token or seller: the MWS auth token must be one this seller (sellerId) granted to the developer account of awsAccessKeyId.';
  }
}

function marketplaceCheck(connection: TestedConnection, pages: ClientResponse[]): ConnectionCheck {
  const participating = new Set<string>();
  for (const page of pages) {
    for (const p of participations(page.result)) {
      if (p.SellerId === undefined || p.SellerId === connection.sellerId) participating.add(String(p.MarketplaceId));
    }
  }
  const missing = connection.marketplaceIds.filter((id) => !participating.has(id));
  if (missing.length === 0) return { name: 'marketplaces', ok: true };
  return {
    name: 'marketplaces',
    ok: false,
    cause: `Seller ${connection.sellerId} does not participate in ${missing.join(', ')}`,
    hint: `Wrong region or marketplace: this seller participates in ${[...participating].sort().join(', ') || 'no marketplace on this endpoint'}.`,
  };
}

/** The participations of a page: `ListParticipations` as the normaliser's list, or the raw `Participation` wrapper. */
function participations(result: unknown): Array<{ MarketplaceId?: unknown; SellerId?: unknown }> {
  const list = (result as { ListParticipations?: unknown } | undefined)?.ListParticipations;
  const items = Array.isArray(list) ? list : (list as { Participation?: unknown } | undefined)?.Participation;
  if (Array.isArray(items)) return items as Array<{ MarketplaceId?: unknown; SellerId?: unknown }>;
  return items && typeof items === 'object' ? [items as { MarketplaceId?: unknown }] : [];
}

function clockCheck(headers: Record<string, string> | undefined, localMidpoint: number): ConnectionCheck {
  const stamp = headers?.['x-mws-timestamp'] ?? headers?.['date'];
  const server = stamp !== undefined ? Date.parse(stamp) : NaN;
  if (!Number.isFinite(server)) return { name: 'clock', ok: true, hint: 'The server sent no Date header; clock skew not measured.' };
  const skewMs = server - localMidpoint;
  if (Math.abs(skewMs) <= MAX_CLOCK_SKEW_MS) return { name: 'clock', ok: true };
  const minutes = Math.round(skewMs / 60_000);
  return {
    name: 'clock',
    ok: false,
    cause: `Clock skew: the server's clock is ${Math.abs(minutes)} minutes ${minutes > 0 ? 'ahead of' : 'behind'} this machine's`,
    hint: 'Synchronise this machine\'s clock (NTP): MWS refuses requests whose Timestamp is more than 15 minutes off.',
  };
}
