/**
 * FulfillmentOutboundShipment (2010-10-01): Multi-Channel Fulfillment orders. Created orders are stored;
 * their status follows sandbox time (RECEIVED → PLANNING after 10 min → PROCESSING after 1 h → COMPLETE
 * after 1 day, with one shipment and package once PROCESSING) unless cancelled. Cancel works until
 * PROCESSING, as MWS allowed. Returns are accepted only for items of a COMPLETE order.
 */
import { createHash } from 'node:crypto';
import { issueNextToken } from '../nexttoken';
import { formatMoney, marketplaceById, type SandboxState } from '../state';
import { Random } from '../state/random';
import { fnskuFor, recordKey, type FulfillmentOrderRecord } from '../state/records';
import { SandboxError, type OperationHandler, type SandboxRequest } from '../types';
import { marketplaceFor } from './inventory';
import { catalogResult, type XmlFields } from './render';
import { boolParam, dateParam, emptyResponse, invalid, isoSeconds, listParam, readCursor, requireParam, structListParam, structParam } from './wire';

const PLANNING_AFTER_MS = 10 * 60_000;
const PROCESSING_AFTER_MS = 60 * 60_000;
const COMPLETE_AFTER_MS = 24 * 3_600_000;
export const FULFILLMENT_ORDERS_PAGE_SIZE = 10;

interface ListCursor { op: 'ListAllFulfillmentOrders'; seller: string; since: number; next: number }

const REASON_CODES: Array<[string, string]> = [
  ['DAMAGED', 'Item arrived damaged'], ['NOT_AS_DESCRIBED', 'Item is not as described'], ['NO_LONGER_NEEDED', 'No longer needed'], ['WRONG_ITEM', 'Wrong item was sent'],
];

