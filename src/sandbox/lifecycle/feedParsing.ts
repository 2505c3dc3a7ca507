/**
 * Turns a submitted feed document into records the sandbox can apply: XML `AmazonEnvelope` feeds (MessageType
 * Inventory, Price, OrderAcknowledgement, OrderFulfillment) and tab-delimited flat files
 * (_POST_FLAT_FILE_INVLOADER_DATA_, _POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_,
 * _POST_FLAT_FILE_FULFILLMENT_DATA_). Element and column names are Amazon's feed schemas'.
 */
import iconv from 'iconv-lite';
import { parseStringPromise } from 'xml2js';
import type { Charset } from './marketplaces';

/** One record of a feed: an XML Message (record = MessageID) or a flat-file data row (record = row number). */
export type FeedRecord =
  | { kind: 'inventory'; record: number; sku: string; quantity?: string; remove?: boolean }
  | { kind: 'price'; record: number; sku: string; price?: string; currency?: string }
  | { kind: 'priceAndQuantity'; record: number; sku: string; price?: string; quantity?: string; remove?: boolean }
  | { kind: 'acknowledgement'; record: number; amazonOrderId: string; statusCode: string }
  | { kind: 'fulfillment'; record: number; amazonOrderId: string; quantity?: string }
  /** A record of a type the sandbox accepts but does not model (product data, images, ...). */
  | { kind: 'unmodelled'; record: number }
  /** A record that could not be read; it becomes an error row of the processing report. */
  | { kind: 'unreadable'; record: number; sku?: string; message: string };

export interface ParsedFeed {
  format: 'xml' | 'flat';
  records: FeedRecord[];
  /** Set when the whole document was unusable (bad XML, missing header); no record is applied. */
  fatal?: string;
}

export function isXmlFeed(feedType: string, body: Buffer): boolean {
  if (feedType.includes('_FLAT_FILE_')) return false;
  const head = body.subarray(0, 64).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return head.startsWith('<') || !feedType.includes('FLAT');
}

/** XML feeds decode by their declaration (UTF-8 unless it says otherwise) unless the Content-Type names a charset. */
function xmlEncoding(body: Buffer, declared: Charset | undefined): string {
  if (declared) return declared.encoding;
  const match = /encoding\s*=\s*["']([^"']+)["']/.exec(body.subarray(0, 200).toString('latin1'));
  return match && iconv.encodingExists(match[1]) ? match[1] : 'utf8';
}

export async function parseFeed(feedType: string, body: Buffer, charset: Charset | undefined, fallback: Charset): Promise<ParsedFeed> {
  if (isXmlFeed(feedType, body)) return parseXmlFeed(iconv.decode(body, xmlEncoding(body, charset)));
  return parseFlatFeed(feedType, iconv.decode(body, (charset ?? fallback).encoding));
}

// ---- XML ----

type XmlNode = Record<string, unknown>;

/** Text of the first child `name` (xml2js with explicitArray: values are arrays of strings or `{ _: text, $: attrs }`). */
function childText(node: XmlNode | undefined, name: string): string | undefined {
  const values = node?.[name];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const first: unknown = values[0];
  if (typeof first === 'string') return first.trim();
  if (first && typeof first === 'object' && typeof (first as XmlNode)._ === 'string') return ((first as XmlNode)._ as string).trim();
  return undefined;
}

function childAttr(node: XmlNode | undefined, name: string, attr: string): string | undefined {
  const values = node?.[name];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const first: unknown = values[0];
  if (first && typeof first === 'object') return ((first as XmlNode).$ as Record<string, string> | undefined)?.[attr];
  return undefined;
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const values = node?.[name];
  return Array.isArray(values) && values[0] && typeof values[0] === 'object' ? (values[0] as XmlNode) : undefined;
}

