/**
 * The library entry (package.json `main`, ARCHITECTURE §3.3): the protocol core, the sandbox,
 * the runtime and the license functions. The CLI lives in src/cli and is not part of this surface.
 */
export { signV2, contentMd5, rfc3986Encode, canonicalQuery, type SignV2Input, type SignV2Output, type SignatureMethod } from './mws/signer';
export { catalog, operations, getOperation, findOperation, getSection, getDatatype, actionIdOf } from './mws/catalog';
export type { OperationSpec, ParamSpec, ThrottleSpec, ResponseSpec, SectionSpec, CatalogData } from './mws/catalog/types';
export { validateParams, toWireParams } from './mws/params';
export { validateConnectionConfig, isLoopbackHost, DEFAULT_TIMEOUTS, type ConnectionConfig, type ResolvedConnection } from './mws/config';
export * as endpoints from './mws/endpoints';
export { MwsClient, InMemoryBucketStore, type MwsClientOptions, type MwsResponse, type CallOptions, type BucketStore, type DownloadResult } from './mws/client';
export {
  MwsConnectorError,
  ConfigError,
  ValidationError,
  MwsServiceError,
  TransportError,
  ParseError,
  IntegrityError,
  LicenseError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorCategory,
  type FieldProblem,
} from './mws/errors';
export { startSandbox, SANDBOX_CREDENTIALS, DEFAULT_SANDBOX_CREDENTIALS, type SandboxOptions, type RunningSandbox } from './sandbox';
export { createConnector, loadConnector, ProfileStore } from './runtime';
export { issueLicense, inspectLicense, serverFingerprint, createLicenseRequest, installLicense, licenseStatus, createLicenseGate } from './license';
export { ManualClock, systemClock, type Clock } from './util/clock';
