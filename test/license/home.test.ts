import * as path from 'node:path';
import { connectorHome, connectorPaths } from '../../src/util/home';

describe('connectorHome', () => {
  it('uses MWS_CONNECTOR_HOME when set (resolved to an absolute path)', () => {
    expect(connectorHome({ MWS_CONNECTOR_HOME: '/srv/mws' })).toBe(path.resolve('/srv/mws'));
    expect(path.isAbsolute(connectorHome({ MWS_CONNECTOR_HOME: 'relative/home' }))).toBe(true);
  });

  it('follows XDG on Linux, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(connectorHome({}, { platform: 'linux', homedir: '/home/ana' })).toBe('/home/ana/.config/amazon-mws-connector');
    expect(connectorHome({ XDG_CONFIG_HOME: '/cfg' }, { platform: 'linux', homedir: '/home/ana' })).toBe('/cfg/amazon-mws-connector');
    expect(connectorHome({ XDG_CONFIG_HOME: 'cfg' }, { platform: 'linux', homedir: '/home/ana' })).toBe('/home/ana/.config/amazon-mws-connector');
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(connectorHome({}, { platform: 'darwin', homedir: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/amazon-mws-connector');
    expect(connectorHome({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, { platform: 'win32', homedir: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\amazon-mws-connector');
    expect(connectorHome({}, { platform: 'win32', homedir: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\amazon-mws-connector');
  });

  it('names the standard sub-folders', () => {
    expect(connectorPaths('/h')).toEqual({
      home: '/h',
      connections: path.join('/h', 'connections'),
      licenses: path.join('/h', 'licenses'),
      state: path.join('/h', 'state'),
      sandbox: path.join('/h', 'sandbox'),
    });
  });
});