async function parseXmlFeed(text: string): Promise<ParsedFeed> {
  let doc: XmlNode;
  try {
    doc = (await parseStringPromise(text, { explicitArray: true })) as XmlNode;
  } catch (error) {
    return { format: 'xml', records: [], fatal: `XML Parsing Fatal Error: ${(error as Error).message.split('\n')[0]}` };
  }
  const envelope = doc?.AmazonEnvelope as XmlNode | undefined;
  if (!envelope) return { format: 'xml', records: [], fatal: 'The XML you submitted is ill-formed at the Amazon Envelope XML level: root element AmazonEnvelope is missing.' };
  const messageType = childText(envelope, 'MessageType');
  if (!messageType) return { format: 'xml', records: [], fatal: 'The XML you submitted is ill-formed at the Amazon Envelope XML level: MessageType is missing.' };
  const messages = Array.isArray(envelope.Message) ? (envelope.Message as XmlNode[]) : [];
  const records = messages.map((message, index): FeedRecord => {
    const record = Number(childText(message, 'MessageID') ?? index + 1);
    const body = child(message, messageType);
    const operationType = childText(message, 'OperationType') ?? 'Update';
    if (!body) return { kind: 'unreadable', record, message: `Message ${record} has no ${messageType} element.` };
    switch (messageType) {
      case 'Inventory': {
        const sku = childText(body, 'SKU');
        if (!sku) return { kind: 'unreadable', record, message: 'Inventory message without SKU.' };
        return { kind: 'inventory', record, sku, quantity: childText(body, 'Quantity'), remove: operationType === 'Delete' };
      }
      case 'Price': {
        const sku = childText(body, 'SKU');
        if (!sku) return { kind: 'unreadable', record, message: 'Price message without SKU.' };
        return { kind: 'price', record, sku, price: childText(body, 'StandardPrice'), currency: childAttr(body, 'StandardPrice', 'currency') };
      }
      case 'OrderAcknowledgement': {
        const amazonOrderId = childText(body, 'AmazonOrderID');
        if (!amazonOrderId) return { kind: 'unreadable', record, message: 'OrderAcknowledgement message without AmazonOrderID.' };
        return { kind: 'acknowledgement', record, amazonOrderId, statusCode: childText(body, 'StatusCode') ?? '' };
      }
      case 'OrderFulfillment': {
        const amazonOrderId = childText(body, 'AmazonOrderID');
        if (!amazonOrderId) return { kind: 'unreadable', record, message: 'OrderFulfillment message without AmazonOrderID.' };
        return { kind: 'fulfillment', record, amazonOrderId, quantity: childText(child(body, 'Item'), 'Quantity') };
      }
      default:
        return { kind: 'unmodelled', record };
    }
  });
  return { format: 'xml', records };
}

// ---- Flat files ----

/** Columns each flat feed type cannot do without. */
const REQUIRED_COLUMNS: Record<string, string[]> = {
  _POST_FLAT_FILE_INVLOADER_DATA_: ['sku'],
  _POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_: ['sku'],
  _POST_FLAT_FILE_FULFILLMENT_DATA_: ['order-id'],
};

function parseFlatFeed(feedType: string, text: string): ParsedFeed {
  // Amazon's templates may start with `TemplateType=…` and label rows before the header.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerIndex = lines.findIndex((line) => line.trim() !== '' && !/^TemplateType=/i.test(line));
  if (headerIndex < 0) return { format: 'flat', records: [], fatal: 'The file is empty: no header row.' };
  const header = lines[headerIndex].split('\t').map((name) => name.trim().toLowerCase());
  const required = REQUIRED_COLUMNS[feedType] ?? [];
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) return { format: 'flat', records: [], fatal: `The header row is missing the column(s): ${missing.join(', ')}.` };
  headerIndex += 1;
  const records: FeedRecord[] = [];
  let record = 0;
  for (const line of lines.slice(headerIndex)) {
    if (line.trim() === '') continue;
    record += 1;
    const cells = line.split('\t');
    const cell = (name: string): string | undefined => {
      const value = cells[header.indexOf(name)]?.trim();
      return value === undefined || value === '' ? undefined : value;
    };
    const addDelete = cell('add-delete')?.toLowerCase();
    const remove = addDelete === 'd' || addDelete === 'x';
    switch (feedType) {
      case '_POST_FLAT_FILE_INVLOADER_DATA_':
      case '_POST_FLAT_FILE_PRICEANDQUANTITYONLY_UPDATE_DATA_': {
        const sku = cell('sku');
        records.push(sku ? { kind: 'priceAndQuantity', record, sku, price: cell('price'), quantity: cell('quantity'), remove } : { kind: 'unreadable', record, message: 'The sku column is empty.' });
        break;
      }
      case '_POST_FLAT_FILE_FULFILLMENT_DATA_': {
        const amazonOrderId = cell('order-id');
        records.push(amazonOrderId ? { kind: 'fulfillment', record, amazonOrderId, quantity: cell('quantity') } : { kind: 'unreadable', record, message: 'The order-id column is empty.' });
        break;
      }
      default:
        records.push({ kind: 'unmodelled', record });
    }
  }
  return { format: 'flat', records };
}
