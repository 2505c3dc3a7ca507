/**
 * Report lifecycle end to end: MwsClient → HTTP on loopback → startSandbox with C2's seeded state. A requested
 * report is listed, downloaded with its Content-MD5 checked by the client, and decoded: a German name survives
 * Cp1252 and a Japanese one Windows-31J (a Shift_JIS family charset). Time moves only by advancing the clock.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { MwsClient } from '../../src/mws/client';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { REPORT_TIMING } from '../../src/sandbox/lifecycle';

const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const US = 'ATVPDKIKX0DER';
const REPORT_DONE_MS = REPORT_TIMING.startsAfterMs + REPORT_TIMING.processingMs;
const REPORT_BYTES = 2 * 1024 * 1024;

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, orders: 20, timeScale: 0, now: Date.UTC(2026, 2, 2, 9, 0, 0), reportBytes: REPORT_BYTES });
});

afterAll(async () => {
  await sandbox.close();
});

function clientFor(sellerId: string, marketplaceId: string): MwsClient {
  const credentials = SANDBOX_CREDENTIALS.find((c) => c.sellerId === sellerId);
  if (!credentials) throw new Error(`no sandbox credentials for ${sellerId}`);
  return new MwsClient(
    { ...credentials, marketplaceIds: [marketplaceId], endpoint: sandbox.url },
    { clock: { now: () => sandbox.clock.now(), sleep: (ms) => sandbox.clock.sleep(ms) }, maxRetries: 0 },
  );
}

/** Requests a report, checks its status moves, and returns the generated report id once it is listed. */
async function requestAndList(client: MwsClient, reportType: string): Promise<string> {
  const requested = await client.call('Reports.RequestReport', { ReportType: reportType });
  const requestId = requested.result.ReportRequestInfo.ReportRequestId as string;
  expect(requested.result.ReportRequestInfo.ReportProcessingStatus).toBe('_SUBMITTED_');
  sandbox.clock.advance(REPORT_DONE_MS);
  const status = await client.call('Reports.GetReportRequestList', { ReportRequestIdList: [requestId] });
  expect(status.result.ReportRequestInfo[0].ReportProcessingStatus).toBe('_DONE_');
  const listed = await client.call('Reports.GetReportList', { ReportRequestIdList: [requestId] });
  expect(listed.result.ReportInfo).toHaveLength(1);
  expect(listed.result.ReportInfo[0].ReportId).toBe(status.result.ReportRequestInfo[0].GeneratedReportId);
  return listed.result.ReportInfo[0].ReportId as string;
}

/** Downloads through the client's streaming path (which verifies Content-MD5) into memory. */
async function download(client: MwsClient, reportId: string): Promise<{ body: Buffer; contentType?: string; contentMd5?: string }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      chunks.push(chunk);
      done();
    },
  });
  const result = await client.download('Reports.GetReport', { ReportId: reportId }, sink);
  return { body: Buffer.concat(chunks), contentType: result.contentType, contentMd5: result.contentMd5 };
}

it('a German listings report is listed, downloaded with a matching MD5 and decodes from Cp1252', async () => {
  const client = clientFor('A2SANDBOXSELLEREU', DE);
  try {
    const reportId = await requestAndList(client, '_GET_MERCHANT_LISTINGS_DATA_');
    const { body, contentType, contentMd5 } = await download(client, reportId);
    expect(contentType).toBe('text/plain;charset=Cp1252');
    expect(createHash('md5').update(body).digest('base64')).toBe(contentMd5);
    expect(body.length).toBeGreaterThanOrEqual(REPORT_BYTES);
    const rows = iconv.decode(body, 'windows-1252').split('\n').map((line) => line.split('\t'));
    const seeded = sandbox.state.listings.list('A2SANDBOXSELLEREU', DE).find((l) => /[äöüßÄÖÜ]/.test(l.title));
    if (!seeded) throw new Error('the seeded EU world has no listing with an umlaut');
    expect(rows.find((row) => row[3] === seeded.sku)?.[0]).toBe(seeded.title);
  } finally {
    client.close();
  }
});

it('a Japanese listings report decodes from Windows-31J, also through call()', async () => {
  const client = clientFor('A2SANDBOXSELLERJP', JP);
  try {
    const reportId = await requestAndList(client, '_GET_MERCHANT_LISTINGS_DATA_');
    const { body, contentType } = await download(client, reportId);
    expect(contentType).toBe('text/plain;charset=Windows-31J');
    const seeded = sandbox.state.listings.list('A2SANDBOXSELLERJP', JP)[0];
    expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(seeded.title)).toBe(true);
    const rows = iconv.decode(body, 'Windows-31J').split('\n').map((line) => line.split('\t'));
    expect(rows.find((row) => row[3] === seeded.sku)?.[0]).toBe(seeded.title);
    expect(body.includes(Buffer.from(seeded.title, 'utf8'))).toBe(false); // really Shift_JIS bytes, not UTF-8
    const text = (await client.call('Reports.GetReport', { ReportId: reportId })).result as string;
    expect(text).toContain(`${seeded.title}\t`);
  } finally {
    client.close();
  }
});

it('settlement reports cannot be requested but page through GetReportList, and unknown ids are InvalidReportId', async () => {
  const client = clientFor('A2SANDBOXSELLER1', US);
  try {
    await expect(client.call('Reports.RequestReport', { ReportType: '_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_' })).rejects.toMatchObject({ mwsCode: 'InvalidReportType' });
    const ids: string[] = [];
    for await (const page of client.paginate('Reports.GetReportList', { ReportTypeList: ['_GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_'], MaxCount: 2 })) {
      ids.push(...(page.result.ReportInfo as Array<{ ReportId: string }>).map((r) => r.ReportId));
    }
    expect(ids).toHaveLength(3);
    const { body } = await download(client, ids[0]);
    expect(body.toString('latin1').split('\n')[0].split('\t').slice(0, 3)).toEqual(['settlement-id', 'settlement-start-date', 'settlement-end-date']);
    await expect(client.call('Reports.GetReport', { ReportId: '1' })).rejects.toMatchObject({ mwsCode: 'InvalidReportId' });
  } finally {
    client.close();
  }
});
