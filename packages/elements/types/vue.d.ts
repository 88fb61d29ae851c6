// Generated from custom-elements.json by packages/elements/scripts/manifest.ts: do not edit.
// Vue 3: <service-feedback :summary="true" @nazar-delivered="…" /> in a template, or h() in a render function
// (tell the template compiler they are custom elements: compilerOptions.isCustomElement).
import type { DefineComponent } from 'vue';
import type { ServiceFeedbackProps, DraftConsultationProps, QuickPollProps } from './elements.js';
import type { NazarDeliveredDetail, NazarErrorDetail, NazarQueuedDetail, NazarRejectedDetail } from '@nazar/elements';

declare module 'vue' {
  interface GlobalComponents {
    /** Feedback on one e-service: rating 1–5, topics, a suggestion, an optional private contact. */
    "service-feedback": DefineComponent<
      ServiceFeedbackProps & {
        /** `@nazar-queued`: Saved on this device (IndexedDB), not yet sent: `detail: { itemId, owner }`. */
        onNazarQueued?: (event: CustomEvent<NazarQueuedDetail>) => void;
        /** `@nazar-delivered`: Received by the server: `detail: { itemId, owner, trackingCode }`. */
        onNazarDelivered?: (event: CustomEvent<NazarDeliveredDetail>) => void;
        /** `@nazar-rejected`: Refused by the server; kept for the citizen to edit and resend: `detail: { itemId, owner, problem }`. */
        onNazarRejected?: (event: CustomEvent<NazarRejectedDetail>) => void;
        /** `@nazar-error`: Misconfigured (no `service`, no `api`): `detail: { problem }`. */
        onNazarError?: (event: CustomEvent<NazarErrorDetail>) => void;
      }
    >;
    /** Clause-by-clause public comment on a draft regulation. */
    "draft-consultation": DefineComponent<
      DraftConsultationProps & {
        /** `@nazar-rendered`: Every clause of the draft is in the DOM (a long draft renders in batches). */
        onNazarRendered?: (event: CustomEvent<void>) => void;
        /** `@nazar-queued`: A comment was saved on this device, not yet sent: `detail: { itemId, owner }`. */
        onNazarQueued?: (event: CustomEvent<NazarQueuedDetail>) => void;
        /** `@nazar-delivered`: A comment reached the server: `detail: { itemId, owner, trackingCode }`. */
        onNazarDelivered?: (event: CustomEvent<NazarDeliveredDetail>) => void;
        /** `@nazar-rejected`: The server refused a comment (e.g. `closed`); its text is kept: `detail: { itemId, owner, problem }`. */
        onNazarRejected?: (event: CustomEvent<NazarRejectedDetail>) => void;
        /** `@nazar-error`: The draft could not be loaded, or the element is misconfigured: `detail: { problem }`. */
        onNazarError?: (event: CustomEvent<NazarErrorDetail>) => void;
      }
    >;
    /** The voting forum, on any page. */
    "quick-poll": DefineComponent<
      QuickPollProps & {
        /** `@nazar-queued`: The vote was saved on this device, not yet sent: `detail: { itemId, owner }`. */
        onNazarQueued?: (event: CustomEvent<NazarQueuedDetail>) => void;
        /** `@nazar-delivered`: The server counted it: `detail: { itemId, owner, trackingCode }`. */
        onNazarDelivered?: (event: CustomEvent<NazarDeliveredDetail>) => void;
        /** `@nazar-rejected`: The server refused it (`already-voted`, `closed` …); the choice is kept: `detail: { itemId, owner, problem }`. */
        onNazarRejected?: (event: CustomEvent<NazarRejectedDetail>) => void;
        /** `@nazar-error`: The poll could not be loaded, or the element is misconfigured: `detail: { problem }`. */
        onNazarError?: (event: CustomEvent<NazarErrorDetail>) => void;
      }
    >;
  }
}
