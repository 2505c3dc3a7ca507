/**
 * Every mechanical action's example input (examples[0] of its input schema, as `actions describe` shows it)
 * invoked through the reference runtime against the default sandbox world, over loopback HTTP. Calls that need
 * what another made (a registered destination, a cancelled label) run in the order a user would make them;
 * each …ByNextToken action gets a real NextToken from its first-page action. A failure names the action and
 * the MWS error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_IDS } from '../../src/mws/catalog/example-ids';
import { MwsConnectorError } from '../../src/mws/errors';
import { createConnector, packageRoot } from '../../src/runtime';
import { MemoryCheckpointStore } from '../../src/runtime/checkpoints';
import type { Connector } from '../../src/runtime/types';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { BIG_ORDER_EVERY } from '../../src/sandbox/state/orders';

const ROOT = packageRoot();
const START = Date.UTC(2026, 2, 2, 9, 0, 0);
/** Enough orders for one with more items than a ListOrderItems page (every BIG_ORDER_EVERY-th order). */
const ORDERS = BIG_ORDER_EVERY + 1;

/** Composite actions have their own tests. */
const COMPOSITE = new Set(['reports.fetchReport', 'feeds.submitFeedAndWait', 'orders.syncOrders']);
/** MWS never served it; its action is deprecated, so it is not among the mechanical actions run here. */
const NEVER_SERVED = 'reports.GetReportScheduleListByNextToken';

/** Sandbox time an inbound transport takes to settle (ESTIMATING → ESTIMATED, CONFIRMING → CONFIRMED). */
const TRANSPORT_SETTLES_MS = 60_000;
const WAIT = `wait ${TRANSPORT_SETTLES_MS} ms`;

/** Calls that need what the one before made or removed, in the order a user makes them (WAIT: sandbox time passes). */
const SEQUENCES: string[][] = [
  [
    'subscriptions.RegisterDestination', 'subscriptions.SendTestNotificationToDestination', 'subscriptions.CreateSubscription',
    'subscriptions.GetSubscription', 'subscriptions.UpdateSubscription', 'subscriptions.DeleteSubscription', 'subscriptions.DeregisterDestination',
  ],
  // The example label is refunded before the example order gets one of its own.
  ['merchantFulfillment.GetShipment', 'merchantFulfillment.CancelShipment', 'merchantFulfillment.CreateShipment'],
  [
    'shipmentInvoicing.GetFBAOutboundShipmentDetail', 'shipmentInvoicing.SubmitFBAOutboundShipmentInvoice',
    'shipmentInvoicing.GetFBAOutboundShipmentInvoiceStatus',
  ],
  [
    'fulfillmentInboundShipment.CreateInboundShipmentPlan', 'fulfillmentInboundShipment.CreateInboundShipment',
    'fulfillmentInboundShipment.UpdateInboundShipment', 'fulfillmentInboundShipment.GetPreorderInfo', 'fulfillmentInboundShipment.ConfirmPreorder',
    'fulfillmentInboundShipment.GetPackageLabels', 'fulfillmentInboundShipment.GetUniquePackageLabels', 'fulfillmentInboundShipment.GetPalletLabels',
    'fulfillmentInboundShipment.ListInboundShipmentItems', 'fulfillmentInboundShipment.PutTransportContent',
    'fulfillmentInboundShipment.EstimateTransportRequest', WAIT, 'fulfillmentInboundShipment.GetTransportContent',
    'fulfillmentInboundShipment.ConfirmTransportRequest', WAIT, 'fulfillmentInboundShipment.VoidTransportRequest',
    'fulfillmentInboundShipment.GetBillOfLading',
  ],
  ['easyShip.ListPickupSlots', 'easyShip.CreateScheduledPackage', 'easyShip.GetScheduledPackage', 'easyShip.UpdateScheduledPackages'],
  [
    'fulfillmentOutboundShipment.CreateFulfillmentOrder', 'fulfillmentOutboundShipment.GetFulfillmentOrder',
    'fulfillmentOutboundShipment.UpdateFulfillmentOrder', 'fulfillmentOutboundShipment.CancelFulfillmentOrder',
  ],
];

/** EasyShip serves only Amazon.in: its examples run as the sandbox's India seller. */
const INDIA_SELLER = SANDBOX_CREDENTIALS.find((c) => c.sellerId === 'A2SANDBOXSELLERIN')!;

interface ManifestEntry {
  id: string;
  operation?: string;
  input: string;
  visibility?: string;
}

