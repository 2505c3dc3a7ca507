/**
 * Benchmark: what MwsClient adds to a call (validation, throttle bookkeeping, signing, XML parsing and
 * normalisation) compared with a bare keep-alive http.request of an equally signed ListOrders, both against the
 * sandbox with quotas off. Calls are sequential so latencies are not queueing.
 * Run: npx ts-node --transpile-only bench/client-overhead.bench.ts [calls]   (default 300)
 */
import { startSandbox } from '../src/sandbox';
import { BareSender, elapsedMs, type Figure, MARKETPLACE_US, percentile, runStandalone, sandboxClient, unlimitedBuckets } from './support';

const PARAMS = { CreatedAfter: '2015-01-01T00:00:00Z', MaxResultsPerPage: 10 };

export async function measure(calls = 300): Promise<Figure[]> {
  const sandbox = await startSandbox({ throttling: false, orders: 250 });
  const client = sandboxClient(sandbox, { maxRetries: 0, bucketStore: unlimitedBuckets });
  const bare = new BareSender(client, sandbox.url);
  try {
    const input = { ...PARAMS, MarketplaceId: [MARKETPLACE_US] };
    // Warm-up: connections, JIT and the sandbox's lazily built world are not what is measured.
    for (let i = 0; i < 20; i++) {
      await client.call('Orders.ListOrders', PARAMS);
      const res = await bare.send(bare.sign('Orders.ListOrders', input));
      if (res.status !== 200) throw new Error(`bare ListOrders answered ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`);
    }
    const clientMs: number[] = [];
    const bareMs: number[] = [];
    let clientTotal = 0;
    let bareTotal = 0;
    // Interleaved so that load from other processes affects both sides alike.
    for (let i = 0; i < calls; i++) {
      let started = process.hrtime.bigint();
      await client.call('Orders.ListOrders', PARAMS);
      clientMs.push(elapsedMs(started));
      const signed = bare.sign('Orders.ListOrders', input);
      started = process.hrtime.bigint();
      await bare.send(signed);
      bareMs.push(elapsedMs(started));
    }
    clientMs.sort((a, b) => a - b);
    bareMs.sort((a, b) => a - b);
    clientTotal = clientMs.reduce((a, b) => a + b, 0);
    bareTotal = bareMs.reduce((a, b) => a + b, 0);
    const bareP50 = percentile(bareMs, 50);
    const bareP95 = percentile(bareMs, 95);
    const bareRate = (1000 * calls) / bareTotal;
    return [
      { name: 'client.call ListOrders (10 orders/page), sequential', value: (1000 * calls) / clientTotal, unit: 'calls/s', versus: { kind: 'baseline', value: bareRate, label: 'bare http.request', better: 'higher' } },
      { name: 'client.call ListOrders p50 latency', value: percentile(clientMs, 50), unit: 'ms', versus: { kind: 'baseline', value: bareP50, label: 'bare p50', better: 'lower' } },
      { name: 'client.call ListOrders p95 latency', value: percentile(clientMs, 95), unit: 'ms', versus: { kind: 'baseline', value: bareP95, label: 'bare p95', better: 'lower' } },
      { name: 'bare signed http.request ListOrders p50 latency', value: bareP50, unit: 'ms', note: `${calls} calls, ${bareRate.toFixed(0)} calls/s` },
    ];
  } finally {
    bare.close();
    client.close();
    await sandbox.close();
  }
}

if (require.main === module) runStandalone(measure);
