/**
 * Finances (2015-05-01). Event groups are 14-day settlement periods from the start of the order history
 * (Open while the period runs, Closed after); their totals are seeded figures. Events are real: a
 * ShipmentEvent for every order shipped in the window (posted when it shipped), plus seeded account-level
 * events per period (service fees, ads payments, deals; India's affordability and TDS events).
 * Pages hold MaxResultsPerPage shipment events (default 100).
 */
import { issueNextToken } from '../nexttoken';
import { formatMoney, marketplaceById, type OrderRecord, type SandboxState } from '../state';
import { ORDER_HISTORY_MS } from '../state/orders';
import { Random } from '../state/random';
import type { OperationHandler } from '../types';
import { dateParam, element, intParam, invalid, isoSeconds, readCursor, requireParam, result, text } from './wire';

export const SETTLEMENT_PERIOD_MS = 14 * 86_400_000;
/** Longest time from purchase to shipment in the seeded timeline (4 h + 4 days) plus slack. */
const MAX_SHIP_DELAY_MS = 5 * 86_400_000;

interface GroupsCursor { op: 'ListFinancialEventGroups'; seller: string; after: number; before: number; pageSize: number; next: number }
interface EventsCursor { op: 'ListFinancialEvents'; seller: string; after: number; before: number; order?: string; pageSize: number; next: number }

interface Period { index: number; start: number; end: number }

