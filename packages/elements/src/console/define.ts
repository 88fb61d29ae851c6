/**
 * nazar-console.js: the officials' console, a chunk of its own that the citizens' loader never
 * fetches. Registers `<nazar-console>` and its screens; safe to run twice (never a second define).
 */
import { NazarConsole } from './nazar-console.js';
import { ConsoleOverview } from './screens/overview.js';
import { ConsoleConsultations } from './screens/consultations.js';
import { ConsoleNewConsultation } from './screens/new-consultation.js';
import { ConsoleConsultation } from './screens/consultation.js';
import { ConsoleIssue } from './screens/issue.js';
import { ConsoleFeedback } from './screens/feedback.js';
import { ConsolePolls } from './screens/polls.js';
import { ConsoleAdmin } from './screens/admin.js';

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['nazar-console', NazarConsole],
  ['nazar-console-overview', ConsoleOverview],
  ['nazar-console-consultations', ConsoleConsultations],
  ['nazar-console-new-consultation', ConsoleNewConsultation],
  ['nazar-console-consultation', ConsoleConsultation],
  ['nazar-console-issue', ConsoleIssue],
  ['nazar-console-feedback', ConsoleFeedback],
  ['nazar-console-polls', ConsolePolls],
  ['nazar-console-admin', ConsoleAdmin],
];
for (const [tag, element] of ELEMENTS) if (!customElements.get(tag)) customElements.define(tag, element);

export { NazarConsole };
