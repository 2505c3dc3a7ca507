import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createControlHandler, type SandboxControl } from '../../src/sandbox/control';
import { SandboxOptionError, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { callMws, FEEDS, send } from './support/signed-request';

const json = async (url: string, method: string, path: string, body?: unknown): Promise<{ status: number; value: Record<string, unknown> }> => {
  const reply = await send(url, method, path, body === undefined ? undefined : Buffer.from(JSON.stringify(body)), { 'Content-Type': 'application/json' });
  return { status: reply.status, value: JSON.parse(reply.body) as Record<string, unknown> };
};

const START = Date.UTC(2026, 4, 4, 12, 0, 0);
const FEED = Buffer.from('sku\tprice\tquantity\nSKU-0001\t\t7\n', 'latin1');

describe('control API over HTTP (loopback JSON)', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 21, orders: 50, timeScale: 0, now: START });
  });
  afterAll(() => sandbox.close());

  test('time and advance', async () => {
    expect((await json(sandbox.url, 'GET', '/_sandbox/time')).value).toEqual({ now: START, iso: '2026-05-04T12:00:00.000Z', timeScale: 0 });
    const advanced = await json(sandbox.url, 'POST', '/_sandbox/advance', { ms: 90_000 });
    expect(advanced.value.now).toBe(START + 90_000);
    expect(sandbox.control.now()).toBe(START + 90_000);
    expect((await json(sandbox.url, 'POST', '/_sandbox/advance', { ms: -1 })).status).toBe(400);
  });

  test('arm, list and clear faults; a bad spec is a 400 naming the field', async () => {
    const armed = await json(sandbox.url, 'POST', '/_sandbox/faults', { operation: 'Sellers.ListMarketplaceParticipations', phase: 'before-read', kind: 'internal-error' });
    expect(armed.status).toBe(201);
    expect(armed.value.id).toMatch(/^fault-\d+$/);
    expect((await json(sandbox.url, 'GET', '/_sandbox/faults')).value.faults).toEqual([
      { operation: 'Sellers.ListMarketplaceParticipations', phase: 'before-read', kind: 'internal-error', times: 1 },
    ]);
    const reply = await callMws(sandbox.url, { path: '/Sellers/2011-07-01', version: '2011-07-01', action: 'ListMarketplaceParticipations', timestamp: new Date(sandbox.control.now()).toISOString() });
    expect(reply.status).toBe(500);
    await json(sandbox.url, 'POST', '/_sandbox/faults', { operation: '*', phase: 'after-commit', kind: 'drift' });
    expect((await json(sandbox.url, 'DELETE', '/_sandbox/faults')).status).toBe(200);
    expect(sandbox.control.faults()).toEqual([]);
    const bad = await json(sandbox.url, 'POST', '/_sandbox/faults', { operation: '*', phase: 'mid-body', kind: 'service-unavailable' });
    expect(bad.status).toBe(400);
    expect(bad.value.error).toMatch(/^fault\.phase/);
  });

  test('counters per operation and outcome, with the world\'s counts; mutate orders; reset', async () => {
    const counters = (await json(sandbox.url, 'GET', '/_sandbox/counters')).value as { byOperation: Record<string, unknown>; state: Record<string, number>; faultsFired: number };
    expect(counters.byOperation['Sellers.ListMarketplaceParticipations']).toEqual({ fault: 1 });
    expect(counters.faultsFired).toBe(1);
    expect(counters.state).toEqual(sandbox.control.counters().state);
    const mutated = await json(sandbox.url, 'POST', '/_sandbox/orders/mutate', { count: 5 });
    expect(mutated.status).toBe(200);
    expect(mutated.value.mutated).toBeGreaterThan(0);
    expect(mutated.value.mutated).toBeLessThanOrEqual(5);
    const state = sandbox.state;
    expect((await json(sandbox.url, 'POST', '/_sandbox/reset')).status).toBe(200);
    expect(sandbox.state).not.toBe(state);
    expect(sandbox.control.counters().total).toBe(0);
    expect((await json(sandbox.url, 'GET', '/_sandbox/nothing')).status).toBe(404);
  });

  test('callers that are not on loopback are refused', async () => {
    const control = { now: () => 0 } as unknown as SandboxControl;
    const handler = createControlHandler(control, 1);
    let status = 0;
    const res = { writeHead: (s: number) => (status = s), end: () => undefined } as unknown as ServerResponse;
    await handler({ method: 'GET', socket: { remoteAddress: '192.0.2.10' } } as unknown as IncomingMessage, res, '/_sandbox/time');
    expect(status).toBe(403);
    await handler({ method: 'GET', socket: { remoteAddress: '::ffff:127.0.0.1' } } as unknown as IncomingMessage, res, '/_sandbox/time');
    expect(status).toBe(200);
  });
});

test('bad startSandbox options are refused naming the field', async () => {
  await expect(startSandbox({ timeScale: -1 })).rejects.toThrow(new SandboxOptionError('timeScale', 'must be a finite number ≥ 0 (0 freezes the clock), got -1'));
  await expect(startSandbox({ orders: 1.5 })).rejects.toThrow(/options\.orders must be an integer from 0 to 100000/);
  await expect(startSandbox({ port: 70000 })).rejects.toThrow(/options\.port/);
  await expect(startSandbox({ credentials: [{ sellerId: 'A', awsAccessKeyId: '', secretKey: 'x' }] })).rejects.toThrow(/options\.credentials\[0\]\.awsAccessKeyId/);
});

describe('stateDir persists the world between runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mws-sandbox-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a feed submitted in one run is there in the next', async () => {
    const first = await startSandbox({ seed: 4, orders: 20, stateDir: dir, timeScale: 0, now: START });
    const md5 = createHash('md5').update(FEED).digest('base64');
    const reply = await callMws(first.url, { ...FEEDS, action: 'SubmitFeed', params: { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', ContentMD5Value: md5 }, body: FEED, timestamp: new Date(START).toISOString() });
    expect(reply.status).toBe(200);
    const id = /<FeedSubmissionId>(\d+)<\/FeedSubmissionId>/.exec(reply.body)?.[1];
    expect(id).toBeDefined();
    const submitted = first.control.counters().state.feedSubmissions;
    expect(submitted).toBe(1);
    await first.close();

    const second = await startSandbox({ seed: 4, orders: 20, stateDir: dir, timeScale: 0, now: START });
    try {
      expect(second.control.counters().state.feedSubmissions).toBe(1);
      const list = await callMws(second.url, { ...FEEDS, action: 'GetFeedSubmissionList', params: { 'FeedSubmissionIdList.Id.1': id as string }, timestamp: new Date(START).toISOString() });
      expect(list.status).toBe(200);
      expect(list.body).toContain(`<FeedSubmissionId>${id as string}</FeedSubmissionId>`);
    } finally {
      await second.close();
    }
    // Another seed starts from its own world.
    const other = await startSandbox({ seed: 5, orders: 20, stateDir: dir, timeScale: 0, now: START });
    expect(other.control.counters().state.feedSubmissions).toBe(0);
    await other.close();
  });
});

test('npm run sandbox prints its URL and the labelled public test credentials, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '../../src/sandbox/main.ts'), '--port', '0', '--seed', '3', '--orders', '10'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match && out.includes('mwsAuthToken')) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  expect(out).toContain('PUBLIC TEST CREDENTIALS');
  expect(out).toContain('sellerId A2SANDBOXSELLER1  awsAccessKeyId SANDBOXDEVKEY0000001');
  expect((await json(url, 'GET', '/_sandbox/time')).status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 60_000);
