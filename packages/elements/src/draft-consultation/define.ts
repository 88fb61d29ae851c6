import { NazarCommentPanel } from './comment-panel.js';
import { DraftConsultation } from './draft-consultation.js';

// Evaluating this chunk and upgrading the tags already on the page (shadow roots made, styles
// parsed) in two tasks, not one long one on a slow phone. Importing this module still means the
// elements are defined once the import has resolved.
await new Promise((resolve) => setTimeout(resolve));

/** Safe to run twice: never a second `define`, never a throw. */
if (!customElements.get('nazar-comment-panel')) customElements.define('nazar-comment-panel', NazarCommentPanel);
if (!customElements.get('draft-consultation')) customElements.define('draft-consultation', DraftConsultation);

export { DraftConsultation, NazarCommentPanel };
