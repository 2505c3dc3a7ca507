/**
 * ShipmentInvoicing (2018-09-01). Real MWS offered it in Brazil only (elsewhere the gateway answered 404,
 * see test/fixtures/samples/live.ErrorResponse.ShipmentInvoicing-InvalidAddress.404.xml); the sandbox has
 * no Brazilian seller, so it serves these operations in the seller's own marketplaces instead. A shipment is
 * a shipped AFN order, named `S` + the order id's digits. Invoices are Processing for one sandbox-minute,
 * then Accepted.
 */
import { createHash } from 'node:crypto';
import type { OrderRecord, SandboxState } from '../state';
import { recordKey } from '../state/records';
import { SandboxError, type OperationHandler, type SandboxRequest } from '../types';
import { catalogResult } from './render';
import { checkMarketplace, invalid, requireParam, result } from './wire';

const PROCESSING_MS = 60_000;

export function shipmentIdOfOrder(amazonOrderId: string): string {
  return `S${amazonOrderId.replace(/-/g, '')}`;
}

export function shipmentInvoicingHandlers(state: SandboxState): Record<string, OperationHandler> {
  const shipped = (req: SandboxRequest): { order: OrderRecord; shipmentId: string; marketplaceId: string } => {
    const marketplaceId = requireParam(req.params, 'MarketplaceId');
    checkMarketplace(req, marketplaceId, state.sellerMarketplaces(req.sellerId));
    const shipmentId = requireParam(req.params, 'AmazonShipmentId');
    const digits = /^S(\d{3})(\d{7})(\d{7})$/.exec(shipmentId);
    const order = digits ? state.orders.get(req.sellerId, `${digits[1]}-${digits[2]}-${digits[3]}`) : undefined;
    if (!order || order.fulfillmentChannel !== 'AFN' || order.orderStatus !== 'Shipped' || order.marketplaceId !== marketplaceId) {
      throw new SandboxError(400, 'ShipmentNotFoundException', `AmazonShipmentId ${shipmentId} is not a shipped FBA shipment of seller ${req.sellerId} in ${marketplaceId}`);
    }
    return { order, shipmentId, marketplaceId };
  };

  return {
    'ShipmentInvoicing.GetFBAOutboundShipmentDetail': (req) => {
      const { order: o, shipmentId } = shipped(req);
      const a = o.shippingAddress;
      const money = (amount: string) => ({ CurrencyCode: o.orderTotal.currency, Amount: amount });
      return catalogResult('ShipmentInvoicing.GetFBAOutboundShipmentDetail', {
        ShipmentDetail: {
          AmazonOrderId: o.amazonOrderId, AmazonShipmentId: shipmentId, PurchaseDate: o.purchaseDate,
          ShippingAddress: { Name: a.name, AddressLine1: a.addressLine1, City: a.city, StateOrRegion: a.stateOrRegion, PostalCode: a.postalCode, CountryCode: a.countryCode, Phone: o.phone, AddressType: o.addressType },
          PaymentMethodDetails: o.paymentMethodDetails, MarketplaceId: o.marketplaceId, BuyerName: o.buyerName,
          BuyerTaxInfo: o.isBusinessOrder ? { CompanyLegalName: `${o.buyerName} GmbH`, TaxingRegion: a.countryCode, TaxClassifications: [{ Name: 'VATNumber', Value: `VAT${o.index}` }] } : undefined,
          ShipmentItems: o.items.map((i) => ({
            ASIN: i.asin, SellerSKU: i.sku, OrderItemId: i.orderItemId, Title: i.title, QuantityOrdered: i.quantityOrdered,
            ItemPrice: money(i.itemPrice), ShippingPrice: money(i.shippingPrice), GiftWrapPrice: i.giftWrapPrice ? money(i.giftWrapPrice) : undefined,
          })),
          WarehouseId: 'SBX1',
        },
      });
    },
    'ShipmentInvoicing.SubmitFBAOutboundShipmentInvoice': (req) => {
      const { shipmentId, marketplaceId } = shipped(req);
      const body = req.body ?? Buffer.alloc(0);
      if (body.length === 0) throw invalid('InvoiceContent (the request body) is empty');
      const md5 = createHash('md5').update(body).digest('base64');
      if (requireParam(req.params, 'ContentMD5Value') !== md5) throw new SandboxError(400, 'ContentMD5DoesNotMatch', 'ContentMD5Value does not match the MD5 of the invoice content');
      state.records.invoices[recordKey(req.sellerId, shipmentId)] = { sellerId: req.sellerId, amazonShipmentId: shipmentId, marketplaceId, status: 'Processing', submittedAt: req.now, contentMd5: md5 };
      return result('SubmitFBAOutboundShipmentInvoice', '');
    },
    'ShipmentInvoicing.GetFBAOutboundShipmentInvoiceStatus': (req) => {
      const { shipmentId } = shipped(req);
      const invoice = state.records.invoices[recordKey(req.sellerId, shipmentId)];
      const status = !invoice ? 'NotFound' : req.now - invoice.submittedAt >= PROCESSING_MS ? 'Accepted' : 'Processing';
      return catalogResult('ShipmentInvoicing.GetFBAOutboundShipmentInvoiceStatus', { Shipments: [{ AmazonShipmentId: shipmentId, InvoiceStatus: status }] });
    },
  };
}
