/**
 * Benchmark: `paginate` through every order of a large sandbox world (ListOrders, then ListOrdersByNextToken,
 * 100 orders a page) with quotas off on both sides, so the figure is what the client and sandbox can do; the ratio
 * compares it with the rate MWS's own quota allowed (one page of 100 a minute once the burst of 6 is spent).
 * Run: npx ts-node --transpile-only bench/pagination.bench.ts [orders]   (default 5000)
 */
import { getOperation } from '../src/mws/catalog';
import { startSandbox } from '../src/sandbox';
import { elapsedMs, type Figure, runStandalone, sandboxClient, unlimitedBuckets } from './support';

const DAY_MS = 86_400_000;

export async function measure(orders = 5000): Promise<Figure[]> {
  const sandbox = await startSandbox({ throttling: false, orders });
  const client = sandboxClient(sandbox, { maxRetries: 0, bucketStore: unlimitedBuckets });
  try {
    // The world's history spans the 90 days before the sandbox clock's start.
    // All of the seller's marketplaces (ListOrders takes up to 50), so every order of the world is listed.
    const params = {
      CreatedAfter: new Date(sandbox.clock.now() - 100 * DAY_MS).toISOString(),
      MaxResultsPerPage: 100,
      MarketplaceId: sandbox.state.sellerMarketplaces(client.connection.sellerId),
    };
    await client.call('Orders.ListOrders', { ...params, MaxResultsPerPage: 1 }); // warm-up: builds the lazily seeded world
    let pages = 0;
    let count = 0;
    const started = process.hrtime.bigint();
    for await (const page of client.paginate('Orders.ListOrders', params)) {
      pages += 1;
      count += (page.result.Orders as unknown[] | undefined)?.length ?? 0;
    }
    const seconds = elapsedMs(started) / 1000;
    const throttle = getOperation('Orders.ListOrdersByNextToken').throttle;
    const quotaRate = 100 / throttle.restoreEverySeconds; // orders/s MWS allowed once the burst was spent
    return [
      {
        name: `paginate ListOrders (${count} orders, ${pages} pages of up to 100)`,
        value: count / seconds,
        unit: 'orders/s',
        versus: { kind: 'baseline', value: quotaRate, label: 'MWS quota rate', better: 'higher' },
        note: `${seconds.toFixed(2)} s; sandbox world of ${orders} orders per seller`,
      },
    ];
  } finally {
    client.close();
    await sandbox.close();
  }
}

if (require.main === module) runStandalone(measure);
