import { Flags } from '@oclif/core';
import { ConfigError } from '../../../mws/errors';
import { BaseCommand } from '../../base';
import { CLI_SANDBOX_SEED, removeRunningSandbox, sandboxStateDir, writeRunningSandbox, type RunningSandboxInfo } from '../../connections';

interface Started extends RunningSandboxInfo {
  credentials: Array<{ sellerId: string; awsAccessKeyId: string; secretKey: string; mwsAuthToken?: string }>;
}

export default class SandboxStart extends BaseCommand {
  static override summary = 'Run the embedded MWS sandbox in the foreground (Ctrl-C stops it).';
  static override description =
    'Serves the MWS wire protocol on loopback with seeded orders, listings, reports and feeds. Commands using a connection with endpoint "sandbox" (such as the built-in "sandbox" profile) use this sandbox while it runs, so its state is shared between them. The credentials it prints are public test values.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --port 8080 --time-scale 60', '<%= config.bin %> <%= command.id %> --tls --json'];
  static override flags = {
    port: Flags.integer({ description: 'Port on 127.0.0.1 (default: any free port).', min: 0, max: 65535, default: 0 }),
    seed: Flags.integer({ description: 'Seed of the generated world (state is kept per seed).', default: CLI_SANDBOX_SEED }),
    orders: Flags.integer({ description: 'Orders per seller.', min: 0, max: 100000 }),
    'time-scale': Flags.string({ description: 'Sandbox seconds per real second (report and feed lifecycles finish N times faster).', default: '1', helpValue: 'N' }),
    tls: Flags.boolean({ description: 'Serve https with a self-signed certificate (its PEM is printed).' }),
    'state-dir': Flags.string({ description: 'Where state persists between runs (default: MWS_CONNECTOR_HOME/sandbox/state).', helpValue: 'DIR' }),
    'no-persist': Flags.boolean({ description: 'Start from the seed and keep nothing on exit.' }),
  };

  protected async execute(): Promise<unknown> {
    const { flags } = await this.parse(SandboxStart);
    const timeScale = Number(flags['time-scale']);
    const { startSandbox } = await import('../../../sandbox');
    const home = this.home();
    const stateDir = flags['no-persist'] ? undefined : (flags['state-dir'] ?? sandboxStateDir(home));
    let sandbox;
    try {
      sandbox = await startSandbox({
        port: flags.port,
        seed: flags.seed,
        timeScale,
        ...(flags.orders !== undefined ? { orders: flags.orders } : {}),
        ...(flags.tls ? { tls: true } : {}),
        ...(stateDir ? { stateDir } : {}),
      });
    } catch (err) {
      throw new ConfigError('sandbox', err instanceof Error ? err.message : String(err));
    }
    const info: RunningSandboxInfo = {
      url: sandbox.url,
      pid: process.pid,
      timeScale,
      seed: flags.seed,
      startedAt: new Date().toISOString(),
      ...(stateDir ? { stateDir } : {}),
      ...(sandbox.ca ? { ca: sandbox.ca } : {}),
    };
    writeRunningSandbox(home, info);
    const started: Started = { ...info, credentials: sandbox.credentials.map((c) => ({ ...c })) };
    // Printed now, not on return: the command runs until it is stopped.
    if (this.jsonEnabled()) this.rawPrint(JSON.stringify(started, null, 2));
    else this.rawPrint(renderStarted(started));
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    removeRunningSandbox(home, process.pid);
    await sandbox.close();
    this.note('Sandbox stopped; state saved.');
    return undefined;
  }

  /** Sandbox credentials are public test values: printed as they are, not through the secret redactor. */
  private rawPrint(text: string): void {
    process.stdout.write(`${text}\n`);
  }
}

function renderStarted(s: Started): string {
  const lines = [
    `MWS sandbox listening on ${s.url} (time scale ${s.timeScale}, seed ${s.seed}${s.stateDir ? `, state in ${s.stateDir}` : ', not persisted'})`,
    'Connections with endpoint "sandbox" (e.g. the built-in "sandbox" profile) now use it. Ctrl-C stops it.',
    '',
    'PUBLIC TEST CREDENTIALS (sandbox only, valid nowhere else):',
    ...s.credentials.map((c) => `  sellerId ${c.sellerId}  awsAccessKeyId ${c.awsAccessKeyId}  secretKey ${c.secretKey}${c.mwsAuthToken ? `  mwsAuthToken ${c.mwsAuthToken}` : ''}`),
  ];
  if (s.ca) lines.push('', 'TLS certificate (trust it as a CA):', s.ca.trim());
  return lines.join('\n');
}
