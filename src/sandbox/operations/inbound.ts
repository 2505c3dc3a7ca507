/**
 * FulfillmentInboundShipment (2010-10-01): plans, shipments, items, preorder, prep instructions, transport
 * and labels over the seller's listings. CreateInboundShipmentPlan proposes shipment ids that
 * CreateInboundShipment then accepts; transport requests move through their transitional states
 * (ESTIMATING, CONFIRMING, VOIDING) one sandbox-minute after the call.
 */
import { createHash } from 'node:crypto';
import { issueNextToken } from '../nexttoken';
import { formatMoney, marketplaceById, type SandboxState } from '../state';
import { marketplaceCodesForSeller } from '../state/marketplaces';
import { Random } from '../state/random';
import { fnskuFor, fulfillmentCenterFor, recordKey, type InboundShipmentRecord } from '../state/records';
import { SandboxError, type OperationHandler, type SandboxRequest } from '../types';
import { catalogResult, type XmlFields } from './render';
import { boolParam, dateParam, invalid, isoSeconds, listParam, readCursor, requireParam, structListParam, structParam } from './wire';

/** Sandbox page size for inbound shipment and item lists (MWS did not publish one). */
export const INBOUND_PAGE_SIZE = 5;
const TRANSITION_MS = 60_000;

interface ShipmentsCursor { op: 'ListInboundShipments'; seller: string; statuses: string[]; ids: string[]; after?: number; before?: number; next: number }
interface ItemsCursor { op: 'ListInboundShipmentItems'; seller: string; shipmentId?: string; after?: number; before?: number; next: number }

