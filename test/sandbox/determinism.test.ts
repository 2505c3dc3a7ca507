/**
 * Same seed, same answers: two sandboxes with the same seed and start instant, on frozen clocks, answer the same
 * sequence of requests byte for byte (request ids included: they are derived from the seed); another seed gives
 * another world.
 */
import { startSandbox } from '../../src/sandbox';
import { callMws, ORDERS, PRODUCTS, REPORTS, SELLERS, type MwsCall } from './support/signed-request';

const START = Date.UTC(2026, 6, 1, 9, 30);
const US = 'ATVPDKIKX0DER';
const timestamp = new Date(START).toISOString();

const CALLS: MwsCall[] = [
  { ...ORDERS, action: 'ListOrders', params: { 'MarketplaceId.Id.1': US, CreatedAfter: new Date(START - 20 * 86_400_000).toISOString(), MaxResultsPerPage: '5' } },
  { ...SELLERS, action: 'ListMarketplaceParticipations' },
  { ...PRODUCTS, action: 'GetServiceStatus' },
  { ...REPORTS, action: 'GetReportList' },
  { ...REPORTS, action: 'RequestReport', params: { ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_' } },
  { ...REPORTS, action: 'GetReportRequestList' },
];

async function transcript(seed: number): Promise<string[]> {
  const sandbox = await startSandbox({ seed, orders: 60, timeScale: 0, now: START });
  try {
    const bodies: string[] = [];
    for (const call of CALLS) {
      const reply = await callMws(sandbox.url, { ...call, timestamp });
      expect({ action: call.action, status: reply.status }).toEqual({ action: call.action, status: 200 });
      bodies.push(reply.body);
    }
    // ListOrderItems of the first order listed.
    const orderId = /<AmazonOrderId>([^<]+)<\/AmazonOrderId>/.exec(bodies[0] as string)?.[1];
    expect(orderId).toBeDefined();
    bodies.push((await callMws(sandbox.url, { ...ORDERS, action: 'ListOrderItems', params: { AmazonOrderId: orderId as string }, timestamp })).body);
    return bodies;
  } finally {
    await sandbox.close();
  }
}

test('the same seed gives byte-identical answers; another seed another world', async () => {
  const first = await transcript(424242);
  const second = await transcript(424242);
  expect(second).toEqual(first);
  const other = await transcript(7);
  expect(other[0]).not.toEqual(first[0]);
  expect(other[0]?.replace(/<RequestId>[^<]+/, '')).not.toEqual(first[0]?.replace(/<RequestId>[^<]+/, ''));
}, 30_000);
