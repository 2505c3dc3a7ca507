/**
 * Every command against a sandbox that knows one secret: each --json result matches its schema, the flows work
 * (profiles, connection test, invoke with pages and files, sign, actions, license, validate), and the secret and
 * token appear in no output, no log (--debug) and no file but their own profile.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeRunningSandbox } from '../../src/cli/connections';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { makeTestKey, trusted } from '../license/helpers';
import { ensureBuilt, filesUnder, FIXTURE_CONNECTOR, jsonResult, runAll, runCli, tempHome, type CliResult } from './helpers';

const SECRET = 'cli-known-secret-Zq8wX3vY5pL';
const TOKEN = 'amzn.mws.7c3e1f00-1111-4222-8333-cl1kn0wnt0k3n';
const SELLER = 'A2SANDBOXSELLER1';
const KEY_ID = 'SANDBOXDEVKEY0000001';

let home: string;
let vendor: string;
let privateKeyPem: string;
let sandbox: RunningSandbox;
const seen: CliResult[] = [];

async function cli(args: string[], extra: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const result = await runCli(args, { home, ...extra });
  seen.push(result);
  return result;
}

beforeAll(async () => {
  ensureBuilt();
  home = tempHome();
  // The vendor's side (its private key is a secret too) lives outside MWS_CONNECTOR_HOME.
  vendor = tempHome('mws-cli-vendor-');
  const key = makeTestKey('test-cli-vendor');
  privateKeyPem = key.privateKey;
  fs.writeFileSync(path.join(vendor, 'vendor.pem'), privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(vendor, 'keys.json'), JSON.stringify(trusted(key)));
  sandbox = await startSandbox({ orders: 40, credentials: [{ sellerId: SELLER, awsAccessKeyId: KEY_ID, secretKey: SECRET, mwsAuthToken: TOKEN }] });
  writeRunningSandbox(home, { url: sandbox.url, pid: process.pid, timeScale: 1, seed: 1, startedAt: new Date().toISOString() });
});

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(vendor, { recursive: true, force: true });
});

describe('mws-connector with a configured secret', () => {
  it('runs every command, each --json result matching its schema, and never shows the secret', async () => {
    const created = await cli(
      ['connection', 'create', 'shop', '--seller-id', SELLER, '--aws-access-key-id', KEY_ID, '--marketplace-id', 'ATVPDKIKX0DER', '--endpoint', 'sandbox', '--secrets-stdin', '--json'],
      { stdin: JSON.stringify({ secretKey: SECRET, mwsAuthToken: TOKEN }) },
    );
    expect(jsonResult(created, 'connection-create')).toMatchObject({ name: 'shop', connection: { secretKey: 'set', mwsAuthToken: 'set', awsAccessKeyId: '****0001' } });
    const byEnv = await cli(['connection', 'create', 'notoken', '--seller-id', SELLER, '--aws-access-key-id', KEY_ID, '--marketplace-id', 'ATVPDKIKX0DER', '--endpoint', 'sandbox', '--secret-key-env', 'CLI_TEST_SECRET', '--json']);
    expect(jsonResult(byEnv, 'connection-create')).toMatchObject({ connection: { secretKey: 'env:CLI_TEST_SECRET', mwsAuthToken: 'unset' } });

    const csvFile = path.join(home, 'orders.csv');
    const input = JSON.stringify({ CreatedAfter: '2020-01-01T00:00:00Z', MaxResultsPerPage: 10 });
    const env = { CLI_TEST_SECRET: SECRET };
    const list = [
      ['connection', 'list', '--json'],
      ['connection', 'show', 'shop', '--json'],
      ['connection', 'test', 'shop', '--json'],
      ['invoke', 'orders.ListOrders', '--connection', 'shop', '--input', input, '--all-pages', '--json', '--debug'],
      ['invoke', 'orders.ListOrders', '--connection', 'shop', '--input', input, '--all-pages', '--format', 'csv', '--output', csvFile, '--json', '--progress', 'json'],
      ['sign', 'Orders.ListOrders', '--connection', 'notoken', '--input', input, '--timestamp', '2020-01-02T00:00:00Z', '--json'],
      ['sign', 'Orders.ListOrders', '--connection', 'shop', '--input', input, '--timestamp', '2020-01-02T00:00:00Z'],
      ['actions', 'list', '--json'],
      ['actions', 'describe', 'orders.ListOrders', '--json'],
      ['license', 'fingerprint', '--json'],
      ['license', 'status', '--json'],
      ['license', 'request', '--licensee', 'Example Ltd', '--output', path.join(vendor, 'request.json'), '--json'],
      ['validate', FIXTURE_CONNECTOR, '--json'],
    ];
    const results = await runAll(list.map((args) => ({ args, options: { home, env } })));
    seen.push(...results);
    const [connections, show, test, invoke, toFile, sign, signText, actions, describe, fingerprint, status, request, validate] = results as CliResult[];

    expect(jsonResult<{ connections: Array<{ name: string; builtIn?: boolean }> }>(connections!, 'connection-list').connections.map((c) => [c.name, c.builtIn ?? false])).toEqual([
      ['notoken', false],
      ['sandbox', true],
      ['shop', false],
    ]);
    expect(jsonResult(show!, 'connection-show')).toMatchObject({ name: 'shop', connection: { endpoint: 'sandbox', secretKey: 'set' } });
    expect(jsonResult<{ ok: boolean }>(test!, 'connection-test').ok).toBe(true);

    const orders = jsonResult<{ output: { Orders: Array<{ AmazonOrderId: string }> }; metadata: { requestIds: string[]; evaluation: boolean } }>(invoke!, 'invoke');
    expect(orders.metadata.evaluation).toBe(true);
    expect(orders.metadata.requestIds.length).toBeGreaterThan(1);
    expect(orders.output.Orders.length).toBeGreaterThan(10);
    expect(invoke!.stderr).toContain('"level":"debug"');
    // --progress json: progress as JSON lines on stderr even under --json (the --debug run above shows none: --json silences it).
    const progress = toFile!.stderr.split('\n').filter((l) => l.startsWith('{"progress"')).map((l) => JSON.parse(l) as { progress: { stage: string } });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.progress.stage === 'page')).toBe(true);
    expect(invoke!.stderr).not.toContain('"progress"');
    const written = jsonResult<{ outputFile: string; records: number; output?: unknown }>(toFile!, 'invoke');
    expect(written.output).toBeUndefined();
    const csv = fs.readFileSync(csvFile, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^AmazonOrderId,/);
    expect(csv.filter((l) => l !== '')).toHaveLength(written.records + 1);

    const signed = jsonResult<{ stringToSign: string; signature: string; parameters: Record<string, string> }>(sign!, 'sign');
    expect(signed.signature).toBe(createHmac('sha256', SECRET).update(signed.stringToSign).digest('base64'));
    expect(signed.parameters).toMatchObject({ Timestamp: '2020-01-02T00:00:00Z', SellerId: SELLER, 'MarketplaceId.Id.1': 'ATVPDKIKX0DER' });
    expect(signText!.stdout).toContain('String to sign:');
    expect(signText!.stdout).toContain('MWSAuthToken=***');

    const actionList = jsonResult<{ actions: Array<{ id: string; visibility: string }> }>(actions!, 'actions-list');
    expect(actionList.actions.map((a) => a.id)).toEqual(expect.arrayContaining(['orders.ListOrders', 'reports.fetchReport', 'feeds.submitFeedAndWait']));
    expect(actionList.actions.every((a) => a.visibility === 'normal')).toBe(true);
    const described = jsonResult<{ exampleInput: unknown; sampleOutput: unknown; quota: unknown }>(describe!, 'actions-describe');
    expect(described.exampleInput).toBeDefined();
    expect(described.sampleOutput).toBeDefined();
    expect(described.quota).toMatchObject({ maxQuota: expect.any(Number) });

    expect(jsonResult<{ fingerprint: string }>(fingerprint!, 'license-fingerprint').fingerprint).toMatch(/\S/);
    expect(jsonResult(status!, 'license-status')).toMatchObject({ state: 'missing', licenses: [] });
    expect(jsonResult(request!, 'license-request')).toMatchObject({ request: { licensee: 'Example Ltd' } });

    expect(validate!.code).toBe(3);
    const report = jsonResult<{ ok: boolean; errors: Array<{ path: string }> }>(validate!, 'validate');
    expect(report.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['schemas/connection.schema.json#/properties/secretKey']));

    const keys = path.join(vendor, 'keys.json');
    const licenseFile = path.join(vendor, 'acme.lic');
    const issueArgs = ['--private-key-file', path.join(vendor, 'vendor.pem'), '--key-id', 'test-cli-vendor', '--request', path.join(vendor, 'request.json')];
    const issued = await cli(['license', 'issue', ...issueArgs, '--expires-at', '2099-01-01T00:00:00Z', '--output', licenseFile, '--json']);
    expect(jsonResult<{ file: string }>(issued, 'license-issue').file).toBe(licenseFile);
    const [inspected, installed] = [await cli(['license', 'inspect', licenseFile, '--trusted-keys', keys, '--json']), await cli(['license', 'install', licenseFile, '--trusted-keys', keys, '--json'])];
    expect(jsonResult(inspected, 'license-inspect')).toMatchObject({ state: 'valid', usable: true, licensee: 'Example Ltd', keyId: 'test-cli-vendor' });
    expect(jsonResult<{ file: string }>(installed, 'license-install').file).toMatch(/licenses\/.+\.lic$/);
    expect(jsonResult(await cli(['license', 'status', '--trusted-keys', keys, '--json']), 'license-status')).toMatchObject({ state: 'valid' });

    const updated = await cli(['connection', 'update', 'shop', '--marketplace-id', 'ATVPDKIKX0DER', '--marketplace-id', 'A2EUQ1WTGCTBG2', '--json']);
    expect(jsonResult(updated, 'connection-update')).toMatchObject({ connection: { marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], secretKey: 'set' } });
    expect(jsonResult(await cli(['connection', 'delete', 'notoken', '--json']), 'connection-delete')).toEqual({ deleted: 'notoken' });

    for (const result of seen) {
      for (const text of [result.stdout, result.stderr]) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(privateKeyPem.split('\n')[1]);
      }
    }
    const profile = path.join(home, 'connections', 'shop.json');
    expect(fs.readFileSync(profile, 'utf8')).toContain(SECRET);
    expect(fs.statSync(profile).mode & 0o777).toBe(0o600);
    for (const file of filesUnder(home).filter((f) => f !== profile)) {
      const content = fs.readFileSync(file, 'utf8');
      expect({ file, hasSecret: content.includes(SECRET) || content.includes(TOKEN) }).toEqual({ file, hasSecret: false });
    }
  }, 180_000); // dozens of CLI processes: about 25 s alone, over 60 s on a loaded 2-core machine
});
