import { css } from 'lit';

/**
 * What every console screen shares. The same `--nazar-*` tokens as the widgets
 * (internal/base.styles.ts), with private `--_*` copies; not imported from there, so the console
 * shares no module with the widgets but lit and @lit/localize (a shared module would split the
 * widgets' chunks).
 */
export const consoleStyles = css`
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
    color: var(--_text);
    line-height: 1.7;
  }
  :host([hidden]) {
    display: none;
  }
  h2 {
    font-size: 1.35rem;
    margin-block: 0 0.75rem;
  }
  h3 {
    font-size: 1.1rem;
    margin-block: 1rem 0.5rem;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  .button {
    font: inherit;
    min-block-size: 2.5rem;
    padding-block: 0.35rem;
    padding-inline: 0.9rem;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  button.secondary,
  .button.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :is(button, a, input, select, textarea, [tabindex]):focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.4rem 0.55rem;
    box-sizing: border-box;
    max-inline-size: 100%;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 5rem;
  }
  input[type='text'],
  input[type='search'],
  input:not([type]) {
    inline-size: min(100%, 32rem);
  }
  .field {
    margin-block-end: 0.9rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
    margin-block: 0 0.25rem;
  }
  .error-text {
    color: var(--_danger);
    font-weight: 600;
    margin-block: 0.25rem;
  }
  .error-summary {
    border: 3px solid var(--_danger);
    padding: 0.75rem 1rem;
    margin-block-end: 1rem;
  }
  .missing {
    border: 2px solid var(--_danger);
    padding: 0.25rem 1rem 0.75rem;
    margin-block-end: 1rem;
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .ok-text {
    color: var(--_success);
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.75rem;
    margin-block-end: 1.25rem;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    background: var(--_surface);
  }
  .card .figure {
    font-size: 1.8rem;
    font-weight: 700;
    display: block;
  }
  table.data {
    border-collapse: collapse;
    inline-size: 100%;
  }
  table.data th,
  table.data td {
    border-block-end: 1px solid var(--_border);
    padding: 0.35rem 0.5rem;
    text-align: start;
    vertical-align: top;
  }
  .item {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin-block-end: 0.75rem;
    background: var(--_surface);
  }
  .item[aria-current='true'] {
    border-color: var(--_primary);
    box-shadow: 0 0 0 2px var(--_primary);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .user-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
  }
  ul.plain {
    list-style: none;
    padding: 0;
  }
  ol:lang(fa) {
    list-style-type: persian;
  }
  .grow {
    flex: 1;
    min-inline-size: 16rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block: 0.5rem;
  }
  ins {
    background: #d7f5dd;
    text-decoration: underline;
  }
  del {
    background: #fbe0de;
  }
  /* A replaced word: a gap between what went and what came (the texts have no space there). */
  del + ins {
    margin-inline-start: 0.3em;
  }
  @media (forced-colors: active) {
    ins,
    del {
      background: none;
    }
  }
`;
