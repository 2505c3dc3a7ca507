/**
 * Progress of long-running commands, always on stderr (stdout is for data): a spinner line on a TTY, a plain
 * line at most every 5 seconds otherwise, JSON lines with `--progress json`, nothing with `--progress none`
 * (the default under `--json`).
 */
import type { ProgressEvent } from '../actions/types';
import { redactSecrets } from '../util/secrets';

export type ProgressMode = 'auto' | 'plain' | 'json' | 'none';
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'plain', 'json', 'none'];

/** Without a TTY, at most one line per this many milliseconds (the final line is always shown). */
export const PLAIN_INTERVAL_MS = 5_000;
const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressReporter {
  update(event: ProgressEvent): void;
  /** Ends the display (clears the spinner line). */
  stop(): void;
}

export interface ProgressOptions {
  mode: ProgressMode;
  json: boolean;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  let mode = options.mode;
  if (mode === 'auto') mode = options.json ? 'none' : stream.isTTY ? 'auto' : 'plain';
  if (mode === 'none') return { update: () => undefined, stop: () => undefined };
  if (mode === 'json') {
    return {
      update: (event) => stream.write(`${redactSecrets(JSON.stringify({ progress: event, at: new Date(now()).toISOString() }))}\n`),
      stop: () => undefined,
    };
  }
  if (mode === 'plain') {
    let lastAt = -Infinity;
    let pending: ProgressEvent | undefined;
    return {
      update: (event) => {
        const at = now();
        if (at - lastAt >= PLAIN_INTERVAL_MS || event.fraction === 1) {
          stream.write(`${describe(event)}\n`);
          lastAt = at;
          pending = undefined;
        } else {
          pending = event;
        }
      },
      stop: () => {
        if (pending) stream.write(`${describe(pending)}\n`);
        pending = undefined;
      },
    };
  }
  // A TTY: one line redrawn in place, the spinner turning between events.
  let frame = 0;
  let text = '';
  const draw = (): void => {
    if (text === '') return;
    frame = (frame + 1) % SPINNER_FRAMES.length;
    stream.write(`\r\x1b[2K${SPINNER_FRAMES[frame]} ${text}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update: (event) => {
      text = describe(event).slice(0, Math.max(20, (stream.columns || 80) - 3));
      draw();
    },
    stop: () => {
      clearInterval(timer);
      if (text !== '') stream.write('\r\x1b[2K');
    },
  };
}

function describe(event: ProgressEvent): string {
  const count = event.total !== undefined ? ` (${event.done ?? 0}/${event.total})` : event.done !== undefined ? ` (${event.done})` : '';
  const percent = event.fraction !== undefined && event.total === undefined ? ` ${Math.round(event.fraction * 100)}%` : '';
  return redactSecrets(`${event.stage}: ${event.message}${count}${percent}`);
}
