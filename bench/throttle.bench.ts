/**
 * Benchmark: how close the client's throttle gets to MWS's quota without being throttled (issue 3).
 * Runs bursts of calls against the embedded sandbox with a shared timeScale (sandbox and client clocks both
 * sped up) and reports wall time against the ideal the quota allows, plus the sandbox's RequestThrottled count
 * (the goal: 0, with efficiency close to 100 %).
 * Run: npx ts-node --transpile-only bench/throttle.bench.ts [marginMs ...]   (default: 0 and 10)
 */
import { startSandbox } from '../src/sandbox';
import { type Figure, sandboxClient } from './support';

interface Scenario {
  name: string;
  operation: string;
  params: Record<string, unknown>;
  calls: number;
  /** Quota-ideal duration in MWS seconds: (cost beyond the burst) × restore interval. */
  idealSeconds: number;
  /** Chosen so the ideal is a few wall seconds. */
  timeScale: number;
}

const SCENARIOS: Scenario[] = [
  // 60 calls: 6 at once, then one per 60 s restore.
  { name: 'ListOrders ×60', operation: 'Orders.ListOrders', params: { CreatedAfter: '2015-01-01T00:00:00Z', MaxResultsPerPage: 1 }, calls: 60, idealSeconds: 54 * 60, timeScale: 600 },
  // 40 calls × 5 ids = 200 items: 20 at once, then 5 items per second.
  { name: 'GetMatchingProductForId ×40 (5 ids)', operation: 'Products.GetMatchingProductForId', params: { IdType: 'ASIN', IdList: ['B00000000A', 'B00000000B', 'B00000000C', 'B00000000D', 'B00000000E'] }, calls: 40, idealSeconds: 180 * 0.2, timeScale: 10 },
  // 120 calls: 30 at once, then two per second.
  { name: 'ListInventorySupply ×120', operation: 'FulfillmentInventory.ListInventorySupply', params: { QueryStartDateTime: '2015-01-01T00:00:00Z' }, calls: 120, idealSeconds: 90 * 0.5, timeScale: 10 },
];

export interface ThrottleResult {
  scenario: string;
  timeScale: number;
  marginMs: number;
  wallSeconds: number;
  idealSeconds: number;
  throttled: number;
  ok: number;
  failed: number;
}

/** `marginMs`: the client's throttleMarginMs (real ms of slack per token wait). */
export async function measure(marginMs = 0): Promise<ThrottleResult[]> {
  const out: ThrottleResult[] = [];
  for (const scenario of SCENARIOS) {
    const { timeScale } = scenario;
    const sandbox = await startSandbox({ timeScale, orders: 10 });
    const client = sandboxClient(sandbox, { throttleMarginMs: marginMs }, timeScale);
    // Warm-up on another bucket: connection, JIT and the sandbox's lazily built world are not what is measured.
    await client.call('Orders.GetServiceStatus');
    await client.call('Orders.GetServiceStatus');
    sandbox.control.resetCounters();
    const started = process.hrtime.bigint();
    const results = await Promise.allSettled(Array.from({ length: scenario.calls }, () => client.call(scenario.operation, scenario.params)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const counters = sandbox.control.counters();
    client.close();
    await sandbox.close();
    out.push({
      scenario: scenario.name,
      timeScale,
      marginMs,
      wallSeconds: seconds,
      idealSeconds: scenario.idealSeconds / timeScale,
      throttled: counters.byOutcome.throttled ?? 0,
      ok: counters.byOutcome.ok ?? 0,
      failed: results.filter((r) => r.status === 'rejected').length,
    });
  }
  return out;
}

/** The figures run.ts prints: wall time against the quota ideal (ratio ≈ 1.0) and RequestThrottled (goal 0). */
export async function figures(marginMs = 0): Promise<Figure[]> {
  return (await measure(marginMs)).flatMap((r) => [
    {
      name: `throttle ${r.scenario} (timeScale ${r.timeScale}, margin ${r.marginMs} ms) wall time`,
      value: r.wallSeconds,
      unit: 's',
      versus: { kind: 'baseline' as const, value: r.idealSeconds, label: 'quota ideal', better: 'lower' as const },
      note: `ok ${r.ok}, failed calls ${r.failed}`,
    },
    {
      name: `throttle ${r.scenario} RequestThrottled answers`,
      value: r.throttled,
      unit: 'responses',
      versus: { kind: 'goal' as const, value: 0, label: 'goal', better: 'lower' as const },
    },
  ]);
}

export async function run(marginMs = 0): Promise<string[]> {
  return (await measure(marginMs)).map(
    (r) =>
      `${r.scenario} at timeScale ${r.timeScale}, margin ${r.marginMs} ms: ${r.wallSeconds.toFixed(2)} s wall (quota ideal ${r.idealSeconds.toFixed(2)} s, ` +
      `efficiency ${((100 * r.idealSeconds) / r.wallSeconds).toFixed(0)} %), RequestThrottled ${r.throttled}, ok ${r.ok}, failed calls ${r.failed}`,
  );
}

async function main(): Promise<void> {
  const margins = process.argv.slice(2).map(Number).filter((n) => n >= 0);
  for (const margin of margins.length > 0 ? margins : [0, 10]) {
    process.stdout.write(`${(await run(margin)).join('\n')}\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}
