/**
 * Contracts inside the embedded MWS sandbox, shared by its core (server, auth, quotas, seeded state,
 * ordinary operations) and its lifecycles (feeds, reports, faults). The sandbox knows nothing of the
 * connector: it reads the catalog only as data and never imports the client or its signer.
 */
import type { Readable } from 'node:stream';

/** Public test credentials of one seller/developer pair. */
export interface SandboxCredentials {
  sellerId: string;
  awsAccessKeyId: string;
  secretKey: string;
  mwsAuthToken?: string;
}

/** Fault phases (issue 5): before the request is read, after state was committed, mid-body. */
export type FaultPhase = 'before-read' | 'after-commit' | 'mid-body';

export type FaultKind =
  | 'internal-error' // 500 InternalError
  | 'service-unavailable' // 503 ServiceUnavailable
  | 'connection-reset'
  | 'slow-first-byte'
  | 'truncated-body'
  | 'malformed-xml'
  | 'wrong-content-md5'
  | 'drift'; // adds an unknown element and an unknown enum value

export interface FaultSpec {
  /** `Section.Operation` or `*`. */
  operation: string;
  phase: FaultPhase;
  kind: FaultKind;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** For slow-first-byte: delay in sandbox milliseconds (scaled by timeScale). */
  delayMs?: number;
}

/** Arms and takes faults; the server asks `take` at each phase of each request. */
export interface FaultInjector {
  arm(spec: FaultSpec): string;
  take(operationId: string, phase: FaultPhase): FaultSpec | undefined;
  clear(): void;
  armed(): FaultSpec[];
}

/** The sandbox clock: real time multiplied by timeScale from a start instant, plus manual advances. */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
  readonly timeScale: number;
}

/** What an operation handler receives. `params` are the wire parameters minus the authentication ones. */
export interface SandboxRequest {
  operationId: string;
  section: string;
  operation: string;
  params: Record<string, string>;
  body?: Buffer;
  contentType?: string;
  headers: Record<string, string | string[] | undefined>;
  sellerId: string;
  awsAccessKeyId: string;
  requestId: string;
  now: number;
}

/**
 * A handler's answer. `xml`: the inner content of `<{Op}Response>` *before* ResponseMetadata (normally one
 * `<{Op}Result>…</{Op}Result>`; Products batch calls return several); the server adds the envelope, the
 * section namespace and ResponseMetadata. `raw`: a document body (GetReport, GetFeedSubmissionResult).
 */
export type HandlerResult =
  | { kind: 'xml'; xml: string; headers?: Record<string, string> }
  | {
      kind: 'raw';
      contentType: string;
      /** Base64 MD5 of the exact bytes `open()` streams. */
      contentMd5: string;
      contentLength?: number;
      open: () => Readable;
      headers?: Record<string, string>;
    };

/** Thrown by handlers and checks; the server renders it as MWS's ErrorResponse. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' | '' = 'Sender',
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

// ---- Seeded state shared by the core and the lifecycles ----

export type FulfillmentChannel = 'MFN' | 'AFN';

export interface Listing {
  sellerId: string;
  marketplaceId: string;
  sku: string;
  asin: string;
  title: string;
  /** Decimal string, e.g. "19.99". */
  price: string;
  currency: string;
  quantity: number;
  fulfillmentChannel: FulfillmentChannel;
  condition: string;
  openDate: string;
}

export interface SandboxOrderItem {
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  quantityOrdered: number;
  quantityShipped: number;
  itemPrice: string;
  currency: string;
}

export interface SandboxAddress {
  name: string;
  addressLine1: string;
  city: string;
  stateOrRegion?: string;
  postalCode: string;
  countryCode: string;
}

export interface SandboxOrder {
  amazonOrderId: string;
  sellerId: string;
  marketplaceId: string;
  purchaseDate: string;
  lastUpdateDate: string;
  orderStatus: string;
  fulfillmentChannel: FulfillmentChannel;
  salesChannel: string;
  buyerName: string;
  buyerEmail: string;
  shippingAddress: SandboxAddress;
  orderTotal: { currency: string; amount: string };
  items: SandboxOrderItem[];
}

/** Listing store: seeded by the core, changed by inventory and price feeds. */
export interface ListingStore {
  list(sellerId: string, marketplaceId?: string): Listing[];
  get(sellerId: string, sku: string, marketplaceId?: string): Listing | undefined;
  /** Returns false when the SKU does not exist for that seller (and marketplace, when given). */
  update(sellerId: string, sku: string, changes: Partial<Pick<Listing, 'quantity' | 'price'>>, marketplaceId?: string): boolean;
}

/** Order store: seeded by the core, read by order reports, changed by acknowledgement and fulfillment feeds. */
export interface OrderStore {
  list(sellerId: string): Iterable<SandboxOrder>;
  get(sellerId: string, amazonOrderId: string): SandboxOrder | undefined;
  /** Updates status (and lastUpdateDate to `now`); false when the order does not exist. */
  setStatus(sellerId: string, amazonOrderId: string, status: string, now: number): boolean;
}

/** One operation's implementation, registered by `Section.Operation` id. */
export type OperationHandler = (req: SandboxRequest) => HandlerResult | Promise<HandlerResult>;
