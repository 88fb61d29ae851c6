/** For npm users: import the classes, register what you need (or import '@nazar/elements/service-feedback'). */
export { ServiceFeedback } from './service-feedback/service-feedback.js';
export { DraftConsultation } from './draft-consultation/draft-consultation.js';
export { QuickPoll } from './quick-poll/quick-poll.js';
export { useLocale, resolveLocale, toNazarLocale, type NazarLocale } from './internal/locale.js';
export { setPageConfig, type NazarConfig } from './internal/config.js';
export type { NazarQueuedDetail, NazarDeliveredDetail, NazarRejectedDetail, NazarErrorDetail } from './internal/events.js';
