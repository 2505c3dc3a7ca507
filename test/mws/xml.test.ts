import { getOperation } from '../../src/mws/catalog';
import { MwsServiceError, ParseError } from '../../src/mws/errors';
import { normaliseElement, parseErrorResponse, parseMwsResponse, parseXml } from '../../src/mws/xml';

function recordingLogger(): { debug: (message: string, meta?: Record<string, unknown>) => void; lines: Array<{ message: string; meta?: Record<string, unknown> }> } {
  const lines: Array<{ message: string; meta?: Record<string, unknown> }> = [];
  return { lines, debug: (message, meta) => lines.push(meta ? { message, meta } : { message }) };
}

describe('parseXml', () => {
  it('builds an ordered tree with local names and attributes, without namespace declarations', async () => {
    const root = await parseXml('<?xml version="1.0"?><a:Root xmlns:a="urn:x" xmlns="urn:y" id="7"><b>one</b><c xml:lang="en"/><b>t&amp;<![CDATA[<raw>]]></b></a:Root>');
    expect(root.name).toBe('Root');
    expect(root.attributes).toEqual({ id: '7' });
    expect(root.children.map((child) => child.name)).toEqual(['b', 'c', 'b']);
    expect(root.children[1]?.attributes).toEqual({ lang: 'en' });
    expect(root.children[2]?.text).toBe('t&<raw>');
  });

  it('accepts a Buffer with a UTF-8 BOM and multi-byte text', async () => {
    const root = await parseXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<Title>Größe ß € 日本語</Title>', 'utf8')]));
    expect(root.text).toBe('Größe ß € 日本語');
  });

  it.each([
    ['a mismatched end tag', '<a><b></a>'],
    ['a truncated body', '<a><b>text'],
    ['an undeclared entity', '<a>&nbsp;</a>'],
    ['two root elements', '<a/><b/>'],
    ['an empty body', ''],
  ])('refuses %s with PARSE_FAILED', async (_what, body) => {
    await expect(parseXml(body)).rejects.toMatchObject({ name: 'ParseError', code: 'PARSE_FAILED' });
  });
});

describe('normaliseElement', () => {
  it('types int and boolean (case-insensitive) and keeps decimals and dates as their text', async () => {
    const logger = recordingLogger();
    expect(normaliseElement(await parseXml('<N> 42 </N>'), 'int', logger)).toBe(42);
    expect(normaliseElement(await parseXml('<B>TRUE</B>'), 'boolean', logger)).toBe(true);
    expect(normaliseElement(await parseXml('<B>false</B>'), 'boolean', logger)).toBe(false);
    expect(normaliseElement(await parseXml('<D>0.10</D>'), 'decimal', logger)).toBe('0.10');
    expect(normaliseElement(await parseXml('<T>2017-02-20T19:49:35Z</T>'), 'dateTime', logger)).toBe('2017-02-20T19:49:35Z');
    expect(logger.lines).toEqual([]);
  });

  it('keeps text that does not fit its type and logs it at debug', async () => {
    const logger = recordingLogger();
    expect(normaliseElement(await parseXml('<N>12x</N>'), 'int', logger)).toBe('12x');
    expect(normaliseElement(await parseXml('<B>yes</B>'), 'boolean', logger)).toBe('yes');
    expect(logger.lines.map((line) => line.meta?.path)).toEqual(['/N', '/B']);
  });

  it('turns text with attributes into { value, ...attributes }', async () => {
    expect(normaliseElement(await parseXml('<Amount currency="USD">12.00</Amount>'), 'decimal')).toEqual({ value: '12.00', currency: 'USD' });
  });

  it('normalises a datatype from the catalog: money stays a decimal string, lists are arrays', async () => {
    const money = await parseXml('<OrderTotal><CurrencyCode>EUR</CurrencyCode><Amount>1234.50</Amount></OrderTotal>');
    expect(normaliseElement(money, 'Orders.Money')).toEqual({ CurrencyCode: 'EUR', Amount: '1234.50' });
    const order = await parseXml(
      '<Order><AmazonOrderId>1</AmazonOrderId><NumberOfItemsShipped>2</NumberOfItemsShipped><IsPrime>false</IsPrime>' +
        '<PaymentMethodDetails><PaymentMethodDetail>COD</PaymentMethodDetail></PaymentMethodDetails></Order>',
    );
    expect(normaliseElement(order, 'Orders.Order')).toEqual({ AmazonOrderId: '1', NumberOfItemsShipped: 2, IsPrime: false, PaymentMethodDetails: ['COD'] });
  });

  it('keeps unknown elements, attributes and enum values, logging each path once at debug', async () => {
    const logger = recordingLogger();
    const order = await parseXml(
      '<Order flag="x"><OrderStatus>Teleported</OrderStatus><FutureField><A>1</A><A>2</A></FutureField><FutureField><A>3</A></FutureField></Order>',
    );
    expect(normaliseElement(order, 'Orders.Order', logger)).toEqual({ OrderStatus: 'Teleported', flag: 'x', FutureField: [{ A: ['1', '2'] }, { A: '3' }] });
    expect(logger.lines.map((line) => [line.message, line.meta?.path])).toEqual([
      ['xml: unknown enumeration value kept', '/Order/OrderStatus'],
      ['xml: unknown attribute kept', '/Order/@flag'],
      ['xml: unknown element kept', '/Order/FutureField'],
    ]);
  });

  it('keeps an element of an unknown datatype as a generic tree', async () => {
    const logger = recordingLogger();
    const el = await parseXml('<X a="1"><Y>2</Y></X>');
    expect(normaliseElement(el, 'Nowhere.Nothing', logger)).toEqual({ a: '1', Y: '2' });
    expect(logger.lines).toHaveLength(1);
  });
});

