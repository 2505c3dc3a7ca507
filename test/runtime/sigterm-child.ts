/**
 * Child process for sigterm.test.ts: runs a long invocation on a manual clock, moves it three steps (three
 * checkpoints written), says "ready", then waits for SIGTERM with no listener of its own.
 */
import { createConnector } from '../../src/runtime';
import { ManualClock } from '../../src/util/clock';

const [source, home] = process.argv.slice(2) as [string, string];
const clock = new ManualClock();
const connector = createConnector({ source, home, clock });
const config = {
  sellerId: 'A2SANDBOXSELLER1',
  awsAccessKeyId: 'SANDBOXDEVKEY0000001',
  secretKey: 'sigterm-child-secret',
  marketplaceIds: ['ATVPDKIKX0DER'],
  endpoint: 'http://127.0.0.1:9',
};
connector.invoke('test.wait', config, { key: 'sigterm', steps: 10 }).catch((err: { code?: string }) => {
  process.stderr.write(`invoke ended: ${err.code}\n`);
});
// Keeps the event loop alive until the signal arrives (the manual clock holds no timers).
setInterval(() => undefined, 1 << 30);

void (async () => {
  for (let step = 0; step < 3; step++) {
    while (clock.pending === 0) await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(1000);
  }
  process.stdout.write('ready\n');
})();
