/** The reference studio runtime: load a connector package, test connections, invoke actions; profiles and checkpoints. */
export { createConnector, packageRoot } from './connector';
export { loadConnector, isArchive, MANIFEST_FILE, type LoadOptions } from './loader';
export { ProfileStore, type ProfileView, type ProfilePatch, type SecretStatus, type ProfileStoreOptions } from './profiles';
export { PROFILE_SCHEMA_VERSION, migrateProfile, type ProfileConnection, type ProfileDocument } from './profile-format';
export { FileCheckpointStore, MemoryCheckpointStore } from './checkpoints';
export { computeChecksums, verifyChecksums, CHECKSUMS_FILE, type ChecksumsDocument } from './checksums';
export { MAX_CLOCK_SKEW_MS } from './connection-test';
export * from './types';
