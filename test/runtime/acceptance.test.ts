/**
 * Issue 6 acceptance: package this connector, unpack it into an empty folder with no node_modules, load it
 * with the runtime, test connections against the sandbox (good, wrong secret, wrong token, wrong marketplace)
 * and invoke actions including allPages; bad input and bad config are refused with every field named and
 * nothing sent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPackage } from '../../scripts/package';
import { createConnector, loadConnector } from '../../src/runtime';
import type { Connector } from '../../src/runtime/types';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { capturingLogger, rejection, removeTempDirs, tempDir } from './helpers';

let sandbox: RunningSandbox;
let connector: Connector;
let unpacked: string;
const log = capturingLogger();

beforeAll(async () => {
  const { archive } = await buildPackage({ outDir: tempDir() });
  unpacked = path.join(tempDir(), 'connector');
  loadConnector(archive, { extractTo: unpacked });
  sandbox = await startSandbox({ orders: 40 });
  connector = createConnector({ source: unpacked, home: tempDir(), logger: log, handleSigterm: false });
});
afterAll(async () => {
  await connector?.dispose();
  await sandbox?.close();
  removeTempDirs();
});

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...sandbox.credentials[0], marketplaceIds: ['ATVPDKIKX0DER'], endpoint: sandbox.url, ...overrides };
}

it('is a self-contained package: manifest at the root, bundled entry, schemas, checksums, no node_modules', () => {
  expect(connector.manifest.id).toBe('amazon-mws-connector');
  for (const file of ['connector.json', 'checksums.json', 'LICENSE', connector.manifest.entry, 'schemas/connection.schema.json']) {
    expect(fs.existsSync(path.join(unpacked, file))).toBe(true);
  }
  expect(fs.existsSync(path.join(unpacked, 'node_modules'))).toBe(false);
  expect(fs.existsSync(path.join(path.dirname(unpacked), 'node_modules'))).toBe(false);
  // The package brings its own client and config validation: one copy of the error classes inside it.
  const { module } = loadConnector(unpacked);
  expect(typeof module.createClient).toBe('function');
  expect(typeof module.validateConnectionConfig).toBe('function');
});

it('tests connections with a clear cause for a wrong secret, a wrong token and a wrong marketplace', async () => {
  expect(await connector.testConnection(config())).toMatchObject({ ok: true });
  const secret = await connector.testConnection(config({ secretKey: 'not-the-sandbox-secret' }));
  expect(secret.checks.find((c) => !c.ok)).toMatchObject({ name: 'credentials', hint: expect.stringMatching(/^Wrong secret/) });
  const token = await connector.testConnection(config({ mwsAuthToken: sandbox.credentials[2]?.mwsAuthToken }));
  expect(token.checks.find((c) => !c.ok)).toMatchObject({ name: 'credentials', hint: expect.stringMatching(/^Wrong token or seller/) });
  const marketplace = await connector.testConnection(config({ marketplaceIds: ['A1VC38T7YXB528'] }));
  expect(marketplace.checks.find((c) => !c.ok)).toMatchObject({ name: 'marketplaces', hint: expect.stringMatching(/^Wrong region or marketplace/) });
  expect(log.text()).not.toContain('not-the-sandbox-secret');
});

it('invokes actions from the package against the sandbox, following every page with allPages', async () => {
  const participations = await connector.invoke<{ ListParticipations: Array<{ MarketplaceId: string }> }>('sellers.ListMarketplaceParticipations', config(), {});
  expect(participations.output.ListParticipations.map((p) => p.MarketplaceId)).toContain('ATVPDKIKX0DER');
  expect(participations.metadata).toMatchObject({ actionId: 'sellers.ListMarketplaceParticipations', evaluation: true, requestIds: [expect.any(String)] });

  const input = { CreatedAfter: '2020-01-01T00:00:00Z', MaxResultsPerPage: 10 };
  const one = await connector.invoke<{ Orders: unknown[]; NextToken?: string }>('orders.ListOrders', config(), input);
  const all = await connector.invoke<{ Orders: Array<{ AmazonOrderId: string }>; NextToken?: string }>('orders.ListOrders', config(), { ...input, allPages: true });
  expect(one.output.Orders).toHaveLength(10);
  expect(one.output.NextToken).toEqual(expect.any(String));
  expect(all.output.NextToken).toBeUndefined();
  expect(all.output.Orders.length).toBeGreaterThan(10);
  expect(new Set(all.output.Orders.map((o) => o.AmazonOrderId)).size).toBe(all.output.Orders.length);
  // One request id per page, each distinct.
  const ids = all.metadata.requestIds;
  expect(ids.length).toBeGreaterThanOrEqual(Math.ceil(all.output.Orders.length / 10));
  expect(new Set(ids).size).toBe(ids.length);
});

it('refuses bad input and bad config, naming every field, and sends nothing', async () => {
  const before = sandbox.control.counters().total;
  const cases: Array<[unknown, string, string[]]> = [
    [{ CreatedAfter: 20200101, MaxResultsPerPage: 'ten' }, 'INPUT_INVALID', ['/CreatedAfter', '/MaxResultsPerPage']],
    [{ CreatedAfter: '2020-01-01', Colour: 'red' }, 'INPUT_INVALID', ['/Colour']],
    [{ OrderStatus: ['Shipped'] }, 'INPUT_INVALID', ['/CreatedAfter', '/LastUpdatedAfter']],
    [{ CreatedAfter: '2020-01-01', BuyerEmail: 'buyer@example.com', OrderStatus: ['Shipped'] }, 'INPUT_INVALID', []],
    [{ CreatedAfter: '2020-01-01', MarketplaceId: Array.from({ length: 51 }, () => 'ATVPDKIKX0DER') }, 'LIST_LIMIT_EXCEEDED', ['/MarketplaceId']],
  ];
  for (const [input, code, fields] of cases) {
    const err = await rejection(connector.invoke('orders.ListOrders', config(), input));
    expect({ input, code: err.code }).toEqual({ input, code });
    expect(err.details?.length).toBeGreaterThan(0);
    for (const field of fields) expect(err.details?.map((d) => d.field)).toContain(field);
  }
  const cfg = await rejection(connector.invoke('orders.ListOrders', config({ sellerId: 'x', marketplaceIds: [], secretKey: '' }), { CreatedAfter: '2020-01-01' }));
  expect(cfg.code).toBe('CONFIG_INVALID');
  expect(cfg.details?.map((d) => d.field)).toEqual(expect.arrayContaining(['sellerId', 'marketplaceIds', 'secretKey']));
  expect(sandbox.control.counters().total).toBe(before);
});

it('loads this repository itself by default (source checkout) and invokes the same action', async () => {
  const fromSource = createConnector({ home: tempDir(), logger: log, handleSigterm: false });
  try {
    expect(fromSource.manifest.actions.length).toBe(connector.manifest.actions.length);
    const result = await fromSource.invoke<{ ListParticipations: unknown[] }>('sellers.ListMarketplaceParticipations', config(), {});
    expect(result.output.ListParticipations.length).toBeGreaterThan(0);
  } finally {
    await fromSource.dispose();
  }
});
