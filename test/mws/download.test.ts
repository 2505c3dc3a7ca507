import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { MwsClient } from '../../src/mws/client';
import { MwsConnectorError } from '../../src/mws/errors';
import { encodeText } from '../../src/mws/flatfile';
import { contentMd5 } from '../../src/mws/signer';
import { ManualClock } from '../../src/util/clock';
import { FixtureServer, type Reply, drive, errorResponse, testConnection } from '../support/fixture-server';
import { rejection } from '../support/errors';
import { loadRawSample } from '../support/samples';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const REPORT = { ReportId: '7001' };

let server: FixtureServer;
let clock: ManualClock;
let client: MwsClient;
let dir: string;

function report(body: Buffer, contentType = 'text/plain;charset=windows-1252', md5 = contentMd5(body)): Reply {
  return { headers: { 'Content-Type': contentType, 'Content-MD5': md5 }, body };
}

/** A Writable that keeps what it was given and how it ended. */
function sink(): { stream: Writable; chunks: Buffer[]; finished: () => boolean } {
  const chunks: Buffer[] = [];
  let finished = false;
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(Buffer.from(chunk)), done()) });
  stream.on('finish', () => (finished = true));
  stream.on('error', () => undefined);
  return { stream, chunks, finished: () => finished };
}

beforeEach(async () => {
  clock = new ManualClock(START);
  server = await FixtureServer.start({ clock });
  client = new MwsClient(testConnection(server.url) as never, { clock, maxRetries: 2, random: () => 0 });
  dir = mkdtempSync(join(tmpdir(), 'mws-download-'));
});

