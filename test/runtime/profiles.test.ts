import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MwsConnectorError } from '../../src/mws/errors';
import { ProfileStore } from '../../src/runtime/profiles';
import { migrateProfile } from '../../src/runtime/profile-format';
import { redactSecrets } from '../../src/util/secrets';
import { rejection } from '../support/errors';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'profiles');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const homes: string[] = [];
function tempHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mws-profiles-'));
  homes.push(home);
  return home;
}
afterAll(() => {
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

const base = {
  sellerId: 'A1EXAMPLESELLER1',
  awsAccessKeyId: 'AKIAEXAMPLEKEY000001',
  secretKey: SECRET,
  mwsAuthToken: 'amzn.mws.4ea38b7b-f563-7709-4bae-87aeaEXAMPLE',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

describe('ProfileStore', () => {
  it('creates a 0600 file in a 0700 folder and shows secrets only as set/unset', async () => {
    const home = tempHome();
    const store = new ProfileStore(home, { now: () => Date.UTC(2026, 0, 2) });
    const shown = await store.create('acme', { ...base, mwsAuthToken: undefined });
    expect(shown.connection.secretKey).toBe('set');
    expect(shown.connection.mwsAuthToken).toBe('unset');
    expect(shown.connection.awsAccessKeyId).toBe('****0001');
    expect(JSON.stringify(await store.get('acme'))).not.toContain(SECRET);
    const dir = path.join(home, 'connections');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'acme.json')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['acme.json']);
    // Reading a profile registers its secret with the redactor.
    expect(redactSecrets(`key=${SECRET}`)).toBe('key=***');
  });

  it('keeps stored secrets when an edit omits them (or sends a view back) and removes with null', async () => {
    const store = new ProfileStore(tempHome());
    await store.create('acme', base);
    const view = await store.get('acme');
    await store.update('acme', { ...view.connection, marketplaceIds: ['A2EUQ1WTGCTBG2'] });
    await store.update('acme', { developerId: '1234-5678-9012' });
    let resolved = await store.resolve('acme');
    expect(resolved).toEqual({ ...base, marketplaceIds: ['A2EUQ1WTGCTBG2'], developerId: '1234-5678-9012' });
    await store.update('acme', { mwsAuthToken: null, secretKey: 'a-new-secret-value' });
    resolved = await store.resolve('acme');
    expect(resolved.mwsAuthToken).toBeUndefined();
    expect(resolved.secretKey).toBe('a-new-secret-value');
  });

  it('lists, deletes, and refuses duplicates and unknown names', async () => {
    const store = new ProfileStore(tempHome());
    await store.create('b-profile', { ...base, endpoint: 'sandbox' });
    await store.create('a-profile', base);
    expect((await store.list()).map((p) => p.name)).toEqual(['a-profile', 'b-profile']);
    expect((await store.get('b-profile')).connection.endpoint).toBe('sandbox');
    expect((await rejection(store.create('a-profile', base))).field).toBe('name');
    await store.delete('a-profile');
    expect((await rejection(store.get('a-profile'))).code).toBe('PROFILE_NOT_FOUND');
    expect((await rejection(store.delete('a-profile'))).code).toBe('PROFILE_NOT_FOUND');
    expect((await rejection(store.get('../escape'))).code).toBe('CONFIG_INVALID');
  });

  it('lists every offending field of a bad profile by path', async () => {
    const store = new ProfileStore(tempHome());
    const err = await rejection(
      store.create('bad', { sellerId: 7, marketplaceIds: ['ATVPDKIKX0DER', ''], timeScale: -1, secretKey: 'env:not a name', colour: 'red' } as never),
    );
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.details?.map((d) => d.field).sort()).toEqual(['/colour', '/marketplaceIds/1', '/secretKey', '/sellerId', '/timeScale']);
  });

  it('resolves env: and file: references, and names the field when one cannot be read', async () => {
    const home = tempHome();
    fs.writeFileSync(path.join(home, 'token.txt'), 'amzn.mws.from-a-file\n');
    const store = new ProfileStore(home, { env: { MWS_SECRET: SECRET } });
    await store.create('refs', { ...base, secretKey: 'env:MWS_SECRET', mwsAuthToken: 'file:token.txt' });
    expect((await store.get('refs')).connection).toMatchObject({ secretKey: 'env:MWS_SECRET', mwsAuthToken: 'file:token.txt' });
    const resolved = await store.resolve('refs');
    expect(resolved.secretKey).toBe(SECRET);
    expect(resolved.mwsAuthToken).toBe('amzn.mws.from-a-file');
    const missing = new ProfileStore(home, { env: {} });
    const err = await rejection(missing.resolve('refs'));
    expect(err.code).toBe('SECRET_REFERENCE_UNRESOLVED');
    expect(err.field).toBe('secretKey');
  });

  it('loads the checked-in version 1 profiles and migrates them to the current format', async () => {
    const home = tempHome();
    fs.mkdirSync(path.join(home, 'connections'), { recursive: true });
    for (const file of fs.readdirSync(path.join(FIXTURES, 'v1'))) {
      fs.copyFileSync(path.join(FIXTURES, 'v1', file), path.join(home, 'connections', file));
    }
    const store = new ProfileStore(home, { env: { MWS_FIXTURE_SECRET_KEY: 'fixture-secret-from-env' } });
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v2', 'acme-us.json'), 'utf8'));
    const migrated = await store.get('acme-us', { resolveSecrets: false });
    expect(migrated.schemaVersion).toBe(2);
    expect(migrateProfile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'v1', 'acme-us.json'), 'utf8')), 'v1')).toEqual(expected);
    expect((await store.resolve('acme-us')).secretKey).toBe('fixture-secret-from-env');
    expect((await store.get('sandbox-eu')).connection).toMatchObject({ endpoint: 'sandbox', marketplaceIds: ['A1PA6795UKMFR9'], secretKey: 'set' });
    // The first write stores the current version.
    await store.update('acme-us', { developerId: '1234-5678-9012' });
    const onDisk = JSON.parse(fs.readFileSync(path.join(home, 'connections', 'acme-us.json'), 'utf8'));
    expect(onDisk).toEqual({ ...expected, updatedAt: onDisk.updatedAt, connection: { ...expected.connection, developerId: '1234-5678-9012' } });
  });

  it('refuses a profile written by a newer version, saying so', async () => {
    const err = (() => {
      try {
        migrateProfile({ schemaVersion: 9, name: 'x', connection: {} }, 'x.json');
      } catch (e) {
        return e as MwsConnectorError;
      }
      throw new Error('expected a throw');
    })();
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('newer version');
  });
});
