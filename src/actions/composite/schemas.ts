/** Input and output schemas of the composite actions, written here (the catalog has no operation for them). */
import { catalog } from '../../mws/catalog';
import { EXAMPLE_IDS } from '../../mws/catalog/example-ids';
import { DRAFT_07, ISO_DATE_PATTERN, type JsonSchema } from '../schemas/json-schema';
import { datatypeSchema } from '../schemas/output';
import { FETCH_REPORT_ID } from './fetch-report';
import { SUBMIT_FEED_AND_WAIT_ID } from './submit-feed-and-wait';
import { SYNC_ORDERS_ID } from './sync-orders';

export interface ActionSchemas {
  input: JsonSchema;
  output: JsonSchema;
  sampleOutput: unknown;
}

const marketplaceList = (name: string): JsonSchema => ({
  type: 'array',
  items: { type: 'string' },
  minItems: 1,
  description: `${name}; defaults to the connection's marketplaces where Amazon requires one.`,
});

const polling = {
  pollIntervalSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Seconds between status polls (divided by the connection timeScale).' },
  timeoutSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Give up waiting after this long (TIMEOUT); running again with the same input resumes.' },
};

const date = { type: 'string', pattern: ISO_DATE_PATTERN };

function wrap(id: string, direction: 'input' | 'output', body: JsonSchema): JsonSchema {
  return { $schema: DRAFT_07, $id: `schemas/actions/${id}.${direction}.json`, title: `${id} ${direction}`, ...body };
}

