import { NazarCommentPanel } from './comment-panel.js';
import { DraftConsultation } from './draft-consultation.js';

/** Safe to run twice: never a second `define`, never a throw. */
if (!customElements.get('nazar-comment-panel')) customElements.define('nazar-comment-panel', NazarCommentPanel);
if (!customElements.get('draft-consultation')) customElements.define('draft-consultation', DraftConsultation);

export { DraftConsultation, NazarCommentPanel };
