/** In-process pieces of the CLI: exit codes per error category, progress pacing, records for jsonl/csv. */
import { Writable } from 'node:stream';
import { EXIT, exitCodeFor, exitCodeForCategory } from '../../src/cli/exit-codes';
import { createProgress, PLAIN_INTERVAL_MS } from '../../src/cli/progress';
import { recordsOf, toCsv, toJsonLines } from '../../src/cli/records';
import { ERROR_CODES, MwsConnectorError, type ErrorCode } from '../../src/mws/errors';

describe('exit codes', () => {
  it('gives every documented error code the exit code of its category', () => {
    const expected: Record<string, number> = { config: 3, validation: 3, auth: 4, connection: 4, service: 4, license: 5, integrity: 6, throttle: 7, internal: 1 };
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const error = new MwsConnectorError(code, 'x');
      expect({ code, exit: exitCodeFor(error) }).toEqual({ code, exit: expected[ERROR_CODES[code].category] });
    }
    expect(exitCodeForCategory('throttle')).toBe(EXIT.THROTTLED);
  });

  it('treats oclif parse errors as usage errors and anything else as unexpected', () => {
    const parse = Object.assign(new Error('Missing required flag'), { parse: {}, oclif: { exit: 2 } });
    expect(exitCodeFor(parse)).toBe(2);
    expect(exitCodeFor(new RangeError('boom'))).toBe(1);
  });
});

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

describe('progress', () => {
  it('prints at most one plain line per interval without a TTY, and the last state at the end', () => {
    const out = capture();
    let now = 0;
    const progress = createProgress({ mode: 'auto', json: false, stream: out.stream, now: () => now });
    progress.update({ stage: 'polling', message: 'first' });
    now += 1000;
    progress.update({ stage: 'polling', message: 'second' });
    now += PLAIN_INTERVAL_MS;
    progress.update({ stage: 'polling', message: 'third' });
    now += 10;
    progress.update({ stage: 'polling', message: 'fourth' });
    progress.stop();
    expect(out.text().split('\n').filter(Boolean)).toEqual(['polling: first', 'polling: third', 'polling: fourth']);
  });

  it('is silent under --json unless --progress json, which writes JSON lines', () => {
    const silent = capture();
    createProgress({ mode: 'auto', json: true, stream: silent.stream }).update({ stage: 'page', message: 'page 1' });
    expect(silent.text()).toBe('');
    const json = capture();
    createProgress({ mode: 'json', json: true, stream: json.stream, now: () => 0 }).update({ stage: 'page', message: 'page 1', done: 1 });
    expect(JSON.parse(json.text())).toEqual({ progress: { stage: 'page', message: 'page 1', done: 1 }, at: '1970-01-01T00:00:00.000Z' });
  });
});

describe('records', () => {
  const output = { NextToken: 'x', Orders: [{ AmazonOrderId: '1', OrderTotal: { Amount: '9.99', CurrencyCode: 'USD' } }, { AmazonOrderId: '2', BuyerName: 'A "quoted", name' }] };

  it('takes the main list of an output and writes JSON lines', () => {
    expect(recordsOf(output)).toBe(output.Orders);
    expect(recordsOf([1, 2])).toEqual([1, 2]);
    expect(recordsOf({ text: 'report' })).toEqual([{ text: 'report' }]);
    expect(toJsonLines(output.Orders).split('\n')).toEqual([JSON.stringify(output.Orders[0]), JSON.stringify(output.Orders[1]), '']);
  });

  it('writes RFC 4180 CSV with dotted columns for nested values', () => {
    expect(toCsv(output.Orders).split('\r\n')).toEqual([
      'AmazonOrderId,OrderTotal.Amount,OrderTotal.CurrencyCode,BuyerName',
      '1,9.99,USD,',
      '2,,,"A ""quoted"", name"',
      '',
    ]);
  });
});
