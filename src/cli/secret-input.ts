/**
 * Secrets for `connection create|update`: never as flag values (they would land in shell history and process
 * lists). A secret is a reference (`env:NAME`, `file:PATH`, resolved when used), a JSON object on stdin, or
 * typed at a prompt that does not echo.
 */
import * as fs from 'node:fs';
import { Flags } from '@oclif/core';
import { ValidationError } from '../mws/errors';
import { isSecretReference } from '../runtime/profile-format';
import { registerSecret } from '../util/secrets';

export const secretFlags = {
  'secret-key-env': Flags.string({ description: 'Read secretKey from this environment variable when used (stored as env:NAME).', helpValue: 'NAME', helpGroup: 'SECRETS' }),
  'secret-key-file': Flags.string({ description: 'Read secretKey from this file when used (stored as file:PATH).', helpValue: 'PATH', helpGroup: 'SECRETS' }),
  'mws-auth-token-env': Flags.string({ description: 'Read mwsAuthToken from this environment variable when used.', helpValue: 'NAME', helpGroup: 'SECRETS' }),
  'mws-auth-token-file': Flags.string({ description: 'Read mwsAuthToken from this file when used.', helpValue: 'PATH', helpGroup: 'SECRETS' }),
  'secrets-stdin': Flags.boolean({ description: 'Read {"secretKey": "...", "mwsAuthToken": "..."} as JSON from stdin (stored in the profile, mode 0600).', helpGroup: 'SECRETS' }),
};

export interface SecretFlagValues {
  'secret-key-env'?: string;
  'secret-key-file'?: string;
  'mws-auth-token-env'?: string;
  'mws-auth-token-file'?: string;
  'secrets-stdin'?: boolean;
}

export interface SecretValues {
  secretKey?: string;
  mwsAuthToken?: string;
}

/** The secrets the flags name; `prompt` asks on a TTY for a secretKey none of them gave. */
export async function collectSecrets(flags: SecretFlagValues, options: { promptForSecretKey: boolean }): Promise<SecretValues> {
  const out: SecretValues = {};
  if (flags['secrets-stdin']) Object.assign(out, readStdinSecrets());
  const pick = (field: keyof SecretValues, env: string | undefined, file: string | undefined): void => {
    if (env !== undefined && file !== undefined) {
      throw new ValidationError(`Give ${field} by environment variable or by file, not both`, [{ field, message: 'expected one of --*-env or --*-file' }]);
    }
    if (env !== undefined) out[field] = `env:${env}`;
    if (file !== undefined) out[field] = `file:${file}`;
  };
  pick('secretKey', flags['secret-key-env'], flags['secret-key-file']);
  pick('mwsAuthToken', flags['mws-auth-token-env'], flags['mws-auth-token-file']);
  if (out.secretKey === undefined && options.promptForSecretKey && process.stdin.isTTY && process.stderr.isTTY) {
    out.secretKey = await promptHidden('MWS secret key (not shown): ');
    const token = await promptHidden('MWS auth token (amzn.mws.…, empty for none; not shown): ');
    if (token !== '') out.mwsAuthToken = token;
  }
  // References (env:NAME, file:PATH) are not secrets; the values they name are registered when resolved.
  for (const value of Object.values(out)) if (!isSecretReference(value)) registerSecret(value);
  return out;
}

function readStdinSecrets(): SecretValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(0, 'utf8'));
  } catch {
    throw new ValidationError('--secrets-stdin expects a JSON object on stdin', [{ field: 'stdin', message: 'expected {"secretKey": "...", "mwsAuthToken": "..."}' }]);
  }
  const problems = [];
  const out: SecretValues = {};
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push({ field: 'stdin', message: 'expected a JSON object' });
  } else {
    for (const [key, value] of Object.entries(parsed)) {
      if (key !== 'secretKey' && key !== 'mwsAuthToken') problems.push({ field: `stdin/${key}`, message: 'expected only secretKey and mwsAuthToken' });
      else if (typeof value !== 'string' || value === '') problems.push({ field: `stdin/${key}`, message: 'expected a non-empty string' });
      else {
        registerSecret(value);
        out[key] = value;
      }
    }
  }
  if (problems.length > 0) throw new ValidationError('--secrets-stdin: the JSON on stdin is invalid', problems);
  return out;
}

/** Reads one line from the TTY without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = '';
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return fail();
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const cleanup = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const finish = (): void => {
      cleanup();
      resolve(value.trim());
    };
    const fail = (): void => {
      cleanup();
      reject(new ValidationError('Cancelled at the secret prompt', [{ field: 'secretKey', message: 'no value entered' }]));
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