function fetchReportSchemas(): ActionSchemas {
  const sampleOutput = {
    ReportRequestId: '2291326454',
    ReportType: '_GET_MERCHANT_LISTINGS_DATA_',
    ReportProcessingStatus: '_DONE_',
    ReportId: '3538561173',
    rows: [{ 'item-name': 'Example item', 'seller-sku': EXAMPLE_IDS.sellerSku, price: '19.99', quantity: '4' }],
    rowCount: 1,
  };
  const input = wrap(FETCH_REPORT_ID, 'input', {
    type: 'object',
    properties: {
      ReportType: { type: 'string', 'x-known-values': catalog.enumerations.ReportType ?? [], description: 'The report type, e.g. _GET_MERCHANT_LISTINGS_DATA_.' },
      StartDate: { ...date, description: 'Start of the report data range (ISO 8601).' },
      EndDate: { ...date, description: 'End of the report data range (ISO 8601).' },
      ReportOptions: { type: 'string', description: 'Report-specific options, e.g. custom=true.' },
      MarketplaceIdList: marketplaceList('Marketplaces the report covers'),
      format: { enum: ['auto', 'rows', 'text'], default: 'auto', description: 'rows: parse the tab-delimited file; text: return it as is; auto: rows unless the report is XML. With outputFile: whether rows are counted.' },
      outputFile: {
        type: 'string',
        minLength: 1,
        description: 'Stream the report to this file (in an existing folder) instead of returning it: any size, MD5-checked, written atomically, decoded to UTF-8; the output names the file and counts its rows.',
      },
      ...polling,
    },
    required: ['ReportType'],
    additionalProperties: false,
    examples: [
      { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' },
      { ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', StartDate: '2020-01-01T00:00:00Z', format: 'rows', pollIntervalSeconds: 30 },
      { ReportType: '_GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_', StartDate: '2020-01-01T00:00:00Z', outputFile: '/var/data/orders.tsv' },
    ],
    'x-counterExamples': [
      {},
      { ReportType: '_GET_MERCHANT_LISTINGS_DATA_', format: 'csv' },
      { ReportType: '_GET_MERCHANT_LISTINGS_DATA_', StartDate: 'yesterday' },
      { ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile: '' },
    ],
  });
  const output = wrap(FETCH_REPORT_ID, 'output', {
    type: 'object',
    properties: {
      ReportRequestId: { type: 'string' },
      ReportType: { type: 'string' },
      ReportProcessingStatus: { type: 'string', 'x-known-values': ['_DONE_', '_DONE_NO_DATA_'] },
      ReportId: { type: 'string' },
      rows: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
      rowCount: { type: 'integer', minimum: 0 },
      text: { type: 'string' },
      file: { type: 'string', description: 'With outputFile: the absolute path the report was written to.' },
      bytes: { type: 'integer', minimum: 0, description: 'With outputFile: bytes Amazon sent (what contentMd5 covers, before charset decoding).' },
      contentMd5: { type: 'string', description: 'With outputFile: the Content-MD5 the body was checked against.' },
      charset: { type: 'string', description: 'With outputFile: the charset Amazon named, as iconv-lite spells it (the file holds the text decoded to UTF-8).' },
    },
    required: ['ReportRequestId', 'ReportProcessingStatus'],
    additionalProperties: true,
    examples: [sampleOutput],
    'x-counterExamples': [{ ReportRequestId: '1', ReportProcessingStatus: '_DONE_', rows: [{ price: 19.99 }] }, { ReportProcessingStatus: '_DONE_' }],
  });
  return { input, output, sampleOutput };
}

function submitFeedSchemas(): ActionSchemas {
  const sampleOutput = {
    FeedSubmissionId: '2291326430',
    FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_',
    FeedProcessingStatus: '_DONE_',
    recovered: false,
    format: 'xml',
    statusCode: 'Complete',
    messagesProcessed: 2,
    messagesSuccessful: 1,
    messagesWithError: 1,
    messagesWithWarning: 0,
    results: [{ record: '2', resultCode: 'Error', resultMessageCode: '8560', description: 'SKU not found', sku: 'SKU-0002' }],
  };
  const input = wrap(SUBMIT_FEED_AND_WAIT_ID, 'input', {
    type: 'object',
    properties: {
      FeedType: { type: 'string', 'x-known-values': catalog.enumerations.FeedType ?? [], description: 'The feed type, e.g. _POST_INVENTORY_AVAILABILITY_DATA_.' },
      FeedContent: { type: 'string', minLength: 1, description: 'The feed document (XML or tab-delimited), sent as UTF-8 with its Content-MD5.' },
      FeedContentFile: {
        type: 'string',
        minLength: 1,
        description: 'Instead of FeedContent: the path of a file holding the feed document, streamed as is (any size MWS accepts, up to 2 GiB) with its Content-MD5.',
      },
      MarketplaceIdList: marketplaceList('Marketplaces the feed applies to'),
      PurgeAndReplace: { type: 'boolean', description: 'Replace all existing data of this feed type (use with care).' },
      FeedOptions: { type: 'string', description: 'Feed-specific options, e.g. metadata:...' },
      forceNewSubmission: { type: 'boolean', default: false, description: 'Submit even if an earlier run of the same feed ended with an ambiguous outcome.' },
      ...polling,
    },
    required: ['FeedType'],
    allOf: [{ oneOf: [{ required: ['FeedContent'] }, { required: ['FeedContentFile'] }], description: 'exactly one of FeedContent / FeedContentFile is required' }],
    additionalProperties: false,
    examples: [
      { FeedType: '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', FeedContent: `sku\tprice\tquantity\n${EXAMPLE_IDS.sellerSku}\t19.99\t4\n` },
      { FeedType: '_POST_PRODUCT_DATA_', FeedContentFile: '/var/data/products.xml' },
    ],
    'x-counterExamples': [
      { FeedType: '_POST_PRODUCT_DATA_' },
      { FeedType: '_POST_PRODUCT_DATA_', FeedContent: '' },
      { FeedType: '_POST_PRODUCT_DATA_', FeedContent: '<x/>', PurgeAndReplace: 'yes' },
      { FeedType: '_POST_PRODUCT_DATA_', FeedContent: '<x/>', FeedContentFile: '/var/data/products.xml' },
      { FeedType: '_POST_PRODUCT_DATA_', FeedContentFile: '' },
    ],
  });
  const result = {
    type: 'object',
    properties: {
      record: { type: 'string' },
      resultCode: { type: 'string', 'x-known-values': ['Error', 'Warning'] },
      resultMessageCode: { type: 'string' },
      description: { type: 'string' },
      sku: { type: 'string' },
      amazonOrderId: { type: 'string' },
    },
    required: ['record', 'resultCode'],
    additionalProperties: true,
  };
  const countOf = { type: 'integer', minimum: 0 };
  const output = wrap(SUBMIT_FEED_AND_WAIT_ID, 'output', {
    type: 'object',
    properties: {
      FeedSubmissionId: { type: 'string' },
      FeedType: { type: 'string' },
      FeedProcessingStatus: { type: 'string', 'x-known-values': ['_DONE_'] },
      recovered: { type: 'boolean', description: 'True when the submission was found by lookup after an ambiguous SubmitFeed.' },
      format: { enum: ['xml', 'flat'] },
      statusCode: { type: 'string' },
      messagesProcessed: countOf,
      messagesSuccessful: countOf,
      messagesWithError: countOf,
      messagesWithWarning: countOf,
      results: { type: 'array', items: result },
    },
    required: ['FeedSubmissionId', 'messagesProcessed', 'messagesSuccessful', 'messagesWithError', 'messagesWithWarning', 'results'],
    additionalProperties: true,
    examples: [sampleOutput],
    'x-counterExamples': [{ ...sampleOutput, messagesProcessed: '2' }, { ...sampleOutput, results: [{ sku: 'x' }] }],
  });
  return { input, output, sampleOutput };
}

function syncOrdersSchemas(): ActionSchemas {
  const order = datatypeSchema('Orders.Order');
  const item = datatypeSchema('Orders.OrderItem');
  const orderSchema = { allOf: [order.schema, { type: 'object', properties: { OrderItems: { type: 'array', items: item.schema } } }] };
  const sampleOutput = {
    orders: [
      {
        AmazonOrderId: '902-3159896-1390916',
        PurchaseDate: '2017-02-20T19:49:35Z',
        LastUpdateDate: '2017-02-20T19:49:35Z',
        OrderStatus: 'Unshipped',
        OrderTotal: { CurrencyCode: 'USD', Amount: '25.00' },
        NumberOfItemsShipped: 0,
        NumberOfItemsUnshipped: 1,
        MarketplaceId: 'ATVPDKIKX0DER',
      },
    ],
    count: 1,
    lastUpdateDate: '2017-02-20T19:49:35.000Z',
    since: '2017-02-19T00:00:00.000Z',
  };
  const input = wrap(SYNC_ORDERS_ID, 'input', {
    type: 'object',
    properties: {
      since: { ...date, description: 'Where the first run starts (ISO 8601); later runs continue from their checkpoint. Default: one day ago.' },
      includeItems: { type: 'boolean', default: false, description: 'Also fetch each order\'s items (one ListOrderItems per order).' },
      OrderStatus: { type: 'array', items: { type: 'string', enum: ['PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable'] } },
      FulfillmentChannel: { type: 'array', items: { type: 'string', enum: ['AFN', 'MFN'] } },
      MarketplaceId: { ...marketplaceList('Marketplaces whose orders are synced'), maxItems: 50 },
      cursor: { type: 'string', minLength: 1, description: 'Names the checkpoint, so several independent syncs can run for one seller (default "default").' },
      overlapSeconds: { type: 'number', minimum: 0, default: 300, description: 'How far before the last seen update each run looks again (orders are listed a little late).' },
    },
    additionalProperties: false,
    examples: [{}, { since: '2020-01-01T00:00:00Z', includeItems: true, OrderStatus: ['Unshipped', 'PartiallyShipped'] }],
    'x-counterExamples': [{ since: 'last week' }, { OrderStatus: ['Lost'] }, { includeItems: 'yes' }],
  });
  const output = wrap(SYNC_ORDERS_ID, 'output', {
    type: 'object',
    properties: {
      orders: { type: 'array', items: orderSchema },
      count: { type: 'integer', minimum: 0 },
      lastUpdateDate: { type: ['string', 'null'] },
      since: { type: 'string' },
    },
    required: ['orders', 'count'],
    additionalProperties: true,
    definitions: { ...order.definitions, ...item.definitions },
    examples: [sampleOutput],
    'x-counterExamples': [{ orders: {}, count: 0 }, { orders: [{ NumberOfItemsShipped: 'none' }], count: 1 }],
  });
  return { input, output, sampleOutput };
}

/** Schemas of every composite action, by action id. */
export function compositeSchemas(): Record<string, ActionSchemas> {
  return {
    [FETCH_REPORT_ID]: fetchReportSchemas(),
    [SUBMIT_FEED_AND_WAIT_ID]: submitFeedSchemas(),
    [SYNC_ORDERS_ID]: syncOrdersSchemas(),
  };
}
