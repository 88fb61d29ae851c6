// Two builds of Nazar on one page, as a county site can end up with: the nazar.js bundle from the
// adapter (dist/cdn/, built by `npm run build`; `npm test` builds first) and the npm package's modules
// bundled into the site's own code (here the sources: another copy of every element class, of lit
// and of @lit/localize). And each loaded twice, from two URLs. Every tag is defined once, by
// whichever build came first, every element upgrades and works, and nothing throws.
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { API, testServer } from '@nazar/testing/client-server';
import { recordDefines } from '@nazar/testing/defines';

const server = testServer();
const BUNDLE = new URL('../dist/cdn/nazar.js', import.meta.url).href;
const LOADER = new URL('./loader.ts', import.meta.url).href;
const PUBLIC = ['service-feedback', 'draft-consultation', 'quick-poll'];

function addScript(src: string, api: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    script.dataset.api = api;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed`));
    document.head.append(script);
  });
}

describe('two builds of Nazar on one page', () => {
  it('the bundle twice, then the npm modules twice and the source loader: one define per tag, all upgrade, no errors', async () => {
    const found = await fetch(BUNDLE, { method: 'HEAD' });
    assert(found.ok, `${BUNDLE} is missing: run  npm run build  first (npm test does)`);
    const errors: string[] = [];
    window.addEventListener('error', (e) => errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));

    const problems: string[] = [];
    for (const [tag, attr] of [
      ['quick-poll', 'poll'],
      ['draft-consultation', 'consultation'],
    ]) {
      const el = document.createElement(tag);
      el.setAttribute(attr, 'no-such-slug');
      el.addEventListener('nazar-error', (e) => problems.push(`${tag}:${e.detail.problem.code}`));
      document.body.append(el);
    }
    const feedback = document.createElement('service-feedback');
    feedback.setAttribute('service', 'birth-certificate');
    document.body.append(feedback);

    const bundle = await recordDefines(async () => {
      await addScript(BUNDLE, API);
      await addScript(`${BUNDLE}?copy=2`, 'https://other.example/');
      for (const tag of PUBLIC) await until(() => customElements.get(tag), 5000, `${tag} defined by the bundle`);
      // The bundle's draft-consultation chunk defines the comment panel with it, in the same task.
      await until(() => customElements.get('nazar-comment-panel'), 5000, 'nazar-comment-panel');
    });
    equal(bundle.errors, '', 'the bundle, twice');
    equal(bundle.defined.sort().join(' '), ['draft-consultation', 'nazar-comment-panel', 'quick-poll', 'service-feedback'].join(' '));
    const bundled = customElements.get('service-feedback');

    // The npm package's define modules (another build: classes of their own) and its loader, each twice.
    const npm = await recordDefines(async () => {
      const first = (await import('./service-feedback/define.js')).ServiceFeedback;
      assert(first !== bundled, 'the sources are another build, with classes of their own');
      await import('./draft-consultation/define.js');
      await import('./quick-poll/define.js');
      // `as string` keeps TypeScript from resolving the query-string URLs as modules.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      await import('./service-feedback/define.ts?copy=2' as string);
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      await import('./quick-poll/define.ts?copy=2' as string);
      await addScript(LOADER, API);
      await addScript(`${LOADER}?copy=2`, API);
    });
    equal(npm.defined.join(' '), '', 'the second build defines nothing');
    equal(npm.errors, '', 'the second build throws nothing');
    equal(customElements.get('service-feedback'), bundled, 'the first build keeps its tags');

    // Every element works: upgraded by the bundle, reading from data-api through msw.
    await until(() => problems.length === 2, 5000, 'the poll and the draft reported their problem');
    equal(problems.sort().join(' '), 'draft-consultation:not-found quick-poll:not-found');
    await until(
      () => feedback.shadowRoot?.querySelector('[part="heading"]')?.textContent.includes('صدور شناسنامه'),
      5000,
      'feedback rendered with the service title',
    );
    // A late element is still upgraded (by the first loader).
    const late = document.createElement('quick-poll');
    document.body.append(late);
    await until(() => late.shadowRoot, 3000, 'a late element upgrades');
    assert(
      server.seen.some((r) => r.url === `${API}v1/polls/no-such-slug`),
      'the bundle read from its data-api',
    );
    equal(errors.join('\n'), '', 'no errors on the page');
    for (const el of document.querySelectorAll(PUBLIC.join(','))) el.remove();
  });
});
