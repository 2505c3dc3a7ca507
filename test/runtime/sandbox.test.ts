/**
 * The runtime against the embedded sandbox over real loopback HTTP: connection tests with a clear cause per
 * failure, invocations with request ids, every page of a listing, and nothing sent for bad input.
 */
import { createConnector } from '../../src/runtime';
import type { Connector } from '../../src/runtime/types';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { FIXTURE_CONNECTOR, capturingLogger, rejection, removeTempDirs, tempDir } from './helpers';
import { closedPort } from '../support/loopback';

let sandbox: RunningSandbox;
let connector: Connector;
const log = capturingLogger();

beforeAll(async () => {
  sandbox = await startSandbox({ orders: 60 });
  connector = createConnector({ source: FIXTURE_CONNECTOR, home: tempDir(), logger: log, handleSigterm: false });
});
afterAll(async () => {
  await connector.dispose();
  await sandbox.close();
  removeTempDirs();
});

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const seller = sandbox.credentials[0]!;
  return { ...seller, marketplaceIds: ['ATVPDKIKX0DER'], endpoint: sandbox.url, ...overrides };
}

describe('testConnection against the sandbox', () => {
  it('passes every check for good credentials', async () => {
    const result = await connector.testConnection(config({ marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] }));
    expect(result).toEqual({
      ok: true,
      checks: [
        { name: 'config', ok: true },
        { name: 'endpoint', ok: true },
        { name: 'credentials', ok: true },
        { name: 'marketplaces', ok: true },
        { name: 'clock', ok: true },
      ],
    });
  });

  it('names a wrong secret, a wrong token and a wrong key, never printing the secret', async () => {
    const wrongSecret = 'a-wrong-secret-value-123';
    const secret = await connector.testConnection(config({ secretKey: wrongSecret }));
    const token = await connector.testConnection(config({ mwsAuthToken: sandbox.credentials[1]!.mwsAuthToken }));
    const key = await connector.testConnection(config({ awsAccessKeyId: 'UNKNOWNKEY0000000001' }));
    for (const result of [secret, token, key]) {
      expect(result.ok).toBe(false);
      expect(result.checks.map((c) => [c.name, c.ok])).toEqual([['config', true], ['endpoint', true], ['credentials', false]]);
    }
    expect(secret.checks[2]?.hint).toMatch(/^Wrong secret/);
    expect(secret.checks[2]?.cause).toContain('SignatureDoesNotMatch');
    expect(token.checks[2]?.hint).toMatch(/^Wrong token or seller/);
    expect(key.checks[2]?.hint).toMatch(/^Wrong key/);
    expect(JSON.stringify([secret, token, key]) + log.text()).not.toContain(wrongSecret);
  });

  it('names a marketplace the seller does not participate in', async () => {
    const result = await connector.testConnection(config({ marketplaceIds: ['A1PA6795UKMFR9'] }));
    expect(result.ok).toBe(false);
    const check = result.checks.find((c) => c.name === 'marketplaces');
    expect(check).toMatchObject({ ok: false, cause: 'Seller A2SANDBOXSELLER1 does not participate in A1PA6795UKMFR9' });
    expect(check?.hint).toMatch(/^Wrong region or marketplace: this seller participates in .*ATVPDKIKX0DER/);
  });

  it('reports an unreachable endpoint and a bad config without throwing', async () => {
    const down = await connector.testConnection(config({ endpoint: `http://127.0.0.1:${await closedPort()}` }));
    expect(down.checks.map((c) => [c.name, c.ok])).toEqual([['config', true], ['endpoint', false]]);
    expect(down.checks[1]?.hint).toMatch(/^Cannot reach/);
    const bad = await connector.testConnection(config({ sellerId: 'lower case', marketplaceIds: 'ATVPDKIKX0DER' }));
    expect(bad.ok).toBe(false);
    expect(bad.checks).toHaveLength(1);
    expect(bad.checks[0]?.hint).toContain('sellerId');
    expect(bad.checks[0]?.hint).toContain('marketplaceIds');
  });
});

describe('invoke against the sandbox', () => {
  it('collects every page with allPages and returns each request id', async () => {
    const input = { CreatedAfter: '2020-01-01T00:00:00Z', MaxResultsPerPage: 10, allPages: true };
    const all = await connector.invoke<{ Orders: Array<{ AmazonOrderId: string }>; pages: number }>('orders.ListOrders', config(), input);
    expect(all.output.pages).toBeGreaterThan(1);
    expect(all.metadata.requestIds).toHaveLength(all.output.pages);
    expect(new Set(all.output.Orders.map((o) => o.AmazonOrderId)).size).toBe(all.output.Orders.length);
    const first = await connector.invoke<{ Orders: unknown[]; pages: number }>('orders.ListOrders', config(), { ...input, allPages: false });
    expect(first.output.pages).toBe(1);
    expect(first.output.Orders).toHaveLength(10);
    expect(all.output.Orders.length).toBeGreaterThan(10);
    expect(all.metadata.evaluation).toBe(true);
  });

  it('sends nothing for bad input or a bad config', async () => {
    const before = sandbox.control.counters().total;
    const input = await rejection(connector.invoke('orders.ListOrders', config(), { MarketplaceId: Array(51).fill('ATVPDKIKX0DER'), OrderStatus: ['Lost'], Colour: 1 }));
    expect(input.code).toBe('INPUT_INVALID');
    expect(input.details?.map((d) => d.field)).toEqual(expect.arrayContaining(['/Colour', '/MarketplaceId', '/OrderStatus/0']));
    const cfg = await rejection(connector.invoke('orders.ListOrders', config({ timeScale: 0 }), { CreatedAfter: '2020-01-01T00:00:00Z' }));
    expect(cfg.code).toBe('CONFIG_INVALID');
    expect(sandbox.control.counters().total).toBe(before);
  });
});

describe('TLS', () => {
  it('fails the endpoint check for an untrusted certificate and passes with the sandbox CA', async () => {
    const tls = await startSandbox({ tls: true, orders: 5 });
    const trusting = createConnector({ source: FIXTURE_CONNECTOR, home: tempDir(), logger: log, handleSigterm: false, ...(tls.ca ? { ca: tls.ca } : {}) });
    try {
      const cfg = config({ endpoint: tls.url });
      const untrusted = await connector.testConnection(cfg);
      expect(untrusted.checks.map((c) => [c.name, c.ok])).toEqual([['config', true], ['endpoint', false]]);
      expect(untrusted.checks[1]?.hint).toMatch(/TLS certificate/);
      expect((await trusting.testConnection(cfg)).ok).toBe(true);
    } finally {
      await trusting.dispose();
      await tls.close();
    }
  });
});
