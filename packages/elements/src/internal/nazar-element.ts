import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { localized } from '@lit/localize';
import { intlReady, resolveApi } from './config.js';
import { adoptLocale, type NazarLocale } from './locale.js';

/**
 * What every public Nazar widget (a tag a webmaster pastes) shares: it re-renders when the page's
 * Nazar locale loads, takes its locale from its own or the page's `lang` (and sets `dir`/`lang`
 * on itself, see adoptLocale), reads its adapter from `api` or the loader's `data-api`, and holds
 * its first render until ICU is ready. The parts a widget renders inside itself (the comment
 * panel, the tracking lookup) are given their `lang` and a resolved `api` by it, so they are not
 * NazarElements: adopting would set a `dir` on them.
 */
@localized()
export class NazarElement extends LitElement {
  /** Base URL of the Nazar adapter, e.g. `https://nazar.example/` (default: the loader's `data-api`). */
  @property() api = '';

  /** Resolved on connecting (adoptLocale). */
  protected locale: NazarLocale = 'fa';

  /** The adapter's base URL, or undefined when neither `api` nor the loader gives one. */
  protected get apiBase(): string | undefined {
    return resolveApi(this.api || this.getAttribute('api'));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = adoptLocale(this);
  }

  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await this.beforeFirstUpdate();
    await super.scheduleUpdate();
  }

  /** What the first render waits for: by default ICU (internal/config.ts, intlReady), since it formats numbers. */
  protected beforeFirstUpdate(): Promise<void> | undefined {
    return intlReady();
  }
}
