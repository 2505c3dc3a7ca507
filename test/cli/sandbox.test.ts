/**
 * The sandbox connection needs no setup: without a running sandbox each command starts one in-process whose
 * state persists under MWS_CONNECTOR_HOME/sandbox, so a feed submitted by one command is listed by the next;
 * `sandbox start` records itself in running.json, later commands use it, and it removes the record on SIGTERM.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, ensureBuilt, jsonResult, ROOT, runCli, tempHome } from './helpers';

let home: string;

beforeAll(() => {
  ensureBuilt();
  home = tempHome();
});

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('the built-in sandbox connection', () => {
  it('keeps sandbox state between commands', async () => {
    const feed = { FeedType: '_POST_FLAT_FILE_INVLOADER_DATA_', FeedContent: 'sku\tquantity\nSBX-0001\t7\n' };
    const submitted = await runCli(['invoke', 'feeds.SubmitFeed', '--input', JSON.stringify(feed), '--json'], { home });
    const id = jsonResult<{ output: { FeedSubmissionInfo: { FeedSubmissionId: string } } }>(submitted, 'invoke').output.FeedSubmissionInfo.FeedSubmissionId;
    expect(id).toMatch(/^\d+$/);
    expect(fs.existsSync(path.join(home, 'sandbox', 'state'))).toBe(true);

    const listed = await runCli(['invoke', 'feeds.GetFeedSubmissionList', '--input', JSON.stringify({ FeedSubmissionIdList: [id] }), '--json'], { home });
    const infos = jsonResult<{ output: { FeedSubmissionInfo: Array<{ FeedSubmissionId: string; FeedType: string }> } }>(listed, 'invoke').output.FeedSubmissionInfo;
    expect(infos.map((i) => [i.FeedSubmissionId, i.FeedType])).toEqual([[id, feed.FeedType]]);
  });

  it('uses a running `sandbox start` and forgets it when it stops', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, MWS_CONNECTOR_HOME: home };
    delete env.NODE_ENV;
    const server = spawn(process.execPath, [BIN, 'sandbox', 'start', '--no-persist', '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const started = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          try {
            resolve(JSON.parse(out) as { url: string; pid: number });
          } catch {
            // not all of it yet
          }
        });
        server.on('exit', (code) => reject(new Error(`sandbox start exited ${code}`)));
      });
      jsonResult({ code: 0, stdout: out, stderr: '' }, 'sandbox-start');
      expect(started.pid).toBe(server.pid);
      const running = JSON.parse(fs.readFileSync(path.join(home, 'sandbox', 'running.json'), 'utf8')) as { url: string };
      expect(running.url).toBe(started.url);

      const test = await runCli(['connection', 'test', '--json'], { home });
      expect(jsonResult(test, 'connection-test')).toMatchObject({ connection: 'sandbox', endpoint: started.url, ok: true });
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    expect(fs.existsSync(path.join(home, 'sandbox', 'running.json'))).toBe(false);
  });
});