export function financesHandlers(state: SandboxState): Record<string, OperationHandler> {
  const periodsBetween = (after: number, before: number): Period[] => {
    const origin = state.epoch - ORDER_HISTORY_MS;
    const out: Period[] = [];
    for (let i = Math.max(0, Math.floor((after - origin) / SETTLEMENT_PERIOD_MS)); origin + i * SETTLEMENT_PERIOD_MS < before; i++) {
      out.push({ index: i, start: origin + i * SETTLEMENT_PERIOD_MS, end: origin + (i + 1) * SETTLEMENT_PERIOD_MS });
    }
    return out;
  };
  const groupId = (sellerId: string, p: Period) => `SBXFEG${Random.for(state.seed, 'fin-group', sellerId, p.index).chars(20)}`;
  const currencyOf = (sellerId: string) => marketplaceById(state.sellerMarketplaces(sellerId)[0] ?? '')?.currency ?? 'USD';

  const renderGroup = (sellerId: string, p: Period, now: number) => {
    const rnd = Random.for(state.seed, 'fin-group-total', sellerId, p.index);
    const currency = currencyOf(sellerId);
    const total = formatMoney(rnd.int(50_000, 5_000_000));
    const closed = p.end <= now;
    const amount = (name: string, value: string) => element(name, [text('CurrencyCode', currency), text('CurrencyAmount', value)]);
    return element('FinancialEventGroup', [
      text('FinancialEventGroupId', groupId(sellerId, p)),
      text('ProcessingStatus', closed ? 'Closed' : 'Open'),
      closed ? text('FundTransferStatus', 'Successful') : '',
      amount('OriginalTotal', total),
      closed ? amount('ConvertedTotal', total) : '',
      closed ? text('FundTransferDate', isoSeconds(p.end + 2 * 86_400_000)) : '',
      closed ? text('TraceId', `SBXTRACE${rnd.digits(12)}`) : '',
      closed ? text('AccountTail', '1212') : '',
      amount('BeginningBalance', '0.00'),
      text('FinancialEventGroupStart', isoSeconds(p.start)),
      closed ? text('FinancialEventGroupEnd', isoSeconds(p.end)) : '',
    ]);
  };

  const groupsPage = (operation: string, c: GroupsCursor, now: number) => {
    const periods = periodsBetween(c.after, Math.min(c.before, now)).filter((p) => p.start < now);
    const slice = periods.slice(c.next, c.next + c.pageSize);
    const more = c.next + c.pageSize < periods.length;
    return result(operation, [
      more ? text('NextToken', issueNextToken({ ...c, next: c.next + c.pageSize }, now)) : '',
      element('FinancialEventGroupList', slice.map((p) => renderGroup(c.seller, p, now))),
    ]);
  };

  const shipmentEvent = (o: OrderRecord) => {
    const m = marketplaceById(o.marketplaceId);
    const amount = (name: string, value: string) => element(name, [text('CurrencyCode', o.orderTotal.currency), text('CurrencyAmount', value)]);
    return element('ShipmentEvent', [
      text('AmazonOrderId', o.amazonOrderId),
      text('SellerOrderId', o.sellerOrderId),
      text('MarketplaceName', m?.name ?? o.salesChannel),
      text('PostedDate', o.lastUpdateDate),
      element('ShipmentItemList', o.items.map((item) => {
        const cents = Math.round(Number(item.itemPrice) * 100);
        return element('ShipmentItem', [
          text('SellerSKU', item.sku),
          text('OrderItemId', item.orderItemId),
          text('QuantityShipped', item.quantityShipped),
          element('ItemChargeList', [
            element('ChargeComponent', [text('ChargeType', 'Principal'), amount('ChargeAmount', item.itemPrice)]),
            element('ChargeComponent', [text('ChargeType', 'Tax'), amount('ChargeAmount', item.itemTax)]),
          ]),
          element('ItemFeeList', [
            element('FeeComponent', [text('FeeType', 'Commission'), amount('FeeAmount', formatMoney(-Math.round(cents * 0.15)))]),
            element('FeeComponent', [text('FeeType', o.fulfillmentChannel === 'AFN' ? 'FBAPerUnitFulfillmentFee' : 'ShippingChargeback'), amount('FeeAmount', formatMoney(o.fulfillmentChannel === 'AFN' ? -Math.round(cents * 0.1) : 0))]),
          ]),
        ]);
      })),
    ]);
  };

  /** Seeded account-level events of the periods overlapping the window (first page only). */
  const accountEvents = (sellerId: string, after: number, before: number) => {
    const currency = currencyOf(sellerId);
    const amount = (name: string, value: string) => element(name, [text('CurrencyCode', currency), text('CurrencyAmount', value)]);
    const india = state.sellerMarketplaces(sellerId).includes('A21TJRUUN4KGV');
    const lists: Record<string, string[]> = {};
    const add = (list: string, xml: string) => (lists[list] ??= []).push(xml);
    for (const p of periodsBetween(after, before)) {
      const posted = p.start + 86_400_000;
      if (posted < after || posted >= before) continue;
      const rnd = Random.for(state.seed, 'fin-account', sellerId, p.index);
      add('ServiceFeeEventList', element('ServiceFeeEvent', [text('FeeReason', 'Subscription'), element('FeeList', element('FeeComponent', [text('FeeType', 'Subscription'), amount('FeeAmount', '-39.99')])), text('FeeDescription', 'Professional selling plan')]));
      add('ProductAdsPaymentEventList', element('ProductAdsPaymentEvent', [text('postedDate', isoSeconds(posted)), text('transactionType', 'Charge'), text('invoiceId', `SBXADS${rnd.digits(6)}`), amount('baseValue', '100.00'), amount('taxValue', '19.00'), amount('transactionValue', '119.00')]));
      add('SellerDealPaymentEventList', element('SellerDealPaymentEvent', [text('PostedDate', isoSeconds(posted)), text('DealDescription', 'Lightning deal'), text('DealId', `sbxdeal${rnd.digits(10)}`), text('EventType', 'SellerDealComplete'), text('FeeType', 'RunLightningDealFee'), amount('FeeAmount', '16.38'), amount('TaxAmount', '3.18')]));
      if (india) {
        const order = `${rnd.digits(3)}-${rnd.digits(7)}-${rnd.digits(7)}`;
        const expense = (sign: string) => [text('PostedDate', isoSeconds(posted)), text('TransactionType', sign === '-' ? 'Charge' : 'Refund'), text('AmazonOrderId', order), amount('BaseExpense', `${sign}100.00`), amount('TotalExpense', `${sign}118.00`), amount('TaxTypeIGST', `${sign}18.00`), amount('TaxTypeCGST', '0.00'), amount('TaxTypeSGST', '0.00'), text('MarketplaceId', 'A21TJRUUN4KGV')];
        add('AffordabilityExpenseEventList', element('AffordabilityExpenseEvent', expense('-')));
        add('AffordabilityExpenseReversalEventList', element('AffordabilityExpenseReversalEvent', expense('')));
        add('TDSReimbursementEventList', element('TDSReimbursementEvent', [text('PostedDate', isoSeconds(posted)), text('TdsOrderId', `TDS-${rnd.digits(4)}`), amount('ReimbursedAmount', '3.98')]));
      }
    }
    return lists;
  };

  const eventsPage = (operation: string, c: EventsCursor, now: number) => {
    const before = Math.min(c.before, now);
    let orders: OrderRecord[] = [];
    let more = false;
    let next = 0;
    if (c.order !== undefined) {
      const o = state.orders.get(c.seller, c.order);
      if (o && (o.orderStatus === 'Shipped' || o.orderStatus === 'PartiallyShipped')) orders = [o];
    } else {
      const page = state.orders.find(c.seller, { createdAfter: c.after - MAX_SHIP_DELAY_MS, createdBefore: before }, c.next, c.pageSize, now, (i) => {
        const s = state.orders.statusOf(c.seller, i, now);
        return s !== undefined && s.status === 'Shipped' && s.lastUpdate >= c.after && s.lastUpdate < before;
      });
      orders = page.indexes.map((i) => state.orders.byIndex(c.seller, i)).filter((o): o is OrderRecord => o !== undefined);
      more = page.more;
      next = page.indexes.length > 0 ? page.indexes[page.indexes.length - 1] + 1 : c.next;
    }
    const account = c.next === 0 && c.order === undefined ? accountEvents(c.seller, c.after, before) : {};
    const list = (name: string, items: string[] = []) => element(name, items);
    return result(operation, [
      more ? text('NextToken', issueNextToken({ ...c, next }, now)) : '',
      element('FinancialEvents', [
        list('ShipmentEventList', orders.map(shipmentEvent)),
        list('RefundEventList'), list('GuaranteeClaimEventList'), list('ChargebackEventList'), list('PayWithAmazonEventList'),
        list('ServiceProviderCreditEventList'), list('RetrochargeEventList'), list('RentalTransactionEventList'), list('PerformanceBondRefundEventList'),
        list('ProductAdsPaymentEventList', account.ProductAdsPaymentEventList), list('ServiceFeeEventList', account.ServiceFeeEventList),
        list('SellerDealPaymentEventList', account.SellerDealPaymentEventList), list('DebtRecoveryEventList'), list('LoanServicingEventList'),
        list('AdjustmentEventList'), list('AffordabilityExpenseEventList', account.AffordabilityExpenseEventList),
        list('AffordabilityExpenseReversalEventList', account.AffordabilityExpenseReversalEventList), list('TDSReimbursementEventList', account.TDSReimbursementEventList),
      ]),
    ]);
  };

  return {
    'Finances.ListFinancialEventGroups': (req) => {
      const after = dateParam(req.params, 'FinancialEventGroupStartedAfter');
      if (after === undefined) throw invalid('FinancialEventGroupStartedAfter is required');
      const before = dateParam(req.params, 'FinancialEventGroupStartedBefore') ?? req.now;
      if (before <= after) throw invalid('FinancialEventGroupStartedBefore must be later than FinancialEventGroupStartedAfter');
      const pageSize = intParam(req.params, 'MaxResultsPerPage', 100, 1, 100);
      return groupsPage('ListFinancialEventGroups', { op: 'ListFinancialEventGroups', seller: req.sellerId, after, before, pageSize, next: 0 }, req.now);
    },
    'Finances.ListFinancialEventGroupsByNextToken': (req) => groupsPage('ListFinancialEventGroupsByNextToken', readCursor<GroupsCursor>(req, 'ListFinancialEventGroups'), req.now),
    'Finances.ListFinancialEvents': (req) => {
      const p = req.params;
      const pageSize = intParam(p, 'MaxResultsPerPage', 100, 1, 100);
      const base = { op: 'ListFinancialEvents' as const, seller: req.sellerId, pageSize, next: 0 };
      const chosen = ['AmazonOrderId', 'FinancialEventGroupId', 'PostedAfter'].filter((n) => p[n] !== undefined && p[n] !== '');
      if (chosen.length !== 1) throw invalid('Exactly one of AmazonOrderId, FinancialEventGroupId or PostedAfter must be specified');
      let cursor: EventsCursor;
      if (p.AmazonOrderId) {
        cursor = { ...base, after: 0, before: req.now, order: p.AmazonOrderId };
      } else if (p.FinancialEventGroupId) {
        const id = requireParam(p, 'FinancialEventGroupId');
        const period = periodsBetween(state.epoch - ORDER_HISTORY_MS, req.now).find((pp) => groupId(req.sellerId, pp) === id);
        if (!period) throw invalid(`FinancialEventGroupId ${id} is not a financial event group of seller ${req.sellerId}`);
        cursor = { ...base, after: period.start, before: period.end };
      } else {
        const after = dateParam(p, 'PostedAfter') as number;
        const before = dateParam(p, 'PostedBefore') ?? req.now - 2 * 60_000;
        if (before <= after) throw invalid('PostedBefore must be later than PostedAfter');
        cursor = { ...base, after, before };
      }
      return eventsPage('ListFinancialEvents', cursor, req.now);
    },
    'Finances.ListFinancialEventsByNextToken': (req) => eventsPage('ListFinancialEventsByNextToken', readCursor<EventsCursor>(req, 'ListFinancialEvents'), req.now),
  };
}
