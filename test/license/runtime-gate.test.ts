/**
 * End to end: the runtime's license hook against the sandbox in TLS mode with evaluation turned off.
 * An invoke is refused without a license and succeeds once one is installed — same runtime, no restart.
 */
import * as path from 'node:path';
import { installLicense } from '../../src/license';
import { MwsConnectorError } from '../../src/mws/errors';
import { createConnector } from '../../src/runtime';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { sandboxConnection } from '../support/loopback';
import { issueTestLicense, makeTestKey, tempDir, THIS_SERVER, trusted } from './helpers';

const FIXTURE_CONNECTOR = path.join(__dirname, '..', 'fixtures', 'connector-min');
const key = makeTestKey('test-e2e');

let sandbox: RunningSandbox;
let home: string;
let cleanup: () => void;

beforeAll(async () => {
  sandbox = await startSandbox({ tls: true, throttling: false, orders: 5 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => ({ dir: home, cleanup } = tempDir()));
afterEach(() => cleanup());

const config = (): Record<string, unknown> => sandboxConnection(sandbox);

/** A runtime that trusts the test key, knows this server's fingerprint and treats no host as evaluation. */
function gatedConnector(options: Partial<Parameters<typeof createConnector>[0]> = {}): ReturnType<typeof createConnector> {
  return createConnector({
    source: FIXTURE_CONNECTOR,
    home,
    trustedKeys: trusted(key),
    fingerprint: THIS_SERVER,
    evaluationHosts: [],
    ca: sandbox.ca as string,
    handleSigterm: false,
    ...options,
  });
}

describe('license hook in the runtime (sandbox over TLS, evaluation off)', () => {
  it('refuses an invoke without a license, then succeeds once one is installed, without restarting', async () => {
    expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const records: Array<{ level: string; message: string }> = [];
    const at = (level: string) => (message: string) => void records.push({ level, message });
    const connector = await gatedConnector({ logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') } });
    try {
      let refused: unknown;
      try {
        await connector.invoke('sellers.ListMarketplaceParticipations', config(), {});
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(MwsConnectorError);
      expect((refused as MwsConnectorError).code).toBe('LICENSE_MISSING');
      expect(records).toContainEqual({ level: 'warn', message: 'license: none installed; non-evaluation calls are refused' });

      await installLicense(issueTestLicense(key, { expiresAt: new Date(Date.now() + 100 * 86_400_000).toISOString() }), {
        home,
        trustedKeys: trusted(key),
        fingerprint: THIS_SERVER,
      });
      const result = await connector.invoke('sellers.ListMarketplaceParticipations', config(), {});
      expect(result.metadata).toMatchObject({ evaluation: false, license: { state: 'valid' } });
      expect(JSON.stringify(result.output)).toContain('ATVPDKIKX0DER');
    } finally {
      await connector.dispose();
    }
  });

  it("enforces the license's seller limit per runtime: a second seller is refused, the first keeps working", async () => {
    const connector = await gatedConnector();
    try {
      await installLicense(
        issueTestLicense(key, { expiresAt: new Date(Date.now() + 100 * 86_400_000).toISOString(), limits: { sellers: 1 } }),
        { home, trustedKeys: trusted(key), fingerprint: THIS_SERVER },
      );
      const second = SANDBOX_CREDENTIALS.find((c) => c.sellerId !== config().sellerId);
      if (!second) throw new Error('the sandbox has one seller only');
      const secondConfig = { ...config(), ...second, marketplaceIds: ['A1PA6795UKMFR9'] };
      await expect(connector.invoke('sellers.ListMarketplaceParticipations', config(), {})).resolves.toMatchObject({ metadata: { evaluation: false } });
      await expect(connector.invoke('sellers.ListMarketplaceParticipations', secondConfig, {})).rejects.toMatchObject({ code: 'LICENSE_INVALID' });
      await expect(connector.invoke('sellers.ListMarketplaceParticipations', config(), {})).resolves.toMatchObject({ metadata: { license: { state: 'valid' } } });
    } finally {
      await connector.dispose();
    }
  });
});
