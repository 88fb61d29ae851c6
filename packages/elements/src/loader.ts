/**
 * nazar.js — the one script tag a webmaster pastes:
 *
 *   <script type="module" src="https://nazar.example/nazar.js" data-api="https://nazar.example/"></script>
 *
 * (with `integrity` from the build's manifest.json, and `data-base` when the chunks are elsewhere).
 * It stays tiny: it reads `data-api` and `data-base` from its own tag, then loads an element's code only when
 * that tag is on the page (now or later), so a page with one widget pays for one widget.
 * Including it twice, even from two URLs, does nothing the second time.
 */
import { prefetchJson } from '@nazar/client/prefetch';
import { CONSULTATION_READ, POLL_READ, SERVICE_READ, VOTER_KEY_HEADER } from '@nazar/protocol/routes';
import { prepareIntl } from './intl-warmup.js';
import { intlReady, pageConfig, resolveApi, setIntlReady, setPageConfig, storedVoterKey } from './internal/config.js';

const ELEMENTS: Record<string, () => Promise<unknown>> = {
  'service-feedback': () => import('./service-feedback/define.js'),
  'draft-consultation': () => import('./draft-consultation/define.js'),
  'quick-poll': () => import('./quick-poll/define.js'),
};

/**
 * The data an element reads first (path, headers), fetched while its code downloads (not in
 * parallel would be a waterfall).
 */
const FIRST_READ: Record<string, (el: Element) => [string, Record<string, string>?] | undefined> = {
  'draft-consultation': (el) => {
    const slug = el.getAttribute('consultation');
    return slug ? [CONSULTATION_READ.path(slug)] : undefined;
  },
  'service-feedback': (el) => {
    const id = el.getAttribute('service');
    return id ? [SERVICE_READ.path(id)] : undefined;
  },
  'quick-poll': (el) => {
    const slug = el.getAttribute('poll');
    // With the voter key the device already has, as quick-poll reads it (existingVoterKey).
    const key = storedVoterKey();
    const headers: Record<string, string> = key ? { [VOTER_KEY_HEADER]: key } : {};
    return slug ? [POLL_READ.path(slug), headers] : undefined;
  },
};

/**
 * Where nazar.js was served from, with its sibling files (nazar-intl.js, chunks/) unless its tag's
 * `data-base` names another folder. (Not `new URL('./', import.meta.url)`: vite takes that for an
 * asset and inlined src/ as a data: URL.)
 */
const BUNDLE_BASE = import.meta.url.replace(/[^/]*$/, '');

const LOADED = Symbol.for('nazar.loader');
const registry = globalThis as Record<symbol, unknown>;

function ownScript(): HTMLScriptElement | undefined {
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]')) {
    if (script.src === import.meta.url) return script;
  }
  return undefined;
}

/** The folder `data-base` names, ending in `/`, against the page; nazar.js's own without one (or an unusable one). */
function chunkBase(base: string | undefined): string {
  try {
    if (base) return new URL(base.replace(/\/?$/, '/'), document.baseURI).href;
  } catch {
    // An address that is not one: the files beside nazar.js.
  }
  return BUNDLE_BASE;
}

function configure(): void {
  const script = ownScript();
  // Without data-api the adapter is assumed to serve nazar.js itself. The chunks are fetched from
  // `base` (the build's import helper reads it: packages/elements/build/plugins.ts).
  setPageConfig({ api: script?.dataset.api || BUNDLE_BASE, base: chunkBase(script?.dataset.base) });
}

function start(): void {
  const pending = new Map(Object.entries(ELEMENTS));
  const scan = () => {
    for (const [tag, load] of pending) {
      const found = document.getElementsByTagName(tag);
      if (!found.length) continue;
      pending.delete(tag);
      // ICU, off the main thread while the code downloads (intl-warmup.ts).
      if (!intlReady()) setIntlReady(prepareIntl(`${pageConfig().base ?? BUNDLE_BASE}nazar-intl.js`).then(() => undefined));
      for (const el of found) {
        const read = FIRST_READ[tag]?.(el);
        const api = resolveApi(el.getAttribute('api'));
        if (read && api) prefetchJson(api, read[0], read[1]);
      }
      // The element's chunks in a task of their own: starting the GET and the imports together
      // is a long task on a slow phone (first use of fetch, module loading, at 4× CPU slowdown).
      setTimeout(() =>
        load().catch(() => {
          // The fallback content inside the tag stays visible; tell the page why.
          for (const el of document.getElementsByTagName(tag)) {
            el.dispatchEvent(new CustomEvent('nazar-error', { bubbles: true, composed: true, detail: { problem: { code: 'network' } } }));
          }
          pending.set(tag, load);
        }),
      );
    }
    if (!pending.size) observer.disconnect();
  };
  const observer = new MutationObserver(scan);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  scan();
}

/**
 * Runs `fn` once the page has had the chance to paint: on a fast connection nazar.js arrives
 * before the host page's first frame, and its work (the first fetch, module loading) would hold
 * the page's own text back (measured: up to 150 ms at 4× CPU slowdown). On a slow one the page has
 * painted long before, and this costs at most a frame. A hidden tab runs no frames: 100 ms at most.
 */
function afterFirstPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, 100);
}

if (!registry[LOADED]) {
  registry[LOADED] = true;
  configure();
  afterFirstPaint(start);
}
