/**
 * `feeds.submitFeedAndWait`: SubmitFeed → poll GetFeedSubmissionList until _DONE_ → GetFeedSubmissionResult →
 * processing summary. SubmitFeed is never sent twice for one input: the intent is checkpointed before the call,
 * and after an ambiguous failure (or a crash mid-call) the submission is looked up by FeedType and time instead;
 * when that finds no single match the action raises AMBIGUOUS_OUTCOME rather than risk a duplicate feed.
 */
import { open } from 'node:fs/promises';
import { measureBody, type StreamedBody } from '../../mws/body';
import { MwsConnectorError, ValidationError } from '../../mws/errors';
import type { MwsClient } from '../../mws/client';
import { contentMd5 } from '../../mws/signer';
import type { ActionContext, ActionDefinition } from '../types';
import { checkDeadline, checkpointKey, deadlineOf, firstOf, numberInput, pickGiven, waitInterval } from './common';
import { parseProcessingReport } from './processing-report';

export const SUBMIT_FEED_AND_WAIT_ID = 'feeds.submitFeedAndWait';

/** How far before the SubmitFeed call the recovery listing looks (clock differences between us and MWS). */
const RECOVERY_MARGIN_MS = 5 * 60 * 1000;

interface FeedCheckpoint {
  /** `submitting`: SubmitFeed may have been sent; `submitted`: the id is known. */
  stage: 'submitting' | 'submitted';
  /** Clock time just before the SubmitFeed call (ms). */
  since: number;
  FeedSubmissionId?: string;
}

interface FeedSubmissionInfo {
  FeedSubmissionId?: string;
  FeedType?: string;
  SubmittedDate?: string;
  FeedProcessingStatus?: string;
}

type Input = Record<string, unknown>;

const SUBMIT_PARAMS = ['FeedType', 'MarketplaceIdList', 'PurgeAndReplace', 'FeedOptions'] as const;
/** Enough of a document's start to tell XML from tab-delimited text. */
const SNIFF_BYTES = 4096;
const XML_CONTENT_TYPE = 'text/xml; charset=UTF-8';
const FLAT_CONTENT_TYPE = 'text/tab-separated-values; charset=UTF-8';

/** The feed document: FeedContent in memory, or FeedContentFile streamed from disk (any size up to MWS's 2 GiB). */
interface FeedDocument {
  FeedContent: string | StreamedBody;
  md5: string;
  contentType: string;
}

export const submitFeedAndWait: ActionDefinition<MwsClient> = {
  id: SUBMIT_FEED_AND_WAIT_ID,
  title: 'Submit feed and wait',
  description: 'Submits a feed once, waits until Amazon has processed it and returns the processing summary with per-row results.',
  section: 'Feeds',
  kind: 'action',
  visibility: 'normal',
  longRunning: true,
  idempotent: false,
  recovery: 'GetFeedSubmissionList filtered by FeedType and SubmittedFromDate finds a submission whose outcome was ambiguous; it is never re-submitted',
  run: (input, ctx) => runSubmitFeedAndWait(input, ctx),
};

async function runSubmitFeedAndWait(input: Input, ctx: ActionContext<MwsClient>): Promise<unknown> {
  const client = ctx.client;
  const options = ctx.signal ? { signal: ctx.signal } : {};
  const submit: Input = pickGiven(input, SUBMIT_PARAMS);
  const feedType = String(submit.FeedType);
  const document = await feedDocument(input);
  const md5 = document.md5;
  const key = checkpointKey(SUBMIT_FEED_AND_WAIT_ID, client.connection.sellerId, { feedType, md5, marketplaces: submit.MarketplaceIdList ?? null });
  const pollSeconds = numberInput(input, 'pollIntervalSeconds', 60);
  const deadline = deadlineOf(ctx, input);

  let checkpoint = input.forceNewSubmission === true ? undefined : await ctx.store.get<FeedCheckpoint>(key);
  let recovered = false;
  if (checkpoint?.stage === 'submitting') {
    checkpoint = await recover(client, ctx, key, checkpoint, feedType, options);
    recovered = true;
  } else if (!checkpoint) {
    const since = ctx.clock.now();
    checkpoint = { stage: 'submitting', since };
    await ctx.store.set(key, checkpoint);
    try {
      const res = await client.call<{ FeedSubmissionInfo?: FeedSubmissionInfo }>(
        'Feeds.SubmitFeed',
        // ContentMD5Value from the first read: a file changed since then is refused instead of sent as another feed.
        { ...submit, FeedContent: document.FeedContent, ContentMD5Value: md5 },
        { ...options, contentType: document.contentType },
      );
      const id = res.result.FeedSubmissionInfo?.FeedSubmissionId;
      if (!id) throw new MwsConnectorError('AMBIGUOUS_OUTCOME', 'SubmitFeed answered without a FeedSubmissionId', { operation: 'Feeds.SubmitFeed' });
      checkpoint = { stage: 'submitted', since, FeedSubmissionId: id };
      await ctx.store.set(key, checkpoint);
      ctx.progress({ stage: 'submitted', message: `feed submission ${id} accepted` });
    } catch (err) {
      if (!(err instanceof MwsConnectorError) || err.code !== 'AMBIGUOUS_OUTCOME') {
        await ctx.store.delete(key); // refused outright: nothing was submitted
        throw err;
      }
      ctx.logger.warn('SubmitFeed outcome is ambiguous; looking the submission up instead of sending it again', { feedType });
      checkpoint = await recover(client, ctx, key, checkpoint, feedType, options);
      recovered = true;
    }
  } else {
    ctx.progress({ stage: 'resumed', message: `resuming feed submission ${checkpoint.FeedSubmissionId}` });
  }
  const id = checkpoint.FeedSubmissionId as string;

  let status: string | undefined;
  for (;;) {
    const res = await client.call<{ FeedSubmissionInfo?: FeedSubmissionInfo[] }>('Feeds.GetFeedSubmissionList', { FeedSubmissionIdList: [id] }, options);
    status = firstOf<FeedSubmissionInfo>(res.result.FeedSubmissionInfo)?.FeedProcessingStatus;
    ctx.progress({ stage: 'polling', message: `feed submission ${id}: ${status ?? 'not listed yet'}` });
    if (status === '_DONE_' || status === '_CANCELLED_') break;
    checkDeadline(ctx, deadline, `Feed submission ${id}`);
    await waitInterval(ctx, pollSeconds);
  }
  if (status === '_CANCELLED_') {
    await ctx.store.delete(key);
    throw new MwsConnectorError('MWS_REJECTED', `Feed submission ${id} was cancelled (_CANCELLED_) before Amazon processed it`, { operation: 'Feeds.GetFeedSubmissionList' });
  }
  ctx.progress({ stage: 'downloading', message: `reading the processing report of ${id}` });
  const report = await client.call<string>('Feeds.GetFeedSubmissionResult', { FeedSubmissionId: id }, options);
  const summary = await parseProcessingReport(report.result);
  await ctx.store.delete(key);
  ctx.progress({ stage: 'done', message: `feed submission ${id} processed`, fraction: 1 });
  return { FeedSubmissionId: id, FeedType: feedType, FeedProcessingStatus: status, recovered, ...summary };
}