let sandbox: RunningSandbox;
let connector: Connector;
let home: string;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'connector.json'), 'utf8')) as { actions: ManifestEntry[] };
const example = (entry: ManifestEntry): Record<string, unknown> =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, entry.input), 'utf8')) as { examples?: Array<Record<string, unknown>> }).examples?.[0] ?? {};

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 1, orders: ORDERS, timeScale: 0, now: START });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'mws-examples-'));
  const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
  // Time is the sandbox's: a throttle wait advances it instead of sleeping.
  const clock = { now: () => sandbox.clock.now(), sleep: async (ms: number) => void sandbox.clock.advance(ms) };
  connector = createConnector({ source: ROOT, home, logger: silent, clock, store: new MemoryCheckpointStore(), handleSigterm: false });
});
afterAll(async () => {
  await connector.dispose();
  await sandbox.close();
  fs.rmSync(home, { recursive: true, force: true });
});

function configFor(actionId: string): Record<string, unknown> {
  const india = actionId.startsWith('easyShip.');
  const seller = india ? INDIA_SELLER : sandbox.credentials[0]!;
  return { ...seller, marketplaceIds: [india ? EXAMPLE_IDS.easyShipMarketplaceId : 'ATVPDKIKX0DER'], endpoint: sandbox.url };
}

/** Runs an action; a failure comes back as "<action>: <code> <MWS error> <message>". */
async function run(actionId: string, input: Record<string, unknown>): Promise<{ output?: Record<string, unknown>; failure?: string }> {
  try {
    const result = await connector.invoke<Record<string, unknown>>(actionId, configFor(actionId), input);
    return { output: result.output };
  } catch (err) {
    const e = err as MwsConnectorError;
    return { failure: `${actionId}: ${e.code} ${e.mwsCode ?? ''} ${e.message}` };
  }
}

const mechanical = manifest.actions.filter((a) => a.operation !== undefined && a.visibility !== 'deprecated' && !COMPOSITE.has(a.id));
const byNextToken = mechanical.filter((a) => a.id.endsWith('ByNextToken'));

it('covers every mechanical action', () => {
  expect(mechanical.length).toBeGreaterThan(100);
  const sequenced = SEQUENCES.flat().filter((step) => step !== WAIT);
  expect(sequenced.filter((id) => !mechanical.some((a) => a.id === id))).toEqual([]);
  expect(manifest.actions.find((a) => a.id === NEVER_SERVED)?.visibility).toBe('deprecated');
  expect(byNextToken.some((a) => a.id === NEVER_SERVED)).toBe(false);
});

it("every action's example input succeeds against the sandbox", async () => {
  const sequenced = SEQUENCES.flat();
  const order = [...SEQUENCES.flat(), ...mechanical.map((a) => a.id).filter((id) => !sequenced.includes(id) && !id.endsWith('ByNextToken'))];
  const failures: string[] = [];
  for (const id of order) {
    if (id === WAIT) {
      sandbox.clock.advance(TRANSPORT_SETTLES_MS);
      continue;
    }
    const entry = mechanical.find((a) => a.id === id)!;
    const { failure } = await run(id, example(entry));
    if (failure) failures.push(failure);
  }
  expect(failures).toEqual([]);
});

/** First-page inputs small enough (or over data large enough) that the answer carries a NextToken. */
function firstPages(): Record<string, [string, Record<string, unknown>]> {
  const bigOrder = sandbox.state.orders.byIndex(sandbox.credentials[0]!.sellerId, BIG_ORDER_EVERY - 1)!;
  const since = new Date(START - 80 * 86_400_000).toISOString();
  return {
    'feeds.GetFeedSubmissionListByNextToken': ['feeds.GetFeedSubmissionList', { MaxCount: 1 }],
    'reports.GetReportRequestListByNextToken': ['reports.GetReportRequestList', { MaxCount: 1 }],
    'reports.GetReportListByNextToken': ['reports.GetReportList', { MaxCount: 1 }],
    'orders.ListOrdersByNextToken': ['orders.ListOrders', { CreatedAfter: since, MaxResultsPerPage: 1 }],
    'orders.ListOrderItemsByNextToken': ['orders.ListOrderItems', { AmazonOrderId: bigOrder.amazonOrderId }],
    'sellers.ListMarketplaceParticipationsByNextToken': ['sellers.ListMarketplaceParticipations', {}],
    'fulfillmentInventory.ListInventorySupplyByNextToken': ['fulfillmentInventory.ListInventorySupply', { QueryStartDateTime: since }],
    'fulfillmentInboundShipment.ListInboundShipmentsByNextToken': [
      'fulfillmentInboundShipment.ListInboundShipments',
      { ShipmentStatusList: ['WORKING', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'CHECKED_IN', 'RECEIVING', 'CLOSED', 'CANCELLED', 'DELETED', 'ERROR'] },
    ],
    'fulfillmentInboundShipment.ListInboundShipmentItemsByNextToken': ['fulfillmentInboundShipment.ListInboundShipmentItems', { LastUpdatedAfter: since, LastUpdatedBefore: new Date(START).toISOString() }],
    'fulfillmentOutboundShipment.ListAllFulfillmentOrdersByNextToken': ['fulfillmentOutboundShipment.ListAllFulfillmentOrders', { QueryStartDateTime: since }],
    'finances.ListFinancialEventGroupsByNextToken': ['finances.ListFinancialEventGroups', { FinancialEventGroupStartedAfter: since, MaxResultsPerPage: 1 }],
    'finances.ListFinancialEventsByNextToken': ['finances.ListFinancialEvents', { PostedAfter: since, MaxResultsPerPage: 1 }],
    'recommendations.ListRecommendationsByNextToken': ['recommendations.ListRecommendations', {}],
  };
}

