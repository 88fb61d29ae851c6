// Generated from custom-elements.json by packages/elements/scripts/manifest.ts: do not edit.
// React 19: <service-feedback service="…" onnazar-delivered={(e) => e.detail.trackingCode} />. React 19 sets a
// prop as a property when the element has it (else as an attribute) and adds a listener for on<event>.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ServiceFeedback, ServiceFeedbackProps, DraftConsultation, DraftConsultationProps, QuickPoll, QuickPollProps } from './elements.js';
import type { NazarDeliveredDetail, NazarErrorDetail, NazarQueuedDetail, NazarRejectedDetail } from '@nazar/elements';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      /** Feedback on one e-service: rating 1–5, topics, a suggestion, an optional private contact. */
      "service-feedback": DetailedHTMLProps<HTMLAttributes<ServiceFeedback>, ServiceFeedback> &
        ServiceFeedbackProps & {
          /** Saved on this device (IndexedDB), not yet sent: `detail: { itemId, owner }`. */
          "onnazar-queued"?: (event: CustomEvent<NazarQueuedDetail>) => void;
          /** Received by the server: `detail: { itemId, owner, trackingCode }`. */
          "onnazar-delivered"?: (event: CustomEvent<NazarDeliveredDetail>) => void;
          /** Refused by the server; kept for the citizen to edit and resend: `detail: { itemId, owner, problem }`. */
          "onnazar-rejected"?: (event: CustomEvent<NazarRejectedDetail>) => void;
          /** Misconfigured (no `service`, no `api`): `detail: { problem }`. */
          "onnazar-error"?: (event: CustomEvent<NazarErrorDetail>) => void;
        };
      /** Clause-by-clause public comment on a draft regulation. */
      "draft-consultation": DetailedHTMLProps<HTMLAttributes<DraftConsultation>, DraftConsultation> &
        DraftConsultationProps & {
          /** Every clause of the draft is in the DOM (a long draft renders in batches). */
          "onnazar-rendered"?: (event: CustomEvent<void>) => void;
          /** A comment was saved on this device, not yet sent: `detail: { itemId, owner }`. */
          "onnazar-queued"?: (event: CustomEvent<NazarQueuedDetail>) => void;
          /** A comment reached the server: `detail: { itemId, owner, trackingCode }`. */
          "onnazar-delivered"?: (event: CustomEvent<NazarDeliveredDetail>) => void;
          /** The server refused a comment (e.g. `closed`); its text is kept: `detail: { itemId, owner, problem }`. */
          "onnazar-rejected"?: (event: CustomEvent<NazarRejectedDetail>) => void;
          /** The draft could not be loaded, or the element is misconfigured: `detail: { problem }`. */
          "onnazar-error"?: (event: CustomEvent<NazarErrorDetail>) => void;
        };
      /** The voting forum, on any page. */
      "quick-poll": DetailedHTMLProps<HTMLAttributes<QuickPoll>, QuickPoll> &
        QuickPollProps & {
          /** The vote was saved on this device, not yet sent: `detail: { itemId, owner }`. */
          "onnazar-queued"?: (event: CustomEvent<NazarQueuedDetail>) => void;
          /** The server counted it: `detail: { itemId, owner, trackingCode }`. */
          "onnazar-delivered"?: (event: CustomEvent<NazarDeliveredDetail>) => void;
          /** The server refused it (`already-voted`, `closed` …); the choice is kept: `detail: { itemId, owner, problem }`. */
          "onnazar-rejected"?: (event: CustomEvent<NazarRejectedDetail>) => void;
          /** The poll could not be loaded, or the element is misconfigured: `detail: { problem }`. */
          "onnazar-error"?: (event: CustomEvent<NazarErrorDetail>) => void;
        };
    }
  }
}
