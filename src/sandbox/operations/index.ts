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

/** `_clock` is part of the wiring contract; handlers read time from `req.now`, which the server stamps from it. */
export function createOperationHandlers(state: SandboxState, _clock: SandboxClock): Record<string, OperationHandler> {
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
