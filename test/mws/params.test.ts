/**
 * Input ⇄ wire parameters with real examples from REFERENCE.md §e (at least one per section), and validation that
 * lists every problem with its field path.
 */
import { getOperation, operations } from '../../src/mws/catalog';
import { MwsConnectorError, ValidationError } from '../../src/mws/errors';
import { itemCount, toWireParams, validateParams } from '../../src/mws/params';

const wire = (id: string, input: Record<string, unknown>) => toWireParams(getOperation(id), input);

function problems(id: string, input: Record<string, unknown>): Array<{ field: string; message: string }> {
  try {
    validateParams(getOperation(id), input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as MwsConnectorError).code).toBe('INPUT_INVALID');
    return (e as ValidationError).details ?? [];
  }
  return [];
}

const address = { Name: 'Jane', AddressLine1: '1 Main St', City: 'Seattle', StateOrProvinceCode: 'WA', CountryCode: 'US', PostalCode: '98101' };

describe('toWireParams: REFERENCE.md §e examples, one or more per section', () => {
  it('Orders: ListOrders lists and GetOrder ids', () => {
    const { params, body } = wire('Orders.ListOrders', {
      MarketplaceId: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
      CreatedAfter: new Date('2020-01-01T00:00:00Z'),
      OrderStatus: ['Unshipped', 'PartiallyShipped'],
      FulfillmentChannel: ['MFN'],
      PaymentMethod: ['COD'],
      MaxResultsPerPage: 50,
    });
    expect(body).toBeUndefined();
    expect(params).toEqual({
      'MarketplaceId.Id.1': 'ATVPDKIKX0DER',
      'MarketplaceId.Id.2': 'A2EUQ1WTGCTBG2',
      CreatedAfter: '2020-01-01T00:00:00.000Z',
      'OrderStatus.Status.1': 'Unshipped',
      'OrderStatus.Status.2': 'PartiallyShipped',
      'FulfillmentChannel.Channel.1': 'MFN',
      'PaymentMethod.Method.1': 'COD',
      MaxResultsPerPage: '50',
    });
    expect(wire('Orders.GetOrder', { AmazonOrderId: ['058-1233752-8214740'] }).params).toEqual({ 'AmazonOrderId.Id.1': '058-1233752-8214740' });
    expect(wire('Orders.ListOrders', { MarketplaceId: ['A21TJRUUN4KGV'], LastUpdatedAfter: '2020-01-01', EasyShipShipmentStatus: ['PendingPickUp'] }).params)
      .toMatchObject({ LastUpdatedAfter: '2020-01-01', 'EasyShipShipmentStatus.Status.1': 'PendingPickUp' });
  });

  it('Feeds: list filters and SubmitFeed body', () => {
    expect(wire('Feeds.GetFeedSubmissionList', {
      FeedSubmissionIdList: ['2291326430'],
      FeedTypeList: ['_POST_PRODUCT_DATA_'],
      FeedProcessingStatusList: ['_DONE_'],
    }).params).toEqual({
      'FeedSubmissionIdList.Id.1': '2291326430',
      'FeedTypeList.Type.1': '_POST_PRODUCT_DATA_',
      'FeedProcessingStatusList.Status.1': '_DONE_',
    });
    const out = wire('Feeds.SubmitFeed', { FeedType: '_POST_PRODUCT_IMAGE_DATA_', MarketplaceIdList: ['ATVPDKIKX0DER'], FeedContent: 'sku\tprice\n', PurgeAndReplace: false });
    expect(out.params).toEqual({ FeedType: '_POST_PRODUCT_IMAGE_DATA_', 'MarketplaceIdList.Id.1': 'ATVPDKIKX0DER', PurgeAndReplace: 'false' });
    expect(out.body?.toString('utf8')).toBe('sku\tprice\n');
    const bytes = Buffer.from([0xe9, 0x0a]); // Cp1252 "é\n": passed through untouched
    expect(wire('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: bytes }).body).toEqual(bytes);
  });

  it('Reports: request ids, types, statuses, acknowledgements', () => {
    expect(wire('Reports.GetReportRequestList', {
      ReportRequestIdList: ['2291326454'],
      ReportTypeList: ['_GET_MERCHANT_LISTINGS_DATA_'],
      ReportProcessingStatusList: ['_DONE_', '_CANCELLED_'],
    }).params).toEqual({
      'ReportRequestIdList.Id.1': '2291326454',
      'ReportTypeList.Type.1': '_GET_MERCHANT_LISTINGS_DATA_',
      'ReportProcessingStatusList.Status.1': '_DONE_',
      'ReportProcessingStatusList.Status.2': '_CANCELLED_',
    });
    expect(wire('Reports.UpdateReportAcknowledgements', { ReportIdList: ['6706983222', '6706983223'], Acknowledged: true }).params).toEqual({
      'ReportIdList.Id.1': '6706983222',
      'ReportIdList.Id.2': '6706983223',
      Acknowledged: 'true',
    });
  });

  it('Products: ASIN and SKU lists, IdList, fees estimate structures', () => {
    expect(wire('Products.GetMatchingProduct', { MarketplaceId: 'ATVPDKIKX0DER', ASINList: ['B002KT3XQM', 'B00551Q3CS'] }).params).toEqual({
      MarketplaceId: 'ATVPDKIKX0DER',
      'ASINList.ASIN.1': 'B002KT3XQM',
      'ASINList.ASIN.2': 'B00551Q3CS',
    });
    expect(wire('Products.GetMyPriceForSKU', { MarketplaceId: 'ATVPDKIKX0DER', SellerSKUList: ['SKU-1'] }).params['SellerSKUList.SellerSKU.1']).toBe('SKU-1');
    expect(wire('Products.GetMatchingProductForId', { MarketplaceId: 'ATVPDKIKX0DER', IdType: 'ISBN', IdList: ['9781933988665'] }).params).toEqual({
      MarketplaceId: 'ATVPDKIKX0DER',
      IdType: 'ISBN',
      'IdList.Id.1': '9781933988665',
    });
    const fees = wire('Products.GetMyFeesEstimate', {
      FeesEstimateRequestList: [{
        MarketplaceId: 'ATVPDKIKX0DER', IdType: 'ASIN', IdValue: 'B002KT3XQM', IsAmazonFulfilled: true, Identifier: 'req-1',
        PriceToEstimateFees: { ListingPrice: { CurrencyCode: 'USD', Amount: '30.00' }, Shipping: { CurrencyCode: 'USD', Amount: 3.5 } },
      }],
    }).params;
    expect(fees).toEqual({
      'FeesEstimateRequestList.FeesEstimateRequest.1.MarketplaceId': 'ATVPDKIKX0DER',
      'FeesEstimateRequestList.FeesEstimateRequest.1.IdType': 'ASIN',
      'FeesEstimateRequestList.FeesEstimateRequest.1.IdValue': 'B002KT3XQM',
      'FeesEstimateRequestList.FeesEstimateRequest.1.IsAmazonFulfilled': 'true',
      'FeesEstimateRequestList.FeesEstimateRequest.1.PriceToEstimateFees.ListingPrice.CurrencyCode': 'USD',
      'FeesEstimateRequestList.FeesEstimateRequest.1.PriceToEstimateFees.ListingPrice.Amount': '30.00',
      'FeesEstimateRequestList.FeesEstimateRequest.1.PriceToEstimateFees.Shipping.CurrencyCode': 'USD',
      'FeesEstimateRequestList.FeesEstimateRequest.1.PriceToEstimateFees.Shipping.Amount': '3.5',
      'FeesEstimateRequestList.FeesEstimateRequest.1.Identifier': 'req-1',
    });
  });

  it('Sellers and Finances: scalar parameters under their own names', () => {
    expect(wire('Sellers.ListMarketplaceParticipationsByNextToken', { NextToken: 'abc+/=' }).params).toEqual({ NextToken: 'abc+/=' });
    expect(wire('Finances.ListFinancialEvents', { PostedAfter: '2015-01-01T00:00:00Z', MaxResultsPerPage: '100' }).params).toEqual({
      PostedAfter: '2015-01-01T00:00:00Z',
      MaxResultsPerPage: '100',
    });
  });

  it('FulfillmentInventory: SellerSkus.member.N', () => {
    expect(wire('FulfillmentInventory.ListInventorySupply', { SellerSkus: ['SampleSKU1', 'SampleSKU2'], ResponseGroup: 'Basic' }).params).toEqual({
      'SellerSkus.member.1': 'SampleSKU1',
      'SellerSkus.member.2': 'SampleSKU2',
      ResponseGroup: 'Basic',
    });
  });

  it('FulfillmentInboundShipment: plan items, nested PrepDetails, id lists, AsinList', () => {
    const plan = wire('FulfillmentInboundShipment.CreateInboundShipmentPlan', {
      ShipFromAddress: { Name: 'Jane', AddressLine1: '1 Main St', City: 'Seattle', CountryCode: 'US' },
      InboundShipmentPlanRequestItems: [{ SellerSKU: 'SKU00001', Quantity: 3, PrepDetailsList: [{ PrepInstruction: 'Taping', PrepOwner: 'SELLER' }] }],
    }).params;
    expect(plan).toEqual({
      'ShipFromAddress.Name': 'Jane',
      'ShipFromAddress.AddressLine1': '1 Main St',
      'ShipFromAddress.City': 'Seattle',
      'ShipFromAddress.CountryCode': 'US',
      'InboundShipmentPlanRequestItems.member.1.SellerSKU': 'SKU00001',
      'InboundShipmentPlanRequestItems.member.1.Quantity': '3',
      'InboundShipmentPlanRequestItems.member.1.PrepDetailsList.PrepDetails.1.PrepInstruction': 'Taping',
      'InboundShipmentPlanRequestItems.member.1.PrepDetailsList.PrepDetails.1.PrepOwner': 'SELLER',
    });
    const items = wire('FulfillmentInboundShipment.UpdateInboundShipment', {
      ShipmentId: 'FBA44JV8R',
      InboundShipmentHeader: { ShipmentName: 'S', ShipFromAddress: address, DestinationFulfillmentCenterId: 'ABE2', LabelPrepPreference: 'SELLER_LABEL', ShipmentStatus: 'WORKING' },
      InboundShipmentItems: [{ SellerSKU: 'A', QuantityShipped: 1 }, { SellerSKU: 'B', QuantityShipped: 2, PrepDetailsList: [{ PrepInstruction: 'Labeling', PrepOwner: 'AMAZON' }] }],
    }).params;
    expect(items['InboundShipmentItems.member.2.QuantityShipped']).toBe('2');
    expect(items['InboundShipmentItems.member.2.PrepDetailsList.PrepDetails.1.PrepInstruction']).toBe('Labeling');
    expect(wire('FulfillmentInboundShipment.ListInboundShipments', { ShipmentStatusList: ['WORKING'], ShipmentIdList: ['FBA1'] }).params).toEqual({
      'ShipmentStatusList.member.1': 'WORKING',
      'ShipmentIdList.member.1': 'FBA1',
    });
    expect(wire('FulfillmentInboundShipment.GetPrepInstructionsForASIN', { AsinList: ['B00005N5PF'], ShipToCountryCode: 'US' }).params['AsinList.Id.1']).toBe('B00005N5PF');
    expect(wire('FulfillmentInboundShipment.GetPrepInstructionsForSKU', { SellerSKUList: ['ca-sku'], ShipToCountryCode: 'CA' }).params['SellerSKUList.Id.1']).toBe('ca-sku');
  });

  it('FulfillmentOutboundShipment: items, e-mails, speeds, address', () => {
    const order = wire('FulfillmentOutboundShipment.CreateFulfillmentOrder', {
      SellerFulfillmentOrderId: 'ORDER-1', DisplayableOrderId: 'ORDER-1', DisplayableOrderDateTime: '2020-01-01T00:00:00Z',
      DisplayableOrderComment: 'Thanks', ShippingSpeedCategory: 'Standard',
      DestinationAddress: { Name: 'Jane', Line1: '1 Main St', StateOrProvinceCode: 'WA', CountryCode: 'US' },
      NotificationEmailList: ['a@example.com'],
      Items: [{ SellerSKU: 'SKU', SellerFulfillmentOrderItemId: 'i1', Quantity: 1, PerUnitDeclaredValue: { CurrencyCode: 'USD', Value: '9.99' } }],
    }).params;
    expect(order).toMatchObject({
      'DestinationAddress.Line1': '1 Main St',
      'NotificationEmailList.member.1': 'a@example.com',
      'Items.member.1.SellerSKU': 'SKU',
      'Items.member.1.PerUnitDeclaredValue.Value': '9.99',
    });
    const preview = wire('FulfillmentOutboundShipment.GetFulfillmentPreview', {
      Address: { Name: 'Jane', Line1: '1 Main St', StateOrProvinceCode: 'WA', CountryCode: 'US' },
      Items: [{ SellerSKU: 'SKU', Quantity: 2, SellerFulfillmentOrderItemId: 'i1' }],
      ShippingSpeedCategories: ['Standard', 'Expedited'],
    }).params;
    expect(preview['ShippingSpeedCategories.member.2']).toBe('Expedited');
  });

  it('MerchantFulfillment: ItemList.Item.N and seller inputs', () => {
    const details = {
      AmazonOrderId: '903-5563053-5647845',
      ItemList: [{ OrderItemId: '52986411826454', Quantity: 1, ItemLevelSellerInputsList: [{ AdditionalInputFieldName: 'LOCATION', AdditionalSellerInput: { DataType: 'String', ValueAsString: 'x' } }] }],
      ShipFromAddress: { Name: 'Jane', AddressLine1: '1 Main St', City: 'Seattle', StateOrProvinceCode: 'WA', PostalCode: '98101', CountryCode: 'US', Email: 'a@example.com', Phone: '555' },
      PackageDimensions: { Length: '5', Width: '5', Height: '5', Unit: 'inches' },
      Weight: { Value: '10', Unit: 'ounces' },
      ShippingServiceOptions: { DeliveryExperience: 'NoTracking', CarrierWillPickUp: false },
    };
    const out = wire('MerchantFulfillment.GetEligibleShippingServices', { ShipmentRequestDetails: details }).params;
    expect(out).toMatchObject({
      'ShipmentRequestDetails.ItemList.Item.1.OrderItemId': '52986411826454',
      'ShipmentRequestDetails.ItemList.Item.1.ItemLevelSellerInputsList.member.1.AdditionalInputFieldName': 'LOCATION',
      'ShipmentRequestDetails.ItemList.Item.1.ItemLevelSellerInputsList.member.1.AdditionalSellerInput.ValueAsString': 'x',
      'ShipmentRequestDetails.ShippingServiceOptions.CarrierWillPickUp': 'false',
      'ShipmentRequestDetails.Weight.Value': '10',
    });
  });

  it('Recommendations: CategoryQuery.N with FilterOption.N', () => {
    expect(wire('Recommendations.ListRecommendations', {
      MarketplaceId: 'ATVPDKIKX0DER',
      CategoryQueryList: [{ RecommendationCategory: 'Selection', FilterOptions: ['BrandName=Acme', 'IncludeCommonRecommendations=true'] }],
    }).params).toEqual({
      MarketplaceId: 'ATVPDKIKX0DER',
      'CategoryQueryList.CategoryQuery.1.RecommendationCategory': 'Selection',
      'CategoryQueryList.CategoryQuery.1.FilterOptions.FilterOption.1': 'BrandName=Acme',
      'CategoryQueryList.CategoryQuery.1.FilterOptions.FilterOption.2': 'IncludeCommonRecommendations=true',
    });
  });

  it('Subscriptions: Destination.AttributeList.member.N and Subscription.Destination…', () => {
    const destination = { DeliveryChannel: 'SQS', AttributeList: [{ Key: 'sqsQueueUrl', Value: 'https://sqs.us-east-1.amazonaws.com/51471EXAMPLE/mws_notifications' }] };
    expect(wire('Subscriptions.RegisterDestination', { MarketplaceId: 'ATVPDKIKX0DER', Destination: destination }).params).toEqual({
      MarketplaceId: 'ATVPDKIKX0DER',
      'Destination.DeliveryChannel': 'SQS',
      'Destination.AttributeList.member.1.Key': 'sqsQueueUrl',
      'Destination.AttributeList.member.1.Value': 'https://sqs.us-east-1.amazonaws.com/51471EXAMPLE/mws_notifications',
    });
    const sub = wire('Subscriptions.CreateSubscription', { MarketplaceId: 'ATVPDKIKX0DER', Subscription: { NotificationType: 'AnyOfferChanged', Destination: destination, IsEnabled: true } }).params;
    expect(sub['Subscription.Destination.AttributeList.member.1.Key']).toBe('sqsQueueUrl');
    expect(sub['Subscription.IsEnabled']).toBe('true');
  });

  it('EasyShip: PackageUpdateDetails.N.ScheduledPackageId.AmazonOrderId', () => {
    expect(wire('EasyShip.UpdateScheduledPackages', {
      MarketplaceId: 'A21TJRUUN4KGV',
      ScheduledPackageUpdateDetailsList: [{ ScheduledPackageId: { AmazonOrderId: '171-0000000-0000000' }, PackagePickupSlot: { SlotId: 'slot-1' } }],
    }).params).toEqual({
      MarketplaceId: 'A21TJRUUN4KGV',
      'ScheduledPackageUpdateDetailsList.PackageUpdateDetails.1.ScheduledPackageId.AmazonOrderId': '171-0000000-0000000',
      'ScheduledPackageUpdateDetailsList.PackageUpdateDetails.1.PackagePickupSlot.SlotId': 'slot-1',
    });
  });

  it('ShipmentInvoicing: invoice XML as the body', () => {
    const out = wire('ShipmentInvoicing.SubmitFBAOutboundShipmentInvoice', {
      MarketplaceId: 'A2Q3Y263D00KWC', AmazonShipmentId: 'DKMKLXJmN', InvoiceContent: '<nfeProc/>', ContentMD5Value: 'x',
    });
    expect(out.params).toEqual({ MarketplaceId: 'A2Q3Y263D00KWC', AmazonShipmentId: 'DKMKLXJmN', ContentMD5Value: 'x' });
    expect(out.body?.toString()).toBe('<nfeProc/>');
  });
});

describe('validateParams', () => {
  it('lists every problem with its path at once', () => {
    const found = problems('FulfillmentInboundShipment.CreateInboundShipmentPlan', {
      ShipFromAddress: { ...address, Nmae: 'typo' },
      LabelPrepPreference: 'SELLER',
      InboundShipmentPlanRequestItems: [{ SellerSKU: 'A', Quantity: 'three', PrepDetailsList: [{ PrepInstruction: 'Taping', PrepOwner: 'ME' }] }, { Quantity: 1 }],
      Extra: 1,
    });
    expect(found.map((p) => p.field).sort()).toEqual([
      'Extra',
      'InboundShipmentPlanRequestItems[0].PrepDetailsList[0].PrepOwner',
      'InboundShipmentPlanRequestItems[0].Quantity',
      'InboundShipmentPlanRequestItems[1].SellerSKU',
      'LabelPrepPreference',
      'ShipFromAddress.Nmae',
    ]);
    expect(found.find((p) => p.field === 'ShipFromAddress.Nmae')?.message).toMatch(/did you mean Name/);
    expect(found.find((p) => p.field === 'LabelPrepPreference')?.message).toMatch(/expected one of SELLER_LABEL/);
  });

  it('checks required values, types, list limits, numeric ranges and lengths', () => {
    expect(problems('Orders.GetOrder', {})).toEqual([{ field: 'AmazonOrderId', message: 'is required by GetOrder' }]);
    expect(problems('Orders.GetOrder', { AmazonOrderId: Array.from({ length: 51 }, (_, i) => `id-${i}`) })[0].message).toBe('expected at most 50 items, got 51');
    expect(problems('Orders.GetOrder', { AmazonOrderId: 'one' })[0].message).toMatch(/expected an array/);
    const ranged = problems('Orders.ListOrders', { MarketplaceId: ['ATVPDKIKX0DER'], CreatedAfter: 'yesterday', MaxResultsPerPage: 101 });
    expect(ranged).toEqual([
      { field: 'CreatedAfter', message: expect.stringMatching(/ISO 8601/) },
      { field: 'MaxResultsPerPage', message: 'expected at most 100, got 101' },
    ]);
    expect(problems('Products.GetMyFeesEstimate', {
      FeesEstimateRequestList: [{ MarketplaceId: 'X', IdType: 'ASIN', IdValue: 'B', IsAmazonFulfilled: 'yes', Identifier: 'i', PriceToEstimateFees: { ListingPrice: { CurrencyCode: 'USD', Amount: '1,5' } } }],
    }).map((p) => p.field)).toEqual([
      'FeesEstimateRequestList[0].IsAmazonFulfilled',
      'FeesEstimateRequestList[0].PriceToEstimateFees.ListingPrice.Amount',
    ]);
    const price = (Amount: unknown) => problems('Products.GetMyFeesEstimate', {
      FeesEstimateRequestList: [{ MarketplaceId: 'X', IdType: 'ASIN', IdValue: 'B', IsAmazonFulfilled: false, Identifier: 'i', PriceToEstimateFees: { ListingPrice: { CurrencyCode: 'USD', Amount } } }],
    });
    expect(price(12.5)).toEqual([]);
    expect(price(1e-7)).toHaveLength(1);
    expect(price(Number.NaN)).toHaveLength(1);
    const tooLong = getOperation('FulfillmentOutboundShipment.CreateFulfillmentOrder').params.find((p) => p.maxLength);
    if (!tooLong) throw new Error('expected a parameter with maxLength in CreateFulfillmentOrder');
    expect(problems('FulfillmentOutboundShipment.CreateFulfillmentOrder', { [tooLong.name]: 'x'.repeat(tooLong.maxLength as number + 1) }).some((p) => p.field === tooLong.name && /at most/.test(p.message))).toBe(true);
  });

  it('enforces ListOrders constraints', () => {
    const base = { MarketplaceId: ['ATVPDKIKX0DER'] };
    expect(problems('Orders.ListOrders', base)).toEqual([{ field: 'CreatedAfter', message: 'exactly one of CreatedAfter / LastUpdatedAfter is required' }]);
    expect(problems('Orders.ListOrders', { ...base, CreatedAfter: '2020-01-01', LastUpdatedAfter: '2020-01-01' }).map((p) => p.field)).toEqual(['LastUpdatedAfter']);
    expect(problems('Orders.ListOrders', { ...base, LastUpdatedAfter: '2020-01-01', CreatedBefore: '2020-02-01' }).map((p) => p.message)).toContain('CreatedBefore is only allowed with CreatedAfter');
    expect(problems('Orders.ListOrders', { ...base, CreatedAfter: '2020-01-01', OrderStatus: ['PartiallyShipped'] })[0].message).toMatch(/Unshipped and PartiallyShipped/);
    expect(problems('Orders.ListOrders', { ...base, CreatedAfter: '2020-01-01', BuyerEmail: 'a@b.c', OrderStatus: ['Shipped'] })[0].field).toBe('BuyerEmail');
    expect(problems('Orders.ListOrders', { ...base, CreatedAfter: '2020-01-01', OrderStatus: ['Unshipped', 'PartiallyShipped', 'Shipped'] })).toEqual([]);
  });

  it('enforces the other documented constraints', () => {
    expect(problems('FulfillmentInventory.ListInventorySupply', {})[0].message).toMatch(/exactly one of SellerSkus/);
    expect(problems('FulfillmentInventory.ListInventorySupply', { SellerSkus: ['a'], QueryStartDateTime: '2020-01-01' })).toHaveLength(1);
    expect(problems('Finances.ListFinancialEvents', { AmazonOrderId: 'x', PostedAfter: '2020-01-01' })[0].field).toBe('PostedAfter');
    // The reference: exactly one filter. No filter at all is refused here, as MWS (and the sandbox) refuse it.
    expect(problems('Finances.ListFinancialEvents', {}).map((p) => p.field)).toEqual(['AmazonOrderId']);
    expect(problems('Feeds.SubmitFeed', { FeedType: '_POST_PRODUCT_IMAGE_DATA_', FeedContent: '<x/>' })).toEqual([
      { field: 'MarketplaceIdList', message: 'MarketplaceIdList is required for FeedType _POST_PRODUCT_IMAGE_DATA_' },
    ]);
    expect(problems('FulfillmentInboundShipment.ListInboundShipments', { ShipmentStatusList: ['WORKING'], LastUpdatedAfter: '2020-01-01' }).map((p) => p.field)).toEqual(['LastUpdatedBefore']);
  });

  it('refuses unknown parameters and common parameters the client adds', () => {
    expect(problems('Orders.GetServiceStatus', { SellerId: 'A1' })[0].message).toMatch(/GetServiceStatus takes no parameters/);
    expect(problems('Orders.GetOrder', { amazonOrderId: ['1'] }).find((p) => p.field === 'amazonOrderId')?.message).toMatch(/did you mean AmazonOrderId/);
  });

  it('accepts Date objects and ISO strings, refuses invalid dates', () => {
    expect(problems('Finances.ListFinancialEvents', { PostedAfter: new Date('2020-01-01T00:00:00Z') })).toEqual([]);
    expect(problems('Finances.ListFinancialEvents', { PostedAfter: '2020-01-01T00:00:00.123+02:00' })).toEqual([]);
    expect(problems('Finances.ListFinancialEvents', { PostedAfter: new Date('nope') })[0].field).toBe('PostedAfter');
    expect(problems('Finances.ListFinancialEvents', { PostedAfter: '2020-13-45' })[0].field).toBe('PostedAfter');
  });

  it('toWireParams refuses invalid input instead of encoding it', () => {
    expect(() => wire('Orders.GetOrder', { AmazonOrderId: [1] })).toThrow(ValidationError);
  });

  it('accepts a minimal valid input for every operation without required parameters', () => {
    for (const op of operations.filter((o) => o.params.every((p) => p.required === false) && o.constraints.length === 0)) {
      expect([op.id, toWireParams(op, {}).params]).toEqual([op.id, {}]);
    }
  });
});

describe('itemCount', () => {
  it('counts ids for item-restored throttles and 1 otherwise', () => {
    expect(itemCount(getOperation('Products.GetMatchingProductForId'), { IdList: ['a', 'b', 'c'] })).toBe(3);
    expect(itemCount(getOperation('Products.GetCompetitivePricingForASIN'), { ASINList: [] })).toBe(1);
    expect(itemCount(getOperation('Products.GetLowestPricedOffersForASIN'), { ASIN: 'B0' })).toBe(1);
    expect(itemCount(getOperation('Orders.GetOrder'), { AmazonOrderId: ['a', 'b'] })).toBe(1);
  });
});