export function outboundHandlers(state: SandboxState): Record<string, OperationHandler> {
  const get = (req: SandboxRequest, id: string): FulfillmentOrderRecord => {
    const record = state.records.fulfillmentOrders[recordKey(req.sellerId, id)];
    if (!record) throw invalid(`SellerFulfillmentOrderId ${id} is not a fulfillment order of seller ${req.sellerId}`);
    return record;
  };
  const statusOf = (o: FulfillmentOrderRecord, now: number): { status: string; at: number } => {
    if (o.statusOverride) return o.statusOverride;
    const age = now - o.receivedAt;
    if (age >= COMPLETE_AFTER_MS) return { status: 'COMPLETE', at: o.receivedAt + COMPLETE_AFTER_MS };
    if (age >= PROCESSING_AFTER_MS) return { status: 'PROCESSING', at: o.receivedAt + PROCESSING_AFTER_MS };
    if (age >= PLANNING_AFTER_MS) return { status: 'PLANNING', at: o.receivedAt + PLANNING_AFTER_MS };
    return { status: 'RECEIVED', at: o.receivedAt };
  };
  const shipmentIdOf = (o: FulfillmentOrderRecord) =>
    o.shipmentId ?? `D${createHash('sha1').update(`${o.sellerId}|${o.sellerFulfillmentOrderId}`).digest('hex').slice(0, 8).toUpperCase()}`;
  const centerOf = (o: FulfillmentOrderRecord) => Random.for(state.seed, 'fc', o.sellerId, o.sellerFulfillmentOrderId).pick(['PHX6', 'SEA8', 'RIC2']);
  const packageNumberOf = (o: FulfillmentOrderRecord) => o.packageNumber ?? (parseInt(shipmentIdOf(o).slice(1), 16) % 900_000_000) + 100_000_000;

  const currencyValue = (o: FulfillmentOrderRecord, cents: number) => ({ CurrencyCode: marketplaceById(o.marketplaceId)?.currency ?? 'USD', Value: formatMoney(cents) });
  const renderOrder = (o: FulfillmentOrderRecord, now: number): XmlFields => {
    const s = statusOf(o, now);
    return {
      SellerFulfillmentOrderId: o.sellerFulfillmentOrderId,
      MarketplaceId: o.marketplaceId,
      DisplayableOrderId: o.displayableOrderId,
      DisplayableOrderDateTime: o.displayableOrderDateTime,
      DisplayableOrderComment: o.displayableOrderComment,
      ShippingSpeedCategory: o.shippingSpeedCategory,
      DestinationAddress: o.destinationAddress,
      FulfillmentAction: o.fulfillmentAction,
      FulfillmentPolicy: o.fulfillmentPolicy,
      ReceivedDateTime: isoSeconds(o.receivedAt),
      FulfillmentOrderStatus: s.status,
      StatusUpdatedDateTime: isoSeconds(s.at),
      NotificationEmailList: o.notificationEmails.length > 0 ? [...o.notificationEmails] : undefined,
    };
  };

  const listPage = (operation: string, c: ListCursor, now: number) => {
    const all = Object.values(state.records.fulfillmentOrders)
      .filter((o) => o.sellerId === c.seller && statusOf(o, now).at >= c.since)
      .sort((a, b) => a.receivedAt - b.receivedAt || a.sellerFulfillmentOrderId.localeCompare(b.sellerFulfillmentOrderId));
    const slice = all.slice(c.next, c.next + FULFILLMENT_ORDERS_PAGE_SIZE);
    const more = c.next + FULFILLMENT_ORDERS_PAGE_SIZE < all.length;
    return catalogResult(`FulfillmentOutboundShipment.${operation}`, {
      NextToken: more ? issueNextToken({ ...c, next: c.next + FULFILLMENT_ORDERS_PAGE_SIZE }, now) : undefined,
      FulfillmentOrders: slice.map((o) => renderOrder(o, now)),
    });
  };

  const readItems = (req: SandboxRequest, marketplaceId: string, required: boolean) => {
    const items = structListParam(req.params, 'Items.member');
    if (required && items.length === 0) throw invalid('Items.member.1 is required');
    return items.map((item, n) => {
      const sku = item.SellerSKU;
      const listing = sku ? state.listings.get(req.sellerId, sku, marketplaceId) : undefined;
      if (sku && !listing) throw invalid(`Items.member.${n + 1}.SellerSKU ${sku} is not a SKU of seller ${req.sellerId} in ${marketplaceId}`);
      const quantity = Number(item.Quantity);
      if (!Number.isInteger(quantity) || quantity < 1) throw invalid(`Items.member.${n + 1}.Quantity must be a positive integer`);
      return { sku: sku ?? '', itemId: item.SellerFulfillmentOrderItemId ?? `${n + 1}`, quantity, item };
    });
  };

  return {
    'FulfillmentOutboundShipment.GetFulfillmentPreview': (req) => {
      const marketplaceId = marketplaceFor(req, state);
      const address = structParam(req.params, 'Address');
      if (!address.CountryCode) throw invalid('Address.CountryCode is required');
      const items = readItems(req, marketplaceId, true);
      const speeds = listParam(req.params, 'ShippingSpeedCategories.member');
      const includeCod = boolParam(req.params, 'IncludeCODFulfillmentPreview') ?? false;
      const previews = (speeds.length > 0 ? speeds : ['Standard', 'Expedited', 'Priority']).map((speed, k) => {
        const short = items.filter((i) => (state.listings.get(req.sellerId, i.sku, marketplaceId)?.quantity ?? 0) < i.quantity);
        const days = [5, 3, 1][k % 3];
        const fulfillable = short.length === 0;
        return {
          ShippingSpeedCategory: speed,
          IsFulfillable: fulfillable,
          IsCODCapable: includeCod,
          MarketplaceId: marketplaceId,
          EstimatedShippingWeight: { Unit: 'POUNDS', Value: String(items.reduce((sum, i) => sum + i.quantity, 0)) },
          EstimatedFees: fulfillable ? [{ Name: 'FBAPerUnitFulfillmentFee', Amount: { CurrencyCode: marketplaceById(marketplaceId)?.currency ?? 'USD', Value: formatMoney(299 * (k + 1)) } }] : undefined,
          FulfillmentPreviewShipments: fulfillable
            ? [{
                EarliestShipDate: isoSeconds(req.now + 3_600_000), LatestShipDate: isoSeconds(req.now + 86_400_000),
                EarliestArrivalDate: isoSeconds(req.now + days * 86_400_000), LatestArrivalDate: isoSeconds(req.now + (days + 2) * 86_400_000),
                FulfillmentPreviewItems: items.map((i) => ({ SellerSKU: i.sku, SellerFulfillmentOrderItemId: i.itemId, Quantity: i.quantity, ShippingWeightCalculationMethod: 'Package' })),
              }]
            : undefined,
          UnfulfillablePreviewItems: short.length > 0 ? short.map((i) => ({ SellerSKU: i.sku, SellerFulfillmentOrderItemId: i.itemId, Quantity: i.quantity, ItemUnfulfillableReasons: 'InventoryUnavailable' })) : undefined,
          OrderUnfulfillableReasons: short.length > 0 ? ['InventoryUnavailable'] : undefined,
        };
      });
      return catalogResult('FulfillmentOutboundShipment.GetFulfillmentPreview', { FulfillmentPreviews: previews });
    },
    'FulfillmentOutboundShipment.CreateFulfillmentOrder': (req) => {
      const id = requireParam(req.params, 'SellerFulfillmentOrderId');
      const key = recordKey(req.sellerId, id);
      if (state.records.fulfillmentOrders[key]) throw invalid(`SellerFulfillmentOrderId ${id} already exists`);
      const marketplaceId = marketplaceFor(req, state);
      const address = structParam(req.params, 'DestinationAddress');
      for (const field of ['Name', 'Line1', 'CountryCode']) if (!address[field]) throw invalid(`DestinationAddress.${field} is required`);
      const orderDate = dateParam(req.params, 'DisplayableOrderDateTime');
      const items = readItems(req, marketplaceId, true);
      state.records.fulfillmentOrders[key] = {
        sellerId: req.sellerId,
        sellerFulfillmentOrderId: id,
        marketplaceId,
        displayableOrderId: requireParam(req.params, 'DisplayableOrderId'),
        displayableOrderDateTime: isoSeconds(orderDate ?? req.now),
        displayableOrderComment: requireParam(req.params, 'DisplayableOrderComment'),
        shippingSpeedCategory: requireParam(req.params, 'ShippingSpeedCategory'),
        destinationAddress: address,
        fulfillmentAction: req.params.FulfillmentAction || 'Ship',
        fulfillmentPolicy: req.params.FulfillmentPolicy || 'FillOrKill',
        receivedAt: req.now,
        // Hold orders wait for an UpdateFulfillmentOrder with FulfillmentAction=Ship.
        statusOverride: req.params.FulfillmentAction === 'Hold' ? { status: 'RECEIVED', at: req.now } : undefined,
        notificationEmails: listParam(req.params, 'NotificationEmailList.member'),
        items: items.map((i) => ({
          sellerSku: i.sku, sellerFulfillmentOrderItemId: i.itemId, quantity: i.quantity, cancelledQuantity: 0,
          displayableComment: i.item.DisplayableComment, giftMessage: i.item.GiftMessage,
          perUnitDeclaredValue: i.item['PerUnitDeclaredValue.Value'] ? { currencyCode: i.item['PerUnitDeclaredValue.CurrencyCode'] ?? 'USD', value: i.item['PerUnitDeclaredValue.Value'] } : undefined,
        })),
        returns: [],
      };
      return emptyResponse();
    },
    'FulfillmentOutboundShipment.UpdateFulfillmentOrder': (req) => {
      const o = get(req, requireParam(req.params, 'SellerFulfillmentOrderId'));
      const status = statusOf(o, req.now).status;
      if (status !== 'RECEIVED' && status !== 'PLANNING') throw invalid(`Fulfillment order ${o.sellerFulfillmentOrderId} is ${status} and can no longer be updated`);
      const p = req.params;
      if (p.DisplayableOrderId) o.displayableOrderId = p.DisplayableOrderId;
      if (p.DisplayableOrderComment) o.displayableOrderComment = p.DisplayableOrderComment;
      if (p.ShippingSpeedCategory) o.shippingSpeedCategory = p.ShippingSpeedCategory;
      if (p.FulfillmentPolicy) o.fulfillmentPolicy = p.FulfillmentPolicy;
      const address = structParam(p, 'DestinationAddress');
      if (Object.keys(address).length > 0) o.destinationAddress = { ...o.destinationAddress, ...address };
      const emails = listParam(p, 'NotificationEmailList.member');
      if (emails.length > 0) o.notificationEmails = emails;
      if (p.FulfillmentAction) {
        o.fulfillmentAction = p.FulfillmentAction;
        // Releasing a held order starts its timeline now.
        if (p.FulfillmentAction === 'Ship' && o.statusOverride?.status === 'RECEIVED') {
          o.statusOverride = undefined;
          o.receivedAt = req.now;
        }
      }
      for (const item of structListParam(p, 'Items.member')) {
        const existing = o.items.find((i) => i.sellerFulfillmentOrderItemId === item.SellerFulfillmentOrderItemId);
        if (!existing) throw invalid(`Items.member SellerFulfillmentOrderItemId ${item.SellerFulfillmentOrderItemId} is not in order ${o.sellerFulfillmentOrderId}`);
        if (item.Quantity) existing.quantity = Number(item.Quantity);
      }
      return emptyResponse();
    },
    'FulfillmentOutboundShipment.GetFulfillmentOrder': (req) => {
      const o = get(req, requireParam(req.params, 'SellerFulfillmentOrderId'));
      const s = statusOf(o, req.now);
      const shipped = s.status === 'PROCESSING' || s.status === 'COMPLETE';
      const shipmentId = shipmentIdOf(o);
      const center = centerOf(o);
      const arrival = isoSeconds(o.receivedAt + 4 * 86_400_000);
      return catalogResult('FulfillmentOutboundShipment.GetFulfillmentOrder', {
        FulfillmentOrder: renderOrder(o, req.now),
        FulfillmentOrderItem: o.items.map((i) => ({
          SellerSKU: i.sellerSku,
          SellerFulfillmentOrderItemId: i.sellerFulfillmentOrderItemId,
          Quantity: i.quantity,
          GiftMessage: i.giftMessage,
          DisplayableComment: i.displayableComment,
          FulfillmentNetworkSKU: fnskuFor(state.listings.get(o.sellerId, i.sellerSku, o.marketplaceId)?.asin ?? i.sellerSku),
          CancelledQuantity: s.status === 'CANCELLED' ? i.quantity : i.cancelledQuantity,
          UnfulfillableQuantity: 0,
          EstimatedShipDateTime: isoSeconds(o.receivedAt + 86_400_000),
          EstimatedArrivalDateTime: arrival,
          PerUnitDeclaredValue: i.perUnitDeclaredValue ? { CurrencyCode: i.perUnitDeclaredValue.currencyCode, Value: i.perUnitDeclaredValue.value } : currencyValue(o, 1999),
        })),
        FulfillmentShipment: shipped
          ? [{
              AmazonShipmentId: shipmentId,
              FulfillmentCenterId: center,
              FulfillmentShipmentStatus: s.status === 'COMPLETE' ? 'SHIPPED' : 'PENDING',
              ShippingDateTime: s.status === 'COMPLETE' ? isoSeconds(s.at) : undefined,
              EstimatedArrivalDateTime: arrival,
              FulfillmentShipmentItem: o.items.map((i) => ({ SellerSKU: i.sellerSku, SellerFulfillmentOrderItemId: i.sellerFulfillmentOrderItemId, Quantity: i.quantity, PackageNumber: packageNumberOf(o) })),
              FulfillmentShipmentPackage: s.status === 'COMPLETE' ? [{ PackageNumber: packageNumberOf(o), CarrierCode: 'UPS', TrackingNumber: `1Z${shipmentId}`, EstimatedArrivalDateTime: arrival }] : undefined,
            }]
          : undefined,
        ReturnItemList: o.returns.map((r) => ({
          SellerReturnItemId: r.sellerReturnItemId, SellerFulfillmentOrderItemId: r.sellerFulfillmentOrderItemId, AmazonShipmentId: r.amazonShipmentId,
          SellerReturnReasonCode: r.reason, ReturnComment: r.comment, Status: r.status, StatusChangedDate: isoSeconds(r.at), ReturnAuthorizationId: `RA${shipmentId}`,
        })),
        ReturnAuthorizationList: o.returns.length > 0 ? [returnAuthorization(o, shipmentId, center)] : undefined,
      });
    },
    'FulfillmentOutboundShipment.ListAllFulfillmentOrders': (req) => {
      const since = dateParam(req.params, 'QueryStartDateTime') ?? req.now - 36 * 3_600_000;
      return listPage('ListAllFulfillmentOrders', { op: 'ListAllFulfillmentOrders', seller: req.sellerId, since, next: 0 }, req.now);
    },
    'FulfillmentOutboundShipment.ListAllFulfillmentOrdersByNextToken': (req) =>
      listPage('ListAllFulfillmentOrdersByNextToken', readCursor<ListCursor>(req, 'ListAllFulfillmentOrders'), req.now),
    'FulfillmentOutboundShipment.GetPackageTrackingDetails': (req) => {
      const number = Number(requireParam(req.params, 'PackageNumber'));
      const o = Object.values(state.records.fulfillmentOrders).find((f) => f.sellerId === req.sellerId && packageNumberOf(f) === number && statusOf(f, req.now).status === 'COMPLETE');
      if (!o) throw invalid(`PackageNumber ${number} is not a shipped package of seller ${req.sellerId}`);
      const shipDate = statusOf(o, req.now).at;
      const delivered = req.now >= shipDate + 3 * 86_400_000;
      const a = o.destinationAddress;
      const where = { City: a.City ?? '', State: a.StateOrProvinceCode ?? '', Country: a.CountryCode ?? '' };
      return catalogResult('FulfillmentOutboundShipment.GetPackageTrackingDetails', {
        PackageNumber: number, TrackingNumber: `1Z${shipmentIdOf(o)}`, CarrierCode: 'UPS', CarrierPhoneNumber: '1-800-742-5877', CarrierURL: 'https://www.ups.com',
        ShipDate: isoSeconds(shipDate), EstimatedArrivalDate: isoSeconds(shipDate + 3 * 86_400_000), ShipToAddress: where,
        CurrentStatus: delivered ? 'DELIVERED' : 'IN_TRANSIT', SignedForBy: delivered ? a.Name : undefined, AdditionalLocationInfo: delivered ? 'FRONT_DOOR' : undefined,
        TrackingEvents: [
          { EventDate: isoSeconds(shipDate), EventAddress: where, EventCode: 'EVENT_101' },
          ...(delivered ? [{ EventDate: isoSeconds(shipDate + 3 * 86_400_000), EventAddress: where, EventCode: 'EVENT_301' }] : []),
        ],
      });
    },
    'FulfillmentOutboundShipment.CancelFulfillmentOrder': (req) => {
      const o = get(req, requireParam(req.params, 'SellerFulfillmentOrderId'));
      const status = statusOf(o, req.now).status;
      if (status === 'CANCELLED') return emptyResponse();
      if (status === 'COMPLETE' || status === 'PROCESSING') {
        throw new SandboxError(400, 'InvalidRequestException', `Fulfillment order ${o.sellerFulfillmentOrderId} is ${status} and can no longer be cancelled`);
      }
      o.statusOverride = { status: 'CANCELLED', at: req.now };
      return emptyResponse();
    },
    'FulfillmentOutboundShipment.ListReturnReasonCodes': (req) => {
      const sku = requireParam(req.params, 'SellerSKU');
      if (!state.listings.get(req.sellerId, sku)) throw invalid(`SellerSKU ${sku} is not a SKU of seller ${req.sellerId}`);
      const japanese = req.params.Language?.startsWith('ja');
      return catalogResult('FulfillmentOutboundShipment.ListReturnReasonCodes', {
        ReasonCodeDetailsList: REASON_CODES.map(([code, description]) => ({ ReturnReasonCode: code, Description: description, TranslatedDescription: japanese ? '返品理由' : undefined })),
      });
    },
    'FulfillmentOutboundShipment.CreateFulfillmentReturn': (req) => {
      const o = get(req, requireParam(req.params, 'SellerFulfillmentOrderId'));
      const complete = statusOf(o, req.now).status === 'COMPLETE';
      const shipmentId = shipmentIdOf(o);
      const accepted: XmlFields[] = [];
      const rejected: XmlFields[] = [];
      for (const r of structListParam(req.params, 'Items.member')) {
        const item = o.items.find((i) => i.sellerFulfillmentOrderItemId === r.SellerFulfillmentOrderItemId);
        const reason = !complete || !item ? 'NoCompletedShipItems' : r.AmazonShipmentId !== shipmentId ? 'InvalidValues'
          : o.returns.some((x) => x.sellerReturnItemId === r.SellerReturnItemId) ? 'DuplicateRequest' : undefined;
        if (reason) {
          rejected.push({ SellerReturnItemId: r.SellerReturnItemId, SellerFulfillmentOrderItemId: r.SellerFulfillmentOrderItemId, InvalidItemReason: { InvalidItemReasonCode: reason, Description: `Return item rejected: ${reason}` } });
          continue;
        }
        const ret = { sellerReturnItemId: r.SellerReturnItemId, sellerFulfillmentOrderItemId: r.SellerFulfillmentOrderItemId, amazonShipmentId: shipmentId, reason: r.ReturnReasonCode, comment: r.ReturnComment, status: 'New', at: req.now };
        o.returns.push(ret);
        accepted.push({ SellerReturnItemId: ret.sellerReturnItemId, SellerFulfillmentOrderItemId: ret.sellerFulfillmentOrderItemId, AmazonShipmentId: shipmentId, SellerReturnReasonCode: ret.reason, ReturnComment: ret.comment, Status: 'New', StatusChangedDate: isoSeconds(req.now), ReturnAuthorizationId: `RA${shipmentId}` });
      }
      return catalogResult('FulfillmentOutboundShipment.CreateFulfillmentReturn', {
        ReturnItemList: accepted.length > 0 ? accepted : undefined,
        InvalidReturnItemList: rejected.length > 0 ? rejected : undefined,
        ReturnAuthorizationList: accepted.length > 0 ? [returnAuthorization(o, shipmentId, centerOf(o))] : undefined,
      });
    },
  };
}

function returnAuthorization(o: FulfillmentOrderRecord, shipmentId: string, center: string): XmlFields {
  return {
    ReturnAuthorizationId: `RA${shipmentId}`,
    FulfillmentCenterId: center,
    ReturnToAddress: { Name: 'Amazon Returns', Line1: '1 Returns Way', City: 'Phoenix', StateOrProvinceCode: 'AZ', CountryCode: o.destinationAddress.CountryCode ?? 'US', PostalCode: '85043' },
    AmazonRmaId: `RMA${shipmentId}`,
    RmaPageURL: `https://sandbox.invalid/rma/${shipmentId}`,
  };
}
