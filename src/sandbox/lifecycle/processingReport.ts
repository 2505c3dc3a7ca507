/**
 * The processing report GetFeedSubmissionResult serves: an XML `AmazonEnvelope` with MessageType
 * ProcessingReport for XML feeds (shape of samples/GetFeedSubmissionResult-ProcessingReport.xml plus the
 * ProcessingSummary and Result elements of Amazon's ProcessingReport schema), and the tab-delimited
 * "Feed Processing Summary" for flat files (samples/live.GetReport-body.txt) followed by an error table.
 */
import iconv from 'iconv-lite';
import { element, text, optText } from '../xml';
import type { FeedOutcome } from './feedApplying';
import type { Charset } from './marketplaces';

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
}

export function renderProcessingReport(outcome: FeedOutcome, feedSubmissionId: string, sellerId: string, flatCharset: Charset): RenderedDocument {
  return outcome.format === 'xml' ? renderXml(outcome, feedSubmissionId, sellerId) : renderFlat(outcome, flatCharset);
}

function renderXml(outcome: FeedOutcome, feedSubmissionId: string, sellerId: string): RenderedDocument {
  const errors = outcome.results.filter((r) => r.type === 'Error').length;
  const warnings = outcome.results.filter((r) => r.type === 'Warning').length;
  const results = outcome.results.map((r) =>
    element('Result', [
      text('MessageID', r.record),
      text('ResultCode', r.type),
      text('ResultMessageCode', r.code),
      text('ResultDescription', r.message),
      r.sku !== undefined || r.amazonOrderId !== undefined ? element('AdditionalInfo', [optText('SKU', r.sku), optText('AmazonOrderID', r.amazonOrderId)]) : '',
    ]),
  );
  const report = element('ProcessingReport', [
    text('DocumentTransactionID', feedSubmissionId),
    text('StatusCode', 'Complete'),
    element('ProcessingSummary', [
      text('MessagesProcessed', outcome.processed),
      text('MessagesSuccessful', outcome.successful),
      text('MessagesWithError', errors),
      text('MessagesWithWarning', warnings),
    ]),
    ...results,
  ]);
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    element(
      'AmazonEnvelope',
      [element('Header', [text('DocumentVersion', '1.02'), text('MerchantIdentifier', sellerId)]), text('MessageType', 'ProcessingReport'), element('Message', [text('MessageID', 1), report])],
      { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:noNamespaceSchemaLocation': 'amzn-envelope.xsd' },
    ) +
    '\n';
  return { body: Buffer.from(xml, 'utf8'), contentType: 'text/xml' };
}

/** Tabs and newlines inside a value would break the table. */
function cell(value: string | number | undefined): string {
  return String(value ?? '').replace(/[\t\r\n]+/g, ' ');
}

function renderFlat(outcome: FeedOutcome, charset: Charset): RenderedDocument {
  let body = `Feed Processing Summary:\n\tNumber of records processed\t\t${outcome.processed}\n\tNumber of records successful\t\t${outcome.successful}\n\n`;
  if (outcome.results.length > 0) {
    body += 'original-record-number\tsku\terror-code\terror-type\terror-message\n';
    for (const r of outcome.results) body += [r.record, r.sku ?? r.amazonOrderId, r.code, r.type, r.message].map(cell).join('\t') + '\n';
  }
  return { body: iconv.encode(body, charset.encoding), contentType: `text/plain;charset=${charset.label}` };
}
