/**
 * Each failure exits with its documented code (docs/cli.md), prints one clear line on stderr and no stack
 * trace unless --debug; under --json the error is JSON on stdout too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { issueLicense, serverFingerprint } from '../../src/license';
import { ProfileStore } from '../../src/runtime/profiles';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { writeRunningSandbox } from '../../src/cli/connections';
import { ensureBuilt, FIXTURE_CONNECTOR, jsonResult, lines, runAll, runCli, tempHome, type CliResult } from './helpers';
import { closedPort } from '../support/loopback';
import { makeTestKey, trusted } from '../license/helpers';

let home: string;
let sandbox: RunningSandbox;
let licenseFile: string;
let keysFile: string;

beforeAll(async () => {
  ensureBuilt();
  home = tempHome();
  sandbox = await startSandbox({ orders: 10 });
  writeRunningSandbox(home, { url: sandbox.url, pid: process.pid, timeScale: 1, seed: 1, startedAt: new Date().toISOString() });
  const seller = sandbox.credentials[0]!;
  const store = new ProfileStore(home);
  const base = { sellerId: seller.sellerId, awsAccessKeyId: seller.awsAccessKeyId, marketplaceIds: ['ATVPDKIKX0DER'] };
  await store.create('down', { ...base, secretKey: seller.secretKey, endpoint: `http://127.0.0.1:${await closedPort()}`, timeScale: 1000 });
  await store.create('wrong', { ...base, secretKey: 'a-wrong-secret-for-the-sandbox', endpoint: 'sandbox' });
  // A production endpoint: the license gate refuses before any request is sent.
  await store.create('prod', { ...base, secretKey: 'a-production-secret-never-sent' });
  // The sandbox directly, with backoffs divided by 1000 and a short first-byte timeout: retries end fast.
  await store.create('fast', { ...base, secretKey: seller.secretKey, ...(seller.mwsAuthToken ? { mwsAuthToken: seller.mwsAuthToken } : {}), endpoint: sandbox.url, timeScale: 1000, timeouts: { firstByteMs: 300 } });

  const key = makeTestKey('test-cli-errors');
  const text = issueLicense({
    privateKey: key.privateKey,
    keyId: key.keyId,
    licensee: 'Example Ltd',
    servers: [serverFingerprint()],
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  // Flip one character of the signature: the armour still parses, the signature no longer verifies.
  const tampered = text.replace(/^Signature: (.)/m, (_m, c: string) => `Signature: ${c === 'A' ? 'B' : 'A'}`);
  expect(tampered).not.toBe(text);
  licenseFile = path.join(home, 'tampered.lic');
  fs.writeFileSync(licenseFile, tampered);
  keysFile = path.join(home, 'keys.json');
  fs.writeFileSync(keysFile, JSON.stringify(trusted(key)));
});

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(home, { recursive: true, force: true });
});

function expectOneLine(result: CliResult, code: number, pattern: RegExp): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code, stderr: expect.stringMatching(pattern) });
  expect(lines(result.stderr)).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('exit codes and error lines', () => {
  it('maps usage, validation, connection, authentication and license failures to their codes', async () => {
    const options = { home };
    const [missingFlag, badJson, unknownAction, unknownProfile, unreachableTest, unreachableInvoke, badSignature, badLicense, badProfile, unlicensed] = await runAll([
      { args: ['license', 'request'], options },
      { args: ['invoke', 'test.echo', '--input', '{bad json', '--connection', 'down', '--connector', FIXTURE_CONNECTOR], options },
      { args: ['invoke', 'nope.Nope', '--input', '{}', '--connection', 'down', '--connector', FIXTURE_CONNECTOR], options },
      { args: ['invoke', 'test.echo', '--connection', 'nobody', '--connector', FIXTURE_CONNECTOR], options },
      { args: ['connection', 'test', 'down', '--connector', FIXTURE_CONNECTOR, '--json'], options },
      { args: ['invoke', 'sellers.ListMarketplaceParticipations', '--connection', 'down', '--connector', FIXTURE_CONNECTOR], options },
      { args: ['invoke', 'sellers.ListMarketplaceParticipations', '--connection', 'wrong', '--connector', FIXTURE_CONNECTOR], options },
      { args: ['license', 'install', licenseFile, '--trusted-keys', keysFile], options },
      { args: ['connection', 'create', 'bad', '--seller-id', 'lower-case', '--aws-access-key-id', 'SANDBOXDEVKEY0000001', '--marketplace-id', 'ATVPDKIKX0DER', '--secret-key-env', 'X'], options },
      { args: ['invoke', 'sellers.ListMarketplaceParticipations', '--connection', 'prod', '--connector', FIXTURE_CONNECTOR], options },
    ]);
    expectOneLine(missingFlag!, 2, /^Error: Missing required flag licensee/);
    expectOneLine(badJson!, 3, /^Error \[INPUT_INVALID\]: --input is not valid JSON/);
    expectOneLine(unknownAction!, 3, /^Error \[UNKNOWN_ACTION\]: No action "nope\.Nope"/);
    expectOneLine(unknownProfile!, 3, /^Error \[PROFILE_NOT_FOUND\]: name: no connection profile named "nobody"/);
    expectOneLine(unreachableInvoke!, 4, /^Error \[TRANSPORT_FAILED\]/);
    expectOneLine(badSignature!, 4, /^Error \[AUTH_FAILED\]: .*SignatureDoesNotMatch/);
    expectOneLine(badProfile!, 3, /^Error \[CONFIG_INVALID\]: Invalid connection configuration: sellerId: expected 8 to 20 upper-case/);
    expect(fs.existsSync(path.join(home, 'connections', 'bad.json'))).toBe(false);
    expectOneLine(unlicensed!, 5, /^Error \[LICENSE_MISSING\]/);
    expectOneLine(badLicense!, 5, /^Error \[LICENSE_INVALID\]: license refused: .*signature/);
    expect(fs.existsSync(path.join(home, 'licenses')) ? fs.readdirSync(path.join(home, 'licenses')).filter((f) => f.endsWith('.lic')) : []).toEqual([]);

    // A failed connection test is a result, not an error: every check printed, exit 4 for the endpoint.
    expect(unreachableTest!.code).toBe(4);
    const test = jsonResult<{ ok: boolean; checks: Array<{ name: string; ok: boolean; hint?: string }> }>(unreachableTest!, 'connection-test');
    expect(test.ok).toBe(false);
    expect(test.checks.map((c) => [c.name, c.ok])).toEqual([['config', true], ['endpoint', false]]);
    expect(test.checks[1]?.hint).toMatch(/^Cannot reach/);
  });

  it('names the flag of an unreadable file given to license issue (exit 3, not an unexpected error)', async () => {
    const keyFile = path.join(home, 'vendor.pem');
    fs.writeFileSync(keyFile, makeTestKey().privateKey);
    const missing = path.join(home, 'no-such-request.json');
    const result = await runCli(['license', 'issue', '--private-key-file', keyFile, '--key-id', 'test-cli-errors', '--request', missing, '--expires-at', '2099-01-01T00:00:00Z'], { home });
    expectOneLine(result, 3, /^Error \[CONFIG_INVALID\]: request: cannot read .*no-such-request\.json: ENOENT/);
  });

  it('prints the error as JSON under --json and the stack only with --debug', async () => {
    const [json, debug] = await runAll([
      { args: ['invoke', 'nope.Nope', '--connection', 'down', '--connector', FIXTURE_CONNECTOR, '--json'], options: { home } },
      { args: ['invoke', 'test.echo', '--input', '[1]', '--connection', 'down', '--connector', FIXTURE_CONNECTOR, '--debug'], options: { home } },
    ]);
    expect(json!.code).toBe(3);
    const body = jsonResult<{ error: { code: string; exitCode: number; field: string } }>(json!, 'error');
    expect(body.error).toMatchObject({ code: 'UNKNOWN_ACTION', exitCode: 3, field: 'actionId' });
    expect(lines(json!.stderr)).toHaveLength(1);

    expect(debug!.code).toBe(3);
    expect(debug!.stderr).toMatch(/^Error \[INPUT_INVALID\]: --input must be a JSON object/);
    expect(debug!.stderr).toMatch(/^\s+at /m);
  });

  it('exits 7 for a timeout after retries and 6 for a Content-MD5 mismatch after retries', async () => {
    const options = { home };
    const requested = await runCli(['invoke', 'reports.RequestReport', '--connection', 'fast', '--input', JSON.stringify({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_' }), '--json'], options);
    const requestId = jsonResult<{ output: { ReportRequestInfo: { ReportRequestId: string } } }>(requested, 'invoke').output.ReportRequestInfo.ReportRequestId;
    sandbox.control.advance(10 * 60_000); // the report is generated; the client's Timestamps stay within 15 minutes
    const listed = await runCli(['invoke', 'reports.GetReportRequestList', '--connection', 'fast', '--input', JSON.stringify({ ReportRequestIdList: [requestId] }), '--json'], options);
    const reportId = jsonResult<{ output: { ReportRequestInfo: Array<{ GeneratedReportId?: string }> } }>(listed, 'invoke').output.ReportRequestInfo[0]?.GeneratedReportId;
    expect(reportId).toMatch(/^\d+$/);

    sandbox.control.armFault({ operation: 'Reports.GetReport', phase: 'after-commit', kind: 'wrong-content-md5', times: 10 });
    sandbox.control.armFault({ operation: 'Sellers.ListMarketplaceParticipations', phase: 'before-read', kind: 'slow-first-byte', times: 10, delayMs: 30_000 });
    const [integrity, timeout] = await runAll([
      { args: ['invoke', 'reports.GetReport', '--connection', 'fast', '--input', JSON.stringify({ ReportId: reportId })], options },
      { args: ['invoke', 'sellers.ListMarketplaceParticipations', '--connection', 'fast', '--connector', FIXTURE_CONNECTOR], options },
    ]);
    sandbox.control.clearFaults();
    expectOneLine(integrity!, 6, /^Error \[INTEGRITY_FAILED\]/);
    expectOneLine(timeout!, 7, /^Error \[TIMEOUT\]/);
  });
});
