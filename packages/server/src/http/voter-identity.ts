/**
 * Who is voting: the seam between the vote route and the ways a voter can be identified.
 *
 * Today one tier, `device`: a random key the widget keeps in the page's storage, sent in the vote
 * body (`voter: { type: 'device', key }`) and in the `Nazar-Voter` header of a poll read. It stops
 * a second vote from the same browser; it does not stop a person with two browsers, a private
 * window, cleared storage or a script making keys (the rate limit by address slows that down).
 * A later tier (a token signed by the host site's login) is another `VoterIdentifier`; the vote
 * and poll routes only see `VoterRef`s.
 *
 * What is stored is never the key: SHA-256 of the tier, the poll and the key (Web Crypto), so the
 * same device's votes in two polls cannot be linked from the database.
 *
 * No Node built-ins: the app also runs in browsers.
 */
import { VOTER_KEY_HEADER, Voter, type Voter as VoterBody } from '@nazar/protocol';
import { sha256Hex } from './http.js';
import type { VoterRef } from '../store/store.js';

export interface VoterIdentifier {
  /**
   * The voter of a vote: the request and the body's `voter` (already checked against the
   * `Voter` schema). Null when this identifier cannot accept it (the route answers `validation`
   * on `voter`).
   */
  forVote(request: Request, poll: string, voter: VoterBody): Promise<VoterRef | null>;
  /** The voter a poll read names (the `Nazar-Voter` header); null when it names none or a malformed one. */
  forRead(request: Request, poll: string): Promise<VoterRef | null>;
}

/** The hash stored for a device key in a poll. */
export function deviceVoterHash(poll: string, key: string): Promise<string> {
  return sha256Hex(`device\n${poll}\n${key}`);
}

/** The device tier: the key in the body (votes) or the `Nazar-Voter` header (reads). */
export const deviceVoterIdentifier: VoterIdentifier = {
  async forVote(_request, poll, voter) {
    if (voter.type !== 'device') return null;
    return { hash: await deviceVoterHash(poll, voter.key), tier: 'device' };
  },
  async forRead(request, poll) {
    const key = request.headers.get(VOTER_KEY_HEADER);
    if (key === null) return null;
    const parsed = Voter.safeParse({ type: 'device', key: key.trim() });
    if (!parsed.success) return null;
    return { hash: await deviceVoterHash(poll, parsed.data.key), tier: 'device' };
  },
};
