/** Catching the connector's typed errors in tests: fails the test when nothing is thrown or the error is untyped. */
import { MwsConnectorError } from '../../src/mws/errors';

export async function rejection(promise: Promise<unknown>): Promise<MwsConnectorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(MwsConnectorError);
    return err as MwsConnectorError;
  }
  throw new Error('expected a rejection');
}

export function thrown(fn: () => unknown): MwsConnectorError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MwsConnectorError);
    return err as MwsConnectorError;
  }
  throw new Error('expected a throw');
}
