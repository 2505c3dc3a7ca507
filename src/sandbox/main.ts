/**
 * `npm run sandbox -- --port N [--seed S] [--orders N] [--time-scale X] [--tls] [--state-dir DIR] [--report-bytes N]`:
 * runs the sandbox in the foreground, prints its URL and the public test credentials, stops on Ctrl-C.
 */
import { startSandbox, type SandboxOptions } from './index';

const USAGE = 'usage: npm run sandbox -- [--port N] [--host H] [--seed S] [--orders N] [--time-scale X] [--report-bytes N] [--tls] [--state-dir DIR] [--no-throttling]';

function parseArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = {};
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(n)) throw new Error(`${flag}: expected a number, got ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    switch (flag) {
      case '--port': options.port = number(flag, argv[++i]); break;
      case '--host': options.host = argv[++i] ?? '127.0.0.1'; break;
      case '--seed': options.seed = number(flag, argv[++i]); break;
      case '--orders': options.orders = number(flag, argv[++i]); break;
      case '--time-scale': options.timeScale = number(flag, argv[++i]); break;
      case '--report-bytes': options.reportBytes = number(flag, argv[++i]); break;
      case '--state-dir': options.stateDir = argv[++i] ?? ''; break;
      case '--tls': options.tls = true; break;
      case '--no-throttling': options.throttling = false; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox(options);
  const lines = [
    `MWS sandbox listening on ${sandbox.url}`,
    `  seed ${options.seed ?? 1}, time scale ${sandbox.clock.timeScale}, sandbox time ${new Date(sandbox.clock.now()).toISOString()}`,
    `  control API: ${sandbox.url}/_sandbox/counters (loopback only)`,
    '',
    'PUBLIC TEST CREDENTIALS (sandbox only, not secrets, valid nowhere else):',
    ...sandbox.credentials.map(
      (c) => `  sellerId ${c.sellerId}  awsAccessKeyId ${c.awsAccessKeyId}  secretKey ${c.secretKey}${c.mwsAuthToken ? `  mwsAuthToken ${c.mwsAuthToken}` : ''}`,
    ),
  ];
  if (sandbox.ca) lines.push('', 'TLS certificate (trust as CA, e.g. NODE_EXTRA_CA_CERTS):', sandbox.ca.trim());
  console.log(lines.join('\n'));
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