describe('parseMwsResponse', () => {
  const listOrders = getOperation('Orders.ListOrders');

  it('reads the result and ResponseMetadata/RequestId', async () => {
    const body =
      '<ListOrdersResponse xmlns="https://mws.amazonservices.com/Orders/2013-09-01"><ListOrdersResult>' +
      '<CreatedBefore>2020-01-01T00:00:00Z</CreatedBefore><Orders/></ListOrdersResult>' +
      '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListOrdersResponse>';
    await expect(parseMwsResponse(listOrders, body)).resolves.toEqual({ result: { CreatedBefore: '2020-01-01T00:00:00Z', Orders: [] }, requestId: 'req-1' });
  });

  it('returns {} for an operation without a result element', async () => {
    const op = getOperation('FulfillmentOutboundShipment.CreateFulfillmentOrder');
    expect(op.response.noResultElement).toBe(true);
    const body = '<CreateFulfillmentOrderResponse><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></CreateFulfillmentOrderResponse>';
    await expect(parseMwsResponse(op, body)).resolves.toEqual({ result: {}, requestId: 'r2' });
  });

  it('refuses a document for another operation, and a missing result element', async () => {
    await expect(parseMwsResponse(listOrders, '<GetOrderResponse/>')).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringContaining('<ListOrdersResponse>') });
    await expect(parseMwsResponse(listOrders, '<ListOrdersResponse/>')).rejects.toMatchObject({ code: 'PARSE_FAILED', message: expect.stringContaining('<ListOrdersResult>') });
  });

  it('throws the MwsServiceError of an ErrorResponse body', async () => {
    const body = '<ErrorResponse><Error><Type>Sender</Type><Code>RequestThrottled</Code><Message>Request is throttled</Message></Error><RequestID>t1</RequestID></ErrorResponse>';
    const error = await parseMwsResponse(listOrders, body).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MwsServiceError);
    expect(error).toMatchObject({ code: 'THROTTLED', mwsCode: 'RequestThrottled', requestId: 't1', retryable: true });
  });
});

describe('parseErrorResponse', () => {
  it('reads Code, Message, Type and RequestId (empty Type allowed) and maps the code', async () => {
    const body = '<ErrorResponse><Error><Type></Type><Code>QuotaExceeded</Code><Message>You exceeded your quota</Message></Error><RequestId>q1</RequestId></ErrorResponse>';
    const error = await parseErrorResponse(body, 503, 'Orders.ListOrders');
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED', mwsCode: 'QuotaExceeded', requestId: 'q1', status: 503, operation: 'Orders.ListOrders' });
    expect(error.message).toContain('You exceeded your quota');
  });

  it.each([
    [400, 'MWS_REJECTED'],
    [503, 'MWS_UNAVAILABLE'],
  ])('turns a plain-text HTTP %i body into %s with the text', async (status, code) => {
    const error = await parseErrorResponse('Invalid UPC identifier', status, 'Products.GetMatchingProductForId');
    expect(error).toBeInstanceOf(MwsServiceError);
    expect(error).toMatchObject({ code, status });
    expect(error.message).toContain('Invalid UPC identifier');
  });

  it('truncates a long non-XML body in the message', async () => {
    const error = await parseErrorResponse(`<html>${'x'.repeat(10_000)}</html>`, 502);
    expect(error.code).toBe('MWS_UNAVAILABLE');
    expect(error.message.length).toBeLessThan(400);
  });

  it('does not hide guard refusals behind a service error', async () => {
    const error = await parseErrorResponse('<!DOCTYPE x [<!ENTITY a "b">]><ErrorResponse/>', 400);
    expect(error).not.toBeInstanceOf(ParseError);
    expect(error.code).toBe('MWS_REJECTED');
  });
});
