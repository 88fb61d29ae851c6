import { pass, type PassContext } from './pass.js';
import { locked, type TurnContext } from './turn.js';

export interface FlushContext extends TurnContext, PassContext {
  /** The run under way, which a flush asked for meanwhile joins. */
  running?: Promise<void>;
  /** A flush was asked for during the run: one more pass before it ends. */
  again: boolean;
  /** `online` was heard since the last pass began. */
  onlineHint: boolean;
  /** Between `start()` and `stop()`: flush on a timer. */
  started: boolean;
  timer?: unknown;
  /** Longest wait between timer flushes. */
  readonly interval: number;
}

export const flush = (c: FlushContext): Promise<void> => run(c, false);

/**
 * Passes over the due items, holding the turn, until no flush was asked for during the last one;
 * then sets the timer. A flush asked for meanwhile joins the run under way.
 */
export function run(c: FlushContext, online: boolean): Promise<void> {
  if (online) c.onlineHint = true;
  if (c.running) {
    c.again = true;
    return c.running;
  }
  return (c.running = (async () => {
    try {
      do {
        c.again = false;
        const hint = c.onlineHint;
        c.onlineHint = false;
        await locked(c, (guard) => pass(c, hint, guard));
      } while (c.again);
    } catch {
      // A store that fails even in memory, or a bug: try again on the next trigger.
    } finally {
      c.running = undefined;
      schedule(c);
    }
  })());
}

/** While started: the next flush when the earliest held-back item falls due, at most `interval` away (and not under 50 ms). */
export function schedule(c: FlushContext): void {
  c.timers.clearTimeout(c.timer);
  c.timer = undefined;
  if (!c.started) return;
  const until = c.wakeAt === undefined ? c.interval : c.wakeAt - c.now();
  c.timer = c.timers.setTimeout(() => flush(c), Math.min(c.interval, Math.max(50, until)));
}
