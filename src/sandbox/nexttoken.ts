/**
 * Opaque, tamper-evident, expiring NextTokens. A token carries the paging cursor itself (JSON, base64url),
 * tagged with an HMAC under a key drawn once per process, so the sandbox keeps no per-token memory and a
 * token from another process, an edited token or an expired one is refused with `NextTokenCorrupted`
 * (what MWS answered; the client must restart with the originating operation).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SandboxError } from './types';

/** Tokens expire 15 sandbox-minutes after they were issued (MWS never published a lifetime). */
export const NEXT_TOKEN_TTL_MS = 15 * 60 * 1000;

const TAG_BYTES = 16;
const processKey = randomBytes(32);

function tag(body: Buffer): Buffer {
  return createHmac('sha256', processKey).update(body).digest().subarray(0, TAG_BYTES);
}

function corrupted(reason: string): SandboxError {
  return new SandboxError(400, 'NextTokenCorrupted', `The NextToken is invalid: ${reason}. Restart with the originating operation.`);
}

/** Issues a token for `payload` at sandbox time `now`. */
export function issueNextToken(payload: object, now: number): string {
  const body = Buffer.from(JSON.stringify({ e: now + NEXT_TOKEN_TTL_MS, p: payload }), 'utf8');
  return Buffer.concat([tag(body), body]).toString('base64url');
}

/** Reads a token issued by `issueNextToken`; throws SandboxError 400 NextTokenCorrupted if tampered, foreign or expired. */
export function readNextToken<T>(token: string, now: number): T {
  if (typeof token !== 'string' || token.length === 0 || !/^[A-Za-z0-9_-]+$/.test(token)) throw corrupted('not a token issued by this sandbox');
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= TAG_BYTES) throw corrupted('too short');
  const body = raw.subarray(TAG_BYTES);
  if (!timingSafeEqual(raw.subarray(0, TAG_BYTES), tag(body))) throw corrupted('signature mismatch (edited, or issued by another sandbox process)');
  let decoded: { e: number; p: T };
  try {
    decoded = JSON.parse(body.toString('utf8')) as { e: number; p: T };
  } catch {
    throw corrupted('unreadable');
  }
  if (typeof decoded.e !== 'number' || now > decoded.e) throw corrupted('expired');
  return decoded.p;
}
