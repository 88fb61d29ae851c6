import { QuickPoll } from './quick-poll.js';

/** Safe to run twice: never a second `define`, never a throw. */
if (!customElements.get('quick-poll')) customElements.define('quick-poll', QuickPoll);

export { QuickPoll };
