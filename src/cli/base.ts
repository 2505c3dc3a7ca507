/**
 * The base of every `mws-connector` command: `--json` (the result as JSON on stdout, described by
 * schemas/cli/<command>.json; errors as `{ "error": ... }`), `--debug`, `--progress`; one clear line on stderr
 * for an error (its stack only with --debug) and the documented exit code; every printed text redacted.
 */
import { Command, Flags } from '@oclif/core';
import type { ActionLogger } from '../actions/types';
import { MwsConnectorError } from '../mws/errors';
import { connectorHome } from '../util/home';
import { createLogger, LOG_LEVEL_ENV } from '../util/logger';
import { redactSecrets } from '../util/secrets';
import { EXIT, exitCodeFor, isUsageError } from './exit-codes';
import { createProgress, PROGRESS_MODES, type ProgressMode, type ProgressReporter } from './progress';

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    debug: Flags.boolean({ description: 'Show debug logs and the stack trace of an error.', helpGroup: 'GLOBAL' }),
    progress: Flags.option({
      options: PROGRESS_MODES,
      default: 'auto' as ProgressMode,
      description: 'Progress on stderr: auto (spinner on a TTY, a line every 5 s otherwise, none under --json), plain, json or none.',
      helpGroup: 'GLOBAL',
    })(),
  };

  private debugMode = false;
  private progressMode: ProgressMode = 'auto';
  private reporter: ProgressReporter | undefined;

  /** The command's work; its result is printed as JSON under --json, else by `render`. */
  protected abstract execute(): Promise<unknown>;

  /** Human-readable text of the result (stdout). Default: indented JSON. */
  protected render(result: unknown): string {
    return JSON.stringify(result, null, 2);
  }

  override async init(): Promise<void> {
    await super.init();
    this.debugMode = this.argv.includes('--debug');
    const at = this.argv.findIndex((a) => a === '--progress' || a.startsWith('--progress='));
    const value = at < 0 ? undefined : this.argv[at]?.includes('=') ? this.argv[at]?.split('=')[1] : this.argv[at + 1];
    if (value && (PROGRESS_MODES as readonly string[]).includes(value)) this.progressMode = value as ProgressMode;
  }

  async run(): Promise<unknown> {
    const result = await this.execute();
    this.stopProgress();
    if (result !== undefined && !this.jsonEnabled()) {
      const text = this.render(result);
      if (text !== '') this.print(text);
    }
    return result;
  }

  /** Data on stdout, redacted. */
  protected print(text: string): void {
    process.stdout.write(`${redactSecrets(text)}${text.endsWith('\n') ? '' : '\n'}`);
  }

  /** A note for a person on stderr (silent under --json), redacted. */
  protected note(text: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`${redactSecrets(text)}\n`);
  }

  override logJson(json: unknown): void {
    process.stdout.write(`${redactSecrets(JSON.stringify(json, null, 2))}\n`);
  }

  protected get debugEnabled(): boolean {
    return this.debugMode;
  }

  /** The connector's home folder (MWS_CONNECTOR_HOME or the user's config dir). */
  protected home(): string {
    return connectorHome();
  }

  /**
   * Logs on stderr: errors only by default (a failed command already prints its one error line, and license
   * warnings are printed by the command), everything with --debug; MWS_CONNECTOR_LOG_LEVEL wins.
   */
  protected logger(): ActionLogger {
    const level = this.debugMode ? 'debug' : process.env[LOG_LEVEL_ENV] ? undefined : 'error';
    return createLogger(level ? { level } : {});
  }

  protected progress(): ProgressReporter {
    this.reporter ??= createProgress({ mode: this.progressMode, json: this.jsonEnabled() });
    return this.reporter;
  }

  protected stopProgress(): void {
    this.reporter?.stop();
    this.reporter = undefined;
  }

  override async catch(err: Error & { exitCode?: number }): Promise<void> {
    this.stopProgress();
    const code = exitCodeFor(err);
    const usage = isUsageError(err);
    const body =
      err instanceof MwsConnectorError
        ? err.toJSON()
        : { name: usage ? 'UsageError' : 'Error', code: usage ? 'USAGE' : 'UNEXPECTED', message: err.message };
    if (this.jsonEnabled()) this.logJson({ error: { ...body, exitCode: code } });
    const command = [this.config.bin, ...(this.id ? this.id.split(':') : [])].join(' ');
    const hint = code === EXIT.UNEXPECTED && !this.debugMode ? ' (rerun with --debug for the stack trace)' : usage ? ` (see ${command} --help)` : '';
    const message = usage ? usageMessage(err.message) : err.message;
    const line = oneLine(`Error${body.code === 'USAGE' ? '' : ` [${String(body.code)}]`}: ${message}`) + hint;
    process.stderr.write(`${redactSecrets(line)}\n`);
    if (this.debugMode && err.stack) process.stderr.write(`${redactSecrets(err.stack)}\n`);
    process.exitCode = code;
  }
}

/** oclif's parse errors wrap the reason in boilerplate lines; keep the reason. */
function usageMessage(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^The following errors? occurred:?$/.test(l) && !/^See more help with --help$/.test(l))
    .join('\n');
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' — ');
}
