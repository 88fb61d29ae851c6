// The elements in a Vue 3 page: props become properties (or attributes), `onNazar…` listeners (what a
// template's `@nazar-…` compiles to) receive the nazar-* events, and the props are typed by
// types/vue.d.ts, which is generated from custom-elements.json (render functions here, so the test
// needs no template compiler; h() with the tag typed as its GlobalComponents entry).
import '../service-feedback/define.js';
import '../quick-poll/define.js';
import '../draft-consultation/define.js';
import type {} from '@nazar/elements/vue';
import { createApp, defineComponent, h, nextTick, ref, type App, type GlobalComponents } from 'vue';
import { API, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import type { NazarDeliveredDetail, NazarErrorDetail, NazarQueuedDetail } from '../index.js';
import { useLocale } from '../internal/locale.js';

const server = testServer();

/**
 * The tag, typed as Vue's GlobalComponents entry for it, so h() checks its props against the
 * generated types; at run time h() gets the tag name and creates the custom element.
 */
const tag = <K extends 'service-feedback' | 'quick-poll' | 'draft-consultation'>(name: K) => name as unknown as GlobalComponents[K];

describe('the elements in Vue 3', () => {
  let container: HTMLElement;
  let app: App | undefined;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(async () => {
    app?.unmount();
    app = undefined;
    container.remove();
    await useLocale('fa');
  });

  it('<service-feedback>: properties and attributes from props, @nazar-queued and @nazar-delivered', async () => {
    const service = `vue-${Date.now()}`;
    await server.store.ensureService({ id: service, title: 'صدور شناسنامه', categories: ['speed', 'other'], registeredOrigin: null });
    const queued: NazarQueuedDetail[] = [];
    const delivered: NazarDeliveredDetail[] = [];
    const label = ref('Birth certificate');
    app = createApp(
      defineComponent({
        setup: () => () =>
          h(tag('service-feedback'), {
            service,
            label: label.value,
            api: API,
            summary: true,
            lang: 'en',
            onNazarQueued: (e: CustomEvent<NazarQueuedDetail>) => queued.push(e.detail),
            onNazarDelivered: (e: CustomEvent<NazarDeliveredDetail>) => delivered.push(e.detail),
          }),
      }),
    );
    app.mount(container);
    const el = (await until(() => container.querySelector('service-feedback'), 3000, 'rendered by Vue'))!;
    await until(
      () => el.shadowRoot?.querySelector('[part="heading"]')?.textContent.includes('Birth certificate'),
      5000,
      'heading with the label',
    );
    // Vue sets a prop as a property when the element has one.
    equal(el.service, service);
    equal(el.api, API);
    equal(el.summary, true, 'summary: a boolean property, not the string "true"');
    equal(el.getAttribute('service'), service, 'service reflects');
    equal(el.getAttribute('dir'), 'ltr', 'the element took lang from Vue and set its dir');
    await until(() => el.shadowRoot!.querySelector('[part="summary"]'), 5000, 'the summary, shown because summary is true');

    label.value = 'Birth certificates';
    await nextTick();
    await until(() => el.shadowRoot!.querySelector('[part="heading"]')?.textContent.includes('Birth certificates'), 3000, 'new label');
    equal(container.querySelector('service-feedback'), el, 'the same element');

    el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="rating"]')[4].click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => delivered.length, 5000, 'nazar-delivered through onNazarDelivered');
    equal(queued.length, 1, 'nazar-queued through onNazarQueued');
    equal(queued[0].itemId, delivered[0].itemId);
    assert(/^\d+$/.test(delivered[0].trackingCode), `a tracking code: ${delivered[0].trackingCode}`);
    equal((await server.store.ratingSummary(service)).count, 1, 'one row on the server');
  });

  it('<quick-poll> and <draft-consultation>: @nazar-error, with the problem', async () => {
    const errors: [string, NazarErrorDetail][] = [];
    app = createApp(
      defineComponent({
        setup: () => () =>
          h('div', [
            h(tag('quick-poll'), {
              poll: 'no-such-poll',
              api: API,
              onNazarError: (e: CustomEvent<NazarErrorDetail>) => errors.push(['poll', e.detail]),
            }),
            h(tag('draft-consultation'), {
              consultation: 'no-such-draft',
              api: API,
              onNazarError: (e: CustomEvent<NazarErrorDetail>) => errors.push(['draft', e.detail]),
            }),
          ]),
      }),
    );
    app.mount(container);
    await until(() => errors.length === 2, 5000, 'both errors');
    equal(
      errors
        .map(([who, d]) => `${who}:${d.problem.code}`)
        .sort()
        .join(' '),
      'draft:not-found poll:not-found',
    );
    const poll = container.querySelector('quick-poll')!;
    const draft = container.querySelector('draft-consultation')!;
    equal(poll.poll, 'no-such-poll');
    equal(draft.consultation, 'no-such-draft');
    await until(
      () => poll.shadowRoot?.querySelector('[part="base"]') && draft.shadowRoot?.querySelector('[part="base"]'),
      3000,
      'both rendered',
    );
  });
});
