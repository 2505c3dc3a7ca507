/**
 * EasyShip (2018-09-01, India): pickup slots and scheduled packages for the seller's MFN orders in
 * Amazon.in. Slots are two windows a day for the next three days; a slot id is tagged so only ids the
 * sandbox offered are accepted. Packages move ReadyForPickup → PickedUp (slot end) → Delivered (two days later).
 */
import { createHmac } from 'node:crypto';
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import type { SandboxState } from '../state';
import { recordKey, type EasyShipPackageRecord } from '../state/records';
import { SandboxError, type OperationHandler, type SandboxRequest } from '../types';
import { catalogResult, type XmlFields } from './render';
import { checkMarketplace, invalid, isoSeconds, requireParam, structListParam, structParam } from './wire';

const DAY = 86_400_000;
const IST_OFFSET_MS = 5.5 * 3_600_000;
/** Pickup windows in India time: 10:00–13:59 and 14:00–16:00. */
const WINDOWS: Array<[number, number]> = [[10 * 60, 13 * 60 + 59], [14 * 60, 16 * 60]];

export function easyShipHandlers(state: SandboxState): Record<string, OperationHandler> {
  const slotTag = (orderId: string, start: number) => createHmac('sha256', String(state.seed)).update(`${orderId}|${start}`).digest('base64url').slice(0, 10);
  const slotsFor = (orderId: string, now: number) => {
    const istMidnight = Math.floor((now + IST_OFFSET_MS) / DAY) * DAY - IST_OFFSET_MS;
    const slots: Array<{ slotId: string; start: number; end: number }> = [];
    for (let d = 1; d <= 3; d++) {
      for (const [from, to] of WINDOWS) {
        const start = istMidnight + d * DAY + from * 60_000;
        slots.push({ slotId: `${start.toString(36)}.${slotTag(orderId, start)}`, start, end: istMidnight + d * DAY + to * 60_000 });
      }
    }
    return slots;
  };
  const readSlot = (orderId: string, slotId: string | undefined, now: number) => {
    // Slot ids are minted per order and day; the docs' example SlotId stands for the earliest slot offered now.
    if (slotId === EXAMPLE_IDS.pickupSlotId) return slotsFor(orderId, now)[0]!;
    const [startText, tag] = (slotId ?? '').split('.');
    const start = parseInt(startText, 36);
    if (!slotId || !Number.isFinite(start) || tag !== slotTag(orderId, start)) throw new SandboxError(400, 'PickupSlotNotAvailable', `SlotId ${slotId} was not offered by ListPickupSlots for order ${orderId}`);
    if (start <= now) throw new SandboxError(400, 'ScheduleWindowExpired', `Pickup slot ${slotId} has already started`);
    const window = WINDOWS.find(([from]) => ((start + IST_OFFSET_MS) % DAY) / 60_000 === from);
    return { slotId, start, end: start + ((window?.[1] ?? 0) - (window?.[0] ?? 0)) * 60_000 };
  };
  const marketplaceOf = (req: SandboxRequest) => {
    const id = requireParam(req.params, 'MarketplaceId');
    checkMarketplace(req, id, state.sellerMarketplaces(req.sellerId));
    if (id !== 'A21TJRUUN4KGV') throw invalid('EasyShip is available only in the India marketplace (A21TJRUUN4KGV)');
    return id;
  };
  const eligibleOrder = (req: SandboxRequest, orderId: string) => {
    const order = state.orders.get(req.sellerId, orderId);
    if (!order) throw invalid(`AmazonOrderId ${orderId} is not an order of seller ${req.sellerId}`);
    if (order.fulfillmentChannel !== 'MFN' || order.orderStatus !== 'Unshipped') throw new SandboxError(400, 'InvalidOrderState', `Order ${orderId} is ${order.fulfillmentChannel} and ${order.orderStatus}; EasyShip needs an unshipped MFN order`);
    return order;
  };
  const statusOf = (p: EasyShipPackageRecord, now: number) => (now >= p.slot.end + 2 * DAY ? 'Delivered' : now >= p.slot.end ? 'PickedUp' : p.status);
  const packageXml = (p: EasyShipPackageRecord, now: number): XmlFields => ({
    ScheduledPackageId: { AmazonOrderId: p.amazonOrderId, PackageId: p.packageId },
    PackageDimensions: p.dimensions,
    PackageWeight: p.weight,
    PackageItemsList: state.orders.get(p.sellerId, p.amazonOrderId)?.items.map((i) => ({ OrderItemId: i.orderItemId, OrderItemSerialNumberList: [] })),
    PackagePickupSlot: { SlotId: p.slot.slotId, PickupTimeStart: isoSeconds(p.slot.start), PickupTimeEnd: isoSeconds(p.slot.end) },
    Invoice: { InvoiceNumber: p.invoiceNumber, InvoiceDate: isoSeconds(p.createdAt) },
    PackageStatus: statusOf(p, now),
  });
  const findPackage = (req: SandboxRequest, orderId: string, packageId?: string) => {
    const p = state.records.easyShipPackages[recordKey(req.sellerId, orderId)];
    if (!p || (packageId && p.packageId !== packageId)) throw invalid(`No scheduled package ${packageId ?? ''} for order ${orderId}`);
    return p;
  };

  return {
    'EasyShip.ListPickupSlots': (req) => {
      marketplaceOf(req);
      const orderId = requireParam(req.params, 'AmazonOrderId');
      eligibleOrder(req, orderId);
      return catalogResult('EasyShip.ListPickupSlots', {
        AmazonOrderId: orderId,
        PickupSlotList: slotsFor(orderId, req.now).map((s) => ({ SlotId: s.slotId, PickupTimeStart: isoSeconds(s.start), PickupTimeEnd: isoSeconds(s.end) })),
      });
    },
    'EasyShip.CreateScheduledPackage': (req) => {
      const marketplaceId = marketplaceOf(req);
      const orderId = requireParam(req.params, 'AmazonOrderId');
      eligibleOrder(req, orderId);
      const key = recordKey(req.sellerId, orderId);
      if (state.records.easyShipPackages[key]) throw new SandboxError(400, 'ScheduledPackageAlreadyExists', `Order ${orderId} already has scheduled package ${state.records.easyShipPackages[key].packageId}`);
      const d = structParam(req.params, 'PackageRequestDetails');
      const slot = readSlot(orderId, d['PackagePickupSlot.SlotId'], req.now);
      const p: EasyShipPackageRecord = {
        sellerId: req.sellerId, amazonOrderId: orderId, packageId: state.nextId('SBXPKG'), marketplaceId,
        dimensions: { Length: d['PackageDimensions.Length'] ?? '10', Width: d['PackageDimensions.Width'] ?? '10', Height: d['PackageDimensions.Height'] ?? '10', Unit: d['PackageDimensions.Unit'] ?? 'cm' },
        weight: { Value: d['PackageWeight.Value'] ?? '500', Unit: d['PackageWeight.Unit'] ?? 'g' },
        slot, status: 'ReadyForPickup', invoiceNumber: `INV-${orderId}`, createdAt: req.now,
      };
      state.records.easyShipPackages[key] = p;
      return catalogResult('EasyShip.CreateScheduledPackage', { ScheduledPackage: packageXml(p, req.now) });
    },
    'EasyShip.UpdateScheduledPackages': (req) => {
      marketplaceOf(req);
      const updates = structListParam(req.params, 'ScheduledPackageUpdateDetailsList.PackageUpdateDetails');
      if (updates.length === 0) throw invalid('ScheduledPackageUpdateDetailsList.PackageUpdateDetails.1 is required');
      const changed = updates.map((u) => {
        const orderId = u['ScheduledPackageId.AmazonOrderId'] ?? '';
        const p = findPackage(req, orderId, u['ScheduledPackageId.PackageId']);
        if (p.slot.start <= req.now) throw new SandboxError(400, 'ScheduleWindowExpired', `The pickup of package ${p.packageId} has already started`);
        p.slot = readSlot(orderId, u['PackagePickupSlot.SlotId'], req.now);
        return p;
      });
      return catalogResult('EasyShip.UpdateScheduledPackages', { ScheduledPackageList: changed.map((p) => packageXml(p, req.now)) });
    },
    'EasyShip.GetScheduledPackage': (req) => {
      marketplaceOf(req);
      const p = findPackage(req, requireParam(req.params, 'ScheduledPackageId.AmazonOrderId'), req.params['ScheduledPackageId.PackageId']);
      return catalogResult('EasyShip.GetScheduledPackage', { ScheduledPackage: packageXml(p, req.now) });
    },
  };
}
