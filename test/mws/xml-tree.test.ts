/**
 * The tree builder reads xml2js's sax events directly (for speed). These tests pin it to what xml2js's own
 * order-preserving object builder produces, element for element, on every stored MWS sample and on edge cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStringPromise, processors } from 'xml2js';
import { parseXml, type XmlElement } from '../../src/mws/xml';

interface RawNode {
  '#name'?: string;
  _?: string;
  $?: Record<string, string>;
  $$?: RawNode[];
}

/** The reference: xml2js with explicitChildren + preserveChildrenOrder, converted the straightforward way. */
async function referenceTree(text: string): Promise<XmlElement> {
  const parsed = (await parseStringPromise(text, {
    strict: true,
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitCharkey: true,
    charkey: '_',
    attrkey: '$',
    childkey: '$$',
    emptyTag: '',
    tagNameProcessors: [processors.stripPrefix],
  })) as Record<string, RawNode>;
  const rootName = Object.keys(parsed)[0] as string;
  const convert = (name: string, node: RawNode | string): XmlElement => {
    const raw = typeof node === 'object' ? node : {};
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw.$ ?? {})) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      attributes[key.includes(':') ? key.slice(key.indexOf(':') + 1) : key] = value;
    }
    return { name, attributes, children: (raw.$$ ?? []).map((child) => convert(child['#name'] ?? '', child)), text: typeof raw._ === 'string' ? raw._ : '' };
  };
  return convert(rootName, parsed[rootName] as RawNode);
}

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'samples');
const sampleFiles = readdirSync(SAMPLES).filter((name) => name.endsWith('.xml'));

describe('parseXml tree', () => {
  it('has samples to compare', () => {
    expect(sampleFiles.length).toBeGreaterThan(20);
  });

  it.each(sampleFiles)('matches xml2js\'s ordered tree on sample %s', async (file) => {
    const text = readFileSync(path.join(SAMPLES, file), 'utf8').replace(/^\uFEFF/, '');
    const reference = await referenceTree(text).catch((err: unknown) => err as Error);
    if (reference instanceof Error) {
      // A deliberately malformed sample (MWS really sent it): both must refuse it.
      await expect(parseXml(text)).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringContaining(reference.message.split('\n')[0] as string) });
    } else {
      expect(await parseXml(text)).toEqual(reference);
    }
  });

  it.each([
    ['interleaved names keep document order', '<R><A>1</A><B>2</B><A>3</A><C/><B>4</B></R>'],
    ['mixed content text is concatenated', '<R>one <b>x</b> two<c/>three</R>'],
    ['whitespace-only text is dropped', '<R>\n  <A> </A>\n  <B>\t</B>\n</R>'],
    ['whitespace-only CDATA is kept', '<R><A><![CDATA[  ]]></A></R>'],
    ['text around CDATA is joined', '<R>a<![CDATA[<b>]]>c&amp;d</R>'],
    ['prefixed names and attributes lose their prefix, declarations are dropped', '<ns2:R xmlns:ns2="urn:a" xmlns="urn:b" ns2:id="1" plain="2"><ns2:C xml:lang="de">t</ns2:C></ns2:R>'],
    ['surrounding spaces of text are kept as written', '<R><A>  padded  </A></R>'],
    ['an empty root', '<R/>'],
    ['comments and processing instructions are ignored', '<?xml version="1.0"?><!-- c --><R><!-- inner --><A>1</A><?pi x?></R>'],
  ])('matches xml2js when %s', async (_what, text) => {
    expect(await parseXml(text)).toEqual(await referenceTree(text));
  });

  it('reports where the parser failed (sax counts lines from 0)', async () => {
    await expect(parseXml('<R>\n<A></B></R>')).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(/Unexpected close tag \(line: 1, column: 7\)/) });
  });
});
