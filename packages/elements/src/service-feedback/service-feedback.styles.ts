import { css } from 'lit';

export const serviceFeedbackStyles = css`
  h2 {
    font-size: 1.25em;
    font-weight: bold;
    margin-block-end: calc(var(--_space) * 0.75);
  }
  h3,
  h4 {
    font-size: 1.05em;
    font-weight: bold;
  }
  legend,
  label {
    font-weight: bold;
  }
  fieldset {
    border: 0;
    min-inline-size: 0;
  }
  legend {
    margin-block-end: 0.5rem;
  }
  .rating-options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .rating-option {
    position: relative;
    display: flex;
    flex: 1 1 5.5rem;
    flex-direction: column;
    align-items: center;
    gap: 0.1rem;
    min-block-size: 2.75rem;
    padding-block: 0.4rem;
    padding-inline: 0.5rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
    font-weight: normal;
    text-align: center;
  }
  .rating-option input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .rating-option:has(input:checked) {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .rating-option:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .rating-number {
    font-size: 1.3em;
    font-weight: bold;
  }
  .rating-word {
    font-size: 0.85em;
  }
  .category-options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-block-size: 2.75rem;
    font-weight: normal;
  }
  .check input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
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
  .invalid textarea,
  .invalid input[type='text'],
  .rating.invalid .rating-option {
    border-color: var(--_danger);
  }
  .invalid {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
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
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_subtle);
  }
  .notice.error {
    color: var(--_danger);
    font-weight: bold;
  }
  .summary {
    margin-block-end: var(--_space);
  }
  .distribution {
    border-collapse: collapse;
    inline-size: 100%;
    max-inline-size: 24rem;
    margin-block-start: 0.25rem;
  }
  .distribution th,
  .distribution td {
    padding-block: 0.1rem;
    padding-inline: 0.25rem;
    font-weight: normal;
    text-align: start;
  }
  .distribution th {
    inline-size: 2rem;
  }
  .bar-cell {
    inline-size: 100%;
  }
  .bar {
    display: block;
    block-size: 0.75rem;
    min-inline-size: 2px;
    border-radius: 0.375rem;
    background: var(--_primary);
  }
  .distribution .count {
    inline-size: 3rem;
    text-align: end;
  }
`;
