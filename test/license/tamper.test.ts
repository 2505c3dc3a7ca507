import { inspectLicense, BEGIN_LINE, END_LINE } from '../../src/license';
import { issueTestLicense, makeTestKey, THIS_SERVER, trusted } from './helpers';

const key = makeTestKey();
const keys = trusted(key);
const text = issueTestLicense(key);
const now = new Date('2026-06-01T00:00:00Z');
const options = { trustedKeys: keys, fingerprint: THIS_SERVER, now };

/** mulberry32: a small seeded generator so every run makes the same changes. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Character ranges of the three parts of the armour: key id value, signature value, payload lines. */
function regions(licenseText: string): Record<'keyId' | 'signature' | 'payload', [number, number]> {
  const keyIdStart = licenseText.indexOf('Key-Id: ') + 'Key-Id: '.length;
  const sigStart = licenseText.indexOf('Signature: ') + 'Signature: '.length;
  const payloadStart = licenseText.indexOf('\n\n', sigStart) + 2;
  return {
    keyId: [keyIdStart, licenseText.indexOf('\n', keyIdStart)],
    signature: [sigStart, licenseText.indexOf('\n', sigStart)],
    payload: [payloadStart, licenseText.indexOf(END_LINE)],
  };
}

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

describe('tampering', () => {
  it('the untouched license is valid', () => {
    expect(inspectLicense(text, options)).toMatchObject({ state: 'valid', licenseId: 'MWSL-TEST-0001' });
  });

  it('refuses 240 seeded single-byte changes across key id, signature and payload as invalid', () => {
    const random = seeded(20260127);
    const parts = regions(text);
    const counts = { keyId: 0, signature: 0, payload: 0 };
    const reasons = new Set<string>();
    const names = ['keyId', 'signature', 'payload'] as const;
    for (let i = 0; i < 240; i++) {
      const part = names[i % 3] as (typeof names)[number];
      const [start, end] = parts[part];
      const at = start + Math.floor(random() * (end - start));
      const original = text.charCodeAt(at);
      // Mostly base64-alphabet swaps (the hard case: still decodes), sometimes any other byte.
      let replacement = original;
      while (replacement === original) {
        replacement = random() < 0.8 ? BASE64_CHARS.charCodeAt(Math.floor(random() * BASE64_CHARS.length)) : Math.floor(random() * 256);
      }
      const tampered = text.slice(0, at) + String.fromCharCode(replacement) + text.slice(at + 1);
      expect(tampered).not.toBe(text);
      const result = inspectLicense(tampered, options);
      if (result.state !== 'invalid') throw new Error(`change #${i} (${part} offset ${at - start}: ${original} → ${replacement}) was accepted as ${result.state}`);
      expect(result.usable).toBe(false);
      counts[part]++;
      reasons.add(result.reasonCode as string);
    }
    expect(counts).toEqual({ keyId: 80, signature: 80, payload: 80 });
    // Changes are caught by several different checks, not one blanket failure.
    expect([...reasons].sort()).toEqual(expect.arrayContaining(['bad-signature', 'malformed', 'unknown-key']));
  });

  it('refuses the payload\'s spare base64 bits being changed (non-canonical base64)', () => {
    // Pick a licensee length that leaves base64 padding, so the last data character has spare bits.
    const padded = ['A', 'AB', 'ABC'].map((licensee) => issueTestLicense(key, { licensee })).find((t) => /=\n-----END/.test(t)) as string;
    const parts = regions(padded);
    const body = padded.slice(parts.payload[0], parts.payload[1]).replace(/\n/g, '');
    // Flip the last data character to its sibling that decodes to the same bytes.
    const lastData = body.replace(/=+$/, '');
    const index = BASE64_CHARS.indexOf(lastData.slice(-1));
    const sibling = BASE64_CHARS[index ^ 1] as string;
    const position = padded.lastIndexOf(lastData.slice(-1), parts.payload[1]);
    const tampered = padded.slice(0, position) + sibling + padded.slice(position + 1);
    expect(inspectLicense(padded, options).state).toBe('valid');
    expect(Buffer.from(tampered.slice(parts.payload[0], parts.payload[1]).replace(/\n/g, ''), 'base64')).toEqual(Buffer.from(body, 'base64'));
    expect(inspectLicense(tampered, options)).toMatchObject({ state: 'invalid', reasonCode: 'malformed' });
  });

  it('accepts CRLF line ends and ignores the unsigned comment above the armour', () => {
    expect(inspectLicense(text.replace(/\n/g, '\r\n'), options).state).toBe('valid');
    const recommented = `Edited by an admin\n${text.slice(text.indexOf(BEGIN_LINE))}`;
    expect(inspectLicense(recommented, options).state).toBe('valid');
  });

  it('never throws for arbitrary text; it answers invalid with a reason', () => {
    const random = seeded(7);
    const samples = ['', 'hello', BEGIN_LINE, `${BEGIN_LINE}\n${END_LINE}`, text + text, text.replace('Key-Id', 'Key-ID'), '\u0000'.repeat(10)];
    const armourStart = text.indexOf(BEGIN_LINE) + 1;
    const armourEnd = text.indexOf(END_LINE) + END_LINE.length - 1;
    for (let i = 0; i < 50; i++) {
      // Cuts inside the armour (a cut in the unsigned comment or after END leaves a whole license).
      const cut = armourStart + Math.floor(random() * (armourEnd - armourStart));
      samples.push(text.slice(0, cut), text.slice(cut));
    }
    for (const sample of samples) {
      const result = inspectLicense(sample, options);
      expect(result.state).toBe('invalid');
      expect(result.reason.length).toBeGreaterThan(10);
    }
  });
});
