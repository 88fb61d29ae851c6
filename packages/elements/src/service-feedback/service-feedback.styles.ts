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
  .invalid textarea,
  .invalid input[type='text'],
  .rating.invalid .rating-option {
    border-color: var(--_danger);
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
  /* The rows drawn before the summary's read: the same cells, so the same height. */
  .placeholder .bar {
    background: var(--_subtle);
  }
  .placeholder th,
  .placeholder .count {
    color: var(--_muted);
  }
`;
