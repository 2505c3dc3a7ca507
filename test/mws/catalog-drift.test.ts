/** The checked-in catalog is exactly what the generator builds from reference/mws today. */
import { readFileSync } from 'node:fs';
import { buildCatalog, CATALOG_OUTPUT, REFERENCE_DIR, renderCatalog } from '../../scripts/generate-catalog';

describe('catalog.generated.json drift', () => {
  it('equals a fresh build from reference/mws (run `npx ts-node --transpile-only scripts/generate-catalog.ts` to update)', () => {
    const fresh = renderCatalog(buildCatalog(REFERENCE_DIR));
    const checkedIn = readFileSync(CATALOG_OUTPUT, 'utf8');
    // Compare parsed first for a readable diff, then byte for byte (indentation, key order, trailing newline).
    expect(JSON.parse(checkedIn)).toEqual(JSON.parse(fresh));
    expect(checkedIn).toBe(fresh);
  });

  it('is deterministic', () => {
    expect(renderCatalog(buildCatalog(REFERENCE_DIR))).toBe(renderCatalog(buildCatalog(REFERENCE_DIR)));
  });
});
