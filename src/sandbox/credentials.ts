/**
 * PUBLIC TEST CREDENTIALS of the embedded sandbox. These are not secrets and grant nothing anywhere but the
 * sandbox; they are printed by `npm run sandbox` and used by tests and benchmarks.
 *
 * The developer key id is deliberately not shaped like a real AWS access key id (`AKIA` + 16 characters), so
 * secret scanners and our own redaction never confuse it with a real one.
 */
import type { SandboxCredentials } from './types';

/** Developer key id shared by every sandbox seller (one developer account, several sellers authorised it). */
export const SANDBOX_DEVELOPER_KEY_ID = 'SANDBOXDEVKEY0000001';
/** Test value: the developer secret key for SANDBOX_DEVELOPER_KEY_ID. */
export const SANDBOX_DEVELOPER_SECRET = 'sandbox-secret-key-not-a-real-secret';

/** Default seller: North America (US, CA, MX). */
export const DEFAULT_SANDBOX_CREDENTIALS: SandboxCredentials = Object.freeze({
  sellerId: 'A2SANDBOXSELLER1',
  awsAccessKeyId: SANDBOX_DEVELOPER_KEY_ID,
  secretKey: SANDBOX_DEVELOPER_SECRET,
  mwsAuthToken: 'amzn.mws.00000000-0000-4000-8000-000000000001',
});

/** Every seller the sandbox knows by default; each has its own MWSAuthToken bound to the shared developer key. */
export const SANDBOX_CREDENTIALS: SandboxCredentials[] = [
  DEFAULT_SANDBOX_CREDENTIALS,
  Object.freeze({
    sellerId: 'A2SANDBOXSELLEREU',
    awsAccessKeyId: SANDBOX_DEVELOPER_KEY_ID,
    secretKey: SANDBOX_DEVELOPER_SECRET,
    mwsAuthToken: 'amzn.mws.00000000-0000-4000-8000-000000000002',
  }),
  Object.freeze({
    sellerId: 'A2SANDBOXSELLERJP',
    awsAccessKeyId: SANDBOX_DEVELOPER_KEY_ID,
    secretKey: SANDBOX_DEVELOPER_SECRET,
    mwsAuthToken: 'amzn.mws.00000000-0000-4000-8000-000000000003',
  }),
  Object.freeze({
    sellerId: 'A2SANDBOXSELLERIN',
    awsAccessKeyId: SANDBOX_DEVELOPER_KEY_ID,
    secretKey: SANDBOX_DEVELOPER_SECRET,
    mwsAuthToken: 'amzn.mws.00000000-0000-4000-8000-000000000004',
  }),
];

/**
 * Marketplaces each default seller participates in (ids from shared/mws-reference/endpoints.json, MWS docs
 * DG_Endpoints). Sellers not listed here (custom credentials) default to the US marketplace.
 */
export const SANDBOX_SELLER_MARKETPLACES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  A2SANDBOXSELLER1: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'], // US, CA, MX
  A2SANDBOXSELLEREU: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS'], // DE, UK, FR, IT, ES
  A2SANDBOXSELLERJP: ['A1VC38T7YXB528'], // JP
  A2SANDBOXSELLERIN: ['A21TJRUUN4KGV'], // IN
});

export const DEFAULT_SELLER_MARKETPLACES: readonly string[] = ['ATVPDKIKX0DER'];

/** Marketplaces of `sellerId` in the default world. */
export function defaultSellerMarketplaces(sellerId: string): string[] {
  return [...(SANDBOX_SELLER_MARKETPLACES[sellerId] ?? DEFAULT_SELLER_MARKETPLACES)];
}
