import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { groupTrackingCode, type FieldError } from '@nazar/protocol/browser';
import { formatCode, formatNumber } from './format.js';
import type { NazarLocale } from './locale.js';
import { fieldErrorMessage, fieldLabel } from './messages.js';

/**
 * Pieces every Nazar form shares, GOV.UK style: the error summary that takes focus, a one-line
 * text field, the character count, and the tracking code with its copy button.
 */

/**
 * A one-line text field: its label, a hint, the error (when shown) above the input, both tied to
 * the input for screen readers (`${id}-hint`, `${id}-error`). User text: `dir="auto"`.
 */
export function textField(o: {
  id: string;
  label: string;
  hint: string;
  error: FieldError | undefined;
  locale: NazarLocale;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  autocomplete: string;
  spellcheck?: boolean;
  readonly?: boolean;
  part?: string;
}) {
  return html`<div class="field ${o.error ? 'invalid' : ''}">
    <label for=${o.id}>${o.label}</label>
    <p class="hint" id="${o.id}-hint">${o.hint}</p>
    ${o.error ? html`<p class="field-error" id="${o.id}-error">${fieldErrorMessage(o.error, o.locale)}</p>` : nothing}
    <input
      id=${o.id}
      part=${o.part ?? nothing}
      type="text"
      dir="auto"
      autocomplete=${o.autocomplete}
      spellcheck=${o.spellcheck === false ? 'false' : nothing}
      .value=${o.value}
      ?readonly=${o.readonly ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${o.error ? `${o.id}-error ${o.id}-hint` : `${o.id}-hint`}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
      @blur=${o.onBlur ?? nothing}
    />
  </div>`;
}

/** The list of problems shown after send; each entry moves focus to its field. */
export function errorSummary(errors: readonly FieldError[], locale: NazarLocale, focusField: (field: string) => void, label = fieldLabel) {
  if (!errors.length) return nothing;
  return html`
    <div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${msg('مشکلی وجود دارد', { id: 'sf.errors.title' })}</h3>
      <ul>
        ${errors.map(
          (e) => html`<li>
            <button type="button" class="link" @click=${() => focusField(e.field)}>${label(e.field)}: ${fieldErrorMessage(e, locale)}</button>
          </li>`,
        )}
      </ul>
    </div>
  `;
}

/** "You have 1,980 characters remaining" (or "… too many"), in the locale's digits. */
export function countMessage(used: number, limit: number, locale: NazarLocale): string {
  const left = limit - used;
  if (left >= 0) {
    const n = formatNumber(left, locale);
    return msg(str`${n} نویسه باقی مانده است`, { id: 'sf.count.remaining' });
  }
  const n = formatNumber(-left, locale);
  return msg(str`${n} نویسه بیش از اندازه است`, { id: 'sf.count.over' });
}

/** The tracking code: Persian digits for fa/bal, isolated left to right; the button copies Latin digits. */
export function trackingCodeBox(code: string, locale: NazarLocale, copied: boolean, onCopy: () => void) {
  return html`
    <p>${msg('کد رهگیری شما:', { id: 'sf.status.code-label' })}</p>
    <p class="code-box">
      <bdi class="code-value" dir="ltr" part="tracking-code" lang="en">${formatCode(groupTrackingCode(code), locale)}</bdi>
      <button type="button" part="copy-button" @click=${onCopy}>
        ${copied ? msg('رونوشت شد', { id: 'sf.copied' }) : msg('رونوشت کد', { id: 'sf.copy' })}
      </button>
    </p>
    <p class="hint">${msg('این کد را نگه دارید تا بعداً پاسخ را ببینید.', { id: 'sf.status.keep-code' })}</p>
  `;
}

/**
 * Copies text to the clipboard. Without clipboard access (an http page, a denied permission) it
 * selects the element's text instead so the citizen can copy it, and says which happened.
 */
export async function copyText(text: string, root: ShadowRoot | HTMLElement, selectSelector: string): Promise<'copied' | 'selected'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    const el = root.querySelector(selectSelector);
    const shadow = root as ShadowRoot & { getSelection?: () => Selection | null };
    const selection = shadow.getSelection?.() ?? document.getSelection();
    if (el && selection) selection.selectAllChildren(el);
    return 'selected';
  }
}

/** Shared look of these pieces (error summary, code box, counts, hints). */
export { formPartsStyles } from './form-parts.styles.js';
