import { Args, Flags } from '@oclif/core';
import { getOperation } from '../../mws/catalog';
import { validateConnectionConfig } from '../../mws/config';
import { ValidationError } from '../../mws/errors';
import { signParams, wireRequestOf } from '../../mws/request';
import { ProfileStore } from '../../runtime/profiles';
import { BaseCommand } from '../base';
import { connectionName, findRunningSandbox, resolveProfile, SANDBOX_ENDPOINT } from '../connections';
import { connectionFlag } from '../flags';
import { readJsonObject } from '../runtime';

interface Signed {
  operation: string;
  method: 'POST';
  url: string;
  host: string;
  path: string;
  transport: string;
  timestamp: string;
  parameters: Record<string, string>;
  stringToSign: string;
  signature: string;
  /** The form body (form transport) or the query string (query+body transport), Signature included. */
  signedQuery: string;
  contentMd5?: string;
}

export default class Sign extends BaseCommand {
  static override summary = 'Show how a request is signed (the MWS Scratchpad view).';
  static override description =
    'For an operation and its parameters: the request parameters, the string to sign, the Signature Version 2 signature and the signed request, with the connection\'s credentials. Nothing is sent. The secret key is never printed; the MWS auth token is masked.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> Orders.ListOrders --input \'{"CreatedAfter":"2020-01-01T00:00:00Z"}\' --timestamp 2020-01-02T00:00:00Z',
    '<%= config.bin %> <%= command.id %> Sellers.ListMarketplaceParticipations --connection shop-us --json',
  ];
  static override args = { operation: Args.string({ description: 'Operation, e.g. Orders.ListOrders (or the action id orders.ListOrders).', required: true }) };
  static override flags = {
    input: Flags.string({ char: 'i', description: 'Parameters as a JSON object with Amazon\'s names (lists as arrays), @FILE or @-.', default: '{}', helpValue: 'JSON|@FILE|@-' }),
    timestamp: Flags.string({ description: 'Timestamp to sign with (ISO 8601), instead of now.', helpValue: 'ISO' }),
    endpoint: Flags.string({ description: 'Endpoint URL to sign for, instead of the connection\'s.', helpValue: 'URL' }),
    connection: connectionFlag,
  };

  protected async execute(): Promise<unknown> {
    const { args, flags } = await this.parse(Sign);
    const op = getOperation(args.operation);
    const given = readJsonObject(flags.input, 'input');
    const timestamp = flags.timestamp ?? new Date().toISOString();
    if (!Number.isFinite(Date.parse(timestamp))) {
      throw new ValidationError(`--timestamp ${timestamp} is not an ISO 8601 date`, [{ field: 'timestamp', message: 'expected an ISO 8601 date such as 2020-01-02T00:00:00Z' }]);
    }
    const { connection } = await resolveProfile(new ProfileStore(this.home()), connectionName(flags.connection));
    const config: Record<string, unknown> = { ...connection };
    if (flags.endpoint) config.endpoint = flags.endpoint;
    else if (connection.endpoint === SANDBOX_ENDPOINT) config.endpoint = (await findRunningSandbox(this.home()))?.url ?? 'http://127.0.0.1';
    delete config.timeScale;
    const resolved = validateConnectionConfig(config);

    // Prepared exactly as the client prepares a call; a document given as { "path": ... } is measured in a streaming pass.
    const { wire } = await wireRequestOf(op, given, resolved.marketplaceIds);
    const { params, signed } = signParams(op, resolved, wire, new Date(timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const md5 = params.ContentMD5Value;
    const sorted = Object.fromEntries(Object.entries({ ...params, Signature: signed.signature }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      operation: op.id,
      method: 'POST',
      url: `${resolved.baseUrl}${op.path}${op.transport === 'query+body' ? `?${signed.query}` : ''}`,
      host: resolved.host,
      path: op.path,
      transport: op.transport,
      timestamp: params.Timestamp as string,
      parameters: sorted,
      stringToSign: signed.stringToSign,
      signature: signed.signature,
      signedQuery: signed.query,
      ...(md5 !== undefined ? { contentMd5: md5 } : {}),
    } satisfies Signed;
  }

  protected override render(s: Signed): string {
    const width = Math.max(...Object.keys(s.parameters).map((k) => k.length)) + 2;
    return [
      `${s.operation}  POST ${s.url.split('?')[0]}  (${s.transport})`,
      '',
      'Request parameters:',
      ...Object.entries(s.parameters).map(([k, v]) => `  ${k.padEnd(width)}${v}`),
      '',
      'String to sign:',
      ...s.stringToSign.split('\n').map((l) => `  ${l}`),
      '',
      `Signature: ${s.signature}`,
      '',
      s.transport === 'query+body' ? 'Signed request (query string; the document is the body):' : 'Signed request (form body):',
      `  ${s.signedQuery}`,
    ].join('\n');
  }
}
