import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnector } from '../../src/runtime';
import { MemoryCheckpointStore } from '../../src/runtime/checkpoints';
import type { Connector, RuntimeHost } from '../../src/runtime/types';
import { ManualClock } from '../../src/util/clock';
import { FIXTURE_CONNECTOR, SECRET, capturingLogger, loopbackConfig, rejection, removeTempDirs, sleepersWaiting, tempDir } from './helpers';

const open: Connector[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.dispose();
});
afterAll(removeTempDirs);

function connector(host: RuntimeHost = {}): Connector & { log: ReturnType<typeof capturingLogger>; clock: ManualClock; store: MemoryCheckpointStore } {
  const log = capturingLogger();
  const clock = new ManualClock();
  const store = new MemoryCheckpointStore();
  const c = createConnector({ source: FIXTURE_CONNECTOR, home: tempDir(), logger: log, clock, store, handleSigterm: false, ...host });
  open.push(c);
  return Object.assign(c, { log, clock, store });
}

describe('invoke', () => {
  it('validates, runs and validates the output, returning metadata; evaluation on loopback', async () => {
    const c = connector();
    const result = await c.invoke('test.echo', loopbackConfig(), { text: 'hello', count: 2 }, { runId: 'run-1' });
    expect(result.output).toEqual({ text: 'hello', count: 2 });
    expect(result.metadata).toEqual({ actionId: 'test.echo', runId: 'run-1', requestIds: [], evaluation: true, durationMs: 0 });
    expect(c.log.records.some((r) => r.message === 'invoke' && r.meta?.evaluation === true && r.meta?.runId === 'run-1')).toBe(true);
    expect(c.log.text()).not.toContain(SECRET);
  });

  it('lists every offending input field by path: wrong types, unknown fields, missing required, cross-field', async () => {
    const c = connector();
    const err = await rejection(c.invoke('test.echo', loopbackConfig(), { count: 'two', colour: 'red', to: '2026-01-01T00:00:00Z' }));
    expect(err.code).toBe('INPUT_INVALID');
    expect(err.details?.map((d) => d.field).sort()).toEqual(['/colour', '/count', '/from', '/text']);
    expect(err.details?.find((d) => d.field === '/colour')?.message).toBe('is not an allowed field');
    expect(err.details?.find((d) => d.field === '/text')?.message).toBe('is required');
  });

  it('gives LIST_LIMIT_EXCEEDED for an over-long list, and checks formats', async () => {
    const c = connector();
    const long = await rejection(c.invoke('test.echo', loopbackConfig(), { text: 'x', tags: ['a', 'b', 'c', 'd'] }));
    expect(long.code).toBe('LIST_LIMIT_EXCEEDED');
    expect(long.field).toBe('/tags');
    const format = await rejection(c.invoke('test.echo', loopbackConfig(), { text: 'x', from: 'yesterday' }));
    expect(format.details).toEqual([{ field: '/from', message: 'must match format "date-time"' }]);
  });

  it('refuses a bad connection with CONFIG_INVALID naming every field, never echoing the secret', async () => {
    const c = connector();
    const err = await rejection(c.invoke('test.echo', loopbackConfig({ sellerId: 'bad seller', marketplaceIds: [], colour: 1 }), { text: 'x' }));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.details?.map((d) => d.field).sort()).toEqual(expect.arrayContaining(['colour', 'marketplaceIds', 'sellerId']));
    expect(JSON.stringify(err.toJSON()) + String(err.stack)).not.toContain(SECRET);
  });

  it('refuses an output that does not match the output schema', async () => {
    const err = await rejection(connector().invoke('test.echo', loopbackConfig(), { text: 'bad-output' }));
    expect(err.code).toBe('OUTPUT_INVALID');
    expect(err.details?.map((d) => d.field).sort()).toEqual(['/count', '/text']);
  });

  it('names an unknown action', async () => {
    const err = await rejection(connector().invoke('orders.Nope', loopbackConfig(), {}));
    expect(err.code).toBe('UNKNOWN_ACTION');
  });

  it('needs a license off loopback, and on loopback too when evaluation is turned off', async () => {
    const remote = await rejection(connector().invoke('test.echo', loopbackConfig({ endpoint: 'https://mws.amazonservices.com' }), { text: 'x' }));
    expect(remote.code).toBe('LICENSE_MISSING');
    const noEval = await rejection(connector({ evaluationHosts: [] }).invoke('test.echo', loopbackConfig(), { text: 'x' }));
    expect(noEval.code).toBe('LICENSE_MISSING');
    const license = await connector().checkLicense();
    expect(license).toMatchObject({ allowed: false, evaluation: false });
    expect(await connector().checkLicense({ endpointHost: '127.0.0.1' })).toMatchObject({ allowed: true, evaluation: true });
  });

  it('runs at most N per connection, in order, while other connections go ahead', async () => {
    const c = connector({ concurrencyPerConnection: 2 });
    const runs = [1, 2, 3].map((n) => c.invoke('test.wait', loopbackConfig(), { key: `k${n}`, steps: 1 }));
    const other = c.invoke('test.wait', loopbackConfig({ sellerId: 'A2SANDBOXSELLEREU', marketplaceIds: ['A1PA6795UKMFR9'] }), { key: 'eu', steps: 1 });
    await sleepersWaiting(c.clock, 3); // two of the first connection, one of the other
    await c.clock.advance(0);
    expect(c.clock.pending).toBe(3); // and no more: the third waits for a slot
    await c.clock.advance(1000);
    expect(await c.store.get('k1')).toEqual({ done: 1 });
    expect(await c.store.get('k2')).toEqual({ done: 1 });
    expect(await c.store.get('k3')).toBeUndefined();
    expect(await c.store.get('eu')).toEqual({ done: 1 });
    await sleepersWaiting(c.clock, 1); // the third started only now
    await c.clock.advance(1000);
    const outputs = await Promise.all([...runs, other]);
    expect(outputs.map((o) => (o.output as { done: number }).done)).toEqual([1, 1, 1, 1]);
    expect(outputs[2]?.metadata.durationMs).toBe(2000);
  });

  it('times out an invocation on the injected clock; checkpoints written so far stay', async () => {
    const c = connector({ invokeTimeoutMs: 2500 });
    const outcome = rejection(c.invoke('test.wait', loopbackConfig(), { key: 'slow', steps: 5 }));
    await sleepersWaiting(c.clock, 2); // the invocation timer and the first step
    await c.clock.advance(3000);
    const err = await outcome;
    expect(err.code).toBe('TIMEOUT');
    expect(await c.store.get('slow')).toEqual({ done: 2 });
  });

  it('aborts on the caller\'s signal and resumes from the checkpoint next time', async () => {
    const c = connector();
    const controller = new AbortController();
    const progress: number[] = [];
    const progressOf = (e: { done?: number }): void => {
      progress.push(e.done ?? -1);
      throw new Error('a broken progress callback');
    };
    const run = c.invoke('test.wait', loopbackConfig(), { key: 'resume', steps: 4 }, { signal: controller.signal, progress: progressOf });
    await sleepersWaiting(c.clock, 1);
    await c.clock.advance(2000);
    controller.abort();
    expect((await rejection(run)).code).toBe('ABORTED');
    expect(progress).toEqual([1, 2]);
    const again = c.invoke('test.wait', loopbackConfig(), { key: 'resume', steps: 4 });
    await sleepersWaiting(c.clock, 1);
    await c.clock.advance(2000);
    expect((await again).output).toMatchObject({ done: 4 });
  });

  it('aborts every in-flight invocation on SIGTERM and removes its listener on dispose', async () => {
    // A listener of our own keeps the runtime from re-raising SIGTERM at the test process.
    const keepAlive = (): void => undefined;
    process.on('SIGTERM', keepAlive);
    try {
      const before = process.listenerCount('SIGTERM');
      const c = connector({ handleSigterm: true });
      expect(process.listenerCount('SIGTERM')).toBe(before + 1);
      const a = rejection(c.invoke('test.wait', loopbackConfig(), { key: 'a', steps: 3 }));
      const b = rejection(c.invoke('test.wait', loopbackConfig(), { key: 'b', steps: 3 }));
      await sleepersWaiting(c.clock, 2);
      await c.clock.advance(1000);
      process.emit('SIGTERM', 'SIGTERM');
      expect((await a).code).toBe('ABORTED');
      expect((await b).code).toBe('ABORTED');
      expect(await c.store.get('a')).toEqual({ done: 1 });
      expect((await rejection(c.invoke('test.echo', loopbackConfig(), { text: 'late' }))).code).toBe('ABORTED');
      await c.dispose();
      expect(process.listenerCount('SIGTERM')).toBe(before);
    } finally {
      process.removeListener('SIGTERM', keepAlive);
    }
  });

  it('writes checkpoints to 0600 files under MWS_CONNECTOR_HOME/state by default', async () => {
    const home = tempDir();
    const clock = new ManualClock();
    const c = createConnector({ source: FIXTURE_CONNECTOR, home, logger: capturingLogger(), clock, handleSigterm: false });
    open.push(c);
    const run = c.invoke('test.wait', loopbackConfig(), { key: 'file-key', steps: 1 });
    await sleepersWaiting(clock, 1);
    await clock.advance(1000);
    await run;
    const file = path.join(home, 'state', 'file-key.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ key: 'file-key', value: { done: 1 } });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
