import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fingerprintInfo, serverFingerprint } from '../../src/license';
import { tempDir } from './helpers';

const FORMAT = /^mwsfp1-[a-z2-7]{32}$/;
const nic = (mac: string, internal = false) => [{ address: '10.0.0.2', netmask: '255.0.0.0', family: 'IPv4' as const, mac, internal, cidr: null }];

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function machineIdFile(content: string): string {
  const file = path.join(dir, 'machine-id');
  writeFileSync(file, content);
  return file;
}

describe('serverFingerprint', () => {
  it('is derived from the machine id, stable across calls, and never shows the raw id', () => {
    const id = '4c4c4544004d3510804bc4c04f4e3232';
    const options = { env: {}, machineIdPaths: [machineIdFile(`${id}\n`)] };
    const first = fingerprintInfo(options);
    expect(first.source).toBe('machine-id');
    expect(first.fingerprint).toMatch(FORMAT);
    expect(serverFingerprint(options)).toBe(first.fingerprint);
    expect(first.fingerprint).not.toContain(id.slice(0, 8));
    const other = serverFingerprint({ env: {}, machineIdPaths: [machineIdFile('4c4c4544004d3510804bc4c04f4e3233')] });
    expect(other).not.toBe(first.fingerprint);
  });

  it('falls back to hostname and the first external MAC (by interface name) without a machine id', () => {
    const base = { env: {}, machineIdPaths: [path.join(dir, 'absent')], hostname: 'Node-1' };
    const info = fingerprintInfo({ ...base, networkInterfaces: { lo: nic('00:00:00:00:00:00', true), eth1: nic('02:42:ac:11:00:03'), eth0: nic('02:42:AC:11:00:02') } });
    expect(info.source).toBe('hostname-mac');
    expect(info.fingerprint).toMatch(FORMAT);
    // Same machine listed in another order, host name in another case: same fingerprint.
    expect(serverFingerprint({ ...base, hostname: 'node-1', networkInterfaces: { eth0: nic('02:42:ac:11:00:02'), eth1: nic('02:42:ac:11:00:03') } })).toBe(info.fingerprint);
    expect(serverFingerprint({ ...base, networkInterfaces: { eth0: nic('02:42:ac:11:00:09') } })).not.toBe(info.fingerprint);
  });

  it('ignores an empty or all-zero machine id (unbooted images)', () => {
    const options = { env: {}, machineIdPaths: [machineIdFile('00000000000000000000000000000000')], hostname: 'h', networkInterfaces: {} };
    expect(fingerprintInfo(options).source).toBe('hostname-mac');
  });

  it('takes an override from the host option first, then MWS_CONNECTOR_FINGERPRINT, verbatim', () => {
    const machineIdPaths = [machineIdFile('4c4c4544004d3510804bc4c04f4e3232')];
    expect(fingerprintInfo({ env: { MWS_CONNECTOR_FINGERPRINT: 'mwsfp1-container-a' }, machineIdPaths })).toEqual({ fingerprint: 'mwsfp1-container-a', source: 'env' });
    expect(fingerprintInfo({ fingerprint: 'pod-b', env: { MWS_CONNECTOR_FINGERPRINT: 'mwsfp1-container-a' }, machineIdPaths })).toEqual({ fingerprint: 'pod-b', source: 'option' });
  });

  it('refuses an override with spaces as a configuration error naming its source', () => {
    expect(() => serverFingerprint({ env: { MWS_CONNECTOR_FINGERPRINT: 'my server' } })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'MWS_CONNECTOR_FINGERPRINT' }));
    expect(() => serverFingerprint({ fingerprint: '' })).toThrow(expect.objectContaining({ field: 'fingerprint' }));
  });

  it('gives this machine a well-formed fingerprint', () => {
    const info = fingerprintInfo({ env: {} });
    expect(info.fingerprint).toMatch(FORMAT);
    expect(serverFingerprint({ env: {} })).toBe(info.fingerprint);
  });
});
