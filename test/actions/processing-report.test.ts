/** The processing report reader: Amazon's published XML sample, a full XML report, and the flat-file summary. */
import { parseProcessingReport } from '../../src/actions/composite/processing-report';
import { loadSample } from '../support/samples';

describe('parseProcessingReport', () => {
  it('reads the published XML sample (no summary: zero counts, no results)', async () => {
    const summary = await parseProcessingReport(loadSample('GetFeedSubmissionResult-ProcessingReport.xml'));
    expect(summary).toEqual({ format: 'xml', messagesProcessed: 0, messagesSuccessful: 0, messagesWithError: 0, messagesWithWarning: 0, results: [] });
  });

  it('reads the summary and every Result of an XML report', async () => {
    const xml =
      '<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.02</DocumentVersion></Header><MessageType>ProcessingReport</MessageType>' +
      '<Message><MessageID>1</MessageID><ProcessingReport><DocumentTransactionID>9</DocumentTransactionID><StatusCode>Complete</StatusCode>' +
      '<ProcessingSummary><MessagesProcessed>3</MessagesProcessed><MessagesSuccessful>1</MessagesSuccessful><MessagesWithError>1</MessagesWithError><MessagesWithWarning>1</MessagesWithWarning></ProcessingSummary>' +
      '<Result><MessageID>2</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>13013</ResultMessageCode><ResultDescription>SKU does not exist</ResultDescription><AdditionalInfo><SKU>A-1</SKU></AdditionalInfo></Result>' +
      '<Result><MessageID>3</MessageID><ResultCode>Warning</ResultCode><ResultMessageCode>99</ResultMessageCode><ResultDescription>late</ResultDescription><AdditionalInfo><AmazonOrderID>1-2-3</AmazonOrderID></AdditionalInfo></Result>' +
      '</ProcessingReport></Message></AmazonEnvelope>';
    expect(await parseProcessingReport(xml)).toEqual({
      format: 'xml',
      statusCode: 'Complete',
      messagesProcessed: 3,
      messagesSuccessful: 1,
      messagesWithError: 1,
      messagesWithWarning: 1,
      results: [
        { record: '2', resultCode: 'Error', resultMessageCode: '13013', description: 'SKU does not exist', sku: 'A-1' },
        { record: '3', resultCode: 'Warning', resultMessageCode: '99', description: 'late', amazonOrderId: '1-2-3' },
      ],
    });
  });

  it('reads the flat-file summary and its error table (CRLF too)', async () => {
    const text =
      'Feed Processing Summary:\r\n\tNumber of records processed\t\t3\r\n\tNumber of records successful\t\t1\r\n\r\n' +
      'original-record-number\tsku\terror-code\terror-type\terror-message\r\n2\tB-2\t8560\tError\tbad price\r\n3\tB-3\t99\tWarning\tcheck\r\n';
    expect(await parseProcessingReport(text)).toEqual({
      format: 'flat',
      messagesProcessed: 3,
      messagesSuccessful: 1,
      messagesWithError: 1,
      messagesWithWarning: 1,
      results: [
        { record: '2', resultCode: 'Error', resultMessageCode: '8560', description: 'bad price', sku: 'B-2' },
        { record: '3', resultCode: 'Warning', resultMessageCode: '99', description: 'check', sku: 'B-3' },
      ],
    });
  });

  it('refuses a hostile XML report with a typed error', async () => {
    await expect(parseProcessingReport('<!DOCTYPE x [<!ENTITY a "b">]><AmazonEnvelope>&a;</AmazonEnvelope>')).rejects.toMatchObject({ code: 'XML_UNSAFE' });
  });
});
