/**
 * The client skips its per-call debug lines and normalisation's reports when the logger would drop them (a cost on
 * every call), and still writes them when debug is on or the logger cannot say.
 */
import { PassThrough } from 'node:stream';
import { MwsClient } from '../../src/mws/client';
import { ManualClock } from '../../src/util/clock';
import { createLogger, type Logger } from '../../src/util/logger';
import { FixtureServer, ordersPage, testConnection } from '../support/fixture-server';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const LIST_ORDERS = { CreatedAfter: '2025-12-01T00:00:00Z' };

let server: FixtureServer;
let client: MwsClient | undefined;

beforeEach(async () => {
  server = await FixtureServer.start({ clock: new ManualClock(START) });
});

afterEach(async () => {
  client?.close();
  client = undefined;
  await server.close();
});

/** A page whose first order carries an element the catalog does not know (normalisation reports it at debug). */
function pageWithUnknownElement(): string {
  const page = ordersPage('ListOrders', ['111-0000001-0000001']);
  const withField = page.replace('</AmazonOrderId>', '</AmazonOrderId><FutureField>x</FutureField>');
  expect(withField).not.toBe(page);
  return withField;
}

function winstonAt(level: string): { logger: Logger; messages: () => string[] } {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const logger = createLogger({ level, stream, pretty: false });
  return { logger, messages: () => lines.map((line) => String((JSON.parse(line) as { message?: unknown }).message)) };
}

async function callOnce(logger: Logger): Promise<unknown> {
  client = new MwsClient(testConnection(server.url) as never, { clock: new ManualClock(START), logger });
  server.enqueue({ body: pageWithUnknownElement() });
  const response = await client.call('Orders.ListOrders', LIST_ORDERS);
  // Let winston's stream deliver what it was given.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return response.result;
}

describe('client logging cost', () => {
  it('writes the request, response and unknown-element lines at debug level', async () => {
    const { logger, messages } = winstonAt('debug');
    const result = (await callOnce(logger)) as { Orders: Array<Record<string, unknown>> };
    expect(result.Orders[0]?.FutureField).toBe('x');
    expect(messages()).toEqual(expect.arrayContaining(['MWS request', 'MWS response', 'xml: unknown element kept']));
  });

  it('writes none of them at info level, and the result is the same', async () => {
    const { logger, messages } = winstonAt('info');
    const result = (await callOnce(logger)) as { Orders: Array<Record<string, unknown>> };
    expect(result.Orders[0]?.FutureField).toBe('x');
    // The logger does write at info: only the call's debug lines are missing.
    logger.info('after the call');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(messages()).toEqual(['after the call']);
  });

  it('gives a plain logger without isDebugEnabled every debug line', async () => {
    const debugMessages: string[] = [];
    const plain = { debug: (message: string) => debugMessages.push(message), info: () => undefined, warn: () => undefined, error: () => undefined };
    await callOnce(plain as unknown as Logger);
    expect(debugMessages).toEqual(expect.arrayContaining(['MWS request', 'MWS response', 'xml: unknown element kept']));
  });
});
