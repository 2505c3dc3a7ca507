/** Flags several commands share. */
import { Flags } from '@oclif/core';

export const SOURCE_ENV = 'MWS_CONNECTOR_SOURCE';

export const connectionFlag = Flags.string({
  char: 'c',
  description: 'Connection profile name (default: $MWS_CONNECTOR_CONNECTION, else the built-in "sandbox" profile).',
  helpValue: 'NAME',
});

export const connectorFlag = Flags.string({
  description: `Connector folder or .tar.gz package to load (default: $${SOURCE_ENV}, else this package).`,
  helpValue: 'PATH',
  helpGroup: 'GLOBAL',
});

export const trustedKeysFlag = Flags.string({
  description: 'JSON file of { keyId: publicKeyPem } to trust instead of the vendor keys (tests, vendors).',
  helpValue: 'FILE',
  hidden: true,
});
