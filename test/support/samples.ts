/**
 * Loads the MWS sample responses copied verbatim into test/fixtures/samples (provenance in SOURCES.md).
 * The quirks SOURCES.md lists for published documentation examples are fixed here, one named fix per quirk,
 * so the parser under test stays strict and the fixtures on disk stay byte-for-byte as published.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES_DIR = join(__dirname, '..', 'fixtures', 'samples');

/** Every sample file (XML responses, raw bodies, recorded headers); SOURCES.md is documentation, not a sample. */
export function sampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => name !== 'SOURCES.md')
    .sort();
}

/** The bytes of a sample (raw bodies such as live.GetReport-body.txt are windows-1252, and Content-MD5 is over bytes). */
export function loadSampleBytes(name: string): Buffer {
  return readFileSync(join(SAMPLES_DIR, name));
}

/** The file exactly as published (for tests that show why a quirk needs fixing). */
export function loadRawSample(name: string): string {
  return readFileSync(join(SAMPLES_DIR, name), 'utf8');
}

export function loadSample(name: string): string {
  let text = loadRawSample(name);
  if (name === 'ListOrdersResponse.xml' || name === 'GetOrderResponse.xml') {
    // Quirk "root xmlns is broken across two lines in the published page": rejoin the namespace URI.
    text = text.replace(/xmlns="([^"]*?)\s*\n\s*([^"]*)"/, 'xmlns="$1$2"');
  }
  if (name === 'ListOrdersResponse.xml') {
    // Quirk "dates are URL-encoded (2017-02-25T18%3A10%3A21.687Z) as published; the live service returned plain ISO 8601".
    text = text.replace(/\d{4}-\d{2}-\d{2}T[0-9.%A-F]+Z/g, (date) => decodeURIComponent(date));
  }
  if (name === 'ErrorResponse.UserAgentHeaderMalformed.xml') {
    // Quirk "not well-formed XML as published (the message contains a literal "<EOF>")": escape it as the service would.
    text = text.replace('"<EOF>"', '"&lt;EOF&gt;"');
  }
  return text;
}
