/**
 * GetServiceStatus for every section that has it (all but Feeds and Reports): always GREEN, stamped with
 * the sandbox clock. Fault injection (server side) is how tests see a failing service.
 */
import type { OperationHandler } from '../types';
import { isoSeconds, result, text } from './wire';

export const SECTIONS_WITH_SERVICE_STATUS = [
  'Orders', 'Products', 'Sellers', 'FulfillmentInventory', 'FulfillmentInboundShipment', 'FulfillmentOutboundShipment',
  'Finances', 'MerchantFulfillment', 'Recommendations', 'Subscriptions', 'ShipmentInvoicing', 'EasyShip',
];

export function serviceStatusHandlers(): Record<string, OperationHandler> {
  const handler: OperationHandler = (req) => result('GetServiceStatus', [text('Status', 'GREEN'), text('Timestamp', isoSeconds(req.now))]);
  return Object.fromEntries(SECTIONS_WITH_SERVICE_STATUS.map((section) => [`${section}.GetServiceStatus`, handler]));
}
