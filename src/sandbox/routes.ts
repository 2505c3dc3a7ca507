/**
 * Which catalog operation a request addresses: its path (a section path, or `/` for Feeds and Reports as Amazon's
 * own libraries posted them), its `Action` and its `Version`. Unknown paths and actions are 404 InvalidAddress as
 * LIVE answered them; a wrong `Version` is an InvalidParameterValue.
 */
import { catalog, findOperation } from '../mws/catalog';
import type { OperationSpec, SectionSpec } from '../mws/catalog/types';
import { GATEWAY_NAMESPACE } from './render';
import { SandboxError } from './types';

/** Sections whose operations are also served at `/`. */
const ROOT_SECTIONS = new Set(['Feeds', 'Reports']);

/** A routing failure also says which namespace its ErrorResponse carries. */
export class RoutingError extends SandboxError {
  constructor(status: number, code: string, message: string, readonly namespace: string) {
    super(status, code, message);
  }
}

const sectionsByPath = new Map<string, SectionSpec>(catalog.sections.map((s) => [s.path, s]));
const sectionsByName = new Map<string, SectionSpec>(catalog.sections.map((s) => [s.name, s]));

export function sectionOf(op: OperationSpec): SectionSpec {
  const section = sectionsByName.get(op.section);
  if (!section) throw new Error(`catalog has no section ${op.section}`);
  return section;
}

function normalisePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function requireVersion(params: Record<string, string>, section: SectionSpec): void {
  const version = params.Version;
  if (version === undefined || version === '') {
    throw new RoutingError(400, 'InvalidParameterValue', 'The required parameter Version is missing.', section.namespace);
  }
  if (version !== section.version) {
    throw new RoutingError(
      400,
      'InvalidParameterValue',
      `Version ${version} is not valid for section ${section.name}; expected ${section.version}.`,
      section.namespace,
    );
  }
}

export function resolveOperation(rawPath: string, params: Record<string, string>): OperationSpec {
  const path = normalisePath(rawPath);
  const action = params.Action;
  if (path === '/') {
    if (action === undefined || action === '') {
      throw new RoutingError(400, 'InvalidParameterValue', 'The required parameter Action is missing.', GATEWAY_NAMESPACE);
    }
    for (const name of ROOT_SECTIONS) {
      const op = findOperation(`${name}.${action}`);
      if (op) {
        requireVersion(params, sectionOf(op));
        return op;
      }
    }
    throw new RoutingError(404, 'InvalidAddress', `Operation ${action} is not available at /; only Feeds and Reports operations are served there.`, GATEWAY_NAMESPACE);
  }
  const section = sectionsByPath.get(path);
  if (!section) {
    const named = catalog.sections.find((s) => path === `/${s.name}`);
    const hint = named ? ' API Version is missing' : '';
    throw new RoutingError(404, 'InvalidAddress', `Resource ${rawPath} is not found on this server.${hint}`, GATEWAY_NAMESPACE);
  }
  if (action === undefined || action === '') {
    throw new RoutingError(400, 'InvalidParameterValue', 'The required parameter Action is missing.', section.namespace);
  }
  const op = findOperation(`${section.name}.${action}`);
  if (!op) {
    throw new RoutingError(404, 'InvalidAddress', `Operation ${action} is not available for section ${section.name}/${section.version}`, section.namespace);
  }
  requireVersion(params, section);
  return op;
}