afterEach(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('download', () => {
  it('writes the live GetReport body to a file and checks its published Content-MD5', async () => {
    const body = Buffer.from(loadRawSample('live.GetReport-body.txt'), 'utf8');
    server.enqueue(report(body, 'text/plain;charset=windows-1252', 'rkkx1Xv/k56/onrN0m7E/Q=='));
    const destination = join(dir, 'report.txt');
    const result = await client.download('Reports.GetReport', REPORT, destination);
    expect(readFileSync(destination)).toEqual(body);
    expect(result).toMatchObject({ bytes: 91, contentMd5: 'rkkx1Xv/k56/onrN0m7E/Q==', charset: 'windows-1252', requestId: 'fixture-1' });
    expect(server.requests[0].params).toMatchObject({ Action: 'GetReport', ReportId: '7001' });
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('a 1-byte MD5 mismatch raises INTEGRITY_FAILED and leaves no file (after fetching again, as MWS advised)', async () => {
    const body = Buffer.from('sku\tprice\nwidget\t1.00\n');
    const corrupted = Buffer.from(body);
    corrupted[5] ^= 0x01;
    const bad = report(corrupted, 'text/plain', contentMd5(body));
    server.enqueue(bad, bad, bad);
    const destination = join(dir, 'report.txt');
    const error = await rejection(drive(clock, client.download('Reports.GetReport', REPORT, destination)));
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error.code).toBe('INTEGRITY_FAILED');
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(server.requests).toHaveLength(3);
  });

  it('a mismatch followed by a good copy ends with the good file', async () => {
    const body = Buffer.from('sku\tprice\nwidget\t1.00\n');
    server.enqueue(report(Buffer.from('sku\tprice\nwidget\t1.01\n'), 'text/plain', contentMd5(body)), report(body, 'text/plain'));
    const destination = join(dir, 'report.txt');
    const result = await drive(clock, client.download('Reports.GetReport', REPORT, destination));
    expect(result.bytes).toBe(body.length);
    expect(readFileSync(destination)).toEqual(body);
    expect(server.requests).toHaveLength(2);
  });

  it('decodes a Shift_JIS (Windows-31J) report to UTF-8 when asked, verifying the MD5 of the original bytes', async () => {
    const text = 'item-name\tprice\n日本語の商品名（テスト）\t１２３\n';
    const bytes = encodeText(text, 'Shift_JIS');
    server.enqueue(report(bytes, 'text/plain;charset=Windows-31J'));
    const destination = join(dir, 'jp.txt');
    const result = await client.download('Reports.GetReport', REPORT, destination, { decode: true });
    expect(readFileSync(destination, 'utf8')).toBe(text);
    expect(result).toMatchObject({ bytes: bytes.length, charset: 'cp932' });
  });

  it('decodes Cp1252 (ä ö ü ß €) and keeps the raw bytes when decode is off', async () => {
    const text = 'sku\ttitle\nde-1\tGrüße aus Köln – 5 €\n';
    const bytes = encodeText(text, 'windows-1252');
    server.enqueue(report(bytes, 'text/plain;charset=Cp1252'), report(bytes, 'text/plain;charset=Cp1252'));
    await client.download('Reports.GetReport', REPORT, join(dir, 'decoded.txt'), { decode: true });
    await client.download('Reports.GetReport', REPORT, join(dir, 'raw.txt'));
    expect(readFileSync(join(dir, 'decoded.txt'), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'raw.txt'))).toEqual(bytes);
  });

  it('to a Writable: bytes stream through; on a mismatch it is destroyed, never ended', async () => {
    const body = Buffer.from('a'.repeat(100_000));
    const out = sink();
    server.enqueue(report(Buffer.from('b'.repeat(100_000)), 'text/plain', contentMd5(body)));
    const error = await rejection(client.download('Reports.GetReport', REPORT, out.stream));
    expect(error.code).toBe('INTEGRITY_FAILED');
    expect(error.message).toMatch(/discard/);
    expect(out.finished()).toBe(false);
    expect(out.stream.destroyed).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('to a Writable: a truncated body after bytes were written is not retried', async () => {
    const body = Buffer.alloc(200_000, 0x41);
    const out = sink();
    server.enqueue({ fault: 'truncate', headers: { 'Content-Type': 'text/plain', 'Content-MD5': contentMd5(body) }, body, sendBytes: 100_000 }, report(body));
    const error = await rejection(client.download('Reports.GetReport', REPORT, out.stream));
    expect(error.code).toBe('TRANSPORT_FAILED');
    expect(error.message).toMatch(/discard them/);
    expect(server.requests).toHaveLength(1);
    expect(out.finished()).toBe(false);
  });

  it('to a path: a truncated body is fetched again (GetReport is idempotent)', async () => {
    const body = Buffer.alloc(200_000, 0x41);
    server.enqueue({ fault: 'truncate', headers: { 'Content-Type': 'text/plain', 'Content-MD5': contentMd5(body) }, body, sendBytes: 100_000 }, report(body));
    const destination = join(dir, 'report.bin');
    const result = await drive(clock, client.download('Reports.GetReport', REPORT, destination));
    expect(result.bytes).toBe(200_000);
    expect(readFileSync(destination)).toEqual(body);
    expect(server.requests).toHaveLength(2);
  });

  it('aborting mid-body ends with ABORTED and leaves no file', async () => {
    const controller = new AbortController();
    server.enqueue({
      stream: (res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000000' });
        res.write(Buffer.alloc(1000, 0x41), () => setImmediate(() => controller.abort()));
      },
    });
    const destination = join(dir, 'report.txt');
    const error = await rejection(client.download('Reports.GetReport', REPORT, destination, { signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(readdirSync(dir)).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('an MWS error (ReportNotReady) is typed and leaves no file', async () => {
    server.enqueue({ status: 400, body: errorResponse('ReportNotReady', 'The report is not ready') });
    const destination = join(dir, 'report.txt');
    const error = await rejection(client.download('Reports.GetReport', REPORT, destination));
    expect(error.code).toBe('MWS_NOT_READY');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('call on a raw-document operation', () => {
  it('returns the body as text in its charset, checked against Content-MD5 (a mismatch is fetched again)', async () => {
    const text = 'sku\ttitle\nde-1\tGrüße – 5 €\n';
    const bytes = encodeText(text, 'windows-1252');
    server.enqueue(report(Buffer.from('garbage'), 'text/plain;charset=windows-1252', contentMd5(bytes)), report(bytes));
    const response = await drive(clock, client.call('Reports.GetReport', REPORT));
    expect(response.result).toBe(text);
    expect(response.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe('download memory', () => {
  const CHUNK = Buffer.alloc(64 * 1024);
  for (let i = 0; i < CHUNK.length; i++) CHUNK[i] = (i * 31 + (i >> 8)) & 0xff;
  const CHUNKS = 3200; // 200 MiB

  it('streams 200 MiB with peak heap growth under 32 MiB (measured in a child process)', async () => {
    const hash = createHash('md5');
    for (let i = 0; i < CHUNKS; i++) hash.update(CHUNK);
    const md5 = hash.digest('base64');
    server.enqueue({
      stream: (res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain;charset=windows-1252', 'Content-MD5': md5, 'Content-Length': String(CHUNK.length * CHUNKS) });
        let sent = 0;
        const pump = (): void => {
          while (sent < CHUNKS) {
            sent++;
            if (!res.write(CHUNK)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
      },
    });
    const destination = join(dir, 'big.txt');
    const child = join(__dirname, '..', 'support', 'download-memory-child.ts');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', child, server.url, destination], { cwd: join(__dirname, '..', '..') }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const measured = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { bytes: number; contentMd5: string; heapGrowth: number; rssGrowth: number; gcExposed: boolean };
    // The figure for the report: printed, not asserted beyond the ceiling.
    process.stdout.write(`download 200 MiB: heap growth ${(measured.heapGrowth / 1048576).toFixed(1)} MiB, rss growth ${(measured.rssGrowth / 1048576).toFixed(1)} MiB\n`);
    expect(measured.gcExposed).toBe(true);
    expect(measured.bytes).toBe(CHUNK.length * CHUNKS);
    expect(measured.contentMd5).toBe(md5);
    expect(measured.heapGrowth).toBeLessThan(32 * 1024 * 1024);
    expect(readdirSync(dir)).toEqual(['big.txt']);
  });
});
