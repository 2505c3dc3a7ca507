/**
 * A sandbox world for action tests: startSandbox on loopback with a frozen clock, an MwsClient whose clock is the
 * sandbox's (a sleep advances sandbox time instead of waiting), an in-memory checkpoint store and a context that
 * records progress. No wall-clock sleeps anywhere.
 */
import { MwsClient } from '../../src/mws/client';
import type { ActionContext, CheckpointStore, ProgressEvent } from '../../src/actions/types';
import type { Clock } from '../../src/util/clock';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS, SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';
import { skuFor } from '../../src/sandbox/state/listings';

export const US = 'ATVPDKIKX0DER';
export const START = Date.UTC(2026, 2, 2, 9, 0, 0);

export class MemoryStore implements CheckpointStore {
  readonly data = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    const value = this.data.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

export interface World {
  sandbox: RunningSandbox;
  client: MwsClient;
  clock: Clock & { slept: number[]; beforeSleep?: () => Promise<void> };
  close(): Promise<void>;
}

export async function startWorld(options: SandboxOptions = {}): Promise<World> {
  const sandbox = await startSandbox({ seed: 11, orders: 40, timeScale: 0, now: START, ...options });
  const slept: number[] = [];
  const clock: World['clock'] = {
    slept,
    now: () => sandbox.clock.now(),
    sleep: async (ms: number) => {
      slept.push(ms);
      if (clock.beforeSleep) await clock.beforeSleep();
      sandbox.clock.advance(ms);
    },
  };
  const credentials = SANDBOX_CREDENTIALS[0]!;
  const client = new MwsClient({ ...credentials, marketplaceIds: [US], endpoint: sandbox.url }, { clock, maxRetries: 2, random: () => 0.5 });
  return {
    sandbox,
    client,
    clock,
    close: async () => {
      client.close();
      await sandbox.close();
    },
  };
}

export function contextFor(world: World, store: CheckpointStore = new MemoryStore(), signal?: AbortSignal): ActionContext<MwsClient> & { events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
  return {
    client: world.client,
    logger: silent,
    progress: (event) => events.push(event),
    store,
    runId: 'test-run',
    clock: world.clock,
    marketplaceIds: [US],
    timeScale: 1,
    events,
    ...(signal ? { signal } : {}),
  };
}

/** Successful requests of one operation the sandbox has answered. */
export function okCalls(world: World, operationId: string): number {
  return world.sandbox.control.counters().byOperation[operationId]?.ok ?? 0;
}

/** An XML inventory feed: the seller's first SKU set to `quantity`, and one unknown SKU (an error row in the processing report). */
export const inventoryFeed = (quantity: number): string =>
  `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">` +
  `<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${DEFAULT_SANDBOX_CREDENTIALS.sellerId}</MerchantIdentifier></Header><MessageType>Inventory</MessageType>` +
  `<Message><MessageID>1</MessageID><OperationType>Update</OperationType><Inventory><SKU>${skuFor(0)}</SKU><Quantity>${quantity}</Quantity></Inventory></Message>` +
  `<Message><MessageID>2</MessageID><OperationType>Update</OperationType><Inventory><SKU>NOT-A-SELLER-SKU</SKU><Quantity>1</Quantity></Inventory></Message>` +
  `</AmazonEnvelope>`;
