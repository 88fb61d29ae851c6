// The elements in a React 19 page: props become properties (or attributes), `on<event>` props
// become listeners for the nazar-* events, and the props are typed by types/react.d.ts, which is
// generated from custom-elements.json (no JSX here: React.createElement through `jsx()` below, so the
// test needs no JSX transform; types/test/react.tsx checks the JSX form itself).
import '../service-feedback/define.js';
import '../quick-poll/define.js';
import '../draft-consultation/define.js';
import type {} from '@nazar/elements/react';
import { createElement, type JSX } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { API, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import type { NazarDeliveredDetail, NazarErrorDetail, NazarQueuedDetail } from '../index.js';
import { useLocale } from '../internal/locale.js';

const server = testServer();

/** React.createElement, with the props of the tag as the generated JSX types declare them. */
function jsx<K extends 'service-feedback' | 'quick-poll' | 'draft-consultation'>(tag: K, props: JSX.IntrinsicElements[K]) {
  return createElement(tag, props);
}

describe('the elements in React 19', () => {
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(async () => {
    root.unmount();
    container.remove();
    await useLocale('fa');
  });

  it('<service-feedback>: properties and attributes from props, nazar-queued and nazar-delivered through on<event> props', async () => {
    const service = `react-${Date.now()}`;
    await server.store.ensureService({ id: service, title: 'صدور شناسنامه', categories: ['speed', 'other'], registeredOrigin: null });
    const queued: NazarQueuedDetail[] = [];
    const delivered: NazarDeliveredDetail[] = [];
    const render = (label: string) =>
      root.render(
        jsx('service-feedback', {
          service,
          label,
          api: API,
          summary: true,
          lang: 'en',
          'onnazar-queued': (e) => queued.push(e.detail),
          'onnazar-delivered': (e) => delivered.push(e.detail),
        }),
      );
    render('Birth certificate');
    const el = (await until(() => container.querySelector('service-feedback'), 3000, 'rendered by React'))!;
    await until(
      () => el.shadowRoot?.querySelector('[part="heading"]')?.textContent.includes('Birth certificate'),
      5000,
      'heading with the label',
    );
    // React 19 sets a prop as a property when the element has one.
    equal(el.service, service);
    equal(el.api, API);
    equal(el.summary, true, 'summary: a boolean property, not the string "true"');
    equal(el.getAttribute('service'), service, 'service reflects');
    equal(el.getAttribute('lang'), 'en');
    equal(el.getAttribute('dir'), 'ltr', 'the element took lang from React and set its dir');
    await until(() => el.shadowRoot!.querySelector('[part="summary"]'), 5000, 'the summary, shown because summary is true');

    // A re-render with another label updates the element in place.
    render('Birth certificates');
    await until(() => el.shadowRoot!.querySelector('[part="heading"]')?.textContent.includes('Birth certificates'), 3000, 'new label');
    equal(container.querySelector('service-feedback'), el, 'the same element');

    el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="rating"]')[3].click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => delivered.length, 5000, 'nazar-delivered through onnazar-delivered');
    equal(queued.length, 1, 'nazar-queued through onnazar-queued');
    equal(queued[0].itemId, delivered[0].itemId);
    assert(/^\d+$/.test(delivered[0].trackingCode), `a tracking code: ${delivered[0].trackingCode}`);
    equal((await server.store.ratingSummary(service)).count, 1, 'one row on the server');
  });

  it('<quick-poll> and <draft-consultation>: nazar-error through onnazar-error, with the problem', async () => {
    const errors: [string, NazarErrorDetail][] = [];
    root.render(
      createElement(
        'div',
        null,
        jsx('quick-poll', { poll: 'no-such-poll', api: API, 'onnazar-error': (e) => errors.push(['poll', e.detail]) }),
        jsx('draft-consultation', { consultation: 'no-such-draft', api: API, 'onnazar-error': (e) => errors.push(['draft', e.detail]) }),
      ),
    );
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
