import { ServiceFeedback } from './service-feedback.js';

/** Safe to run twice (two script tags, two bundles): never a second `define`, never a throw. */
if (!customElements.get('service-feedback')) {
  customElements.define('service-feedback', ServiceFeedback);
}

export { ServiceFeedback };
