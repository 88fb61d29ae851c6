/**
 * ISO weeks (Monday to Sunday, in UTC) for the console's per-week figures: the stores count per
 * day (`YYYY-MM-DD` of the stored ISO instant, the same text in every store), and these fold the
 * days into weeks. No Node built-ins.
 */
import { DAY_MS } from './consultation-rules.js';

const WEEK_MS = 7 * DAY_MS;

/** The Monday (UTC, `YYYY-MM-DD`) of the ISO week `day` (a `YYYY-MM-DD` or an ISO instant) is in. */
export function weekStartOf(day: string): string {
  const t = Date.parse(`${day.slice(0, 10)}T00:00:00.000Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(t - weekday * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last `weeks` ISO weeks up to and including the one `now` is in, oldest first, and the
 * instants that bound them (`from` inclusive, `to` exclusive: the Monday after the current week).
 */
export function recentWeeks(now: Date, weeks: number): { starts: string[]; from: string; to: string } {
  const current = Date.parse(`${weekStartOf(now.toISOString())}T00:00:00.000Z`);
  const starts = Array.from({ length: weeks }, (_, i) => new Date(current - (weeks - 1 - i) * WEEK_MS).toISOString().slice(0, 10));
  return { starts, from: `${starts[0]}T00:00:00.000Z`, to: new Date(current + WEEK_MS).toISOString() };
}
