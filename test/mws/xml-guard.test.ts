import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_XML_LIMITS, scanMarkup } from '../../src/mws/xml/guard';
import { parseXml } from '../../src/mws/xml';
import { rejection } from '../support/errors';

const BILLION_LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`).join('') +
  ']>\n<lolz>&lol9;</lolz>';
const EXTERNAL_ENTITY = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
const DEEP_LEVELS = 200_000;
const DEEP = `${'<a>'.repeat(DEEP_LEVELS)}${'</a>'.repeat(DEEP_LEVELS)}`;

function offsetIn(message: string): number {
  const match = /offset (\d+)/.exec(message);
  if (!match?.[1]) throw new Error(`no offset in: ${message}`);
  return Number(match[1]);
}

async function refusal(body: string | Buffer, limits?: Parameters<typeof parseXml>[1]): Promise<{ code: string; message: string }> {
  const err = await rejection(parseXml(body, limits));
  expect(err.name).toBe('ParseError');
  return { code: err.code, message: err.message };
}

describe('XML guard', () => {
  it('documents its defaults: 64 MiB and depth 100', () => {
    expect(DEFAULT_XML_LIMITS).toEqual({ maxBytes: 64 * 1024 * 1024, maxDepth: 100 });
  });

  it('refuses an entity bomb at its DOCTYPE, before any expansion', async () => {
    const { code, message } = await refusal(BILLION_LAUGHS);
    expect(code).toBe('XML_UNSAFE');
    expect(message).toContain('DOCTYPE');
    expect(offsetIn(message)).toBe(BILLION_LAUGHS.indexOf('<!DOCTYPE'));
  });

  it('refuses an external entity without reading it', async () => {
    const { code, message } = await refusal(EXTERNAL_ENTITY);
    expect(code).toBe('XML_UNSAFE');
    expect(message).not.toContain('root:');
  });

  it.each([
    ['a lower-case doctype', '<!doctype html><html/>'],
    ['a bare ENTITY declaration', '<r><!ENTITY a "b"></r>'],
    ['another markup declaration', '<r><!ELEMENT r ANY></r>'],
  ])('refuses %s', async (_what, body) => {
    expect((await refusal(body)).code).toBe('XML_UNSAFE');
  });

  it('refuses entity references other than the five predefined ones (sax would expand HTML names)', async () => {
    const { code, message } = await refusal('<r>caf&eacute;</r>');
    expect(code).toBe('PARSE_FAILED');
    expect(message).toContain('&eacute;');
    await expect(parseXml('<r a="&quot;&#65;&#x42;">&lt;&gt;&amp;&apos;</r>')).resolves.toMatchObject({ text: '<>&\'', attributes: { a: '"AB' } });
  });

  it('stops a 200,000-deep nesting at the depth limit, after scanning only that many tags', async () => {
    const { code, message } = await refusal(DEEP);
    expect(code).toBe('XML_UNSAFE');
    expect(message).toContain(`deeper than ${DEFAULT_XML_LIMITS.maxDepth}`);
    // The tag that crossed the limit is the 101st '<a>': the scan never looked further.
    expect(offsetIn(message)).toBe(DEFAULT_XML_LIMITS.maxDepth * '<a>'.length);
  });

  it('accepts nesting exactly at the limit and counts depth and elements linearly', async () => {
    const atLimit = `${'<a>'.repeat(5)}${'</a>'.repeat(5)}`;
    await expect(parseXml(atLimit, { maxDepth: 5 })).resolves.toMatchObject({ name: 'a' });
    expect((await refusal(`<r>${atLimit}</r>`, { maxDepth: 5 })).code).toBe('XML_UNSAFE');
    const wide = `<r>${'<i x="a>b"/>'.repeat(10_000)}<!-- <!DOCTYPE in a comment --><![CDATA[<!ENTITY in CDATA & <x>]]></r>`;
    expect(scanMarkup(wide, DEFAULT_XML_LIMITS)).toEqual({ maxDepthSeen: 1, elements: 10_001, scannedChars: wide.length });
  });

  it('refuses an oversize body by its byte length, naming the size and the limit', async () => {
    const body = `<r>${'é'.repeat(511)}</r>`; // 7 + 1022 bytes
    const { code, message } = await refusal(body, { maxBytes: 1024 });
    expect(code).toBe('XML_UNSAFE');
    expect(message).toContain('1029 bytes');
    expect(message).toContain('1024 bytes');
  });

  it('checks the size before decoding (an oversize invalid-UTF-8 buffer is refused as oversize)', async () => {
    const body = Buffer.alloc(4097, 0xff);
    expect((await refusal(body, { maxBytes: 4096 })).code).toBe('XML_UNSAFE');
    expect((await refusal(body, { maxBytes: 4097 })).code).toBe('PARSE_FAILED');
  });

  it.each([
    ['a truncated two-byte sequence', [0x3c, 0x72, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x72, 0x3e]],
    ['an overlong encoding of "/"', [0x3c, 0x72, 0x3e, 0xc0, 0xaf, 0x3c, 0x2f, 0x72, 0x3e]],
    ['a lone continuation byte', [0x3c, 0x72, 0x3e, 0x80, 0x3c, 0x2f, 0x72, 0x3e]],
  ])('refuses invalid UTF-8 (%s) with PARSE_FAILED', async (_what, bytes) => {
    const { code, message } = await refusal(Buffer.from(bytes));
    expect(code).toBe('PARSE_FAILED');
    expect(message).toContain('not valid UTF-8');
  });

  it('refuses limits that are not positive integers with a typed error naming the field', async () => {
    await expect(parseXml('<r/>', { maxDepth: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID', field: 'XmlLimits.maxDepth' });
  });

  it('keeps memory bounded on hostile input (measured in a child process)', () => {
    const script = `
      const { parseXml } = require(${JSON.stringify(join(__dirname, '../../src/mws/xml'))});
      const inputs = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      (async () => {
        await parseXml('<warm><up>1</up></warm>');
        global.gc();
        const before = process.memoryUsage().heapUsed;
        let peak = before;
        const codes = [];
        for (const body of inputs) {
          for (let i = 0; i < 20; i += 1) {
            codes.push(await parseXml(body).then(() => 'parsed', (e) => e.code));
            peak = Math.max(peak, process.memoryUsage().heapUsed);
          }
        }
        process.stdout.write(JSON.stringify({ growth: peak - before, codes: [...new Set(codes)] }));
      })();`;
    const child = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-e', script], {
      input: JSON.stringify([BILLION_LAUGHS, EXTERNAL_ENTITY, DEEP]),
      encoding: 'utf8',
      cwd: join(__dirname, '../..'),
    });
    expect(child.stderr).toBe('');
    const report = JSON.parse(child.stdout) as { growth: number; codes: string[] };
    expect(report.codes).toEqual(['XML_UNSAFE']);
    // 60 hostile parses; a single expanded bomb level alone would be gigabytes. 32 MiB allows for the 1.4 MB deep input's copies.
    expect(report.growth).toBeLessThan(32 * 1024 * 1024);
  });
});
