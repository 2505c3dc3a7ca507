/**
 * MerchantFulfillment (2015-06-01): shipping labels for the seller's own (MFN) orders. Offers are quoted
 * from the package weight; CreateShipment buys a label for an offered service (one live shipment per
 * order), CancelShipment refunds it within 24 sandbox-hours (RefundPending, RefundApplied an hour later).
 */
import { createHash } from 'node:crypto';
import { formatMoney, type OrderRecord, type SandboxState } from '../state';
import { mfnShipToAddress, recordKey, type MfnShipmentRecord } from '../state/records';
import { SandboxError, type OperationHandler, type SandboxRequest } from '../types';
import { catalogResult, type XmlFields } from './render';
import { requireParam, structListParam, structParam } from './wire';

const CANCEL_WINDOW_MS = 24 * 3_600_000;
const REFUND_APPLIED_AFTER_MS = 3_600_000;
const SERVICES = [
  { id: 'UPS_PTP_GND', name: 'UPS Ground', carrier: 'UPS', days: 3, centsPerPound: 120, base: 899 },
  { id: 'USPS_PTP_PRI', name: 'USPS Priority Mail', carrier: 'USPS', days: 2, centsPerPound: 150, base: 795 },
  { id: 'FEDEX_PTP_2DAY', name: 'FedEx 2Day', carrier: 'FEDEX', days: 2, centsPerPound: 210, base: 1450 },
];
const LABEL_FORMATS = ['PDF', 'PNG', 'ZPL203'];

function mfError(status: number, code: string, message: string): SandboxError {
  return new SandboxError(status, code, message);
}

