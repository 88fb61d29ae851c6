// The NazarElement base in a real browser: locale, `api`, and the first render's wait for ICU,
// through a tiny element that shows what the base gives it.
import { LitElement, html } from 'lit';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { setIntlReady, setPageConfig } from './config.js';
import { getLocale, useLocale } from './locale.js';
import { problemMessage } from './messages.js';
import { NazarElement } from './nazar-element.js';

class BaseProbe extends NazarElement {
  renders = 0;

  get shownLocale() {
    return this.locale;
  }

  get resolvedApi() {
    return this.apiBase;
  }

  override render() {
    this.renders++;
    // A message every translation has (en) or falls back to Persian for (bal).
    return html`<p>${problemMessage({ code: 'not-found' })}</p>`;
  }
}
customElements.define('base-probe', BaseProbe);

/** A plain element: rendered within the microtasks after connecting, it tells when a render that waits for nothing would be done. */
class PlainProbe extends LitElement {
  override render() {
    return html`<p>plain</p>`;
  }
}
customElements.define('plain-probe', PlainProbe);

function mount(attrs: Record<string, string> = {}, parent: HTMLElement = document.body): BaseProbe {
  const el = document.createElement('base-probe') as BaseProbe;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  return el;
}

const shown = (el: Element) => el.shadowRoot?.textContent?.trim();
const registry = globalThis as Record<symbol, unknown>;

describe('NazarElement', () => {
  afterEach(async () => {
    document.querySelectorAll('base-probe, plain-probe, div.wrapper').forEach((e) => e.remove());
    delete registry[Symbol.for('nazar.config')];
    delete registry[Symbol.for('nazar.intl-ready')];
    await useLocale('fa');
  });

  it('is Persian and right to left by default, and says so on its host', async () => {
    const el = mount();
    await el.updateComplete;
    equal(el.shownLocale, 'fa');
    equal(el.getAttribute('dir'), 'rtl');
    equal(el.getAttribute('lang'), 'fa');
    equal(shown(el), 'چیزی پیدا نشد.');
  });

  it('takes English from its own lang, switches the page to it and renders again once it has loaded', async () => {
    const el = mount({ lang: 'en-GB' });
    equal(el.shownLocale, 'en');
    equal(el.getAttribute('dir'), 'ltr');
    equal(el.getAttribute('lang'), 'en-GB', "the embedder's lang stays");
    await until(() => shown(el) === 'Nothing was found.', 5000, 'English text');
    equal(getLocale(), 'en');
    assert(el.renders >= 2, `rendered again when the translation loaded (${el.renders} renders)`);
  });

  it('renders Balochi right to left, in Persian where a text is not translated', async () => {
    const el = mount({ lang: 'bcc' });
    equal(el.shownLocale, 'bal');
    equal(el.getAttribute('dir'), 'rtl');
    await until(() => getLocale() === 'bal', 5000, 'Balochi loaded');
    await el.updateComplete;
    equal(shown(el), 'چیزی پیدا نشد.');
  });

  it("inherits the nearest ancestor's lang, and keeps a dir the embedder set", async () => {
    const wrapper = document.createElement('div');
    wrapper.className = 'wrapper';
    wrapper.lang = 'en';
    document.body.append(wrapper);
    const inherited = mount({}, wrapper);
    equal(inherited.shownLocale, 'en');
    equal(inherited.getAttribute('lang'), 'en');
    equal(inherited.getAttribute('dir'), 'ltr');
    const fixed = mount({ dir: 'ltr' });
    equal(fixed.shownLocale, 'fa');
    equal(fixed.getAttribute('dir'), 'ltr', "the embedder's dir wins");
  });

  it("resolves its adapter from the api attribute or property, else the loader's data-api", async () => {
    const none = mount();
    equal(none.resolvedApi, undefined, 'no api anywhere');
    const relative = mount({ api: '/nazar/' });
    equal(relative.resolvedApi, new URL('/nazar/', document.baseURI).href, 'resolved against the page');
    const property = mount();
    property.api = 'https://county.example/nazar/';
    equal(property.resolvedApi, 'https://county.example/nazar/');
    await property.updateComplete;
    equal(property.getAttribute('api'), null, 'not reflected');
    setPageConfig({ api: 'https://loader.example/' });
    equal(none.resolvedApi, 'https://loader.example/', "the loader's data-api");
    equal(relative.resolvedApi, new URL('/nazar/', document.baseURI).href, 'the attribute wins');
  });

  it('holds its first render until ICU is ready', async () => {
    let ready!: () => void;
    setIntlReady(new Promise<void>((resolve) => (ready = resolve)));
    const el = mount();
    const plain = document.createElement('plain-probe') as PlainProbe;
    document.body.append(plain);
    await plain.updateComplete;
    equal(el.hasUpdated, false, 'not rendered while ICU is prepared');
    equal(el.renders, 0);
    ready();
    await until(() => el.hasUpdated, 3000, 'rendered once ICU is ready');
    equal(shown(el), 'چیزی پیدا نشد.');
  });

  it('lets a widget wait for something else before its first render', async () => {
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    class GatedProbe extends BaseProbe {
      protected override beforeFirstUpdate() {
        return gate;
      }
    }
    customElements.define('gated-probe', GatedProbe);
    setIntlReady(new Promise<void>(() => {})); // never ready: the widget does not wait for it
    const el = document.createElement('gated-probe') as GatedProbe;
    document.body.append(el);
    const plain = document.createElement('plain-probe') as PlainProbe;
    document.body.append(plain);
    await plain.updateComplete;
    equal(el.hasUpdated, false, 'waiting for its own gate');
    go();
    await until(() => el.hasUpdated, 3000, 'rendered once its gate opened');
    el.remove();
  });
});
