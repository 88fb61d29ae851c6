import { css } from 'lit';

/**
 * Design tokens. Public knobs are `--nazar-*`; each is copied once into a private `--_*` so the
 * component reads one name and the fallback lives in one place (Material Web's token tiers).
 * Inherited properties a hostile host page may set (letter-spacing, text-transform, text-align …)
 * are reset on the base, because they cross the shadow boundary. The font is inherited on purpose.
 * `--nazar-block-size` is the host page's reservation for a widget that has not drawn itself yet.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--nazar-color-primary, #0b5cab);
    --_on-primary: var(--nazar-color-on-primary, #ffffff);
    --_text: var(--nazar-color-text, #1b1f24);
    --_muted: var(--nazar-color-muted, #57606a);
    --_surface: var(--nazar-color-surface, #ffffff);
    --_subtle: var(--nazar-color-subtle, #f3f5f7);
    --_border: var(--nazar-color-border, #8c959f);
    --_danger: var(--nazar-color-danger, #b3261e);
    --_success: var(--nazar-color-success, #1a7f37);
    --_focus: var(--nazar-color-focus, #ffbf47);
    --_radius: var(--nazar-radius, 0.5rem);
    --_space: var(--nazar-space, 1rem);
    display: block;
    box-sizing: border-box;
    font-family: var(--nazar-font-family, inherit);
    font-size: var(--nazar-font-size, inherit);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  /* Until the widget is drawn at its size (NazarElement's reserving state), it keeps the block size
     the page reserved for it before the upgrade (docs/webmaster.md, "Keep the page still"); its box
     fills that space, so a loading view is already the size of what replaces it. */
  :host(:state(reserving)),
  :host(:state(reserving)) > .base {
    min-block-size: var(--nazar-block-size, auto);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .base {
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    line-height: 1.8;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    font-style: normal;
    font-weight: normal;
  }
  h2,
  h3,
  p,
  fieldset,
  legend,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
    padding: 0;
  }
  button,
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button {
    cursor: pointer;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
    font-weight: bold;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.link {
    border: 0;
    padding-inline: 0;
    background: none;
    text-decoration: underline;
    font-weight: normal;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
  }
  .stack > * + * {
    margin-block-start: var(--_space);
  }
`;
