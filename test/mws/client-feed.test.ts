/**
 * Streamed feed bodies: `FeedContent: { path }` or `{ open }` is measured once for its length and MD5, then sent
 * from its first byte on every attempt, over real HTTP on loopback.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { measureBody } from '../../src/mws/body';
import { MwsClient } from '../../src/mws/client';
import { MwsConnectorError } from '../../src/mws/errors';
import { ManualClock } from '../../src/util/clock';
import { FixtureServer, type Reply, drive, testConnection } from '../support/fixture-server';
import { rejection } from '../support/errors';
import { loadSample } from '../support/samples';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const FEED_TYPE = '_POST_FLAT_FILE_INVLOADER_DATA_';
const FEED_OK: Reply = { body: loadSample('SubmitFeedResponse.xml') };

let server: FixtureServer;
let clock: ManualClock;
let client: MwsClient;
let dir: string;

/** A tab-delimited feed of `rows` lines, different on every line so a reordered or repeated chunk shows. */
function feedBytes(rows: number): Buffer {
  const lines = ['sku\tquantity'];
  for (let i = 0; i < rows; i++) lines.push(`SKU-${String(i).padStart(8, '0')}\t${i % 97}`);
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

const md5Of = (bytes: Buffer): string => createHash('md5').update(bytes).digest('base64');

beforeEach(async () => {
  clock = new ManualClock(START);
  server = await FixtureServer.start({ clock });
  client = new MwsClient(testConnection(server.url) as never, { clock, random: () => 0 });
  dir = mkdtempSync(join(tmpdir(), 'mws-feed-'));
});

afterEach(async () => {
  client?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FeedContent from a file', () => {
  it('a multi-MiB file arrives byte-identical with its Content-Length and ContentMD5Value', async () => {
    const bytes = feedBytes(400_000); // about 6 MiB
    const path = join(dir, 'feed.txt');
    writeFileSync(path, bytes);
    server.enqueue(FEED_OK);
    const res = await client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { path } }, { contentType: 'text/tab-separated-values; charset=UTF-8' });
    expect(res.attempts).toBe(1);
    expect(res.result.FeedSubmissionInfo.FeedSubmissionId).toBeTruthy();
    const [req] = server.requests;
    expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(req.body.equals(bytes)).toBe(true);
    expect(req.headers['content-length']).toBe(String(bytes.length));
    expect(req.headers['transfer-encoding']).toBeUndefined();
    expect(req.headers['content-type']).toBe('text/tab-separated-values; charset=UTF-8');
    expect(req.query.ContentMD5Value).toBe(md5Of(bytes));
  });

  it('the same feed from a file and from a Buffer is signed and sent identically', async () => {
    const bytes = feedBytes(1000);
    const path = join(dir, 'small.txt');
    writeFileSync(path, bytes);
    server.enqueue(FEED_OK, FEED_OK);
    await client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { path } });
    await client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: bytes });
    const [fromFile, fromBuffer] = server.requests;
    expect(fromFile.body.equals(fromBuffer.body)).toBe(true);
    expect(fromFile.query.ContentMD5Value).toBe(fromBuffer.query.ContentMD5Value);
    expect(fromFile.headers['content-length']).toBe(fromBuffer.headers['content-length']);
  });

  it('an empty file is sent as an empty body with the MD5 of nothing', async () => {
    const path = join(dir, 'empty.txt');
    writeFileSync(path, '');
    server.enqueue(FEED_OK);
    await client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { path } });
    expect(server.requests[0].body.length).toBe(0);
    expect(server.requests[0].headers['content-length']).toBe('0');
    expect(server.requests[0].query.ContentMD5Value).toBe(md5Of(Buffer.alloc(0)));
  });

  it('reset before the request was written: the file is reopened and sent again from its first byte', async () => {
    // Large enough that loopback socket buffers cannot take it all before the server's reset.
    const bytes = Buffer.concat([feedBytes(400_000), Buffer.alloc(26 * 1024 * 1024, 0x61)]);
    const path = join(dir, 'retry.txt');
    writeFileSync(path, bytes);
    server.enqueue({ fault: 'reset-before-body' }, FEED_OK);
    const res = await drive(clock, client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { path } }));
    expect(res.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0].body.length).toBe(0);
    expect(server.requests[1].body.equals(bytes)).toBe(true);
    expect(server.requests[1].query.ContentMD5Value).toBe(md5Of(bytes));
  });

  it('reset after the request was written: a streamed SubmitFeed is not sent again (AMBIGUOUS_OUTCOME)', async () => {
    const path = join(dir, 'once.txt');
    writeFileSync(path, feedBytes(10_000));
    server.enqueue({ fault: 'reset-after-body' }, FEED_OK);
    const error = await rejection(drive(clock, client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { path } })));
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error.code).toBe('AMBIGUOUS_OUTCOME');
    expect(server.requests).toHaveLength(1);
  });

  it('reset after the request was written, 25 times over: never sent again, even when the reset beats "finish"', async () => {
    // The server reads the whole body and resets; here the reset can arrive before the request's 'finish' or the
    // file stream's own end. A client that waited for either would call this a reset before the request and resend.
    const path = join(dir, 'race.txt');
    writeFileSync(path, feedBytes(8_000));
    const outcomes: string[] = [];
    for (let round = 0; round < 25; round++) {
      server.enqueue({ fault: 'reset-after-body' }); // a resend would meet "no reply scripted" and show as 2 requests
      const before = server.requests.length;
      const outcome = await drive(clock, client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { path } })).then(
        (res) => `sent ${res.attempts} times`,
        (e: MwsConnectorError) => e.code,
      );
      outcomes.push(`${outcome} / ${server.requests.length - before} request(s)`);
    }
    expect(outcomes).toEqual(Array.from({ length: 25 }, () => 'AMBIGUOUS_OUTCOME / 1 request(s)'));
  });
});

