/**
 * Reads a feed processing report (GetFeedSubmissionResult): the XML `AmazonEnvelope`/`ProcessingReport` of XML
 * feeds and the tab-delimited "Feed Processing Summary" of flat-file feeds, into one summary with per-row results.
 */
import { parseXml, type XmlElement } from '../../mws/xml';

export interface ProcessingResult {
  /** MessageID for XML feeds, original-record-number for flat files. */
  record: string;
  resultCode: string;
  resultMessageCode?: string;
  description?: string;
  sku?: string;
  amazonOrderId?: string;
}

export interface ProcessingSummary {
  format: 'xml' | 'flat';
  statusCode?: string;
  messagesProcessed: number;
  messagesSuccessful: number;
  messagesWithError: number;
  messagesWithWarning: number;
  results: ProcessingResult[];
}

export async function parseProcessingReport(text: string): Promise<ProcessingSummary> {
  return text.trimStart().startsWith('<') ? parseXmlReport(text) : parseFlatReport(text);
}

function childText(el: XmlElement | undefined, name: string): string | undefined {
  const child = el?.children.find((c) => c.name === name);
  const value = child?.text.trim();
  return value === undefined || value === '' ? undefined : value;
}

function count(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of el.children) {
    if (child.name === name) out.push(child);
    else findAll(child, name, out);
  }
  return out;
}

async function parseXmlReport(text: string): Promise<ProcessingSummary> {
  const root = await parseXml(text);
  const report = findAll(root, 'ProcessingReport')[0];
  const summary = report?.children.find((c) => c.name === 'ProcessingSummary');
  const results: ProcessingResult[] = (report ? findAll(report, 'Result') : []).map((r) => {
    const info = r.children.find((c) => c.name === 'AdditionalInfo');
    const out: ProcessingResult = { record: childText(r, 'MessageID') ?? '', resultCode: childText(r, 'ResultCode') ?? '' };
    const optional: Array<[keyof ProcessingResult, string | undefined]> = [
      ['resultMessageCode', childText(r, 'ResultMessageCode')],
      ['description', childText(r, 'ResultDescription')],
      ['sku', childText(info, 'SKU')],
      ['amazonOrderId', childText(info, 'AmazonOrderID')],
    ];
    for (const [name, value] of optional) if (value !== undefined) out[name] = value;
    return out;
  });
  const errors = results.filter((r) => r.resultCode === 'Error').length;
  const warnings = results.filter((r) => r.resultCode === 'Warning').length;
  const statusCode = childText(report, 'StatusCode');
  return {
    format: 'xml',
    ...(statusCode ? { statusCode } : {}),
    messagesProcessed: count(childText(summary, 'MessagesProcessed'), 0),
    messagesSuccessful: count(childText(summary, 'MessagesSuccessful'), 0),
    messagesWithError: count(childText(summary, 'MessagesWithError'), errors),
    messagesWithWarning: count(childText(summary, 'MessagesWithWarning'), warnings),
    results,
  };
}

function parseFlatReport(text: string): ProcessingSummary {
  const lines = text.split(/\r?\n/);
  const figure = (label: RegExp): number | undefined => {
    const line = lines.find((l) => label.test(l));
    const match = line ? /(\d+)\s*$/.exec(line) : null;
    return match ? Number(match[1]) : undefined;
  };
  const headerAt = lines.findIndex((l) => l.startsWith('original-record-number'));
  const results: ProcessingResult[] = [];
  if (headerAt >= 0) {
    const header = (lines[headerAt] as string).split('\t');
    for (const line of lines.slice(headerAt + 1)) {
      if (line.trim() === '') continue;
      const cells = line.split('\t');
      const cell = (name: string): string | undefined => {
        const value = cells[header.indexOf(name)];
        return value === undefined || value === '' ? undefined : value;
      };
      const result: ProcessingResult = { record: cell('original-record-number') ?? '', resultCode: cell('error-type') ?? '' };
      const code = cell('error-code');
      const message = cell('error-message');
      const sku = cell('sku');
      if (code !== undefined) result.resultMessageCode = code;
      if (message !== undefined) result.description = message;
      if (sku !== undefined) result.sku = sku;
      results.push(result);
    }
  }
  const errors = results.filter((r) => r.resultCode === 'Error').length;
  const warnings = results.filter((r) => r.resultCode === 'Warning').length;
  return {
    format: 'flat',
    messagesProcessed: figure(/records processed/i) ?? 0,
    messagesSuccessful: figure(/records successful/i) ?? 0,
    messagesWithError: errors,
    messagesWithWarning: warnings,
    results,
  };
}
