/**
 * Benchmark: parse + normalise one ListOrders page of 100 orders (the body the sandbox sends), the XML work
 * every ListOrders call does: the guarded parse into a tree, then the catalog-typed normalisation.
 * Run: npx ts-node --transpile-only bench/xml.bench.ts [iterations]   (default 100)
 */
import { getOperation } from '../src/mws/catalog';
import { parseMwsResponse } from '../src/mws/xml';
import { startSandbox } from '../src/sandbox';
import { BareSender, elapsedMs, type Figure, MARKETPLACE_US, percentile, runStandalone, sandboxClient } from './support';

/** Our goal: parsing stays well below a network round trip to MWS (tens of ms), so it is never the bottleneck. */
const GOAL_MS_PER_PAGE = 50;

/** A real 100-order ListOrders response from the sandbox, read raw. */
async function listOrdersPage(): Promise<Buffer> {
  const sandbox = await startSandbox({ throttling: false, orders: 500 });
  const client = sandboxClient(sandbox);
  const bare = new BareSender(client, sandbox.url);
  try {
    const created = new Date(sandbox.clock.now() - 100 * 86_400_000).toISOString();
    const res = await bare.send(bare.sign('Orders.ListOrders', { CreatedAfter: created, MaxResultsPerPage: 100, MarketplaceId: [MARKETPLACE_US] }));
    if (res.status !== 200) throw new Error(`ListOrders answered ${res.status}`);
    return res.body;
  } finally {
    bare.close();
    client.close();
    await sandbox.close();
  }
}

export async function measure(iterations = 100): Promise<Figure[]> {
  const body = await listOrdersPage();
  const op = getOperation('Orders.ListOrders');
  const first = await parseMwsResponse(op, body);
  const orders = (first.result as { Orders?: unknown[] }).Orders?.length ?? 0;
  for (let i = 0; i < 10; i++) await parseMwsResponse(op, body); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    await parseMwsResponse(op, body);
    times.push(elapsedMs(started));
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return [
    {
      name: `parse + normalise ListOrders page (${orders} orders, ${(body.length / 1024).toFixed(0)} KiB), mean`,
      value: mean,
      unit: 'ms/page',
      versus: { kind: 'goal', value: GOAL_MS_PER_PAGE, label: 'goal', better: 'lower' },
      note: `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms over ${iterations} pages`,
    },
  ];
}

if (require.main === module) runStandalone(measure);
