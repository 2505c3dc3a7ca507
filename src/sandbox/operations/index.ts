/**
 * Handlers for every ordinary operation of the catalog (all but Feeds.* and Reports.*, which the
 * lifecycles own), keyed `Section.Operation`. Each section's handlers live in their own module.
 */
import type { SandboxState } from '../state';
import type { OperationHandler, SandboxClock } from '../types';
import { easyShipHandlers } from './easyShip';
import { financesHandlers } from './finances';
import { inboundHandlers } from './inbound';
import { inventoryHandlers } from './inventory';
import { merchantFulfillmentHandlers } from './merchantFulfillment';
import { orderHandlers } from './orders';
import { outboundHandlers } from './outbound';
import { productsHandlers } from './products';
import { recommendationsHandlers } from './recommendations';
import { sellersHandlers } from './sellers';
import { serviceStatusHandlers } from './serviceStatus';
import { shipmentInvoicingHandlers } from './shipmentInvoicing';
import { subscriptionsHandlers } from './subscriptions';

export function createOperationHandlers(state: SandboxState, clock: SandboxClock): Record<string, OperationHandler> {
  // Handlers read time from the request (`req.now`, stamped by the server from this clock).
  void clock;
  return {
    ...serviceStatusHandlers(),
    ...orderHandlers(state),
    ...sellersHandlers(state),
    ...inventoryHandlers(state),
    ...financesHandlers(state),
    ...outboundHandlers(state),
    ...inboundHandlers(state),
    ...productsHandlers(state),
    ...merchantFulfillmentHandlers(state),
    ...recommendationsHandlers(state),
    ...subscriptionsHandlers(state),
    ...easyShipHandlers(state),
    ...shipmentInvoicingHandlers(state),
  };
}
