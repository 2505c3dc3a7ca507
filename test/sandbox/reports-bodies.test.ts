/** The chunked report generator against a naive reference: same bytes for any rows, charset and padding. */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { CHUNK_BYTES, reportChunks, type ReportBody } from '../../src/sandbox/lifecycle/reportBodies';

/** The body written the obvious way: whole strings, then one encode. */
function reference(body: ReportBody): Buffer {
  let text = body.head + body.rows.map((row) => row + '\n').join('');
  let size = iconv.encode(text, body.encoding).length;
  if (body.format === 'flat' && body.rows.length > 0) {
    for (let copy = 1; size < body.padToBytes; copy++) {
      const row = body.rows[(copy - 1) % body.rows.length];
      const tab = row.indexOf('\t');
      const line = (tab < 0 ? row + `-P${copy}` : row.slice(0, tab) + `-P${copy}` + row.slice(tab)) + '\n';
      text += line;
      size += iconv.encode(line, body.encoding).length;
    }
  }
  return iconv.encode(text + body.tail, body.encoding);
}

const cellText = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', 'ä', 'ß', '–', '€', '湯', 'ア', '-'), maxLength: 12 });
const row = fc.array(cellText, { minLength: 1, maxLength: 4 }).map((cells) => cells.join('\t'));

it('produces exactly the reference bytes in chunks of at most CHUNK_BYTES', () => {
  fc.assert(
    fc.property(
      fc.array(row, { maxLength: 6 }),
      fc.constantFrom({ encoding: 'windows-1252', charsetLabel: 'Cp1252' }, { encoding: 'Windows-31J', charsetLabel: 'Windows-31J' }, { encoding: 'utf8', charsetLabel: 'UTF-8' }),
      fc.integer({ min: 0, max: 3 * CHUNK_BYTES }),
      (rows, charset, padToBytes) => {
        const body: ReportBody = { format: 'flat', ...charset, head: 'h1\th2\n', rows, tail: '', padToBytes };
        const chunks = [...reportChunks(body)];
        expect(chunks.every((chunk) => chunk.length <= CHUNK_BYTES)).toBe(true);
        expect(Buffer.concat(chunks).equals(reference(body))).toBe(true);
      },
    ),
    { numRuns: 25 },
  );
});

it('passes a row longer than a chunk through whole, and pads past it', () => {
  const long = 'x'.repeat(CHUNK_BYTES + 100) + '\tend';
  const body: ReportBody = { format: 'flat', encoding: 'windows-1252', charsetLabel: 'Cp1252', head: 'h\n', rows: ['short\trow', long], tail: '', padToBytes: 3 * CHUNK_BYTES };
  expect(Buffer.concat([...reportChunks(body)]).equals(reference(body))).toBe(true);
});

it('never pads XML bodies and keeps the tail last', () => {
  const body: ReportBody = { format: 'xml', encoding: 'utf8', charsetLabel: 'UTF-8', head: '<a>', rows: ['<b>ü</b>'], tail: '</a>\n', padToBytes: 10_000 };
  expect(Buffer.concat([...reportChunks(body)]).toString('utf8')).toBe('<a><b>ü</b>\n</a>\n');
});
