import { css } from 'lit';

export const formPartsStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
  }
  label,
  legend {
    font-weight: bold;
  }
  fieldset {
    border: 0;
    min-inline-size: 0;
  }
  legend {
    margin-block-end: 0.5rem;
  }
  textarea,
  input[type='text'] {
    inline-size: 100%;
    padding: 0.5rem;
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    line-height: 1.6;
  }
  textarea {
    resize: vertical;
    min-block-size: 6rem;
  }
  .invalid {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
  }
  .invalid textarea,
  .invalid input[type='text'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-weight: bold;
  }
  .hint,
  .count,
  .privacy {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .count.over {
    color: var(--_danger);
    font-weight: bold;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .error-summary {
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary ul {
    list-style: none;
    margin-block-start: 0.5rem;
  }
  .error-summary .link {
    color: var(--_danger);
    font-weight: bold;
    text-align: start;
  }
  .status {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_subtle);
    border-inline-start: 5px solid var(--_primary);
  }
  .status.received {
    border-inline-start-color: var(--_success);
  }
  .status > * + * {
    margin-block-start: 0.5rem;
  }
  .status-title {
    font-weight: bold;
    font-size: 1.1em;
  }
  .code-box {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .code-value {
    font-size: 1.5em;
    font-weight: bold;
    padding-block: 0.2rem;
    padding-inline: 0.75rem;
    border: 2px dashed var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    unicode-bidi: isolate;
    user-select: all;
  }
  .notice {
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_subtle);
  }
  .notice.error {
    color: var(--_danger);
    font-weight: bold;
  }
  .notice.warning {
    border-inline-start: 5px solid var(--_focus);
  }
`;
