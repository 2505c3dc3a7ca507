/** The README is a contract too: its first lines, its error-code table and its exit codes must match the code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES } from '../../src/mws/errors';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the first lines give the two commands', () => {
  const head = readme.split('\n').slice(0, 8).join('\n');
  expect(head).toContain('npm ci && npm start');
  expect(head).toContain('npm test');
});

test('the error-code table lists every code with its category and retry flag', () => {
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect({ code, row }).toEqual({ code, row: expect.stringContaining(`| ${info.category} | ${info.retryable ? 'yes' : 'no'} |`) });
  }
  const listed = readme.split('\n').filter((line) => /^\| `[A-Z_]+` \| [a-z]+ \| (yes|no) \|/.test(line));
  expect(listed).toHaveLength(Object.keys(ERROR_CODES).length);
});

test('the exit-code table documents 0 to 7', () => {
  for (let code = 0; code <= 7; code++) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
});