it('every …ByNextToken example runs with the NextToken of its first page', async () => {
  const pages = firstPages();
  expect(byNextToken.map((a) => a.id).filter((id) => pages[id] === undefined)).toEqual([]);
  // Two feed submissions and two report requests, so a one-per-page list has a next page.
  const failures: string[] = [];
  for (const id of ['feeds.SubmitFeed', 'feeds.SubmitFeed', 'reports.RequestReport', 'reports.RequestReport']) {
    const { failure } = await run(id, example(mechanical.find((a) => a.id === id)!));
    if (failure) failures.push(failure);
  }
  for (const entry of byNextToken) {
    expect([entry.id, example(entry).NextToken]).toEqual([entry.id, expect.stringMatching(/^Placeholder: the NextToken returned with the previous page/)]);
    const [first, input] = pages[entry.id]!;
    const page = await run(first, input);
    const token = page.output?.NextToken;
    if (typeof token !== 'string') {
      failures.push(page.failure ?? `${first}: answered without a NextToken`);
      continue;
    }
    const next = await run(entry.id, { ...example(entry), NextToken: token });
    if (next.failure) failures.push(next.failure);
  }
  expect(failures).toEqual([]);
});

it('every seller has the example entities, in each of its marketplaces where they are per marketplace', () => {
  sandbox.control.reset(); // the examples above used some up (a proposed plan, a label)
  const { state } = sandbox;
  const missing: string[] = [];
  const check = (what: string, ok: boolean): void => {
    if (!ok) missing.push(what);
  };
  for (const sellerId of state.sellerIds()) {
    const order = state.orders.get(sellerId, EXAMPLE_IDS.amazonOrderId);
    check(`${sellerId} example order`, order?.fulfillmentChannel === 'MFN' && order.orderStatus === 'Unshipped' && order.items[0]?.orderItemId === EXAMPLE_IDS.orderItemId);
    const fba = state.orders.get(sellerId, EXAMPLE_IDS.fbaOrderId);
    check(`${sellerId} example FBA order`, fba?.fulfillmentChannel === 'AFN' && fba.orderStatus === 'Shipped');
    for (const marketplaceId of state.sellerMarketplaces(sellerId)) {
      const listing = state.listings.get(sellerId, EXAMPLE_IDS.sellerSku, marketplaceId);
      check(`${sellerId} ${marketplaceId} example listing`, listing?.asin === EXAMPLE_IDS.asin && listing.fulfillmentChannel === 'AFN');
    }
    const records = state.records;
    check(`${sellerId} inbound ${EXAMPLE_IDS.inboundShipmentId}`, records.inboundShipments[`${sellerId}|${EXAMPLE_IDS.inboundShipmentId}`] !== undefined);
    check(`${sellerId} inbound ${EXAMPLE_IDS.ltlShipmentId}`, records.inboundShipments[`${sellerId}|${EXAMPLE_IDS.ltlShipmentId}`]?.transport?.shipmentType === 'LTL');
    check(`${sellerId} plan ${EXAMPLE_IDS.plannedShipmentId}`, records.inboundPlans[`${sellerId}|${EXAMPLE_IDS.plannedShipmentId}`] !== undefined);
    check(`${sellerId} fulfillment order`, records.fulfillmentOrders[`${sellerId}|${EXAMPLE_IDS.sellerFulfillmentOrderId}`] !== undefined);
    check(`${sellerId} label`, records.mfnShipments[`${sellerId}|${EXAMPLE_IDS.mfnShipmentId}`] !== undefined);
  }
  expect(state.sellerIds().length).toBe(SANDBOX_CREDENTIALS.length);
  expect(missing).toEqual([]);
});
