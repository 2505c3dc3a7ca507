/**
 * feeds.submitFeedAndWait with FeedContentFile: the feed is streamed from disk to the sandbox, summarised like an
 * in-memory one; exactly one of FeedContent / FeedContentFile; a missing file is refused before SubmitFeed.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAction } from '../../src/actions';
import { MwsConnectorError } from '../../src/mws/errors';
import { skuFor } from '../../src/sandbox/state/listings';
import { validatorFor } from '../schemas/helpers';
import { contextFor, inventoryFeed, MemoryStore, okCalls, startWorld, type World } from './support';

let world: World;
let dir: string;
const submitFeedAndWait = getAction('feeds.submitFeedAndWait');
const validOutput = validatorFor('schemas/actions/feeds.submitFeedAndWait.output.json');


beforeEach(async () => {
  world = await startWorld();
  dir = mkdtempSync(join(tmpdir(), 'mws-feed-action-'));
});
afterEach(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(input: Record<string, unknown>): Promise<MwsConnectorError> {
  const store = new MemoryStore();
  const error = await submitFeedAndWait.run(input, contextFor(world, store)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MwsConnectorError);
  expect(store.data.size).toBe(0);
  expect(world.sandbox.control.counters().byOperation['Feeds.SubmitFeed']).toBeUndefined();
  return error as MwsConnectorError;
}

describe('feeds.submitFeedAndWait with FeedContentFile', () => {
  it('streams an XML feed file and summarises it like FeedContent', async () => {
    const path = join(dir, 'inventory.xml');
    writeFileSync(path, inventoryFeed(5));
    const store = new MemoryStore();
    const out = (await submitFeedAndWait.run({ FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContentFile: path }, contextFor(world, store))) as Record<string, unknown>;
    expect(out).toMatchObject({ FeedProcessingStatus: '_DONE_', recovered: false, format: 'xml', messagesProcessed: 2, messagesSuccessful: 1, messagesWithError: 1 });
    expect(out.results).toEqual([expect.objectContaining({ record: '2', resultCode: 'Error', sku: 'NOT-A-SELLER-SKU' })]);
    expect(validOutput(out)).toBe(true);
    expect(okCalls(world, 'Feeds.SubmitFeed')).toBe(1);
    expect(store.data.size).toBe(0);
  });

  it('streams a multi-MiB flat-file feed (sent as tab-separated text) and counts every row', async () => {
    const rows = 80_000;
    const lines = ['sku\tprice\tquantity'];
    for (let i = 0; i < rows; i++) lines.push(`${i === 0 ? skuFor(1) : `NOT-A-SELLER-SKU-${i}`}\t12.50\t${i % 50}`);
    const path = join(dir, 'prices.txt');
    writeFileSync(path, `${lines.join('\n')}\n`);
    expect(statSync(path).size).toBeGreaterThan(2 * 1024 * 1024);
    const out = (await submitFeedAndWait.run({ FeedType: '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', FeedContentFile: path }, contextFor(world))) as Record<string, unknown>;
    expect(out).toMatchObject({ format: 'flat', messagesProcessed: rows, messagesSuccessful: 1, messagesWithError: rows - 1 });
    expect(okCalls(world, 'Feeds.SubmitFeed')).toBe(1);
  });

  it('refuses both or neither of FeedContent / FeedContentFile, naming both fields', async () => {
    const path = join(dir, 'both.xml');
    writeFileSync(path, inventoryFeed(1));
    for (const input of [{ FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_' }, { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: inventoryFeed(1), FeedContentFile: path }]) {
      const error = await refusal(input);
      expect(error.code).toBe('INPUT_INVALID');
      expect(error.details?.map((d) => d.field)).toEqual(['FeedContent', 'FeedContentFile']);
      expect(error.message).toMatch(/exactly one of FeedContent \/ FeedContentFile/);
    }
  });

  it('refuses a missing file as INPUT_INVALID on FeedContentFile before anything is submitted', async () => {
    const path = join(dir, 'missing.xml');
    const error = await refusal({ FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContentFile: path });
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.field).toBe('FeedContentFile');
    expect(error.message).toContain('ENOENT');
  });
});
