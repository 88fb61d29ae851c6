import { NazarTrackingLookup } from './tracking-lookup.js';

if (!customElements.get('nazar-tracking-lookup')) {
  customElements.define('nazar-tracking-lookup', NazarTrackingLookup);
}

export { NazarTrackingLookup };
