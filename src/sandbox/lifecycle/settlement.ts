/**
 * Settlement reports (_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_). Amazon generated them on its own schedule
 * and they could only be found with GetReportList (RequestReport of a settlement type → InvalidReportType), so
 * the sandbox pre-generates a few per seller, one per 14-day period before the sandbox clock's start.
 * Layout: the V2 flat file — a summary line, then one line per amount (principal and commission per item).
 */
import { createHash } from 'node:crypto';
import type { OrderStore } from '../types';
import type { Charset } from './marketplaces';
import type { ReportBody } from './reportBodies';
import { flatDate } from './reportRows';

export const SETTLEMENT_REPORT_TYPE = '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_';
const PERIOD_MS = 14 * 24 * 60 * 60 * 1000;
/** Commission the sandbox charges on the principal (a flat 15%, Amazon's most common referral rate). */
const COMMISSION_RATE = 0.15;

const HEAD = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id',
  'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased',
  'promotion-id',
];

const MARKETPLACE_NAMES: Record<string, string> = {
  ATVPDKIKX0DER: 'Amazon.com', A2EUQ1WTGCTBG2: 'Amazon.ca', A1AM78C64UM0Y8: 'Amazon.com.mx', A1PA6795UKMFR9: 'Amazon.de', A1F83G8C2ARO7P: 'Amazon.co.uk',
  A13V1IB3VIYZZH: 'Amazon.fr', APJ6JRA9NG5V4: 'Amazon.it', A1RKKUPIHCS9HS: 'Amazon.es', A1VC38T7YXB528: 'Amazon.co.jp', A21TJRUUN4KGV: 'Amazon.in',
};

export interface SettlementPeriod {
  settlementId: string;
  start: number;
  end: number;
}

/** `count` consecutive periods ending at `end` (oldest first), with ids derived from the seed. */
export function settlementPeriods(seed: number, sellerId: string, end: number, count: number): SettlementPeriod[] {
  const periods: SettlementPeriod[] = [];
  for (let k = count; k >= 1; k--) {
    const digest = createHash('sha1').update(`${seed}/${sellerId}/${k}`).digest();
    periods.push({ settlementId: String(10_000_000_000 + (digest.readUInt32BE(0) % 9_000_000_000)), start: end - k * PERIOD_MS, end: end - (k - 1) * PERIOD_MS });
  }
  return periods;
}

function money(units: number, currency: string): string {
  return currency === 'JPY' ? String(Math.round(units)) : units.toFixed(2);
}

export function settlementBody(period: SettlementPeriod, sellerId: string, marketplaceId: string, orders: OrderStore, charset: Charset): ReportBody {
  const marketplaceName = MARKETPLACE_NAMES[marketplaceId] ?? marketplaceId;
  const lines: string[] = [];
  let total = 0;
  let currency = '';
  for (const order of orders.list(sellerId)) {
    const posted = Date.parse(order.lastUpdateDate);
    if (order.marketplaceId !== marketplaceId || order.orderStatus !== 'Shipped' || posted < period.start || posted >= period.end) continue;
    for (const item of order.items) {
      const principal = Number(item.itemPrice);
      const commission = -principal * COMMISSION_RATE;
      currency = item.currency;
      total += principal + commission;
      const common = [period.settlementId, '', '', '', '', '', 'Order', order.amazonOrderId, '', '', '', marketplaceName];
      const tail = [order.fulfillmentChannel, flatDate(posted).slice(0, 10), flatDate(posted), item.orderItemId, '', '', item.sku, item.quantityOrdered, ''];
      lines.push([...common, 'ItemPrice', 'Principal', money(principal, item.currency), ...tail].join('\t'));
      lines.push([...common, 'ItemFees', 'Commission', money(commission, item.currency), ...tail].join('\t'));
    }
  }
  const deposit = period.end + 2 * 24 * 60 * 60 * 1000;
  const summary = [period.settlementId, flatDate(period.start), flatDate(period.end), flatDate(deposit), money(total, currency), currency, ...HEAD.slice(6).map(() => '')];
  return {
    format: 'flat',
    encoding: charset.encoding,
    charsetLabel: charset.label,
    head: HEAD.join('\t') + '\n' + summary.join('\t') + '\n',
    rows: lines,
    tail: '',
    padToBytes: 0,
  };
}
