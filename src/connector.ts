/**
 * The connector package's entry (connector.json `entry`, built to dist/connector.js): the action registry the
 * runtime loads and the manifest beside it. Connection validation and the client come from the runtime's
 * defaults (src/mws).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export { actions, getAction } from './actions';
export type { ActionContext, ActionDefinition } from './actions/types';

/** connector.json of this package (one level above both src/ and dist/). */
export const manifest: Readonly<Record<string, unknown>> = Object.freeze(
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'connector.json'), 'utf8')) as Record<string, unknown>,
);
