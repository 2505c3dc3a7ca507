import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckpointStore } from '../../src/actions/types';
import { FileCheckpointStore, MemoryCheckpointStore } from '../../src/runtime/checkpoints';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function fileStore(): FileCheckpointStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mws-state-'));
  dirs.push(dir);
  return new FileCheckpointStore(path.join(dir, 'state'));
}

describe.each([
  ['memory', (): CheckpointStore => new MemoryCheckpointStore()],
  ['file', (): CheckpointStore => fileStore()],
])('%s checkpoint store', (_name, make) => {
  it('sets, gets a copy, overwrites and deletes', async () => {
    const store = make();
    expect(await store.get('orders.syncOrders:A1')).toBeUndefined();
    const value = { lastUpdatedAfter: '2026-01-01T00:00:00Z', pages: 3 };
    await store.set('orders.syncOrders:A1', value);
    value.pages = 99;
    expect(await store.get('orders.syncOrders:A1')).toEqual({ lastUpdatedAfter: '2026-01-01T00:00:00Z', pages: 3 });
    await store.set('orders.syncOrders:A1', { pages: 4 });
    expect(await store.get('orders.syncOrders:A1')).toEqual({ pages: 4 });
    await store.delete('orders.syncOrders:A1');
    expect(await store.get('orders.syncOrders:A1')).toBeUndefined();
  });

  it('refuses values that are not JSON', async () => {
    await expect(make().set('k', undefined)).rejects.toMatchObject({ code: 'INPUT_INVALID', field: 'value' });
  });
});

describe('FileCheckpointStore', () => {
  it('keeps each key in its own 0600 file inside its folder, even for keys with path characters', async () => {
    const store = fileStore();
    await store.set('../../etc/passwd', 1);
    await store.set('reports.fetchReport', { reportRequestId: '50001' });
    const files = fs.readdirSync(store.dir).sort();
    expect(files).toHaveLength(2);
    expect(files).toContain('reports.fetchReport.json');
    for (const file of files) expect(fs.statSync(path.join(store.dir, file)).mode & 0o777).toBe(0o600);
    expect(await new FileCheckpointStore(store.dir).get('../../etc/passwd')).toBe(1);
  });
});
