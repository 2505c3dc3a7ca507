/**
 * The library in one file, against the embedded sandbox: page through orders with MwsClient, request a report and
 * download it (Content-MD5 checked, charset decoded), then run actions through the reference runtime.
 * Run: `npx ts-node --transpile-only examples/library.ts`. From an installed package, import from
 * 'amazon-mws-connector' instead of '../src'.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MwsClient, createConnector, startSandbox } from '../src';

const US = 'ATVPDKIKX0DER';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LibraryTourResult {
  orders: number;
  pages: number;
  reportRows: number;
  connectionOk: boolean;
  evaluation: boolean;
  firstOrderStatus: string;
}

export async function main(log: (line: string) => void = console.log): Promise<LibraryTourResult> {
  // timeScale 0 freezes the sandbox clock: only sandbox.control.advance moves it, so the report lifecycle is instant.
  const sandbox = await startSandbox({ seed: 1, orders: 60, timeScale: 0 });
  const [seller] = sandbox.credentials;
  if (!seller) throw new Error('the sandbox has no credentials');
  const config = { ...seller, marketplaceIds: [US], endpoint: sandbox.url };
  const client = new MwsClient(config, { clock: { now: () => sandbox.clock.now(), sleep: (ms) => sandbox.clock.sleep(ms) } });
  const connector = createConnector({ handleSigterm: false });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mws-library-example-'));
  try {
    // 1. Every page of a listing: ListOrders, then ListOrdersByNextToken while a NextToken comes back.
    const createdAfter = new Date(sandbox.clock.now() - 30 * DAY_MS).toISOString();
    const orderIds: string[] = [];
    let pages = 0;
    for await (const page of client.paginate('orders.ListOrders', { CreatedAfter: createdAfter, MaxResultsPerPage: 20 })) {
      pages += 1;
      for (const order of page.result.Orders as Array<{ AmazonOrderId: string }>) orderIds.push(order.AmazonOrderId);
    }
    log(`${orderIds.length} orders in ${pages} pages`);

    // 2. A report: request it, let sandbox time pass, download it to a file (atomically, MD5-checked, as UTF-8).
    const requested = await client.call('reports.RequestReport', { ReportType: '_GET_MERCHANT_LISTINGS_DATA_' });
    const requestId = requested.result.ReportRequestInfo.ReportRequestId as string;
    sandbox.control.advance(5 * 60 * 1000);
    const status = await client.call('reports.GetReportRequestList', { ReportRequestIdList: [requestId] });
    const reportId = status.result.ReportRequestInfo[0].GeneratedReportId as string;
    const file = path.join(workDir, 'listings.txt');
    const download = await client.download('reports.GetReport', { ReportId: reportId }, file, { decode: true });
    const reportRows = fs.readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
    log(`report ${reportId}: ${download.bytes} bytes (${download.charset ?? 'no charset'}), ${reportRows} rows`);

    // 3. The reference runtime: test the connection, invoke an action with schema-validated input and output.
    const check = await connector.testConnection(config);
    log(`connection: ${check.checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'FAILED'}`).join(', ')}`);
    const { output, metadata } = await connector.invoke<{ Orders: Array<{ OrderStatus: string }> }>('orders.GetOrder', config, {
      AmazonOrderId: orderIds.slice(0, 1),
    });
    const firstOrderStatus = output.Orders[0]?.OrderStatus ?? 'none';
    log(`orders.GetOrder → ${firstOrderStatus} (evaluation: ${metadata.evaluation})`);

    return { orders: orderIds.length, pages, reportRows, connectionOk: check.ok, evaluation: metadata.evaluation, firstOrderStatus };
  } finally {
    await connector.dispose();
    client.close();
    fs.rmSync(workDir, { recursive: true, force: true });
    await sandbox.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
