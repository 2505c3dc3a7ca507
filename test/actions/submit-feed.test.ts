/**
 * feeds.submitFeedAndWait against the sandbox: the processing summary of XML and flat-file feeds, and an ambiguous
 * SubmitFeed (connection reset after the sandbox committed it) recovered by lookup without a second submission.
 */
import { getAction } from '../../src/actions';
import { MwsConnectorError } from '../../src/mws/errors';
import { skuFor } from '../../src/sandbox/state/listings';
import { validatorFor } from '../schemas/helpers';
import { contextFor, inventoryFeed, MemoryStore, okCalls, startWorld, type World } from './support';

let world: World;
const submitFeedAndWait = getAction('feeds.submitFeedAndWait');
const validOutput = validatorFor('schemas/actions/feeds.submitFeedAndWait.output.json');


beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('feeds.submitFeedAndWait', () => {
  it('submits an XML feed once, waits for _DONE_ and summarises the processing report with per-row results', async () => {
    const store = new MemoryStore();
    const out = (await submitFeedAndWait.run({ FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: inventoryFeed(7) }, contextFor(world, store))) as Record<string, unknown>;
    expect(out).toMatchObject({ FeedProcessingStatus: '_DONE_', recovered: false, format: 'xml', messagesProcessed: 2, messagesSuccessful: 1, messagesWithError: 1 });
    expect(out.results).toEqual([expect.objectContaining({ record: '2', resultCode: 'Error', sku: 'NOT-A-SELLER-SKU' })]);
    expect(validOutput(out)).toBe(true);
    expect(okCalls(world, 'Feeds.SubmitFeed')).toBe(1);
    expect(store.data.size).toBe(0);
  });

  it('summarises a flat-file feed', async () => {
    const feed = `sku\tprice\tquantity\n${skuFor(1)}\t12.50\t3\nNOT-A-SELLER-SKU\t1.00\t1\n`;
    const out = (await submitFeedAndWait.run({ FeedType: '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_', FeedContent: feed }, contextFor(world))) as Record<string, unknown>;
    expect(out).toMatchObject({ format: 'flat', messagesProcessed: 2, messagesSuccessful: 1, messagesWithError: 1 });
    expect(validOutput(out)).toBe(true);
  });

  it('recovers an ambiguous SubmitFeed by listing, never sending it twice', async () => {
    world.sandbox.control.armFault({ operation: 'Feeds.SubmitFeed', phase: 'after-commit', kind: 'connection-reset' });
    const ctx = contextFor(world);
    const out = (await submitFeedAndWait.run({ FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: inventoryFeed(9) }, ctx)) as Record<string, unknown>;
    expect(out).toMatchObject({ recovered: true, FeedProcessingStatus: '_DONE_', messagesProcessed: 2 });
    expect(ctx.events.map((e) => e.stage)).toContain('recovered');
    const count = await world.client.call('Feeds.GetFeedSubmissionCount', { FeedTypeList: ['_POST_INVENTORY_AVAILABILITY_DATA_'] });
    expect(count.result.Count).toBe(1);
  });

  it('raises AMBIGUOUS_OUTCOME, keeping its checkpoint, when the lookup cannot tell which submission was ours', async () => {
    await world.client.call('Feeds.SubmitFeed', { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: inventoryFeed(1) }, { contentType: 'text/xml' });
    world.sandbox.control.armFault({ operation: 'Feeds.SubmitFeed', phase: 'after-commit', kind: 'connection-reset' });
    const store = new MemoryStore();
    const input = { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: inventoryFeed(2) };
    const error = await submitFeedAndWait.run(input, contextFor(world, store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect((error as MwsConnectorError).code).toBe('AMBIGUOUS_OUTCOME');
    expect((error as MwsConnectorError).recovery).toMatch(/GetFeedSubmissionList/);
    expect(store.data.size).toBe(1);
    // Running again looks up again; it still does not submit.
    await expect(submitFeedAndWait.run(input, contextFor(world, store))).rejects.toMatchObject({ code: 'AMBIGUOUS_OUTCOME' });
    expect(okCalls(world, 'Feeds.SubmitFeed')).toBe(1);
    expect(world.sandbox.control.counters().byOperation['Feeds.SubmitFeed']?.fault).toBe(1);
  });

  it('resumes the checkpointed FeedSubmissionId after an abort instead of submitting again', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    world.clock.beforeSleep = async () => controller.abort();
    const input = { FeedType: '_POST_INVENTORY_AVAILABILITY_DATA_', FeedContent: inventoryFeed(4) };
    await expect(submitFeedAndWait.run(input, contextFor(world, store, controller.signal))).rejects.toMatchObject({ code: 'ABORTED' });
    expect(store.data.size).toBe(1);
    world.clock.beforeSleep = undefined;
    const ctx = contextFor(world, store);
    const out = (await submitFeedAndWait.run(input, ctx)) as Record<string, unknown>;
    expect(out).toMatchObject({ FeedProcessingStatus: '_DONE_', recovered: false });
    expect(ctx.events[0]?.stage).toBe('resumed');
    expect(okCalls(world, 'Feeds.SubmitFeed')).toBe(1);
  });
});

