/** connector.json: valid against schemas/manifest.schema.json and the runtime's own check; the fields issue 6 asks for. */
import * as semver from 'semver';
import { checkManifest } from '../../src/runtime/manifest';
import { RUNTIME_API_VERSION } from '../../src/runtime/types';
import { VENDOR_PUBLIC_KEYS } from '../../src/license/vendor-keys';
import { manifest, readJson, ROOT, validatorFor } from './helpers';

const m = manifest();

describe('connector.json', () => {
  it('validates against its own schema and passes the runtime manifest check', () => {
    const validate = validatorFor('schemas/manifest.schema.json');
    expect([validate(m), validate.errors]).toEqual([true, null]);
    expect(() => checkManifest(m, ROOT)).not.toThrow();
    expect(validate({ ...m, actions: [{ ...m.actions[0], kind: 'poll' }] })).toBe(false);
    expect(validate({ ...m, license: { ...(m.license as object), publicKeys: { 'test-key': '-----BEGIN PUBLIC KEY-----\n' } } })).toBe(false);
  });

  it('names a semver version, the runtime API major this runtime implements, and the package version', () => {
    const pkg = readJson<{ version: string }>('package.json');
    expect(m.version).toBe(pkg.version);
    expect(semver.valid(m.version as string)).not.toBeNull();
    expect(semver.major((m.engine as { runtimeApi: string }).runtimeApi)).toBe(semver.major(RUNTIME_API_VERSION));
  });

  it('trusts only the vendor keys', () => {
    expect((m.license as { publicKeys: object }).publicKeys).toEqual(VENDOR_PUBLIC_KEYS);
  });

  it('describes each action in one sentence and marks paged, long-running and trigger actions', () => {
    for (const action of m.actions) {
      expect([action.id, (action.description as string).split(/\.\s/).length]).toEqual([action.id, 1]);
    }
    const byId = new Map(m.actions.map((a) => [a.id, a]));
    expect(byId.get('orders.syncOrders')).toMatchObject({ kind: 'trigger', longRunning: true });
    expect(byId.get('reports.fetchReport')).toMatchObject({ kind: 'action', longRunning: true });
    expect(byId.get('orders.ListOrders')).toMatchObject({ paging: { allPages: true, style: 'NextToken' }, throttle: { maxQuota: 6, restoreEverySeconds: 60 } });
    expect(byId.get('reports.GetReportScheduleListByNextToken')?.visibility).toBe('deprecated');
    expect(byId.get('sellers.GetServiceStatus')?.visibility).toBe('advanced');
    expect(byId.get('feeds.SubmitFeed')).toMatchObject({ idempotent: false, recovery: expect.stringContaining('GetFeedSubmissionList') });
  });

  it('the manifest schema accepts its example and refuses its counter-examples', () => {
    const schema = readJson('schemas/manifest.schema.json');
    const validate = validatorFor('schemas/manifest.schema.json');
    for (const example of schema.examples as unknown[]) expect(validate(example)).toBe(true);
    for (const example of schema['x-counterExamples'] as unknown[]) expect(validate(example)).toBe(false);
  });
});

