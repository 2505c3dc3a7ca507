/**
 * Where the connector keeps its files on this machine (ARCHITECTURE §3.6): MWS_CONNECTOR_HOME, or the
 * user's config folder + `amazon-mws-connector`. The runtime, the CLI and the license module share it.
 */
import * as os from 'node:os';
import * as path from 'node:path';

export const CONNECTOR_DIRNAME = 'amazon-mws-connector';
export const HOME_ENV = 'MWS_CONNECTOR_HOME';

/** Seams for tests: which platform's convention to follow and the user's home folder. */
export interface HomeOptions {
  platform?: NodeJS.Platform;
  homedir?: string;
}

/** The connector's home folder (not created here). */
export function connectorHome(env: NodeJS.ProcessEnv = process.env, options: HomeOptions = {}): string {
  const override = env[HOME_ENV];
  if (override !== undefined && override.trim() !== '') return path.resolve(override);
  const platform = options.platform ?? process.platform;
  const home = options.homedir ?? os.homedir();
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), CONNECTOR_DIRNAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', CONNECTOR_DIRNAME);
  const xdg = env.XDG_CONFIG_HOME;
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configDir = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : join(home, '.config');
  return join(configDir, CONNECTOR_DIRNAME);
}

/** The standard sub-folders of the home (ARCHITECTURE §3.6). */
export function connectorPaths(home: string = connectorHome()): {
  home: string;
  connections: string;
  licenses: string;
  state: string;
  sandbox: string;
} {
  return {
    home,
    connections: path.join(home, 'connections'),
    licenses: path.join(home, 'licenses'),
    state: path.join(home, 'state'),
    sandbox: path.join(home, 'sandbox'),
  };
}