describe('FeedContent from a Readable factory', () => {
  it('is not read again when the caller passes a body it already measured (measureBody)', async () => {
    const bytes = feedBytes(20_000);
    let opened = 0;
    const measured = await measureBody({ open: () => (opened++, Readable.from([bytes])) }, 'FeedContent');
    expect(opened).toBe(1);
    server.enqueue(FEED_OK);
    const res = await drive(clock, client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: measured }));
    expect(res.attempts).toBe(1);
    expect(opened).toBe(2); // the measuring pass and the one send: no second measuring pass in the client
    expect(server.requests[0].body.equals(bytes)).toBe(true);
    expect(server.requests[0].query.ContentMD5Value).toBe(md5Of(bytes));
  });

  it('is opened once to measure and once per attempt', async () => {
    const chunk = feedBytes(50_000); // about 0.8 MiB
    const chunks = 40; // 32 MiB: more than loopback socket buffers take before the server's reset
    const bytes = Buffer.concat(Array.from({ length: chunks }, () => chunk));
    let opened = 0;
    const open = (): Readable => {
      opened++;
      return Readable.from(Array.from({ length: chunks }, () => chunk));
    };
    server.enqueue({ fault: 'reset-before-body' }, FEED_OK);
    const res = await drive(clock, client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { open } }));
    expect(res.attempts).toBe(2);
    expect(opened).toBe(3);
    expect(server.requests[1].body.equals(bytes)).toBe(true);
    expect(server.requests[1].query.ContentMD5Value).toBe(md5Of(bytes));
  });
});

describe('a source that changes after it was measured', () => {
  it.each([
    ['grows', 1200],
    ['shrinks', 800],
  ])('%s: the attempt fails as INPUT_INVALID on FeedContent and is not retried', async (_name, laterSize) => {
    let opened = 0;
    const open = (): Readable => Readable.from([Buffer.alloc(++opened === 1 ? 1000 : laterSize, 0x61)]);
    server.enqueue(FEED_OK, FEED_OK);
    const error = await rejection(drive(clock, client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, FeedContent: { open } })));
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.field).toBe('FeedContent');
    expect(error.message).toMatch(/changed while it was being sent/);
    expect(opened).toBe(2);
  });
});

