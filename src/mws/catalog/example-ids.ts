/**
 * Ids the actions' example inputs name and the sandbox seeds for every seller, so an example input runs
 * against the sandbox as it is. Both sides read this module (the example generator in src/actions/schemas and
 * the sandbox seed); neither depends on the other. Values come from Amazon's MWS documentation examples where
 * one exists (shared/mws-reference/samples, mirrored from bizon/mws-api-doc); the rest are marked as sandbox ids.
 */
export const EXAMPLE_IDS = Object.freeze({
  /** Orders docs, ListOrders/GetOrder example response (samples/ListOrdersResponse.xml). */
  amazonOrderId: '902-3159896-1390916',
  /** Sandbox id: a shipped FBA order (the docs' example orders are all merchant-fulfilled). */
  fbaOrderId: '114-5512345-6789012',
  /** Sandbox id: the FBA shipment of fbaOrderId, as the sandbox names shipments ('S' + the order id's digits). */
  amazonShipmentId: 'S11455123456789012',
  /** Orders docs, ListOrderItems example response (samples/ListOrderItemsResponse.xml). */
  orderItemId: '68828574383266',
  /** Products docs, GetMyPriceForSKU example response (samples/GetMyPriceForSKUResponse.xml). */
  sellerSku: 'SKU2468',
  /** Products docs, GetCompetitivePricingForASIN example response (samples/GetCompetitivePricingForASINResponse.xml). */
  asin: 'B002KT3XQM',
  /** Subscriptions docs: the queue URL of the RegisterDestination example. */
  sqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/51471EXAMPLE/mws_notifications',
  /** Subscriptions docs, ListSubscriptions example response (samples/ListSubscriptionsResponse.xml). */
  notificationType: 'AnyOfferChanged',
  /** Fulfillment Outbound docs, ListAllFulfillmentOrders example response (samples/ListAllFulfillmentOrdersResponse.xml). */
  sellerFulfillmentOrderId: 'extern_id_1154539615776',
  /** Sandbox id: the item of the example fulfillment order (the docs' responses show no item ids). */
  sellerFulfillmentOrderItemId: 'extern_id_1154539615776-1',
  /** Sandbox id: the shipment of the example fulfillment order (shaped like the sandbox's `D` + 8 hex digits). */
  fulfillmentShipmentId: 'D5A1B2C3D',
  /** Sandbox number: the package of that shipment. */
  packageNumber: 123456789,
  /** The same docs example's other order: the id CreateFulfillmentOrder's example creates (then updates and cancels). */
  newSellerFulfillmentOrderId: 'external-order-ebaytime1154557376014',
  /** Fulfillment Inbound docs, ListInboundShipments example response (samples/ListInboundShipmentsResponse.xml): a WORKING shipment. */
  inboundShipmentId: 'FBAN4QNH',
  /** The same docs example's other shipment: in the sandbox, a shipped one with a confirmed partnered LTL transport. */
  ltlShipmentId: 'FBA1123',
  /** Sandbox id: a shipment CreateInboundShipmentPlan proposed and CreateInboundShipment has not created yet. */
  plannedShipmentId: 'FBA15DJ9SQL1',
  /** Reports docs, GetReportList example response (samples/GetReportListResponse.xml). */
  reportId: '898899473',
  /** Feeds docs, SubmitFeed example response (samples/SubmitFeedResponse.xml). */
  feedSubmissionId: '2291326430',
  /** EasyShip docs, ListPickupSlots example response (samples/ListPickupSlotsResponse.xml); the sandbox takes it as its earliest slot. */
  pickupSlotId: 'Xyt123bbdg=',
  /** EasyShip exists only in India (REFERENCE.md §c: A21TJRUUN4KGV, mws.amazonservices.in). */
  easyShipMarketplaceId: 'A21TJRUUN4KGV',
  /** Sandbox id shaped like the UUIDs MWS minted for Merchant Fulfillment shipments: a label bought for a shipped order. */
  mfnShipmentId: 'be7a0a53-00c3-4f6f-a63a-639f76ee9253',
  /** Merchant Fulfillment docs, GetEligibleShippingServices example response (samples/GetEligibleShippingServicesResponse.xml). */
  shippingServiceId: 'UPS_PTP_GND',
});

export type ExampleIds = typeof EXAMPLE_IDS;
