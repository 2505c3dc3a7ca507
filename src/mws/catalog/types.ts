/**
 * The shape of the generated MWS catalog (ARCHITECTURE §3.3). `catalog.generated.json` is produced by
 * `npm run generate` from ../shared/mws-reference (operations.json, datatypes.json, enumerations.json,
 * throttling.json) and checked in; a drift test keeps the two equal.
 */

/** Scalar types after normalisation; anything else in `type` is a datatype key such as `Orders.Order`. */
export type ScalarType =
  | 'string'
  | 'int' // xs:int, xs:short, xs:long, xs:positiveInteger, xs:nonNegativeInteger → number
  | 'decimal' // xs:decimal, xs:double, money amounts → decimal string, never a float
  | 'boolean'
  | 'dateTime' // ISO 8601 string
  | 'any'; // arbitrary XML (Products AttributeSets/Relationships): kept as a generic tree

export interface ElementSpec {
  name: string;
  /** ScalarType or a datatype key (`Section.Name`) into `CatalogData.datatypes`. */
  type: string;
  /** True when the element holds a list: a wrapper with `xmlItem` children, or `repeated` with no wrapper. */
  list?: boolean;
  /** Item element name inside the list wrapper (`Orders/Order`, `InventorySupplyList/member`). */
  xmlItem?: string;
  /** No wrapper: the element itself occurs 0..n times (Feeds/Reports FeedSubmissionInfo, ReportInfo). */
  repeated?: boolean;
  /** An XML attribute rather than a child element. */
  attribute?: boolean;
  /** The element's text is its value (client-library types that also carry attributes). */
  textContent?: boolean;
  /** Known enum values (open: unknown values are kept and logged at debug). */
  values?: string[];
  required?: boolean;
  /** Character limit stated by the docs (request-side fields). */
  maxLength?: number;
}

export interface DataTypeSpec {
  key: string;
  elements: ElementSpec[];
  /** Enumeration-only datatypes. */
  values?: string[];
}

export interface ParamSpec {
  /** Input property name (Amazon's parameter name without its wire list suffix). */
  name: string;
  /** Wire name with `N` for list indices and `<Field>` for structure fields; null for the raw body. */
  wireName: string | null;
  /** For structures: every leaf wire name (nested lists included). */
  wireFields?: string[];
  /** For lists: the wire item segment (`Id` in `MarketplaceId.Id.N`, `member` in `Items.member.N.<Field>`). */
  wireItem?: string;
  /** For structures (and lists of structures): the field tree, resolved from wireFields and the datatypes. */
  fields?: FieldSpec[];
  /** ScalarType or datatype key; for lists, the item type. */
  type: string;
  list: boolean;
  required: boolean | 'conditional';
  /** Human text of a conditional rule (mutual exclusions, dependencies). */
  condition?: string;
  values?: string[];
  max?: number;
  min?: number;
  maxLength?: number;
  default?: string;
  /** 'body' for the raw HTTP body (SubmitFeed FeedContent, SubmitFBAOutboundShipmentInvoice InvoiceContent). */
  in?: 'body';
  availability?: string;
  description: string;
  uncertain?: boolean;
}

/** One field of a structure parameter; `name` is also its wire segment. */
export interface FieldSpec {
  name: string;
  /** ScalarType, or 'structure' when `fields` is set. */
  type: string;
  list: boolean;
  /** For lists: the wire item segment (`PrepDetails` in `PrepDetailsList.PrepDetails.N`). */
  wireItem?: string;
  required: boolean;
  values?: string[];
  maxLength?: number;
  fields?: FieldSpec[];
}

/** What a parameter and a structure field have in common: enough to validate a value or build an example. */
export type ValueShape = Pick<ParamSpec, 'name' | 'type' | 'list' | 'values' | 'maxLength' | 'min' | 'fields'>;

export interface ThrottleSpec {
  maxQuota: number;
  restoreEverySeconds: number;
  hourlyMax: number | null;
  /** 'item': each id/SKU in the request costs one token (Products). */
  restoreUnit: 'request' | 'item';
  /** For restoreUnit 'item': the list parameter whose length is the cost. */
  itemParam?: string;
  /** Bucket name shared by several operations (ListOrders+ListOrdersByNextToken). */
  sharedBucket?: string;
  /** No published figure: a conservative default. */
  assumed?: boolean;
  source?: string;
}

export interface ResponseSpec {
  /** `<Operation>Result`; null for raw bodies and ResponseMetadata-only responses. */
  resultElement: string | null;
  rawBody?: boolean;
  noResultElement?: boolean;
  /** Products batch operations: one result element per requested item, with status attributes. */
  resultRepeats?: boolean;
  emptyResult?: boolean;
  elements: ElementSpec[];
}

export type PagingStyle = 'NextToken' | 'HasNext' | 'MoreResultsAvailable';

/** A cross-field rule the sandbox and the action schemas both enforce. */
export interface ConstraintSpec {
  /** Stable name, e.g. `exactlyOneOf`, `requiredTogether`, `requiredIf`. */
  /**
   * exactlyOneOf / atMostOneOf / atLeastOneOf: of `params`. requiredWith: `params[0]` needs all the others.
   * requiredTogether: all of `params` or none; with `values`, a list `params[0]` holding one of `values` must hold all.
   * requiredIfValue: `params` are required when `when.param` equals `when.value`. excludes: `params[0]` cannot be
   * combined with any of the others.
   */
  kind: 'exactlyOneOf' | 'atMostOneOf' | 'atLeastOneOf' | 'requiredWith' | 'requiredTogether' | 'requiredIfValue' | 'excludes';
  params: string[];
  values?: string[];
  /** For requiredIfValue: the controlling parameter and value. */
  when?: { param: string; value: string };
  message: string;
}

export interface OperationSpec {
  /** `Section.Operation`, e.g. `Orders.ListOrders`. */
  id: string;
  section: string;
  name: string;
  path: string;
  version: string;
  transport: 'form' | 'query+body';
  sellerParam: 'SellerId';
  sellerParamAlternatives: string[];
  params: ParamSpec[];
  constraints: ConstraintSpec[];
  /** On a paged operation and on its partner: the `…ByNextToken` operation's name. */
  nextToken: string | null;
  /** On a `…ByNextToken` operation: the operation that starts the sequence. */
  nextTokenOf?: string;
  pagingStyle: PagingStyle | null;
  throttle: ThrottleSpec;
  idempotent: boolean;
  /** For non-idempotent operations: how to find out whether an ambiguous call took effect, or `never-retry`. */
  recovery: string | null;
  response: ResponseSpec;
  /** Never callable (GetReportScheduleListByNextToken). */
  deprecated?: boolean;
  docPage?: string | null;
  note?: string;
}

export interface SectionSpec {
  name: string;
  path: string;
  version: string;
  /** Response xmlns exactly as the live service sent it (REFERENCE.md §a). */
  namespace: string;
  hasServiceStatus: boolean;
}

export interface CatalogData {
  source: string;
  sections: SectionSpec[];
  operations: OperationSpec[];
  datatypes: Record<string, DataTypeSpec>;
  /** Large enumerations by name (FeedType, ReportType, Schedule, FeedProcessingStatus, ...). */
  enumerations: Record<string, string[]>;
  /** Where the generator had to normalise or guess (unknown datatype names, untyped elements), with the reason. */
  notes?: string[];
}
