/**
 * The fields that name and place an action, shared by the registry (ActionDefinition), the manifest entry
 * (connector.json) and everything that describes an action to people (the CLI, docs/actions.md).
 */
import type { ActionDefinition } from './types';

export type ActionIdentity = Pick<ActionDefinition, 'id' | 'title' | 'description' | 'section' | 'operation' | 'kind' | 'visibility'>;

/** The identity fields of an action, in manifest order; `operation` only where there is one (composites have none). */
export function actionIdentity(action: ActionIdentity): ActionIdentity {
  return {
    id: action.id,
    title: action.title,
    description: action.description,
    section: action.section,
    ...(action.operation ? { operation: action.operation } : {}),
    kind: action.kind,
    visibility: action.visibility,
  };
}
