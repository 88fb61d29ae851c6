// nazar.js, loaded the way a county site loads it: a module <script> tag with data-api.
import { assert, equal, until } from '../../client/src/test-helpers.js';
import { pageConfig } from './shared/config.js';

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
    await until(() => customElements.get('service-feedback'), 5000, 'service-feedback defined');
    await until(() => el.shadowRoot, 2000, 'upgraded');
    equal(link.getBoundingClientRect().height, 0, 'fallback hidden once the widget renders');
    el.remove();
  });

  it('defines elements added to the page later', async () => {
    const later = document.createElement('service-feedback');
    later.setAttribute('service', 'later');
    document.body.append(later);
    await until(() => later.shadowRoot, 3000, 'late element upgraded');
    later.remove();
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
      await import(`./service-feedback/define.ts?copy=2` as string);
    } finally {
      customElements.define = original;
    }
    equal(defineCalls.length, 0, `no second define: ${defineCalls.join(',')}`);
    equal(pageConfig().api, 'https://nazar.example/', 'the first configuration stands');
    equal(errors.join('\n'), '', 'no errors');
  });
});
