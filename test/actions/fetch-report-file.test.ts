/** reports.fetchReport with `outputFile`: streamed to disk, MD5-checked, atomic, rows counted without parsing. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { getAction } from '../../src/actions';
import { scanLines } from '../../src/actions/composite/fetch-report';
import { parseFlatFile } from '../../src/mws/flatfile';
import { IntegrityError, MwsConnectorError } from '../../src/mws/errors';
import { MwsClient } from '../../src/mws/client';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { contextFor, MemoryStore, okCalls, startWorld, type World } from './support';
import { validatorFor } from '../schemas/helpers';

let world: World;
let folder: string;
const fetchReport = getAction('reports.fetchReport');
const validOutput = validatorFor('schemas/actions/reports.fetchReport.output.json');

beforeEach(async () => {
  world = await startWorld();
  folder = mkdtempSync(join(tmpdir(), 'fetch-report-file-'));
});
afterEach(async () => {
  await world.close();
  rmSync(folder, { recursive: true, force: true });
});

async function rowsOf(text: string): Promise<number> {
  let count = 0;
  for await (const _row of parseFlatFile([text])) count += 1;
  return count;
}

function collect(chunks: Buffer[]): Writable {
  return new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) });
}

describe('reports.fetchReport to a file', () => {
  it('writes the decoded report to outputFile and counts its rows as the rows format would', async () => {
    const file = join(folder, 'listings.tsv');
    const ctx = contextFor(world);
    const out = (await fetchReport.run({ ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', outputFile: file }, ctx)) as Record<string, unknown>;
    expect(out).toMatchObject({ ReportProcessingStatus: '_DONE_', ReportType: '_GET_FLAT_FILE_OPEN_LISTINGS_DATA_', file });
    expect(out.rows).toBeUndefined();
    expect(out.text).toBeUndefined();

    // The same report through the buffered path: identical text, and the same row count parseFlatFile gives.
    const text = (await world.client.call<string>('Reports.GetReport', { ReportId: out.ReportId })).result;
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(out.rowCount).toBe(await rowsOf(text));
    expect(out.rowCount).toBeGreaterThan(0);

    // The raw bytes (before charset decoding) are what bytes and contentMd5 describe.
    const chunks: Buffer[] = [];
    const downloaded = await world.client.download('Reports.GetReport', { ReportId: out.ReportId }, collect(chunks));
    const body = Buffer.concat(chunks);
    expect(out.bytes).toBe(body.length);
    expect(out.contentMd5).toBe(createHash('md5').update(body).digest('base64'));
    expect(out.contentMd5).toBe(downloaded.contentMd5);
    expect(out.charset).toBe(downloaded.charset);

    expect(validOutput(out)).toBe(true);
    expect(ctx.events.map((e) => e.stage)).toEqual(expect.arrayContaining(['requested', 'polling', 'downloading', 'done']));
    expect((ctx.store as MemoryStore).data.size).toBe(0);
    expect(readdirSync(folder)).toEqual(['listings.tsv']);
  });

  it('writes a Japanese report decoded from Windows-31J to UTF-8, while bytes and contentMd5 describe what was sent', async () => {
    const JP = 'A1VC38T7YXB528';
    const credentials = SANDBOX_CREDENTIALS.find((c) => c.sellerId === 'A2SANDBOXSELLERJP')!;
    const client = new MwsClient({ ...credentials, marketplaceIds: [JP], endpoint: world.sandbox.url }, { clock: world.clock, maxRetries: 0 });
    try {
      const file = join(folder, 'jp.tsv');
      const ctx = { ...contextFor(world), client, marketplaceIds: [JP] };
      const out = (await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile: file }, ctx)) as Record<string, unknown>;
      expect(out.charset).toBe('cp932'); // Windows-31J, as iconv-lite names it
      const seeded = world.sandbox.state.listings.list('A2SANDBOXSELLERJP', JP)[0]!;
      expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(seeded.title)).toBe(true);
      const written = readFileSync(file);
      expect(written.includes(Buffer.from(`${seeded.title}\t`, 'utf8'))).toBe(true);
      expect(written.length).toBeGreaterThan(out.bytes as number); // two-byte Shift_JIS characters became three-byte UTF-8
      const chunks: Buffer[] = [];
      await client.download('Reports.GetReport', { ReportId: out.ReportId }, collect(chunks));
      expect(out.contentMd5).toBe(createHash('md5').update(Buffer.concat(chunks)).digest('base64'));
      expect(out.rowCount).toBe(await rowsOf(written.toString('utf8')));
    } finally {
      client.close();
    }
  });

  it('writes an XML report without counting rows, and an empty file for _DONE_NO_DATA_', async () => {
    const xmlFile = join(folder, 'orders.xml');
    const xml = (await fetchReport.run({ ReportType: '_GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_', StartDate: '2025-06-01T00:00:00Z', outputFile: xmlFile }, contextFor(world))) as Record<string, unknown>;
    expect(readFileSync(xmlFile, 'utf8').trimStart().startsWith('<')).toBe(true);
    expect(xml.rowCount).toBeUndefined();
    expect(xml.bytes).toBeGreaterThan(0);

    const emptyFile = join(folder, 'feedback.tsv');
    const empty = (await fetchReport.run({ ReportType: '_GET_SELLER_FEEDBACK_DATA_', outputFile: emptyFile }, contextFor(world))) as Record<string, unknown>;
    expect(empty).toMatchObject({ ReportProcessingStatus: '_DONE_NO_DATA_', file: emptyFile, bytes: 0, rowCount: 0 });
    expect(readFileSync(emptyFile, 'utf8')).toBe('');
    expect(validOutput(xml) && validOutput(empty)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['feedback.tsv', 'orders.xml']);
  });

  it('refuses an outputFile in a missing folder, or naming a folder, before requesting anything', async () => {
    const missing = await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile: join(folder, 'nope', 'r.tsv') }, contextFor(world)).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MwsConnectorError);
    expect(missing).toMatchObject({ code: 'INPUT_INVALID', field: 'outputFile' });
    expect((missing as Error).message).toMatch(/existing folder/);
    const isFolder = await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile: folder }, contextFor(world)).catch((e: unknown) => e);
    expect(isFolder).toMatchObject({ code: 'INPUT_INVALID', field: 'outputFile' });
    expect(okCalls(world, 'Reports.RequestReport')).toBe(0);
  });

  it('leaves nothing behind when the body never matches its Content-MD5, and resumes the same request later', async () => {
    const store = new MemoryStore();
    const file = join(folder, 'listings.tsv');
    world.sandbox.control.armFault({ operation: 'Reports.GetReport', phase: 'after-commit', kind: 'wrong-content-md5', times: 10 });
    const error = await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile: file }, contextFor(world, store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(readdirSync(folder)).toEqual([]);
    expect(store.data.size).toBe(1);

    world.sandbox.control.clearFaults();
    const out = (await fetchReport.run({ ReportType: '_GET_MERCHANT_LISTINGS_DATA_', outputFile: file }, contextFor(world, store))) as Record<string, unknown>;
    expect(out.file).toBe(file);
    expect(okCalls(world, 'Reports.RequestReport')).toBe(1);
    expect(readdirSync(folder)).toEqual(['listings.tsv']);
  });
});

describe('scanLines', () => {
  it('counts the lines parseFlatFile makes rows of (header and blank lines excluded), with BOM and CRLF', async () => {
    const file = join(folder, 'scan.tsv');
    const line = fc.stringMatching(/^[a-z\t\r é]{0,6}$/);
    const text = fc.tuple(fc.boolean(), fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean());
    await fc.assert(
      fc.asyncProperty(text, async ([bom, lines, eol, trailing]) => {
        const content = (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : '');
        writeFileSync(file, content);
        const scanned = await scanLines(file);
        expect(Math.max(0, scanned.nonBlankLines - 1)).toBe(await rowsOf(content));
        expect(scanned.startsWithAngle).toBe(false);
      }),
      { numRuns: 200 },
    );
    writeFileSync(file, '\uFEFF \r\n<?xml version="1.0"?><x/>');
    expect((await scanLines(file)).startsWithAngle).toBe(true);
  });
});
