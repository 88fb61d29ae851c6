import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { ExportKind, FieldError } from '@nazar/protocol';
import { ConsoleError } from './api.js';
import { chartStyles } from './chart.js';
import { consoleStyles } from './console.styles.js';
import type { ConsoleContext } from './context.js';
import { exportLabel, saveExport } from './download.js';
import { failureText } from './messages.js';

/**
 * What every console screen shares: the shell's context, and `act()`, which runs an action,
 * announces its success, or shows why it failed (with the fields) without touching what the
 * official typed.
 */
@localized()
export class ConsoleScreen extends LitElement {
  static override styles = [consoleStyles, chartStyles];

  @property({ attribute: false }) ctx!: ConsoleContext;

  /** The last failure's sentence, shown in the screen's error summary. */
  @state() protected failure: string | null = null;
  @state() protected fieldErrors: readonly FieldError[] = [];
  @state() protected busy = false;

  /** Runs `action`; on success announces `done` (if given), on failure shows the reason. */
  protected async act<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
    this.busy = true;
    this.failure = null;
    this.fieldErrors = [];
    try {
      const result = await action();
      if (done) this.ctx.announce(done);
      return result;
    } catch (error) {
      this.failure = failureText(error);
      this.fieldErrors = error instanceof ConsoleError ? error.fields : [];
      this.ctx.announce(this.failure);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /**
   * A list's CSV and JSON export buttons: `query` gives the list's current filters at the click.
   * `what` names the pair when a screen has two (a poll's votes and the list of polls).
   */
  protected renderExport(kind: ExportKind, query: () => URLSearchParams, what?: string) {
    return html`<div class="toolbar" role=${what ? 'group' : nothing} aria-label=${what ?? nothing}>
      ${this.exportButtons(kind, query)}
    </div>`;
  }

  /** The two buttons alone, for a toolbar that holds other actions too. */
  protected exportButtons(kind: ExportKind, query: () => URLSearchParams) {
    return (['csv', 'json'] as const).map(
      (format) =>
        html`<button
          class="secondary"
          type="button"
          @click=${() => this.act(() => saveExport(this.ctx.api, kind, query(), format), msg('پرونده آماده شد.', { id: 'c.export.done' }))}
        >
          ${exportLabel(format)}
        </button>`,
    );
  }

  /** The error summary (GOV.UK): it takes focus after a failed action. */
  protected renderFailure(label: (field: string) => string = (f) => f, describe?: (e: FieldError, label: string) => string) {
    if (!this.failure) return nothing;
    return html`<div class="error-summary" role="alert" tabindex="-1">
      <p class="error-text">${this.failure}</p>
      ${
        this.fieldErrors.length && describe
          ? html`<ul>
            ${this.fieldErrors.map((e) => html`<li>${describe(e, label(e.field))}</li>`)}
          </ul>`
          : nothing
      }
    </div>`;
  }
}
