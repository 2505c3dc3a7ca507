/**
 * `reports.fetchReport`: RequestReport → poll GetReportRequestList → (GetReportList when Amazon gave no
 * GeneratedReportId) → GetReport (Content-MD5 checked, charset decoded) → rows of a flat file, or the text.
 * With `outputFile` the report is streamed to that file instead (settlement and order reports run to hundreds of
 * MB, past what `call` buffers) and its rows are counted in a streaming pass over the file.
 * The ReportRequestId is checkpointed, so a run that times out or is aborted resumes the same request.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MwsConnectorError, ValidationError } from '../../mws/errors';
import type { MwsClient, MwsResponse } from '../../mws/client';
import { parseFlatFile } from '../../mws/flatfile';
import type { ActionContext, ActionDefinition } from '../types';
import { checkDeadline, checkpointKey, deadlineOf, firstOf, numberInput, pickGiven, stringInput, waitInterval } from './common';

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
  const request: Input = pickGiven(input, REQUEST_PARAMS);
  const key = checkpointKey(FETCH_REPORT_ID, client.connection.sellerId, request);
  const outputFile = await checkedOutputFile(input);
  const pollSeconds = numberInput(input, 'pollIntervalSeconds', 45);
  const deadline = deadlineOf(ctx, input);

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
    if (outputFile) {
      await writeAtomically(outputFile, '');
      return { ...base, file: outputFile, bytes: 0, rowCount: 0 };
    }
    return { ...base, rows: [], rowCount: 0 };
  }
  const reportId = checkpoint.ReportId ?? (await findReportId(client, checkpoint.ReportRequestId, options));
  checkpoint = { ...checkpoint, ReportId: reportId };
  await ctx.store.set(key, checkpoint);

  ctx.progress({ stage: 'downloading', message: `downloading report ${reportId}` });
  if (outputFile) {
    const output = await downloadToFile(client, reportId, outputFile, input.format, { ...base, ReportId: reportId }, options);
    await ctx.store.delete(key);
    ctx.progress({ stage: 'done', message: `report ${reportId} written to ${outputFile} (${String(output.bytes)} bytes)`, fraction: 1 });
    return output;
  }
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

/**
 * The absolute `outputFile`, checked before anything is requested: its folder must exist and the path must not be a
 * folder, so a typo fails at once instead of after the report was generated.
 */
async function checkedOutputFile(input: Input): Promise<string | undefined> {
  const given = stringInput(input, 'outputFile');
  if (given === undefined) return undefined;
  const file = resolve(given);
  const problem = (message: string): ValidationError => new ValidationError(`outputFile: ${message}`, [{ field: 'outputFile', message }]);
  const folder = await stat(dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) throw problem(`expected a file path in an existing folder; ${dirname(file)} is not a folder`);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw problem(`expected a file path; ${file} is a folder`);
  return file;
}

/** Writes small contents through a temporary file beside `file`, so readers never see a half-written file. */
async function writeAtomically(file: string, contents: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.part`);
  await writeFile(temp, contents);
  await rename(temp, file);
}

/**
 * GetReport streamed to `file` (atomic and MD5-checked by `download`; the charset decoded to UTF-8), then one
 * streaming pass over the file that counts rows the way `parseFlatFile` would: blank lines and the header are not
 * rows. XML reports (and format `text`) are only written, not counted.
 */
async function downloadToFile(client: MwsClient, reportId: string, file: string, format: unknown, base: Input, options: { signal?: AbortSignal }): Promise<Input> {
  const downloaded = await client.download('Reports.GetReport', { ReportId: reportId }, file, { ...options, decode: true });
  const output: Input = {
    ...base,
    file,
    bytes: downloaded.bytes,
    ...(downloaded.contentMd5 ? { contentMd5: downloaded.contentMd5 } : {}),
    ...(downloaded.charset ? { charset: downloaded.charset } : {}),
  };
  const wanted = typeof format === 'string' ? format : 'auto';
  if (wanted === 'text') return output;
  const scanned = await scanLines(file);
  if (wanted === 'auto' && scanned.startsWithAngle) return output;
  return { ...output, rowCount: Math.max(0, scanned.nonBlankLines - 1) };
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Non-blank lines of a UTF-8 file (a line holding only CR is blank, as in parseFlatFile) and whether its first
 * non-blank character is `<` (an XML report), read in chunks so the file is never held whole.
 */
export async function scanLines(file: string): Promise<{ nonBlankLines: number; startsWithAngle: boolean }> {
  let nonBlankLines = 0;
  let lineLength = 0;
  let lastByte = -1;
  let bomBytes = 0;
  let firstChar: number | undefined;
  const endLine = (): void => {
    if (lineLength > 1 || (lineLength === 1 && lastByte !== CR)) nonBlankLines += 1;
    lineLength = 0;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i] as number;
      if (bomBytes < BOM.length && lineLength === 0 && nonBlankLines === 0 && byte === BOM[bomBytes]) {
        bomBytes += 1;
        continue;
      }
      bomBytes = BOM.length;
      if (byte === LF) {
        endLine();
        continue;
      }
      if (firstChar === undefined && byte !== CR && byte !== 0x20 && byte !== 0x09) firstChar = byte;
      lineLength += 1;
      lastByte = byte;
    }
  }
  endLine();
  return { nonBlankLines, startsWithAngle: firstChar === 0x3c };
}
