/**
 * The connector package's entry (connector.json `entry`, built to dist/connector.js): the action registry the
 * runtime loads, the manifest beside it, and the protocol client and connection validation the actions were built
 * with. Exporting those makes a bundled package self-contained: its actions, their client and their error classes
 * are one copy, so an action's `instanceof MwsConnectorError` holds for its client's errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MwsClient, type MwsClientOptions } from './mws/client';
import type { ResolvedConnection } from './mws/config';

export { validateConnectionConfig } from './mws/config';

export { actions, getAction } from './actions';
export type { ActionContext, ActionDefinition } from './actions/types';

/** connector.json of this package (one level above both src/ and dist/). */
export const manifest: Readonly<Record<string, unknown>> = Object.freeze(
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'connector.json'), 'utf8')) as Record<string, unknown>,
);

/** The runtime's client factory hook (src/runtime/types.ts `ConnectorEntry.createClient`). */
export function createClient(connection: ResolvedConnection, options: MwsClientOptions): MwsClient {
  return new MwsClient(connection, options);
}
