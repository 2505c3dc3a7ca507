/**
 * The connector's actions: one per catalog operation (src/actions/mechanical.ts) plus the hand-written,
 * long-running composites (report fetch, feed submit and wait, order sync).
 */
import { operations } from '../mws/catalog';
import type { MwsClient } from '../mws/client';
import { MwsConnectorError } from '../mws/errors';
import { fetchReport } from './composite/fetch-report';
import { submitFeedAndWait } from './composite/submit-feed-and-wait';
import { syncOrders } from './composite/sync-orders';
import { mechanicalAction } from './mechanical';
import type { ActionDefinition } from './types';

export const compositeActions: readonly ActionDefinition<MwsClient>[] = [fetchReport, submitFeedAndWait, syncOrders];

function buildRegistry(): ReadonlyMap<string, ActionDefinition<MwsClient>> {
  const map = new Map<string, ActionDefinition<MwsClient>>();
  for (const action of [...operations.map(mechanicalAction), ...compositeActions]) {
    if (map.has(action.id)) throw new MwsConnectorError('MANIFEST_INVALID', `Two actions share the id ${action.id}`);
    map.set(action.id, action);
  }
  return map;
}

export const actions: ReadonlyMap<string, ActionDefinition<MwsClient>> = buildRegistry();

/** The action with this id; UNKNOWN_ACTION otherwise. */
export function getAction(id: string): ActionDefinition<MwsClient> {
  const action = actions.get(id);
  if (!action) throw new MwsConnectorError('UNKNOWN_ACTION', `No action "${id}"`, { field: 'actionId' });
  return action;
}

export type { ActionContext, ActionDefinition, ActionKind, ActionLogger, ActionVisibility, CheckpointStore, ProgressEvent } from './types';
