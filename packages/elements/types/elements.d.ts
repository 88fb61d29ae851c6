// Generated from custom-elements.json by packages/elements/scripts/manifest.ts: do not edit.
// Each element's attributes and properties (types as custom-elements.json records them) and events.
import type { DraftConsultation, NazarDeliveredDetail, NazarErrorDetail, NazarQueuedDetail, NazarRejectedDetail, QuickPoll, ServiceFeedback } from '@nazar/elements';

export type { ServiceFeedback, DraftConsultation, QuickPoll };

/** Attributes and properties of `<service-feedback>`. */
export interface ServiceFeedbackProps {
  /** The service's id, e.g. `birth-certificate`: letters, digits, `.`, `_`, `-`, up to 80 (required). */
  "service"?: string;
  /** The service's name as the page shows it; titles the service when its first feedback registers it. */
  "label"?: string;
  /** Show the rating summary: how many rated it, the mean, the distribution. */
  "summary"?: boolean;
  /** Base URL of the Nazar adapter, e.g. `https://nazar.example/` (default: the loader's `data-api`). */
  "api"?: string;
}

/** The events `<service-feedback>` dispatches (bubbling, composed). */
export interface ServiceFeedbackEvents {
  /** Saved on this device (IndexedDB), not yet sent: `detail: { itemId, owner }`. */
  "nazar-queued": CustomEvent<NazarQueuedDetail>;
  /** Received by the server: `detail: { itemId, owner, trackingCode }`. */
  "nazar-delivered": CustomEvent<NazarDeliveredDetail>;
  /** Refused by the server; kept for the citizen to edit and resend: `detail: { itemId, owner, problem }`. */
  "nazar-rejected": CustomEvent<NazarRejectedDetail>;
  /** Misconfigured (no `service`, no `api`): `detail: { problem }`. */
  "nazar-error": CustomEvent<NazarErrorDetail>;
}

/** Attributes and properties of `<draft-consultation>`. */
export interface DraftConsultationProps {
  /** The draft's slug, as the officials created it (required). */
  "consultation"?: string;
  /** A clause id (`c4`) to open and scroll to; `#clause-c4` in the page address does the same. */
  "clause"?: string;
  /** Base URL of the Nazar adapter, e.g. `https://nazar.example/` (default: the loader's `data-api`). */
  "api"?: string;
}

/** The events `<draft-consultation>` dispatches (bubbling, composed). */
export interface DraftConsultationEvents {
  /** Every clause of the draft is in the DOM (a long draft renders in batches). */
  "nazar-rendered": CustomEvent<void>;
  /** A comment was saved on this device, not yet sent: `detail: { itemId, owner }`. */
  "nazar-queued": CustomEvent<NazarQueuedDetail>;
  /** A comment reached the server: `detail: { itemId, owner, trackingCode }`. */
  "nazar-delivered": CustomEvent<NazarDeliveredDetail>;
  /** The server refused a comment (e.g. `closed`); its text is kept: `detail: { itemId, owner, problem }`. */
  "nazar-rejected": CustomEvent<NazarRejectedDetail>;
  /** The draft could not be loaded, or the element is misconfigured: `detail: { problem }`. */
  "nazar-error": CustomEvent<NazarErrorDetail>;
}

/** Attributes and properties of `<quick-poll>`. */
export interface QuickPollProps {
  /** The poll's slug, as the officials created it (required). */
  "poll"?: string;
  /** Base URL of the Nazar adapter, e.g. `https://nazar.example/` (default: the loader's `data-api`). */
  "api"?: string;
}

/** The events `<quick-poll>` dispatches (bubbling, composed). */
export interface QuickPollEvents {
  /** The vote was saved on this device, not yet sent: `detail: { itemId, owner }`. */
  "nazar-queued": CustomEvent<NazarQueuedDetail>;
  /** The server counted it: `detail: { itemId, owner, trackingCode }`. */
  "nazar-delivered": CustomEvent<NazarDeliveredDetail>;
  /** The server refused it (`already-voted`, `closed` …); the choice is kept: `detail: { itemId, owner, problem }`. */
  "nazar-rejected": CustomEvent<NazarRejectedDetail>;
  /** The poll could not be loaded, or the element is misconfigured: `detail: { problem }`. */
  "nazar-error": CustomEvent<NazarErrorDetail>;
}

/** Every public element by tag. */
export interface NazarElements {
  "service-feedback": { element: ServiceFeedback; props: ServiceFeedbackProps; events: ServiceFeedbackEvents };
  "draft-consultation": { element: DraftConsultation; props: DraftConsultationProps; events: DraftConsultationEvents };
  "quick-poll": { element: QuickPoll; props: QuickPollProps; events: QuickPollEvents };
}