export function merchantFulfillmentHandlers(state: SandboxState): Record<string, OperationHandler> {
  const requestDetails = (req: SandboxRequest) => {
    const d = structParam(req.params, 'ShipmentRequestDetails');
    const orderId = d.AmazonOrderId;
    if (!orderId) throw mfError(400, 'InvalidRequest', 'ShipmentRequestDetails.AmazonOrderId is required');
    const order = state.orders.get(req.sellerId, orderId);
    if (!order) throw mfError(404, 'ResourceNotFound', `Order ${orderId} does not exist for seller ${req.sellerId}`);
    if (order.fulfillmentChannel !== 'MFN') throw mfError(400, 'InvalidState', `Order ${orderId} is fulfilled by Amazon; Merchant Fulfillment labels are for MFN orders`);
    if (order.orderStatus === 'Canceled' || order.orderStatus === 'Pending') throw mfError(404, 'InvalidState', `Order ${orderId} is ${order.orderStatus} and cannot be shipped`);
    const items = structListParam(req.params, 'ShipmentRequestDetails.ItemList.Item').map((i) => ({ orderItemId: i.OrderItemId ?? '', quantity: Number(i.Quantity ?? '0') }));
    if (items.length === 0) throw mfError(400, 'InvalidRequest', 'ShipmentRequestDetails.ItemList.Item.1 is required');
    for (const item of items) {
      const line = order.items.find((i) => i.orderItemId === item.orderItemId);
      if (!line || !(item.quantity > 0) || item.quantity > line.quantityOrdered) {
        throw mfError(404, 'ItemsNotInOrder', `OrderItemId ${item.orderItemId} (quantity ${item.quantity}) is not an item of order ${orderId}`);
      }
    }
    const weight = Number(d['Weight.Value'] ?? '0');
    if (!(weight > 0)) throw mfError(400, 'InvalidRequest', 'ShipmentRequestDetails.Weight.Value must be a positive number');
    const from = Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('ShipFromAddress.')).map(([k, v]) => [k.slice(16), v]));
    for (const field of ['Name', 'AddressLine1', 'City', 'PostalCode', 'CountryCode', 'Email', 'Phone']) {
      if (!from[field]) throw mfError(400, 'InvalidShipFromAddress', `ShipmentRequestDetails.ShipFromAddress.${field} is required`);
    }
    const dims = Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('PackageDimensions.')).map(([k, v]) => [k.slice(18), v]));
    const unit = d['Weight.Unit'] ?? 'ounces';
    if (unit !== 'ounces' && unit !== 'grams') throw mfError(400, 'InvalidRequest', `ShipmentRequestDetails.Weight.Unit must be ounces or grams, got "${unit}"`);
    return { order, items, weight, weightUnit: unit, pounds: unit === 'ounces' ? weight / 16 : weight / 453.6, from, dims, deliveryExperience: d['ShippingServiceOptions.DeliveryExperience'] ?? 'DeliveryConfirmationWithoutSignature', carrierWillPickUp: d['ShippingServiceOptions.CarrierWillPickUp'] === 'true' };
  };
  const offerId = (order: OrderRecord, serviceId: string, pounds: number) => createHash('sha256').update(`${state.seed}|${order.amazonOrderId}|${serviceId}|${pounds}`).digest('base64');
  const quote = (req: SandboxRequest, details: ReturnType<typeof requestDetails>) => SERVICES.map((s) => ({
    s,
    cents: s.base + Math.ceil(details.pounds) * s.centsPerPound,
    offer: offerId(details.order, s.id, details.pounds),
    shipDate: req.now,
    delivery: req.now + s.days * 86_400_000,
  }));
  const serviceXml = (q: ReturnType<typeof quote>[number], currency: string, details: ReturnType<typeof requestDetails>): XmlFields => ({
    ShippingServiceName: q.s.name, CarrierName: q.s.carrier, ShippingServiceId: q.s.id, ShippingServiceOfferId: q.offer,
    ShipDate: new Date(q.shipDate).toISOString(), EarliestEstimatedDeliveryDate: new Date(q.delivery).toISOString(), LatestEstimatedDeliveryDate: new Date(q.delivery + 86_400_000).toISOString(),
    Rate: { CurrencyCode: currency, Amount: formatMoney(q.cents) },
    ShippingServiceOptions: { DeliveryExperience: details.deliveryExperience, CarrierWillPickUp: details.carrierWillPickUp },
    AvailableLabelFormats: LABEL_FORMATS, RequiresAdditionalSellerInputs: false,
  });
  const statusOf = (s: MfnShipmentRecord, now: number) => (s.status === 'RefundPending' && now - s.updatedAt >= REFUND_APPLIED_AFTER_MS ? 'RefundApplied' : s.status);
  const shipmentXml = (s: MfnShipmentRecord, now: number): XmlFields => {
    const label = Buffer.from(`%PDF-1.4\n% MWS sandbox shipping label ${s.trackingId} for ${s.amazonOrderId}\n%%EOF\n`, 'utf8');
    return {
      ShipmentId: s.shipmentId, AmazonOrderId: s.amazonOrderId, SellerOrderId: s.sellerOrderId,
      ItemList: s.items.map((i) => ({ OrderItemId: i.orderItemId, Quantity: i.quantity })),
      ShipFromAddress: s.shipFromAddress, ShipToAddress: s.shipToAddress, PackageDimensions: s.packageDimensions, Weight: { Value: s.weight.value, Unit: s.weight.unit },
      Insurance: { CurrencyCode: s.rate.currencyCode, Amount: '0.00' },
      ShippingService: {
        ShippingServiceName: SERVICES.find((x) => x.id === s.shippingServiceId)?.name ?? s.shippingServiceId, CarrierName: s.carrierName, ShippingServiceId: s.shippingServiceId,
        ShippingServiceOfferId: 'purchased', ShipDate: new Date(s.createdAt).toISOString(), Rate: { CurrencyCode: s.rate.currencyCode, Amount: s.rate.amount },
        ShippingServiceOptions: { DeliveryExperience: 'DeliveryConfirmationWithoutSignature', CarrierWillPickUp: false }, RequiresAdditionalSellerInputs: false,
      },
      Label: { Dimensions: { Length: '6', Width: '4', Unit: 'inches' }, FileContents: { Contents: label.toString('base64'), FileType: 'application/pdf', Checksum: createHash('md5').update(label).digest('base64') }, LabelFormat: 'PDF' },
      Status: statusOf(s, now), TrackingId: s.trackingId, CreatedDate: new Date(s.createdAt).toISOString(), LastUpdatedDate: new Date(s.updatedAt).toISOString(),
    };
  };
  const getShipment = (req: SandboxRequest) => {
    const id = requireParam(req.params, 'ShipmentId');
    const s = state.records.mfnShipments[recordKey(req.sellerId, id)];
    if (!s) throw mfError(404, 'ResourceNotFound', `Shipment ${id} does not exist for seller ${req.sellerId}`);
    return s;
  };

  return {
    'MerchantFulfillment.GetEligibleShippingServices': (req) => {
      const details = requestDetails(req);
      const quotes = quote(req, details);
      const heavy = details.pounds > 70;
      return catalogResult('MerchantFulfillment.GetEligibleShippingServices', {
        ShippingServiceList: heavy ? [] : quotes.map((q) => serviceXml(q, details.order.orderTotal.currency, details)),
        RejectedShippingServiceList: [{ CarrierName: 'UPS', ShippingServiceId: 'UPS_PTP_3DS', RejectionReasonCode: 'INELIGIBLE', RejectionReasonMessage: 'This ship method is not eligible for this order.', ShippingServiceName: 'UPS Three Day Saver' }],
        TemporarilyUnavailableCarrierList: [{ CarrierName: 'DHLECOMMERCE' }],
        TermsAndConditionsNotAcceptedCarrierList: [{ CarrierName: 'ONTRAC' }],
      });
    },
    'MerchantFulfillment.GetAdditionalSellerInputs': (req) => {
      const order = state.orders.get(req.sellerId, requireParam(req.params, 'OrderId'));
      if (!order) throw mfError(404, 'ResourceNotFound', `Order ${req.params.OrderId} does not exist for seller ${req.sellerId}`);
      const serviceId = requireParam(req.params, 'ShippingServiceId');
      if (!SERVICES.some((s) => s.id === serviceId)) throw mfError(404, 'ShippingServiceNotAvailable', `ShippingServiceId ${serviceId} is not offered by the sandbox`);
      // The sandbox's carriers need no extra inputs; the lists are present and empty.
      return catalogResult('MerchantFulfillment.GetAdditionalSellerInputs', { ShipmentLevelFields: [], ItemLevelFieldsList: [] });
    },
    'MerchantFulfillment.CreateShipment': (req) => {
      const details = requestDetails(req);
      const serviceId = requireParam(req.params, 'ShippingServiceId');
      const q = quote(req, details).find((x) => x.s.id === serviceId);
      if (!q) throw mfError(404, 'ShippingServiceNotAvailable', `ShippingServiceId ${serviceId} is not available for order ${details.order.amazonOrderId}`);
      if (req.params.ShippingServiceOfferId && req.params.ShippingServiceOfferId !== q.offer) throw mfError(400, 'InvalidShippingServiceOfferId', 'ShippingServiceOfferId does not match an offer from GetEligibleShippingServices for this shipment');
      const live = Object.values(state.records.mfnShipments).find((s) => s.sellerId === req.sellerId && s.amazonOrderId === details.order.amazonOrderId && s.status === 'Purchased');
      if (live) throw mfError(400, 'ShipmentAlreadyExists', `Order ${details.order.amazonOrderId} already has shipment ${live.shipmentId}`);
      const shipmentId = state.nextId('SBXMFN');
      const record: MfnShipmentRecord = {
        sellerId: req.sellerId, shipmentId, amazonOrderId: details.order.amazonOrderId, sellerOrderId: details.order.sellerOrderId, items: details.items,
        shipFromAddress: details.from,
        shipToAddress: mfnShipToAddress(details.order),
        packageDimensions: details.dims, weight: { value: String(details.weight), unit: details.weightUnit },
        shippingServiceId: serviceId, carrierName: q.s.carrier, rate: { currencyCode: details.order.orderTotal.currency, amount: formatMoney(q.cents) },
        trackingId: `1Z${shipmentId.replace(/\D/g, '').padStart(12, '0')}`, status: 'Purchased', createdAt: req.now, updatedAt: req.now,
      };
      state.records.mfnShipments[recordKey(req.sellerId, shipmentId)] = record;
      return catalogResult('MerchantFulfillment.CreateShipment', { Shipment: shipmentXml(record, req.now) });
    },
    'MerchantFulfillment.GetShipment': (req) => catalogResult('MerchantFulfillment.GetShipment', { Shipment: shipmentXml(getShipment(req), req.now) }),
    'MerchantFulfillment.CancelShipment': (req) => {
      const s = getShipment(req);
      if (s.status !== 'Purchased') throw mfError(404, 'InvalidState', `Shipment ${s.shipmentId} is ${statusOf(s, req.now)} and cannot be cancelled`);
      if (req.now - s.createdAt > CANCEL_WINDOW_MS) throw mfError(400, 'LabelCancelWindowExpired', `The label of shipment ${s.shipmentId} can no longer be cancelled (24 hours after purchase)`);
      s.status = 'RefundPending';
      s.updatedAt = req.now;
      return catalogResult('MerchantFulfillment.CancelShipment', { Shipment: shipmentXml(s, req.now) });
    },
  };
}
