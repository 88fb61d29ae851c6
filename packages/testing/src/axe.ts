// Test helpers for the elements' browser tests.

declare global {
  interface Window {
    axe?: {
      run(context: Element, options?: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
    };
  }
}

let loading: Promise<void> | undefined;

/** axe-core is a classic (UMD) script: load it once from node_modules as a <script>. */
function loadAxe(): Promise<void> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
  return loading;
}

/** Runs axe-core (WCAG 2.x A/AA rules and best practices) on an element; '' when clean. */
export async function axeViolations(el: Element): Promise<string> {
  await loadAxe();
  const result = await window.axe!.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    // The fixture is a bare element, not a page: page-level rules do not apply to it.
    rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`).join('\n');
}
