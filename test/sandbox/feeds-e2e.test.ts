/**
 * Feed lifecycle end to end: MwsClient → HTTP on loopback → startSandbox, with C2's seeded state. Time moves only
 * by advancing the sandbox clock (timeScale 0); the client reads the same clock for its Timestamps.
 */
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { MwsClient } from '../../src/mws/client';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { FEED_TIMING } from '../../src/sandbox/lifecycle';
import type { Listing } from '../../src/sandbox/types';

const US = 'ATVPDKIKX0DER';
const FEED_DONE_MS = FEED_TIMING.startsAfterMs + FEED_TIMING.processingMs;

let sandbox: RunningSandbox;
let client: MwsClient;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, orders: 20, timeScale: 0, now: Date.UTC(2026, 2, 2, 9, 0, 0) });
  const { sellerId, awsAccessKeyId, secretKey, mwsAuthToken } = DEFAULT_SANDBOX_CREDENTIALS;
  client = new MwsClient(
    { sellerId, awsAccessKeyId, secretKey, mwsAuthToken, marketplaceIds: [US], endpoint: sandbox.url },
    { clock: { now: () => sandbox.clock.now(), sleep: (ms) => sandbox.clock.sleep(ms) }, maxRetries: 0 },
  );
});

afterAll(async () => {
  client.close();
  await sandbox.close();
});

function afnListing(): Listing {
  const listing = sandbox.state.listings.list(DEFAULT_SANDBOX_CREDENTIALS.sellerId, US).find((l) => l.fulfillmentChannel === 'AFN');
  if (!listing) throw new Error('the seeded world has no AFN listing in the US');
  return listing;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function feedStatus(id: string): Promise<any> {
  const page = await client.call('Feeds.GetFeedSubmissionList', { FeedSubmissionIdList: [id] });
  return page.result.FeedSubmissionInfo[0];
}

it('an inventory feed changes ListInventorySupply, and a bad row comes back in the processing report', async () => {
  const listing = afnListing();
  const original = listing.quantity;
  const newQuantity = original + 37;
  const feed =
    `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">` +
    `<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${DEFAULT_SANDBOX_CREDENTIALS.sellerId}</MerchantIdentifier></Header><MessageType>Inventory</MessageType>` +
    `<Message><MessageID>1</MessageID><OperationType>Update</OperationType><Inventory><SKU>${listing.sku}</SKU><Quantity>${newQuantity}</Quantity></Inventory></Message>` +
    `<Message><MessageID>2</MessageID><OperationType>Update</OperationType><Inventory><SKU>NOT-A-SELLER-SKU</SKU><Quantity>1</Quantity></Inventory></Message>` +
    `</AmazonEnvelope>`;
  const submitted = await client.call('Feeds.SubmitFeed', { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: feed }, { contentType: 'text/xml' });
  const id = submitted.result.FeedSubmissionInfo.FeedSubmissionId as string;
  expect(submitted.result.FeedSubmissionInfo.FeedProcessingStatus).toBe('_SUBMITTED_');

  const supply = async () => {
    const response = await client.call('FulfillmentInventory.ListInventorySupply', { SellerSkus: [listing.sku], MarketplaceId: US });
    return Number(response.result.InventorySupplyList[0].TotalSupplyQuantity);
  };
  const before = await supply();
  sandbox.clock.advance(FEED_TIMING.startsAfterMs);
  expect((await feedStatus(id)).FeedProcessingStatus).toBe('_IN_PROGRESS_');
  await expect(client.call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id })).rejects.toMatchObject({ mwsCode: 'FeedProcessingResultNotReady', status: 400 });
  sandbox.clock.advance(FEED_TIMING.processingMs);
  expect(await supply()).toBe(newQuantity); // applied when due, before anyone polled the feed
  expect(before).toBe(original);
  expect((await feedStatus(id)).FeedProcessingStatus).toBe('_DONE_');

  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      chunks.push(chunk);
      done();
    },
  });
  const downloaded = await client.download('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }, sink);
  expect(downloaded.contentType).toBe('text/xml');
  const report = Buffer.concat(chunks).toString('utf8');
  expect(report).toContain('<MessagesProcessed>2</MessagesProcessed>');
  expect(report).toContain('<MessagesSuccessful>1</MessagesSuccessful>');
  expect(report).toMatch(/<Result><MessageID>2<\/MessageID><ResultCode>Error<\/ResultCode><ResultMessageCode>13013<\/ResultMessageCode>.*<SKU>NOT-A-SELLER-SKU<\/SKU>/);
});

it('a Cp1252 flat price-and-quantity feed is decoded, applied, and summarised with per-row errors', async () => {
  const listing = afnListing();
  const body = iconv.encode(`sku\tprice\tquantity\n${listing.sku}\t\t4\nGRÖSSE-XL\t\t1\n${listing.sku}\t\tviele\n`, 'windows-1252');
  const submitted = await client.call('Feeds.SubmitFeed', { FeedType: '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', FeedContent: body }, { contentType: 'text/tab-separated-values; charset=Cp1252' });
  const id = submitted.result.FeedSubmissionInfo.FeedSubmissionId as string;
  sandbox.clock.advance(FEED_DONE_MS);
  const response = await client.call('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id });
  const text = response.result as string;
  expect(response.headers['content-type']).toBe('text/plain;charset=Cp1252');
  expect(text).toContain('Number of records processed\t\t3\n\tNumber of records successful\t\t1');
  expect(text).toContain('2\tGRÖSSE-XL\t13013\tError');
  expect(text).toContain('3\t' + listing.sku + '\t5000\tError');
  expect(sandbox.state.listings.get(DEFAULT_SANDBOX_CREDENTIALS.sellerId, listing.sku, US)?.quantity).toBe(4);
});
