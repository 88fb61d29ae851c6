import type { PollStatus } from '@nazar/protocol';
import type { PollRecord } from './records.js';

/**
 * A poll's status at `now`: `closed` once an official closed it; otherwise the window decides
 * (`open` from opensAt until, not including, closesAt).
 */
export function pollStatus(p: Pick<PollRecord, 'opensAt' | 'closesAt' | 'closedAt'>, now: Date): PollStatus {
  if (p.closedAt !== null) return 'closed';
  const t = now.getTime();
  if (t < Date.parse(p.opensAt)) return 'scheduled';
  if (t < Date.parse(p.closesAt)) return 'open';
  return 'closed';
}
