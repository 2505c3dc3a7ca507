/** The README's library example (examples/library.ts) runs end to end against the sandbox and finds real data. */
import { main } from '../../examples/library';
import { startSandbox } from '../../src';

test('examples/library.ts pages orders, downloads a report and invokes an action through the runtime', async () => {
  const lines: string[] = [];
  const result = await main((line) => lines.push(line));
  expect(result.orders).toBeGreaterThan(0);
  expect(result.pages).toBeGreaterThanOrEqual(Math.ceil(result.orders / 20));
  expect(result.reportRows).toBeGreaterThan(0);
  expect(result.connectionOk).toBe(true);
  expect(result.evaluation).toBe(true);
  expect(result.firstOrderStatus).not.toBe('none');
  expect(lines).toHaveLength(4);
});

test('the library entry exports what ARCHITECTURE §3.3 names', async () => {
  const lib = await import('../../src');
  for (const name of ['signV2', 'operations', 'MwsClient', 'endpoints', 'MwsConnectorError', 'startSandbox', 'createConnector', 'issueLicense', 'inspectLicense', 'serverFingerprint']) {
    expect(lib).toHaveProperty(name);
  }
  expect(typeof startSandbox).toBe('function');
  expect(lib.operations).toHaveLength(115);
});