/**
 * Exactly one of FeedContent (the text) and FeedContentFile (a path). A file is measured once (length and MD5: the
 * checkpoint key and the signed ContentMD5Value), its first bytes tell XML from flat file, and it is then streamed.
 */
async function feedDocument(input: Input): Promise<FeedDocument> {
  const text = input.FeedContent;
  const path = input.FeedContentFile;
  if ((text === undefined) === (path === undefined)) {
    const message = 'exactly one of FeedContent / FeedContentFile is required';
    throw new ValidationError(`feeds.submitFeedAndWait: ${message}`, [
      { field: 'FeedContent', message },
      { field: 'FeedContentFile', message },
    ]);
  }
  if (path !== undefined) {
    if (typeof path !== 'string' || path.length === 0) {
      throw new ValidationError('feeds.submitFeedAndWait: FeedContentFile must be a file path', [{ field: 'FeedContentFile', message: 'expected the path of a readable file' }]);
    }
    // Measured once here (for the checkpoint key); the client sends this measured body without reading it again.
    const measured = await measureBody({ path }, 'FeedContentFile');
    return { FeedContent: measured, md5: measured.md5, contentType: contentTypeOf(await firstBytes(path)) };
  }
  const content = String(text);
  return { FeedContent: content, md5: contentMd5(Buffer.from(content, 'utf8')), contentType: contentTypeOf(content) };
}

async function firstBytes(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function contentTypeOf(start: string): string {
  return start.replace(/^\uFEFF/, '').trimStart().startsWith('<') ? XML_CONTENT_TYPE : FLAT_CONTENT_TYPE;
}

/** Finds the submission an ambiguous SubmitFeed made: exactly one of this FeedType submitted since the call. */
async function recover(
  client: MwsClient,
  ctx: ActionContext<MwsClient>,
  key: string,
  checkpoint: FeedCheckpoint,
  feedType: string,
  options: { signal?: AbortSignal },
): Promise<FeedCheckpoint> {
  const from = new Date(checkpoint.since - RECOVERY_MARGIN_MS).toISOString();
  const res = await client.call<{ FeedSubmissionInfo?: FeedSubmissionInfo[] }>('Feeds.GetFeedSubmissionList', { FeedTypeList: [feedType], SubmittedFromDate: from }, options);
  const candidates = (res.result.FeedSubmissionInfo ?? []).filter((info) => info.FeedType === feedType && info.FeedSubmissionId);
  if (candidates.length !== 1) {
    const found = candidates.map((c) => c.FeedSubmissionId).join(', ');
    throw new MwsConnectorError(
      'AMBIGUOUS_OUTCOME',
      `SubmitFeed (${feedType}) may or may not have been accepted: ${candidates.length === 0 ? 'no submission is listed yet' : `${candidates.length} candidates (${found})`}; it was not sent again`,
      {
        operation: 'Feeds.SubmitFeed',
        recovery: `check GetFeedSubmissionList for ${feedType} since ${from}; run again with the same input to retry the lookup, or with forceNewSubmission to submit anew`,
      },
    );
  }
  const next: FeedCheckpoint = { stage: 'submitted', since: checkpoint.since, FeedSubmissionId: candidates[0]?.FeedSubmissionId as string };
  await ctx.store.set(key, next);
  ctx.progress({ stage: 'recovered', message: `found feed submission ${next.FeedSubmissionId} after an ambiguous SubmitFeed` });
  return next;
}
