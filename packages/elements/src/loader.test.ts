// nazar.js, loaded the way a county site loads it: a module <script> tag with data-api.
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { pageConfig } from './internal/config.js';

const LOADER = new URL('./loader.ts', import.meta.url).href;
const errors: string[] = [];
window.addEventListener('error', (e) => errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));

function addScript(src: string, api?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    if (api) script.dataset.api = api;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed`));
    document.head.append(script);
  });
}

describe('nazar.js loader', () => {
  it('keeps fallback content visible until the element upgrades, then defines only what is on the page', async () => {
    const el = document.createElement('service-feedback');
    el.setAttribute('service', 'x');
    el.innerHTML = '<a href="/feedback/x">ثبت نظر</a>';
    document.body.append(el);
    const link = el.querySelector('a')!;
    assert(link.getBoundingClientRect().height > 0, 'fallback link visible before the loader runs');
    equal(customElements.get('service-feedback'), undefined);

    await addScript(LOADER, 'https://nazar.example/');
    equal(pageConfig().api, 'https://nazar.example/', 'data-api read from its own script tag');
    equal(pageConfig().base, new URL('./', LOADER).href, 'without data-base, the chunks are beside nazar.js');
    await until(() => customElements.get('service-feedback'), 5000, 'service-feedback defined');
    await until(() => el.shadowRoot, 2000, 'upgraded');
    // Until its first render (it waits a while for its first read) the widget shows it through a slot.
    await until(() => link.getBoundingClientRect().height === 0, 5000, 'fallback hidden once the widget renders');
    el.remove();
  });

  it('defines elements added to the page later', async () => {
    const later = document.createElement('service-feedback');
    later.setAttribute('service', 'later');
    document.body.append(later);
    await until(() => later.shadowRoot, 3000, 'late element upgraded');
    later.remove();
  });

  it("starts a poll's read while its code downloads, with the device's voter key, and the element takes it", async () => {
    const key = 'loader-test-voter-key-0123';
    localStorage.setItem('nazar:voter-key', key);
    const reads: { url: string; voter: string | null; elementDefined: boolean }[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.includes('/v1/polls/')) return original(input, init);
      reads.push({
        url,
        voter: new Headers(init?.headers).get('Nazar-Voter'),
        elementDefined: customElements.get('quick-poll') !== undefined,
      });
      // An answer (a failed read is forgotten, and the element would rightly read again).
      const body = { type: 'https://nazar.example/problems/not-found', title: 'Not found', status: 404, code: 'not-found' };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
    };
    try {
      const poll = document.createElement('quick-poll');
      poll.setAttribute('poll', 'bus-routes');
      // The element reports the read's answer (here a not-found) once it has taken it.
      const answered = new Promise((resolve) => poll.addEventListener('nazar-error', resolve, { once: true }));
      document.body.append(poll);
      await until(() => reads.length > 0, 3000, 'read started');
      equal(reads[0].url, 'https://nazar.example/v1/polls/bus-routes');
      equal(reads[0].voter, key);
      equal(reads[0].elementDefined, false, 'started by the loader, before the element code ran');
      await until(() => customElements.get('quick-poll') && poll.shadowRoot, 5000, 'upgraded');
      // The element's own read (same URL, same key) is the one already started: by the time it has
      // its answer, a read of its own would have been sent. There is none.
      await answered;
      equal(reads.length, 1, JSON.stringify(reads));
      poll.remove();
    } finally {
      window.fetch = original;
      localStorage.removeItem('nazar:voter-key');
    }
  });

  it('does nothing harmful when included twice, even from another URL', async () => {
    const defineCalls: string[] = [];
    const original = customElements.define.bind(customElements);
    customElements.define = (name, ctor, options) => {
      defineCalls.push(name);
      original(name, ctor, options);
    };
    try {
      await addScript(`${LOADER}?copy=2`, 'https://other.example/');
      await addScript(LOADER, 'https://other.example/');
      const again = document.createElement('service-feedback');
      document.body.append(again);
      await until(() => again.shadowRoot, 3000, 'still upgrades');
      again.remove();
      // The second copy's define module runs too (it is a different URL): it must not redefine.
      // `as string` keeps TypeScript from resolving the query-string URL as a module.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      await import(`./service-feedback/define.ts?copy=2` as string);
    } finally {
      customElements.define = original;
    }
    equal(defineCalls.length, 0, `no second define: ${defineCalls.join(',')}`);
    equal(pageConfig().api, 'https://nazar.example/', 'the first configuration stands');
    equal(errors.join('\n'), '', 'no errors');
  });
});