describe('bad file sources are refused before anything is sent', () => {
  async function refusal(params: Record<string, unknown>): Promise<MwsConnectorError> {
    const error = await rejection(client.call('Feeds.SubmitFeed', { FeedType: FEED_TYPE, ...params }));
    expect(error).toBeInstanceOf(MwsConnectorError);
    expect(server.requests).toHaveLength(0);
    return error;
  }

  it('a missing file names FeedContent and the path', async () => {
    const path = join(dir, 'nope.txt');
    const error = await refusal({ FeedContent: { path } });
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.field).toBe('FeedContent');
    expect(error.message).toContain('ENOENT');
    expect(error.details?.[0]?.message).toContain(path);
  });

  it('an object that is neither { path } nor { open } names the accepted shapes', async () => {
    const error = await refusal({ FeedContent: { path: '' } });
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.field).toBe('FeedContent');
    expect(error.details?.[0]?.message).toMatch(/\{ path \} of a file or \{ open \}/);
  });

  it('a ContentMD5Value that differs from the file is refused', async () => {
    const path = join(dir, 'md5.txt');
    writeFileSync(path, feedBytes(10));
    const error = await refusal({ FeedContent: { path }, ContentMD5Value: md5Of(Buffer.from('something else')) });
    expect(error.field).toBe('ContentMD5Value');
    expect(error.message).toMatch(/does not match the body/);
  });
});

describe('memory', () => {
  it('a 200 MiB file feed is streamed with small heap growth (child process)', async () => {
    const CHUNK = feedBytes(50_000); // about 1 MiB of distinct lines
    const CHUNKS = Math.ceil((200 * 1024 * 1024) / CHUNK.length);
    const path = join(dir, 'big.txt');
    const expected = createHash('md5');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path);
      out.on('error', reject);
      let written = 0;
      const pump = (): void => {
        while (written < CHUNKS) {
          written++;
          expected.update(CHUNK);
          if (!out.write(CHUNK)) {
            out.once('drain', pump);
            return;
          }
        }
        out.end(() => resolve());
      };
      pump();
    });
    // A server that hashes what arrives instead of keeping it.
    let received = 0;
    let receivedMd5 = '';
    let signedMd5 = '';
    const sink = http.createServer((req, res) => {
      const hash = createHash('md5');
      signedMd5 = new URL(req.url ?? '/', 'http://x').searchParams.get('ContentMD5Value') ?? '';
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        hash.update(chunk);
      });
      req.on('end', () => {
        receivedMd5 = hash.digest('base64');
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(loadSample('SubmitFeedResponse.xml'));
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
    try {
      const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
      const child = join(__dirname, '..', 'support', 'feed-memory-child.ts');
      const output = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', child, url, path], { cwd: join(__dirname, '..', '..') }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
        ),
      );
      const measured = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { attempts: number; submissionId: string; heapGrowth: number; rssGrowth: number; gcExposed: boolean };
      process.stdout.write(`SubmitFeed 200 MiB from a file: heap growth ${(measured.heapGrowth / 1048576).toFixed(1)} MiB, rss growth ${(measured.rssGrowth / 1048576).toFixed(1)} MiB\n`);
      const md5 = expected.digest('base64');
      expect(measured.gcExposed).toBe(true);
      expect(measured.attempts).toBe(1);
      expect(measured.submissionId).toBeTruthy();
      expect(received).toBe(CHUNK.length * CHUNKS);
      expect(receivedMd5).toBe(md5);
      expect(signedMd5).toBe(md5);
      expect(measured.heapGrowth).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  }, 60_000);
});
