import { css } from 'lit';

export const trackingLookupStyles = css`
  :host {
    display: block;
  }
  h3,
  h4 {
    font-size: 1.05em;
    font-weight: bold;
  }
  label,
  dt {
    font-weight: bold;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
  }
  input {
    inline-size: 100%;
    max-inline-size: 16rem;
    padding: 0.5rem;
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    font-size: 1.2em;
  }
  .invalid {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
  }
  .invalid input {
    border-color: var(--_danger);
  }
  .field-error,
  .notice.error {
    color: var(--_danger);
    font-weight: bold;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
  }
  .answer {
    margin-block-start: 0.75rem;
    padding: 0.75rem;
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .answer-text {
    white-space: pre-wrap;
  }
`;
