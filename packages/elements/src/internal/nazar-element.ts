import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { localized } from '@lit/localize';
import { intlReady, resolveApi } from './config.js';
import { adoptLocale, type NazarLocale } from './locale.js';

/**
 * How long a widget's first render waits for its first read (the loader started it while the
 * widget's code downloaded, so it is usually there already). Drawing the widget with its data
 * means it is drawn once, at its final size, instead of growing when the data arrives; past this,
 * it draws what it has, in placeholders of the final size (docs/webmaster.md, "Keep the page still").
 */
export const FIRST_READ_WAIT_MS = 1000;

/** The custom state a widget has while it holds its place (`:host(:state(reserving))`). */
export const RESERVING = 'reserving';

/**
 * What every public Nazar widget (a tag a webmaster pastes) shares: it re-renders when the page's
 * Nazar locale loads, takes its locale from its own or the page's `lang` (and sets `dir`/`lang`
 * on itself, see adoptLocale), reads its adapter from `api` or the loader's `data-api`, and holds
 * its first render until ICU is ready and its first read is in (at most FIRST_READ_WAIT_MS). The
 * parts a widget renders inside itself (the comment panel, the tracking lookup) are given their
 * `lang` and a resolved `api` by it, so they are not NazarElements: adopting would set a `dir` on
 * them.
 *
 * Keeping the host page still (issue 15): until the first render the tag's own content (the
 * webmaster's fallback) stays on screen through a bare slot, and while `reserving()` says so the
 * widget has the custom state `reserving`, in which base.styles.ts gives it the block size the
 * page reserved with `--nazar-block-size` (the page's `:not(:defined)` rule held it before).
 */
@localized()
export class NazarElement extends LitElement {
  /** Base URL of the Nazar adapter, e.g. `https://nazar.example/` (default: the loader's `data-api`). */
  @property() api = '';

  /** Resolved on connecting (adoptLocale). */
  protected locale: NazarLocale = 'fa';

  /** Shows the page's own content inside the tag until the first render (see createRenderRoot). */
  private earlySlot: HTMLSlotElement | undefined;
  private readonly internals: ElementInternals | undefined = this.attachInternals?.();

  /** The adapter's base URL, or undefined when neither `api` nor the loader gives one. */
  protected get apiBase(): string | undefined {
    return resolveApi(this.api || this.getAttribute('api'));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = adoptLocale(this);
    this.reserve(this.reserving());
  }

  /**
   * Attaching the shadow root hides the tag's own content at once; until the first render (which
   * waits for ICU and the first read), a bare slot keeps that content on screen: no blank frame.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.earlySlot = root.appendChild(document.createElement('slot'));
    return root;
  }

  protected override update(changed: PropertyValues<this>): void {
    this.earlySlot?.remove();
    this.earlySlot = undefined;
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.reserve(this.reserving());
  }

  /** Whether the widget still holds the place the page reserved: by default, until the first render. */
  protected reserving(): boolean {
    return !this.hasUpdated;
  }

  private reserve(on: boolean): void {
    // Without custom states (older browsers) the page's reservation ends at the upgrade.
    const states = this.internals?.states;
    if (on) states?.add(RESERVING);
    else states?.delete(RESERVING);
  }

  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await this.beforeFirstUpdate();
    await super.scheduleUpdate();
  }

  /**
   * What the first render waits for: ICU (internal/config.ts, intlReady), since it formats
   * numbers, and the widget's first read (firstRead), for at most FIRST_READ_WAIT_MS.
   */
  protected beforeFirstUpdate(): Promise<unknown> | undefined {
    const read = this.firstRead();
    const late = new Promise((resolve) => setTimeout(resolve, FIRST_READ_WAIT_MS));
    return read ? Promise.all([intlReady(), Promise.race([read.catch(() => {}), late])]) : intlReady();
  }

  /** The widget's first read, started now; the first render waits for it a while. None by default. */
  protected firstRead(): Promise<unknown> | undefined {
    return undefined;
  }
}