export function inboundHandlers(state: SandboxState): Record<string, OperationHandler> {
  const shipment = (req: SandboxRequest): InboundShipmentRecord => {
    const id = requireParam(req.params, 'ShipmentId');
    const found = state.records.inboundShipments[recordKey(req.sellerId, id)];
    if (!found) throw invalid(`ShipmentId ${id} is not an inbound shipment of seller ${req.sellerId}`);
    return found;
  };
  const currency = (sellerId: string) => marketplaceById(state.sellerMarketplaces(sellerId)[0] ?? '')?.currency ?? 'USD';
  const listingFor = (sellerId: string, sku: string) => state.listings.get(sellerId, sku);
  const prepFor = (asin: string) => (Random.for(state.seed, 'prep', asin).chance(0.3) ? ['Polybagging', 'Labeling'] : ['Labeling']);

  const info = (s: InboundShipmentRecord): XmlFields => ({
    ShipmentId: s.shipmentId,
    ShipmentName: s.shipmentName,
    ShipFromAddress: s.shipFromAddress,
    DestinationFulfillmentCenterId: s.destinationFulfillmentCenterId,
    LabelPrepType: s.labelPrepType,
    ShipmentStatus: s.shipmentStatus,
    AreCasesRequired: s.areCasesRequired,
    ConfirmedNeedByDate: s.preorderConfirmedNeedBy,
    BoxContentsSource: s.boxContentsSource,
    EstimatedBoxContentsFee: s.boxContentsSource === 'NONE'
      ? { TotalUnits: totalUnits(s), FeePerUnit: { CurrencyCode: currency(s.sellerId), Value: '0.10' }, TotalFee: { CurrencyCode: currency(s.sellerId), Value: formatMoney(totalUnits(s) * 10) } }
      : undefined,
  });

  const shipmentsPage = (operation: string, c: ShipmentsCursor, now: number) => {
    const all = Object.values(state.records.inboundShipments)
      .filter((s) => s.sellerId === c.seller)
      .filter((s) => c.statuses.length === 0 || c.statuses.includes(s.shipmentStatus))
      .filter((s) => c.ids.length === 0 || c.ids.includes(s.shipmentId))
      .filter((s) => (c.after === undefined || s.lastUpdated >= c.after) && (c.before === undefined || s.lastUpdated < c.before))
      .sort((a, b) => a.lastUpdated - b.lastUpdated || a.shipmentId.localeCompare(b.shipmentId));
    const slice = all.slice(c.next, c.next + INBOUND_PAGE_SIZE);
    const more = c.next + INBOUND_PAGE_SIZE < all.length;
    return catalogResult(`FulfillmentInboundShipment.${operation}`, {
      ShipmentData: slice.map(info),
      NextToken: more ? issueNextToken({ ...c, next: c.next + INBOUND_PAGE_SIZE }, now) : undefined,
    });
  };

  const itemsPage = (operation: string, c: ItemsCursor, now: number) => {
    const rows = Object.values(state.records.inboundShipments)
      .filter((s) => s.sellerId === c.seller && (c.shipmentId === undefined || s.shipmentId === c.shipmentId))
      .filter((s) => (c.after === undefined || s.lastUpdated >= c.after) && (c.before === undefined || s.lastUpdated < c.before))
      .sort((a, b) => a.lastUpdated - b.lastUpdated || a.shipmentId.localeCompare(b.shipmentId))
      .flatMap((s) => s.items.map((item) => ({
        ShipmentId: s.shipmentId, SellerSKU: item.sellerSku, FulfillmentNetworkSKU: item.fnsku, QuantityShipped: item.quantityShipped,
        QuantityReceived: item.quantityReceived, QuantityInCase: item.quantityInCase,
        PrepDetailsList: item.prepInstructions.length > 0 ? item.prepInstructions.map((p) => ({ PrepInstruction: p.instruction, PrepOwner: p.owner })) : undefined,
      })));
    const slice = rows.slice(c.next, c.next + INBOUND_PAGE_SIZE);
    const more = c.next + INBOUND_PAGE_SIZE < rows.length;
    return catalogResult(`FulfillmentInboundShipment.${operation}`, {
      ItemData: slice,
      NextToken: more ? issueNextToken({ ...c, next: c.next + INBOUND_PAGE_SIZE }, now) : undefined,
    });
  };

  const readItems = (req: SandboxRequest) => {
    const items = structListParam(req.params, 'InboundShipmentItems.member');
    return items.map((item, n) => {
      const listing = listingFor(req.sellerId, item.SellerSKU ?? '');
      if (!listing) throw invalid(`InboundShipmentItems.member.${n + 1}.SellerSKU ${item.SellerSKU} is not a SKU of seller ${req.sellerId}`);
      const quantity = Number(item.QuantityShipped);
      if (!Number.isInteger(quantity) || quantity < 0) throw invalid(`InboundShipmentItems.member.${n + 1}.QuantityShipped must be a non-negative integer`);
      const prep: Array<{ instruction: string; owner: string }> = [];
      for (let k = 1; item[`PrepDetailsList.PrepDetails.${k}.PrepInstruction`] !== undefined || item[`PrepDetailsList.member.${k}.PrepInstruction`] !== undefined; k++) {
        const base = item[`PrepDetailsList.PrepDetails.${k}.PrepInstruction`] !== undefined ? `PrepDetailsList.PrepDetails.${k}` : `PrepDetailsList.member.${k}`;
        prep.push({ instruction: item[`${base}.PrepInstruction`], owner: item[`${base}.PrepOwner`] ?? 'SELLER' });
      }
      return { sellerSku: listing.sku, fnsku: fnskuFor(listing.asin), quantityShipped: quantity, quantityReceived: 0, quantityInCase: Number(item.QuantityInCase ?? 0), prepInstructions: prep };
    });
  };

  const transportStatus = (s: InboundShipmentRecord, now: number): string => {
    const t = s.transport;
    if (!t) return 'NONE';
    const settled: Record<string, string> = { ESTIMATING: 'ESTIMATED', CONFIRMING: 'CONFIRMED', VOIDING: 'VOIDED' };
    return settled[t.status] && now - t.updatedAt >= TRANSITION_MS ? settled[t.status] : t.status;
  };
  const transportResult = (id: string, s: InboundShipmentRecord, now: number) => catalogResult(`FulfillmentInboundShipment.${id}`, { TransportResult: { TransportStatus: transportStatus(s, now) } });
  const setTransport = (s: InboundShipmentRecord, status: string, now: number) => {
    if (!s.transport) throw new SandboxError(400, 'InvalidRequestException', `Shipment ${s.shipmentId} has no transport content; call PutTransportContent first`);
    s.transport.status = status;
    s.transport.updatedAt = now;
    s.lastUpdated = now;
  };
  const requireTransportStatus = (s: InboundShipmentRecord, now: number, ...allowed: string[]) => {
    const current = transportStatus(s, now);
    if (!allowed.includes(current)) throw new SandboxError(400, 'InvalidRequestException', `Transport of shipment ${s.shipmentId} is ${current}; expected ${allowed.join(' or ')}`);
  };
  const document = (kind: string, s: InboundShipmentRecord, detail: string) => {
    const pdf = Buffer.from(`%PDF-1.4\n% MWS sandbox ${kind} for ${s.shipmentId} (${detail})\n%%EOF\n`, 'utf8');
    return { TransportDocument: { PdfDocument: pdf.toString('base64'), Checksum: createHash('md5').update(pdf).digest('base64') } };
  };

  return {
    'FulfillmentInboundShipment.GetInboundGuidanceForSKU': (req) => {
      const skus = listParam(req.params, 'SellerSKUList.Id');
      const known = skus.map((sku) => listingFor(req.sellerId, sku)).filter((l) => l !== undefined);
      return catalogResult('FulfillmentInboundShipment.GetInboundGuidanceForSKU', {
        SKUInboundGuidanceList: known.map((l) => guidance(state.seed, l.asin, { SellerSKU: l.sku, ASIN: l.asin })),
        InvalidSKUList: skus.filter((sku) => !listingFor(req.sellerId, sku)).map((sku) => ({ SellerSKU: sku, ErrorReason: 'DoesNotExist' })),
      });
    },
    'FulfillmentInboundShipment.GetInboundGuidanceForASIN': (req) => {
      const asins = listParam(req.params, 'ASINList.Id');
      return catalogResult('FulfillmentInboundShipment.GetInboundGuidanceForASIN', {
        ASINInboundGuidanceList: asins.filter((a) => state.catalog.get(a)).map((a) => guidance(state.seed, a, { ASIN: a })),
        InvalidASINList: asins.filter((a) => !state.catalog.get(a)).map((a) => ({ ASIN: a, ErrorReason: 'InvalidASIN' })),
      });
    },
    'FulfillmentInboundShipment.CreateInboundShipmentPlan': (req) => {
      const from = structParam(req.params, 'ShipFromAddress');
      for (const field of ['Name', 'AddressLine1', 'City', 'CountryCode']) if (!from[field]) throw invalid(`ShipFromAddress.${field} is required`);
      const requested = structListParam(req.params, 'InboundShipmentPlanRequestItems.member');
      if (requested.length === 0) throw invalid('InboundShipmentPlanRequestItems.member.1 is required');
      const items = requested.map((item, n) => {
        const listing = listingFor(req.sellerId, item.SellerSKU ?? '');
        if (!listing) throw invalid(`InboundShipmentPlanRequestItems.member.${n + 1}.SellerSKU ${item.SellerSKU} is not a SKU of seller ${req.sellerId}`);
        return { sellerSku: listing.sku, asin: listing.asin, quantity: Number(item.Quantity) };
      });
      const code = marketplaceCodesForSeller(req.sellerId)[0] ?? 'US';
      const labelPrepType = req.params.LabelPrepPreference === 'AMAZON_LABEL_ONLY' ? 'AMAZON_LABEL' : 'SELLER_LABEL';
      // Items are split over two fulfillment centers when there are several, as Amazon often did.
      const groups = items.length > 1 ? [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)] : [items];
      const plans = groups.map((group, g) => {
        const shipmentId = state.nextId('FBA');
        const center = fulfillmentCenterFor(code, Random.for(state.seed, 'plan', shipmentId, g));
        state.records.inboundPlans[recordKey(req.sellerId, shipmentId)] = { sellerId: req.sellerId, shipmentId, destinationFulfillmentCenterId: center, labelPrepType, items: group.map((i) => ({ sellerSku: i.sellerSku, quantity: i.quantity })) };
        return {
          ShipmentId: shipmentId,
          DestinationFulfillmentCenterId: center,
          ShipToAddress: { Name: `Amazon ${center}`, AddressLine1: '1 Fulfillment Way', City: 'Sandbox City', CountryCode: req.params.ShipToCountryCode || from.CountryCode, PostalCode: '00000' },
          LabelPrepType: labelPrepType,
          Items: group.map((i) => ({ SellerSKU: i.sellerSku, FulfillmentNetworkSKU: fnskuFor(i.asin), Quantity: i.quantity, PrepDetailsList: prepFor(i.asin).map((p) => ({ PrepInstruction: p, PrepOwner: 'SELLER' })) })),
        };
      });
      return catalogResult('FulfillmentInboundShipment.CreateInboundShipmentPlan', { InboundShipmentPlans: plans });
    },
    'FulfillmentInboundShipment.CreateInboundShipment': (req) => {
      const shipmentId = requireParam(req.params, 'ShipmentId');
      const key = recordKey(req.sellerId, shipmentId);
      const plan = state.records.inboundPlans[key];
      if (!plan) throw invalid(`ShipmentId ${shipmentId} was not proposed by CreateInboundShipmentPlan for seller ${req.sellerId}`);
      if (state.records.inboundShipments[key]) throw invalid(`Shipment ${shipmentId} already exists`);
      const header = structParam(req.params, 'InboundShipmentHeader');
      const items = readItems(req);
      state.records.inboundShipments[key] = {
        sellerId: req.sellerId,
        shipmentId,
        shipmentName: header.ShipmentName ?? shipmentId,
        shipFromAddress: Object.fromEntries(Object.entries(header).filter(([k]) => k.startsWith('ShipFromAddress.')).map(([k, v]) => [k.slice('ShipFromAddress.'.length), v])),
        destinationFulfillmentCenterId: header.DestinationFulfillmentCenterId ?? plan.destinationFulfillmentCenterId,
        labelPrepType: plan.labelPrepType,
        shipmentStatus: header.ShipmentStatus ?? 'WORKING',
        areCasesRequired: header.AreCasesRequired === 'true',
        boxContentsSource: header.IntendedBoxContentsSource ?? 'FEED',
        lastUpdated: req.now,
        items,
      };
      delete state.records.inboundPlans[key];
      return catalogResult('FulfillmentInboundShipment.CreateInboundShipment', { ShipmentId: shipmentId });
    },
    'FulfillmentInboundShipment.UpdateInboundShipment': (req) => {
      const s = shipment(req);
      if (!['WORKING', 'SHIPPED'].includes(s.shipmentStatus)) throw invalid(`Shipment ${s.shipmentId} is ${s.shipmentStatus} and can no longer be updated`);
      const header = structParam(req.params, 'InboundShipmentHeader');
      if (header.ShipmentName) s.shipmentName = header.ShipmentName;
      if (header.ShipmentStatus) s.shipmentStatus = header.ShipmentStatus;
      if (header.IntendedBoxContentsSource) s.boxContentsSource = header.IntendedBoxContentsSource;
      for (const item of readItems(req)) {
        const existing = s.items.find((i) => i.sellerSku === item.sellerSku);
        if (existing) Object.assign(existing, { quantityShipped: item.quantityShipped, quantityInCase: item.quantityInCase });
        else s.items.push(item);
      }
      s.items = s.items.filter((i) => i.quantityShipped > 0);
      s.lastUpdated = req.now;
      return catalogResult('FulfillmentInboundShipment.UpdateInboundShipment', { ShipmentId: s.shipmentId });
    },
    'FulfillmentInboundShipment.GetPreorderInfo': (req) => {
      const s = shipment(req);
      const preorderable = s.items.some((i) => Random.for(state.seed, 'preorder', i.fnsku).chance(0.5));
      return catalogResult('FulfillmentInboundShipment.GetPreorderInfo', {
        ShipmentContainsPreorderableItems: preorderable,
        ShipmentConfirmedForPreorder: s.preorderConfirmedNeedBy !== undefined,
        NeedByDate: preorderable ? isoSeconds(state.epoch + 14 * 86_400_000).slice(0, 10) : undefined,
        ConfirmedFulfillableDate: s.preorderConfirmedNeedBy ? isoSeconds(Date.parse(s.preorderConfirmedNeedBy) + 86_400_000).slice(0, 10) : undefined,
      });
    },
    'FulfillmentInboundShipment.ConfirmPreorder': (req) => {
      const s = shipment(req);
      const needBy = dateParam(req.params, 'NeedByDate') as number;
      s.preorderConfirmedNeedBy = isoSeconds(needBy).slice(0, 10);
      s.lastUpdated = req.now;
      return catalogResult('FulfillmentInboundShipment.ConfirmPreorder', { ConfirmedNeedByDate: s.preorderConfirmedNeedBy, ConfirmedFulfillableDate: isoSeconds(needBy + 86_400_000).slice(0, 10) });
    },
    'FulfillmentInboundShipment.GetPrepInstructionsForSKU': (req) => {
      const skus = listParam(req.params, 'SellerSKUList.Id');
      const cur = currency(req.sellerId);
      return catalogResult('FulfillmentInboundShipment.GetPrepInstructionsForSKU', {
        SKUPrepInstructionsList: skus.map((sku) => listingFor(req.sellerId, sku)).filter((l) => l !== undefined).map((l) => ({
          SellerSKU: l.sku, ASIN: l.asin, BarcodeInstruction: 'RequiresFNSKULabel', PrepGuidance: 'SeePrepInstructionsList', PrepInstructionList: prepFor(l.asin),
          AmazonPrepFeesDetails: prepFor(l.asin).map((p) => ({ PrepInstruction: p, FeePerUnit: { CurrencyCode: cur, Value: '0.20' } })),
        })),
        InvalidSKUList: skus.filter((sku) => !listingFor(req.sellerId, sku)).map((sku) => ({ SellerSKU: sku, ErrorReason: 'DoesNotExist' })),
      });
    },
    'FulfillmentInboundShipment.GetPrepInstructionsForASIN': (req) => {
      const asins = listParam(req.params, 'AsinList.Id').concat(listParam(req.params, 'ASINList.Id'));
      return catalogResult('FulfillmentInboundShipment.GetPrepInstructionsForASIN', {
        ASINPrepInstructionsList: asins.filter((a) => state.catalog.get(a)).map((a) => ({ ASIN: a, BarcodeInstruction: 'CanUseOriginalBarcode', PrepGuidance: 'SeePrepInstructionsList', PrepInstructionList: prepFor(a) })),
        InvalidASINList: asins.filter((a) => !state.catalog.get(a)).map((a) => ({ ASIN: a, ErrorReason: 'InvalidASIN' })),
      });
    },
    'FulfillmentInboundShipment.PutTransportContent': (req) => {
      const s = shipment(req);
      const isPartnered = boolParam(req.params, 'IsPartnered') ?? false;
      const shipmentType = requireParam(req.params, 'ShipmentType');
      const details = structParam(req.params, 'TransportDetails');
      const trackingIds = Object.entries(details).filter(([k]) => k.endsWith('.TrackingId')).map(([, v]) => v);
      const carrier = Object.entries(details).find(([k]) => k.endsWith('.CarrierName'))?.[1];
      if (s.transport && !['WORKING', 'ERROR_ON_ESTIMATING', 'VOIDED'].includes(transportStatus(s, req.now))) {
        throw new SandboxError(400, 'InvalidRequestException', `Transport of shipment ${s.shipmentId} is ${transportStatus(s, req.now)} and cannot be replaced`);
      }
      s.transport = { status: 'WORKING', isPartnered, shipmentType, carrier, trackingIds, currency: currency(req.sellerId), updatedAt: req.now };
      s.lastUpdated = req.now;
      return transportResult('PutTransportContent', s, req.now);
    },
    'FulfillmentInboundShipment.EstimateTransportRequest': (req) => {
      const s = shipment(req);
      requireTransportStatus(s, req.now, 'WORKING');
      if (!s.transport?.isPartnered) throw new SandboxError(400, 'InvalidRequestException', `Shipment ${s.shipmentId} uses a non-partnered carrier; only partnered transport can be estimated`);
      setTransport(s, 'ESTIMATING', req.now);
      s.transport.estimate = formatMoney(totalUnits(s) * 35 + 1500);
      return transportResult('EstimateTransportRequest', s, req.now);
    },
    'FulfillmentInboundShipment.GetTransportContent': (req) => {
      const s = shipment(req);
      const t = s.transport;
      if (!t) throw new SandboxError(400, 'InvalidRequestException', `Shipment ${s.shipmentId} has no transport content; call PutTransportContent first`);
      const status = transportStatus(s, req.now);
      const estimate = t.estimate && status !== 'ESTIMATING'
        ? { Amount: { CurrencyCode: t.currency, Value: t.estimate }, ConfirmDeadline: isoSeconds(t.updatedAt + 86_400_000), VoidDeadline: status === 'CONFIRMED' ? isoSeconds(t.updatedAt + 86_400_000) : undefined }
        : undefined;
      const packages = (t.trackingIds.length > 0 ? t.trackingIds : [`1Z${s.shipmentId}`]).map((id) => ({ CarrierName: t.carrier ?? 'UNITED_PARCEL_SERVICE_INC', TrackingId: id, PackageStatus: status === 'VOIDED' ? 'DELETED' : 'SHIPPED' }));
      const details: XmlFields = t.isPartnered
        ? { PartneredSmallParcelData: { PackageList: packages.map((p) => ({ Dimensions: { Unit: 'inches', Length: '12', Width: '10', Height: '8' }, Weight: { Unit: 'pounds', Value: '10' }, ...p })), PartneredEstimate: estimate } }
        : { NonPartneredSmallParcelData: { PackageList: packages } };
      return catalogResult('FulfillmentInboundShipment.GetTransportContent', {
        TransportContent: {
          TransportHeader: { SellerId: s.sellerId, ShipmentId: s.shipmentId, IsPartnered: t.isPartnered, ShipmentType: t.shipmentType },
          TransportDetails: details,
          TransportResult: { TransportStatus: status },
        },
      });
    },
    'FulfillmentInboundShipment.ConfirmTransportRequest': (req) => {
      const s = shipment(req);
      requireTransportStatus(s, req.now, 'ESTIMATED');
      setTransport(s, 'CONFIRMING', req.now);
      return transportResult('ConfirmTransportRequest', s, req.now);
    },
    'FulfillmentInboundShipment.VoidTransportRequest': (req) => {
      const s = shipment(req);
      requireTransportStatus(s, req.now, 'CONFIRMED');
      setTransport(s, 'VOIDING', req.now);
      return transportResult('VoidTransportRequest', s, req.now);
    },
    'FulfillmentInboundShipment.GetPackageLabels': (req) => {
      const s = shipment(req);
      return catalogResult('FulfillmentInboundShipment.GetPackageLabels', document('package labels', s, `${req.params.PageType}, ${req.params.NumberOfPackages ?? 1} packages`));
    },
    'FulfillmentInboundShipment.GetUniquePackageLabels': (req) => {
      const s = shipment(req);
      const cartons = listParam(req.params, 'PackageLabelsToPrint.member');
      if (cartons.length === 0) throw invalid('PackageLabelsToPrint.member.1 is required');
      return catalogResult('FulfillmentInboundShipment.GetUniquePackageLabels', document('unique package labels', s, cartons.join(',')));
    },
    'FulfillmentInboundShipment.GetPalletLabels': (req) => {
      const s = shipment(req);
      return catalogResult('FulfillmentInboundShipment.GetPalletLabels', document('pallet labels', s, `${req.params.NumberOfPallets} pallets`));
    },
    'FulfillmentInboundShipment.GetBillOfLading': (req) => {
      const s = shipment(req);
      if (s.transport?.shipmentType !== 'LTL' || !s.transport.isPartnered || transportStatus(s, req.now) !== 'CONFIRMED') {
        throw new SandboxError(400, 'InvalidRequestException', `A bill of lading exists only for a confirmed partnered LTL shipment; ${s.shipmentId} is not one`);
      }
      return catalogResult('FulfillmentInboundShipment.GetBillOfLading', document('bill of lading', s, 'LTL'));
    },
    'FulfillmentInboundShipment.ListInboundShipments': (req) => {
      const statuses = listParam(req.params, 'ShipmentStatusList.member');
      const ids = listParam(req.params, 'ShipmentIdList.member');
      if (statuses.length === 0 && ids.length === 0) throw invalid('Either ShipmentStatusList or ShipmentIdList must be specified');
      const after = dateParam(req.params, 'LastUpdatedAfter');
      const before = dateParam(req.params, 'LastUpdatedBefore');
      if ((after === undefined) !== (before === undefined)) throw invalid('LastUpdatedAfter and LastUpdatedBefore must be specified together');
      return shipmentsPage('ListInboundShipments', { op: 'ListInboundShipments', seller: req.sellerId, statuses, ids, after, before, next: 0 }, req.now);
    },
    'FulfillmentInboundShipment.ListInboundShipmentsByNextToken': (req) => shipmentsPage('ListInboundShipmentsByNextToken', readCursor<ShipmentsCursor>(req, 'ListInboundShipments'), req.now),
    'FulfillmentInboundShipment.ListInboundShipmentItems': (req) => {
      const shipmentId = req.params.ShipmentId || undefined;
      const after = dateParam(req.params, 'LastUpdatedAfter');
      const before = dateParam(req.params, 'LastUpdatedBefore');
      if (shipmentId === undefined && after === undefined) throw invalid('Either ShipmentId or LastUpdatedAfter/LastUpdatedBefore must be specified');
      if (shipmentId !== undefined && !state.records.inboundShipments[recordKey(req.sellerId, shipmentId)]) throw invalid(`ShipmentId ${shipmentId} is not an inbound shipment of seller ${req.sellerId}`);
      return itemsPage('ListInboundShipmentItems', { op: 'ListInboundShipmentItems', seller: req.sellerId, shipmentId, after, before, next: 0 }, req.now);
    },
    'FulfillmentInboundShipment.ListInboundShipmentItemsByNextToken': (req) => itemsPage('ListInboundShipmentItemsByNextToken', readCursor<ItemsCursor>(req, 'ListInboundShipmentItems'), req.now),
  };
}

function totalUnits(s: InboundShipmentRecord): number {
  return s.items.reduce((sum, i) => sum + i.quantityShipped, 0);
}

function guidance(seed: number, asin: string, ids: XmlFields): XmlFields {
  const slow = Random.for(seed, 'guidance', asin).chance(0.2);
  return { ...ids, InboundGuidance: slow ? 'InboundNotRecommended' : 'InboundOK', GuidanceReasonList: slow ? ['SlowMovingASIN'] : undefined };
}
