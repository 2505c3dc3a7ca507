/**
 * Mechanical actions over the sandbox: ids and visibility, allPages/maxItems, lists split above Amazon's per-call
 * maximum and merged, lists that cannot be split refused as LIST_LIMIT_EXCEEDED by the runtime's schema check, raw
 * documents, and drift (unknown elements and enum values) passing through to a valid output.
 */
import { actions, getAction } from '../../src/actions';
import { OPERATION_DESCRIPTIONS } from '../../src/actions/descriptions';
import { titleOf } from '../../src/actions/mechanical';
import { offersAllPages } from '../../src/actions/schemas/input';
import { actionIdOf, operations } from '../../src/mws/catalog';
import { MwsConnectorError } from '../../src/mws/errors';
import { SchemaSet } from '../../src/runtime/schemas';
import { DRIFT_ENUM_VALUES } from '../../src/sandbox/faults';
import { ROOT, validatorFor } from '../schemas/helpers';
import { contextFor, okCalls, startWorld, US, type World } from './support';

let world: World;

beforeAll(async () => {
  world = await startWorld({ orders: 300 });
});
afterAll(async () => {
  await world.close();
});

const createdAfter = '2025-01-01T00:00:00Z';

describe('the registry', () => {
  it('has one action per operation, named lowerCamel(section).Operation, and marks advanced and deprecated ones', () => {
    for (const op of operations) {
      const action = getAction(actionIdOf(op));
      expect(action.operation).toBe(op.id);
      const expected = op.name === 'GetReportScheduleListByNextToken' ? 'deprecated' : op.name.endsWith('ByNextToken') || op.name === 'GetServiceStatus' ? 'advanced' : 'normal';
      expect([op.id, action.visibility]).toEqual([op.id, expected]);
    }
    expect(actions.size).toBe(operations.length + 3);
    expect(Object.keys(OPERATION_DESCRIPTIONS).sort()).toEqual(operations.map((op) => op.id).sort());
    expect(() => getAction('orders.listOrders')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ACTION' }));
    expect(titleOf('ListOrderItemsByNextToken')).toBe('List order items by next token');
    expect(titleOf('GetFBAOutboundShipmentDetail')).toBe('Get FBA outbound shipment detail');
  });
});

describe('paging', () => {
  const listOrders = getAction('orders.ListOrders');

  it('allPages concatenates every page and drops the NextToken', async () => {
    const ctx = contextFor(world);
    const pages: unknown[] = [];
    for await (const page of world.client.paginate('Orders.ListOrders', { CreatedAfter: createdAfter, MaxResultsPerPage: 40 })) pages.push(...page.result.Orders);
    expect(pages.length).toBeGreaterThan(80);
    const out = (await listOrders.run({ CreatedAfter: createdAfter, MaxResultsPerPage: 40, allPages: true }, ctx)) as Record<string, unknown>;
    expect(out.Orders).toEqual(pages);
    expect(out.NextToken).toBeUndefined();
    expect(ctx.events.filter((e) => e.stage === 'page').length).toBe(Math.ceil(pages.length / 40));
    expect(validatorFor('schemas/actions/orders.ListOrders.output.json')(out)).toBe(true);
  });

  it('maxItems stops fetching pages once enough items arrived', async () => {
    const before = okCalls(world, 'Orders.ListOrdersByNextToken');
    const out = (await listOrders.run({ CreatedAfter: createdAfter, MaxResultsPerPage: 20, allPages: true, maxItems: 30 }, contextFor(world))) as Record<string, unknown>;
    expect((out.Orders as unknown[]).length).toBe(30);
    expect(okCalls(world, 'Orders.ListOrdersByNextToken') - before).toBe(1);
  });

  it('offers allPages on listings with a callable partner only', () => {
    const offered = operations.filter(offersAllPages).map((op) => op.id);
    expect(offered).toContain('Reports.GetReportList');
    expect(offered).toContain('Orders.ListOrders');
    expect(offered).not.toContain('Reports.GetReportScheduleList');
    expect(offered).not.toContain('Orders.ListOrdersByNextToken');
  });

  it('refuses maxItems without allPages, naming the missing field', () => {
    expect(validatorFor('schemas/actions/orders.ListOrders.input.json')({ CreatedAfter: createdAfter, maxItems: 5 })).toBe(false);
    expect(validatorFor('schemas/actions/orders.ListOrders.input.json')({ CreatedAfter: createdAfter, maxItems: 5, allPages: true })).toBe(true);
  });

  it('without allPages returns one page with its NextToken', async () => {
    const out = (await listOrders.run({ CreatedAfter: createdAfter, MaxResultsPerPage: 20 }, contextFor(world))) as Record<string, unknown>;
    expect((out.Orders as unknown[]).length).toBe(20);
    expect(typeof out.NextToken).toBe('string');
  });
});

describe('list limits', () => {
  it('splits GetOrder above 50 AmazonOrderIds (100) into two calls and merges the orders', async () => {
    const listed = (await getAction('orders.ListOrders').run({ CreatedAfter: createdAfter, allPages: true, maxItems: 100 }, contextFor(world))) as { Orders: Array<{ AmazonOrderId: string }> };
    const ids = listed.Orders.map((o) => o.AmazonOrderId).slice(0, 100);
    expect(ids).toHaveLength(100);
    const before = okCalls(world, 'Orders.GetOrder');
    const ctx = contextFor(world);
    const out = (await getAction('orders.GetOrder').run({ AmazonOrderId: ids }, ctx)) as { Orders: Array<{ AmazonOrderId: string }> };
    expect(okCalls(world, 'Orders.GetOrder') - before).toBe(2);
    expect(out.Orders.map((o) => o.AmazonOrderId).sort()).toEqual([...ids].sort());
    expect(ctx.events.map((e) => e.stage)).toEqual(['call', 'call']);
  });

  it('splits a Products batch (GetMyPriceForSKU, 20 per call) and concatenates the per-item results', async () => {
    const skus = Array.from({ length: 45 }, (_, i) => `SBX-${String(i + 1).padStart(4, '0')}`);
    const before = okCalls(world, 'Products.GetMyPriceForSKU');
    const out = (await getAction('products.GetMyPriceForSKU').run({ MarketplaceId: US, SellerSKUList: skus }, contextFor(world))) as Array<{ SellerSKU: string }>;
    expect(okCalls(world, 'Products.GetMyPriceForSKU') - before).toBe(3);
    expect(out.map((r) => r.SellerSKU)).toEqual(skus);
  });

  it('refuses a list that cannot be split (ListOrders MarketplaceId) as LIST_LIMIT_EXCEEDED naming the limit', () => {
    const schemas = new SchemaSet(ROOT);
    const input = { CreatedAfter: createdAfter, MarketplaceId: Array.from({ length: 51 }, () => US) };
    let error: unknown;
    try {
      schemas.check('schemas/actions/orders.ListOrders.input.json', input, { code: 'INPUT_INVALID', what: 'Input of orders.ListOrders' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error).toMatchObject({ code: 'LIST_LIMIT_EXCEEDED', details: [{ field: '/MarketplaceId', message: 'must NOT have more than 50 items' }] });
    // The same input split would have been accepted for a splittable list:
    expect(() => schemas.check('schemas/actions/orders.GetOrder.input.json', { AmazonOrderId: Array.from({ length: 51 }, () => '902-3159896-1390916') }, { code: 'INPUT_INVALID', what: 'x' })).not.toThrow();
  });
});

describe('responses', () => {
  it('keeps unknown elements and enum values from a drifting response, and the output still validates', async () => {
    world.sandbox.control.armFault({ operation: 'Orders.ListOrders', phase: 'after-commit', kind: 'drift' });
    const out = (await getAction('orders.ListOrders').run({ CreatedAfter: createdAfter, MaxResultsPerPage: 5 }, contextFor(world))) as Record<string, unknown>;
    expect(out.SandboxDriftElement).toEqual({ Note: 'unknown to the catalog' });
    const unknownValues = Object.values(DRIFT_ENUM_VALUES);
    expect(JSON.stringify(out.Orders)).toMatch(new RegExp(unknownValues.join('|')));
    expect(validatorFor('schemas/actions/orders.ListOrders.output.json')(out)).toBe(true);
  });

  it('returns raw documents as { document }', async () => {
    const requested = await world.client.call('Reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
    world.sandbox.control.advance(10 * 60_000);
    const info = await world.client.call('Reports.GetReportRequestList', { ReportRequestIdList: [requested.result.ReportRequestInfo.ReportRequestId] });
    const out = (await getAction('reports.GetReport').run({ ReportId: info.result.ReportRequestInfo[0].GeneratedReportId }, contextFor(world))) as { document: string };
    expect(out.document.split('\n')[0]).toContain('seller-sku');
    expect(validatorFor('schemas/actions/reports.GetReport.output.json')(out)).toBe(true);
  });
});

describe('cross-field rules', () => {
  it('a rule the schema leaves to validateParams is refused before anything is sent, with the catalog message', async () => {
    const before = world.sandbox.control.counters().total;
    const error = await getAction('orders.ListOrders').run({ CreatedAfter: createdAfter, LastUpdatedAfter: createdAfter }, contextFor(world)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INPUT_INVALID', details: [{ field: 'LastUpdatedAfter', message: 'exactly one of CreatedAfter / LastUpdatedAfter is required' }] });
    expect(world.sandbox.control.counters().total).toBe(before);
  });
});
