import { Readable } from 'node:stream';
import { charsetFromContentType, createDecoder, encodeText, formatFlatFile, parseFlatFile } from '../../src/mws/flatfile';

async function collect(rows: AsyncIterable<Record<string, string>>): Promise<Array<Record<string, string>>> {
  const out: Array<Record<string, string>> = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Splits bytes into chunks of `size` so multi-byte characters and lines straddle chunk boundaries. */
function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const JAPANESE_TITLE = '【新品】ソニー 表示能力 ワイヤレスヘッドホン ～ノイズキャンセリング～ ①';
const GERMAN_TITLE = 'Größe: Übermaß für Bücher – 9,99 € (äöüß ÄÖÜ)';

describe('charsetFromContentType', () => {
  it.each([
    ['text/tab-separated-values; charset=CP1252', 'windows-1252'],
    ['text/plain;charset=windows-1252', 'windows-1252'],
    ['text/tab-separated-values; charset=iso-8859-1', 'latin1'],
    ['text/tab-separated-values; charset=Shift_JIS', 'cp932'],
    ['text/plain;charset=Windows-31J', 'cp932'],
    ['text/plain; charset="MS932"', 'cp932'],
    ['text/plain; charset=x-sjis', 'cp932'],
    ['text/xml;charset=UTF-8', 'utf8'],
  ])('%s → %s', (contentType, expected) => {
    expect(charsetFromContentType(contentType)).toBe(expected);
  });

  it('returns undefined without a charset parameter', () => {
    expect(charsetFromContentType('text/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });
});

describe('encodeText and decoding', () => {
  it('round-trips a Japanese product name through Shift_JIS, byte by byte', async () => {
    const bytes = encodeText(`item-name\n${JAPANESE_TITLE}\n`, 'Shift_JIS');
    // ソ is 0x83 0x5C in Shift_JIS: its second byte is an ASCII backslash, a classic place for decoders to go wrong.
    expect(bytes.includes(Buffer.from([0x83, 0x5c]))).toBe(true);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(JAPANESE_TITLE, 'utf8'));
    const rows = await collect(parseFlatFile(chunks(bytes, 1), { charset: 'Shift_JIS' }));
    expect(rows).toEqual([{ 'item-name': JAPANESE_TITLE }]);
  });

  it('round-trips a German product name through Cp1252 (€ is 0x80, ß is 0xDF)', async () => {
    const bytes = encodeText(GERMAN_TITLE, 'Cp1252');
    expect(bytes.length).toBe(Array.from(GERMAN_TITLE).length);
    expect(bytes.indexOf(0x80)).toBe(GERMAN_TITLE.indexOf('€'));
    expect(bytes.indexOf(0xdf)).toBe(GERMAN_TITLE.indexOf('ß'));
    const decoder = createDecoder('windows-1252');
    let text = '';
    for await (const piece of Readable.from(chunks(bytes, 3)).pipe(decoder)) text += String(piece);
    expect(text).toBe(GERMAN_TITLE);
  });

  it('refuses a character the charset cannot hold instead of writing "?"', () => {
    expect(() => encodeText('Preis 5 € – 日本', 'windows-1252')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', field: 'text', message: expect.stringContaining('U+65E5') }));
  });

  it('refuses an unknown charset with a typed error naming the field', () => {
    expect(() => createDecoder('klingon-8')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', field: 'charset' }));
    expect(() => encodeText('x', 'klingon-8')).toThrow(expect.objectContaining({ field: 'charset' }));
  });
});

describe('parseFlatFile', () => {
  it('handles CRLF, a BOM, blank lines, short and long rows, and a last line without newline', async () => {
    const text = '\uFEFFsku\tprice\tquantity\r\nA-1\t9.99\t3\r\n\r\nB-2\t1.00\r\nC-3\t2.00\t4\textra';
    const rows = await collect(parseFlatFile([text.slice(0, 7), text.slice(7, 20), text.slice(20)]));
    expect(rows).toEqual([
      { sku: 'A-1', price: '9.99', quantity: '3' },
      { sku: 'B-2', price: '1.00', quantity: '' },
      { sku: 'C-3', price: '2.00', quantity: '4', column4: 'extra' },
    ]);
  });

  it('reads a Readable of bytes in UTF-8 by default', async () => {
    const umlaut = Buffer.from('ä', 'utf8'); // two bytes, split across chunks
    const rows = await collect(parseFlatFile(Readable.from([Buffer.from('a\tb\n'), umlaut.subarray(0, 1), Buffer.concat([umlaut.subarray(1), Buffer.from('\tü\n')])])));
    expect(rows).toEqual([{ a: 'ä', b: 'ü' }]);
  });

  it('streams: the first row arrives after reading only the first chunks of a large body', async () => {
    let chunksRead = 0;
    const totalChunks = 1000;
    async function* source(): AsyncGenerator<string> {
      yield 'order-id\tsku\n';
      for (let i = 0; i < totalChunks; i += 1) {
        chunksRead += 1;
        yield `${i}\tSKU-${i}\n`;
      }
    }
    const iterator = parseFlatFile(source())[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual({ 'order-id': '0', sku: 'SKU-0' });
    expect(chunksRead).toBe(1);
    let count = 1;
    while (!(await iterator.next()).done) count += 1;
    expect(count).toBe(totalChunks);
  });
});

describe('formatFlatFile', () => {
  it('writes TSV in header order, replacing tabs and line breaks inside values, and parses back', async () => {
    const header = ['sku', 'product-name', 'price'];
    const text = formatFlatFile(header, [
      { sku: 'A-1', 'product-name': 'Tab\there and\r\nnew line', price: '9.99' },
      { sku: 'B-2', price: '1.00' },
    ]);
    expect(text).toBe('sku\tproduct-name\tprice\nA-1\tTab here and new line\t9.99\nB-2\t\t1.00\n');
    expect(await collect(parseFlatFile([text]))).toEqual([
      { sku: 'A-1', 'product-name': 'Tab here and new line', price: '9.99' },
      { sku: 'B-2', 'product-name': '', price: '1.00' },
    ]);
  });

  it('refuses a value for a column the header does not have', () => {
    expect(() => formatFlatFile(['sku'], [{ sku: 'A', qty: '1' }])).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', field: 'rows[0].qty' }));
  });
});
