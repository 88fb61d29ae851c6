/** For the tests of what registers which custom element (define modules, the loader, two builds on one page). */

/** Every tag Nazar's bundles define: the public widgets, the parts they render inside themselves, the console. */
export const NAZAR_TAGS = [
  'service-feedback',
  'draft-consultation',
  'quick-poll',
  'nazar-comment-panel',
  'nazar-tracking-lookup',
  'nazar-console',
  'nazar-console-overview',
  'nazar-console-consultations',
  'nazar-console-new-consultation',
  'nazar-console-consultation',
  'nazar-console-issue',
  'nazar-console-feedback',
  'nazar-console-polls',
  'nazar-console-admin',
];

/**
 * Runs `load` with `customElements.define` watched: the tags it defined (a define that throws is
 * reported as an error, as is any uncaught error or rejection on the page meanwhile).
 */
export async function recordDefines(load: () => Promise<unknown>): Promise<{ defined: string[]; errors: string }> {
  const defined: string[] = [];
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(String(e.message));
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
  const original = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    try {
      original(name, ctor, options);
      defined.push(name);
    } catch (error) {
      errors.push(`define(${name}): ${String(error)}`);
      throw error;
    }
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await load();
  } catch (error) {
    errors.push(String(error));
  } finally {
    customElements.define = original;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return { defined, errors: errors.join('\n') };
}
