/** Helpers shared by the composite actions: scaled polling, checkpoint keys, first items of MWS lists. */
import { createHash } from 'node:crypto';
import { MwsConnectorError } from '../../mws/errors';
import type { ActionContext } from '../types';

/** A checkpoint key for `actionId` that names what the input asked for, not when (stable across restarts). */
export function checkpointKey(actionId: string, sellerId: string, parts: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
  return `${actionId}:${sellerId}:${digest}`;
}

/** Sleeps one poll interval of clock time, divided by the connection's timeScale (ARCHITECTURE §3.2). */
export async function waitInterval(ctx: ActionContext<unknown>, seconds: number): Promise<void> {
  try {
    await ctx.clock.sleep((seconds * 1000) / ctx.timeScale, ctx.signal);
  } catch (err) {
    throw new MwsConnectorError('ABORTED', 'the action was aborted while waiting; its checkpoint was kept', { cause: err });
  }
}

/** The clock time (ms) by which the action gives up: its `timeoutSeconds` input (default 1 h), divided by the timeScale. */
export function deadlineOf(ctx: ActionContext<unknown>, input: Record<string, unknown>): number {
  return ctx.clock.now() + (numberInput(input, 'timeoutSeconds', 3600) * 1000) / ctx.timeScale;
}

/** Raises TIMEOUT once `deadline` (clock ms) has passed; the checkpoint stays so a later run resumes. */
export function checkDeadline(ctx: ActionContext<unknown>, deadline: number, what: string): void {
  if (ctx.clock.now() >= deadline) {
    throw new MwsConnectorError('TIMEOUT', `${what} did not finish in time; run the action again with the same input to resume`, { retryable: true });
  }
}

export function firstOf<T>(list: unknown): T | undefined {
  return Array.isArray(list) && list.length > 0 ? (list[0] as T) : undefined;
}

export function stringInput(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberInput(input: Record<string, unknown>, name: string, fallback: number): number {
  const value = input[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The named inputs that were given: what a composite action passes on to its MWS call (and keys its checkpoint by). */
export function pickGiven(input: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) if (input[name] !== undefined) picked[name] = input[name];
  return picked;
}
