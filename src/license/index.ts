/** The license module's public surface (issue 7): verify, inspect, install, issue (vendor side), fingerprint, gate. */
export type { LicenseDecision, LicenseGate, LicenseInspection, LicenseLogger, LicensePayload, LicenseReasonCode, LicenseState } from './types';
export { issueLicense, DEFAULT_GRACE_DAYS, type IssueLicenseOptions } from './issue';
export { inspectLicense, verifyLicense, evaluateLicense, timeStateAt, type InspectOptions, type VerifyOptions, type Verification } from './inspect';
export { serverFingerprint, fingerprintInfo, FINGERPRINT_ENV, FINGERPRINT_PREFIX, type FingerprintOptions, type FingerprintInfo, type FingerprintSource } from './fingerprint';
export { createLicenseRequest, parseLicenseRequest, LICENSE_REQUEST_TYPE, type LicenseRequest, type CreateLicenseRequestOptions } from './request';
export {
  installLicense,
  listInstalledLicenses,
  licenseStatus,
  licensesDir,
  removeLicense,
  pickActive,
  LICENSE_FILE_EXTENSION,
  type InstallOptions,
  type InstalledLicense,
  type LicenseLocation,
  type LicenseStatus,
} from './install';
export { createLicenseGate, type LicenseGateOptions, type LicenseGateHandle } from './gate';
export { DEFAULT_EVALUATION_HOSTS, evaluationHostMatcher, hostOf } from './evaluation';
export { VENDOR_PUBLIC_KEYS } from './vendor-keys';
export { findTestKeyIds, TEST_KEY_ID_PREFIX, type TrustedKeys } from './keys';
export { ARMOUR_LABEL, BEGIN_LINE, END_LINE, SIGNATURE_DOMAIN } from './format';
export { LICENSE_PRODUCT, DEFAULT_EDITION, DEFAULT_FEATURE, ANY_SERVER, EXPIRING_WINDOW_DAYS, LICENSE_SCHEMA_VERSION } from './payload';
export { LICENSE_PAYLOAD_SCHEMA } from './schema';
