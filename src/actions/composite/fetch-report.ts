/**
 * `reports.fetchReport`: RequestReport → poll GetReportRequestList → (GetReportList when Amazon gave no
 * GeneratedReportId) → GetReport (Content-MD5 checked, charset decoded) → rows of a flat file, or the text.
 * The ReportRequestId is checkpointed, so a run that times out or is aborted resumes the same request.
 */
import { MwsConnectorError } from '../../mws/errors';
import type { MwsClient, MwsResponse } from '../../mws/client';
import { parseFlatFile } from '../../mws/flatfile';
import type { ActionContext, ActionDefinition } from '../types';
import { checkDeadline, checkpointKey, firstOf, numberInput, waitInterval } from './common';

export const FETCH_REPORT_ID = 'reports.fetchReport';

interface ReportCheckpoint {
  ReportRequestId: string;
  ReportId?: string;
}

interface ReportRequestInfo {
  ReportRequestId: string;
  ReportProcessingStatus?: string;
  GeneratedReportId?: string;
}

type Input = Record<string, unknown>;

const REQUEST_PARAMS = ['ReportType', 'StartDate', 'EndDate', 'ReportOptions', 'MarketplaceIdList'] as const;

export const fetchReport: ActionDefinition<MwsClient> = {
  id: FETCH_REPORT_ID,
  title: 'Fetch report',
  description: 'Requests a report, waits until Amazon has generated it and returns its rows (flat files) or text.',
  section: 'Reports',
  kind: 'action',
  visibility: 'normal',
  longRunning: true,
  idempotent: true,
  recovery: 'resumes the checkpointed ReportRequestId instead of requesting the report again',
  run: (input, ctx) => runFetchReport(input, ctx),
};

async function runFetchReport(input: Input, ctx: ActionContext<MwsClient>): Promise<unknown> {
  const client = ctx.client;
  const options = ctx.signal ? { signal: ctx.signal } : {};
  const request: Input = {};
  for (const name of REQUEST_PARAMS) if (input[name] !== undefined) request[name] = input[name];
  const key = checkpointKey(FETCH_REPORT_ID, client.connection.sellerId, request);
  const pollSeconds = numberInput(input, 'pollIntervalSeconds', 45);
  const deadline = ctx.clock.now() + (numberInput(input, 'timeoutSeconds', 3600) * 1000) / ctx.timeScale;

  let checkpoint = await ctx.store.get<ReportCheckpoint>(key);
  if (checkpoint) {
    ctx.progress({ stage: 'resumed', message: `resuming report request ${checkpoint.ReportRequestId}` });
  } else {
    const res = await client.call<{ ReportRequestInfo?: ReportRequestInfo }>('Reports.RequestReport', request, options);
    const id = res.result.ReportRequestInfo?.ReportRequestId;
    if (!id) throw new MwsConnectorError('PARSE_FAILED', 'RequestReport returned no ReportRequestId', { operation: 'Reports.RequestReport' });
    checkpoint = { ReportRequestId: id };
    await ctx.store.set(key, checkpoint);
    ctx.progress({ stage: 'requested', message: `report request ${id} submitted` });
  }

  let status: string | undefined;
  for (;;) {
    const requestId: string = checkpoint.ReportRequestId;
    const res: MwsResponse<{ ReportRequestInfo?: ReportRequestInfo[] }> = await client.call('Reports.GetReportRequestList', { ReportRequestIdList: [requestId] }, options);
    const info: ReportRequestInfo | undefined = firstOf<ReportRequestInfo>(res.result.ReportRequestInfo);
    status = info?.ReportProcessingStatus;
    if (info?.GeneratedReportId) checkpoint = { ...checkpoint, ReportId: info.GeneratedReportId };
    ctx.progress({ stage: 'polling', message: `report request ${checkpoint.ReportRequestId}: ${status ?? 'not listed yet'}` });
    if (status === '_DONE_' || status === '_DONE_NO_DATA_' || status === '_CANCELLED_') break;
    checkDeadline(ctx, deadline, `Report request ${checkpoint.ReportRequestId}`);
    await waitInterval(ctx, pollSeconds);
  }

  const base = { ReportRequestId: checkpoint.ReportRequestId, ReportType: request.ReportType, ReportProcessingStatus: status };
  if (status === '_CANCELLED_') {
    await ctx.store.delete(key);
    throw new MwsConnectorError('MWS_REJECTED', `Report request ${checkpoint.ReportRequestId} was cancelled (_CANCELLED_); request the report again`, {
      operation: 'Reports.GetReportRequestList',
    });
  }
  if (status === '_DONE_NO_DATA_') {
    await ctx.store.delete(key);
    return { ...base, rows: [], rowCount: 0 };
  }
  if (!checkpoint.ReportId) checkpoint = { ...checkpoint, ReportId: await findReportId(client, checkpoint.ReportRequestId, options) };
  await ctx.store.set(key, checkpoint);

  ctx.progress({ stage: 'downloading', message: `downloading report ${checkpoint.ReportId}` });
  const report = await client.call<string>('Reports.GetReport', { ReportId: checkpoint.ReportId }, options);
  const output = await shape(report.result, input.format, { ...base, ReportId: checkpoint.ReportId });
  await ctx.store.delete(key);
  ctx.progress({ stage: 'done', message: `report ${checkpoint.ReportId} fetched`, fraction: 1 });
  return output;
}

async function findReportId(client: MwsClient, requestId: string, options: { signal?: AbortSignal }): Promise<string> {
  const res = await client.call<{ ReportInfo?: Array<{ ReportId?: string }> }>('Reports.GetReportList', { ReportRequestIdList: [requestId] }, options);
  const id = firstOf<{ ReportId?: string }>(res.result.ReportInfo)?.ReportId;
  if (!id) throw new MwsConnectorError('MWS_NOT_FOUND', `No generated report is listed for report request ${requestId}`, { operation: 'Reports.GetReportList' });
  return id;
}

/** `rows` for tab-delimited reports (the default unless the text is XML), `text` otherwise or when asked. */
async function shape(text: string, format: unknown, base: Input): Promise<Input> {
  const wanted = typeof format === 'string' ? format : 'auto';
  const looksXml = text.trimStart().startsWith('<');
  if (wanted === 'text' || (wanted === 'auto' && looksXml)) return { ...base, text };
  const rows: Array<Record<string, string>> = [];
  for await (const row of parseFlatFile([text])) rows.push(row);
  return { ...base, rows, rowCount: rows.length };
}

