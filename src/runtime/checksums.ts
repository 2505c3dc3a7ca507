/**
 * `checksums.json` of a packaged connector: the sha256 of every other file in it. Verified on load, it
 * catches a truncated download, a partial or corrupted unpack, and a file edited or added after packaging.
 * It does not prove who built the package: anyone who can rewrite a file can rewrite this list too.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IntegrityError } from '../mws/errors';

export const CHECKSUMS_FILE = 'checksums.json';

export interface ChecksumsDocument {
  algorithm: 'sha256';
  /** Relative path (always `/`-separated) → hex digest. */
  files: Record<string, string>;
}

/** Every regular file under `root` except checksums.json, sorted, `/`-separated. */
export function listPackageFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relative);
      else if (entry.isFile() && relative !== CHECKSUMS_FILE) out.push(relative);
      else if (!entry.isFile()) throw new IntegrityError(`${relative} is neither a file nor a folder (links are not allowed in a package)`, { retryable: false });
    }
  };
  walk(root, '');
  return out.sort();
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function computeChecksums(root: string): ChecksumsDocument {
  const files: Record<string, string> = {};
  for (const relative of listPackageFiles(root)) files[relative] = sha256File(path.join(root, ...relative.split('/')));
  return { algorithm: 'sha256', files };
}

/** Throws INTEGRITY_FAILED naming every missing, changed or unlisted file. */
export function verifyChecksums(root: string): void {
  let doc: ChecksumsDocument;
  try {
    doc = JSON.parse(fs.readFileSync(path.join(root, CHECKSUMS_FILE), 'utf8')) as ChecksumsDocument;
  } catch (err) {
    throw new IntegrityError(`${CHECKSUMS_FILE} is missing or unreadable`, { cause: err, field: CHECKSUMS_FILE, retryable: false });
  }
  if (doc === null || typeof doc !== 'object' || doc.algorithm !== 'sha256' || typeof doc.files !== 'object' || doc.files === null) {
    throw new IntegrityError(`${CHECKSUMS_FILE} is not a sha256 checksum list`, { field: CHECKSUMS_FILE, retryable: false });
  }
  const actual = computeChecksums(root).files;
  const problems: string[] = [];
  for (const [file, digest] of Object.entries(doc.files)) {
    if (actual[file] === undefined) problems.push(`${file} is missing`);
    else if (actual[file] !== digest) problems.push(`${file} does not match its checksum`);
  }
  for (const file of Object.keys(actual)) {
    if (doc.files[file] === undefined) problems.push(`${file} is not listed in ${CHECKSUMS_FILE}`);
  }
  if (problems.length > 0) {
    throw new IntegrityError(`The connector package failed its integrity check: ${problems.join('; ')}`, {
      retryable: false,
      field: problems[0]?.split(' ')[0],
      details: problems.map((p) => ({ field: p.split(' ')[0] ?? '', message: p.slice(p.indexOf(' ') + 1) })),
    });
  }
}
