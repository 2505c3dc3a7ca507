/** Loopback pieces for tests that talk to the embedded sandbox or to nothing at all. */
import * as net from 'node:net';
import type { RunningSandbox } from '../../src/sandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../src/sandbox/credentials';

/** A 127.0.0.1 port nothing listens on (bound, then released): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The connection config of the sandbox's default seller in the US marketplace, pointed at `sandbox`. */
export function sandboxConnection(sandbox: RunningSandbox): Record<string, unknown> {
  return {
    sellerId: DEFAULT_SANDBOX_CREDENTIALS.sellerId,
    awsAccessKeyId: DEFAULT_SANDBOX_CREDENTIALS.awsAccessKeyId,
    secretKey: DEFAULT_SANDBOX_CREDENTIALS.secretKey,
    mwsAuthToken: DEFAULT_SANDBOX_CREDENTIALS.mwsAuthToken,
    marketplaceIds: ['ATVPDKIKX0DER'],
    endpoint: sandbox.url,
  };
}
