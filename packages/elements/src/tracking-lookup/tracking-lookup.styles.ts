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
  dt {
    font-weight: bold;
  }
  input[type='text'] {
    max-inline-size: 16rem;
    font-size: 1.2em;
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
